/**
 * Reading a CSV file (RFC 4180) as a spreadsheet writes it: a byte-order mark is dropped; fields in
 * quotes may hold the separator, doubled quotes and line breaks; lines end in CRLF or LF. Excel in a
 * Swedish locale separates with semicolons: the separator is whichever of `,` `;` and tab occurs
 * most in the header line (outside quotes).
 */

export interface CsvTable {
  readonly separator: string;
  /** Each record's fields, with the line it starts on (1-based, for error reports). */
  readonly rows: readonly { readonly line: number; readonly fields: readonly string[] }[];
  /** Set when a quoted field never ends: the line it started on. */
  readonly unterminatedAt?: number;
}

function guessSeparator(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts.entries()].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

export function readCsv(input: string): CsvTable {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const separator = guessSeparator(text);
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 0;
  const endRow = () => {
    fields.push(field);
    // A line with nothing on it (often the last) is not a record.
    if (fields.length > 1 || fields[0] !== '') rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === separator) {
      fields.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (quoted) return { separator, rows, unterminatedAt: quoteLine };
  if (field !== '' || fields.length > 0) endRow();
  return { separator, rows };
}
