import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../../src/client/features/proposals/archive/csv-read.ts';
import { toCsv } from '../../../../src/client/features/dialogues/report/exports.ts';

describe('reading CSV files', () => {
  it('reads quoted fields with separators, doubled quotes and line breaks, CRLF and a BOM', () => {
    const table = readCsv(
      '\uFEFFyear,title\r\n2019,"Bänkar, fler"\r\n2020,"Säg ""hej""\r\npå två rader"\r\n',
    );
    expect(table.separator).toBe(',');
    expect(table.rows).toEqual([
      { line: 1, fields: ['year', 'title'] },
      { line: 2, fields: ['2019', 'Bänkar, fler'] },
      { line: 3, fields: ['2020', 'Säg "hej"\r\npå två rader'] },
    ]);
  });

  it('reads a Swedish Excel export separated by semicolons, with LF line ends and no final newline', () => {
    const table = readCsv('år;rubrik\n2012;Ungdomens hus, nu\n2013;"a;b"');
    expect(table.separator).toBe(';');
    expect(table.rows.map((r) => r.fields)).toEqual([
      ['år', 'rubrik'],
      ['2012', 'Ungdomens hus, nu'],
      ['2013', 'a;b'],
    ]);
    expect(table.rows[2]!.line).toBe(3);
  });

  it('reads back what the archive export writes, Arabic included', () => {
    const rows = [
      ['title', 'summary'],
      ['مكتبة مفتوحة', '=1+1, "quoted"\nnext line'],
    ];
    expect(readCsv(toCsv(rows)).rows.map((r) => r.fields)).toEqual([
      ['title', 'summary'],
      ['مكتبة مفتوحة', '\'=1+1, "quoted"\r\nnext line'.replace('\r\n', '\n')],
    ]);
  });

  it('says where a quoted field never ends', () => {
    expect(readCsv('a,b\n1,"open\n2,3').unterminatedAt).toBe(2);
  });

  it('skips empty lines', () => {
    expect(readCsv('a\n\n\nb\n').rows.map((r) => r.fields)).toEqual([['a'], ['b']]);
  });
});
