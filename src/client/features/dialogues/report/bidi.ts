/**
 * A translated sentence with someone's words in it ("Översatt av {{name}}"), in pieces, so the view
 * can isolate the inserted words in <bdi>: a Swedish name in an Arabic sentence, or an Arabic theme
 * name in a Swedish one, then keeps its own direction without reordering the sentence around it.
 */

/** A character no translation or name contains (private use), marking where the value goes. */
export const SLOT = '\uE000';

export interface Piece {
  readonly text: string;
  /** True for the inserted words (to isolate in <bdi>), false for the sentence around them. */
  readonly value: boolean;
}

/** `translated` is the sentence translated with SLOT as the value; the pieces put `value` in its place. */
export function pieces(translated: string, value: string): Piece[] {
  const parts = translated.split(SLOT);
  const out: Piece[] = [];
  parts.forEach((text, index) => {
    if (text !== '') out.push({ text, value: false });
    if (index < parts.length - 1) out.push({ text: value, value: true });
  });
  return out;
}
