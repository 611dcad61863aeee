/**
 * Rules for text typed by people: stored in Unicode NFC, and measured in graphemes (what a reader
 * counts as one character: "👍🏽" and "é" written as e + accent are one each), not UTF-16 units.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function normalizeText(text: string): string {
  return text.normalize('NFC');
}

export function graphemeCount(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

/** True when the text, trimmed, has no visible characters. */
export function isBlank(text: string): boolean {
  return text.trim().length === 0;
}
