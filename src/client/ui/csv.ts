/**
 * Files made on the device from local data (so they work offline), for a report or Open Space
 * proceedings: CSV for a spreadsheet, UTF-8 with a byte-order mark (without one, Excel reads UTF-8
 * as the Windows code page and Arabic or Tigrinya turns into mojibake), RFC 4180 (CRLF line ends, a
 * field with a comma, a quote or a line break in quotes, quotes doubled). A cell that a spreadsheet
 * would take for a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets a leading
 * apostrophe, so a contribution cannot run one. And a file name any system takes.
 */
export const BOM = '\uFEFF';
const CRLF = '\r\n';

/** What a spreadsheet reads as the start of a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet shows as text, never runs. */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Rows to CSV text: BOM, every cell neutralised and quoted as needed, CRLF after every row. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map((row) => row.map((cell) => csvField(neutralise(cell))).join(',') + CRLF).join('');
}

/** Characters no file system (Windows, macOS, Linux) accepts in a name, and control characters. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * "underlag-trygghet-i-centrum-2026-05-14.csv": the dialogue's title as a file name any system takes
 * (letters of every script kept; reserved characters, direction marks and controls dropped; no
 * leading or trailing dot), at most 60 characters of it, and the date.
 */
export function reportFileName(
  prefix: string,
  title: string,
  date: string,
  extension: 'csv' | 'json',
): string {
  const words = title
    .normalize('NFC')
    .replace(UNSAFE, ' ')
    .trim()
    .split(/\s+/u)
    .filter((w) => w !== '')
    .join('-')
    .toLocaleLowerCase('sv');
  const cut = [...new Intl.Segmenter('sv', { granularity: 'grapheme' }).segment(words)]
    .slice(0, 60)
    .map((s) => s.segment)
    .join('')
    .replace(/^[.-]+|[.-]+$/g, '');
  const safePrefix = prefix.normalize('NFC').replace(UNSAFE, '').trim().replace(/\s+/g, '-') || 'report';
  return `${[safePrefix, cut, date].filter((part) => part !== '').join('-')}.${extension}`;
}
