/**
 * The report's exports (exports.ts): CSV with a BOM, RFC 4180 quoting and CRLF, formula injection
 * neutralised, times in the municipality's time zone across the clock changes, one row per visible
 * contribution, and Arabic, Tigrinya and emoji byte for byte after a UTF-8 round trip; the JSON
 * with the same rows; a file name every file system takes.
 */
import { describe, expect, it } from 'vitest';
import {
  buildCsv,
  buildJson,
  csvField,
  exportRows,
  localMinute,
  neutralise,
  reportFileName,
  toCsv,
  type CsvLabels,
  type ExportOptions,
} from '../../../../src/client/features/dialogues/report/exports.ts';
import { buildReport, type ReportSource } from '../../../../src/client/features/dialogues/report/report.ts';
import type { Contribution } from '../../../../src/shared/domain/contribution.ts';
import { decodeRegistry, languageNameIn } from '../../../../src/shared/languages/registry.ts';
import { REGISTRY_FILE } from '../../shared/languages/registry-data.ts';

const STOCKHOLM = 'Europe/Stockholm';
const registry = decodeRegistry(REGISTRY_FILE);
const OPTIONS: ExportOptions = {
  timeZone: STOCKHOLM,
  languageName: (code) => languageNameIn(registry, code, 'sv'),
};
const LABELS: CsvLabels = {
  headers: ['Tid', 'Språkkod', 'Språk', 'Tema', 'Kanal', 'Bidrag', 'Översättningar'],
  channel: (channel) =>
    ({ phone: 'Mobil', kiosk: 'Surfplatta', paper: 'Papper', staff: 'Personal', unknown: 'Okänd' })[channel],
  translation: (t) => `${t.languageName}: ${t.text} (översatt av ${t.translatedBy})`,
};

const ARABIC = 'مرحبا بالجميع';
const TIGRINYA = 'ሰላም ንኹሉ';
// A thumbs-up with a skin tone, a family (ZWJ sequence) and a flag: several code points each.
const EMOJI = '👍🏽 mer ljus 👨‍👩‍👧 🇸🇪';

let seq = 0;
function contribution(text: string, extra: Partial<Contribution> = {}): Contribution {
  seq++;
  return {
    id: `c${seq}`,
    tenantId: 't',
    dialogueId: 'd1',
    text,
    lang: 'sv',
    channel: 'phone',
    participantKey: `p${seq}`,
    createdAt: '2026-05-14T16:30:00.000Z',
    hlc: `h${String(seq).padStart(4, '0')}`,
    ...extra,
  };
}

function reportOf(contributions: Contribution[], extra: Partial<ReportSource> = {}) {
  return buildReport({
    dialogue: {
      id: 'd1',
      tenantId: 't',
      title: 'Trygghet i centrum',
      question: 'Vad kan kommunen göra?',
      status: 'closed',
      createdAt: '',
      updatedAt: '',
      createdHlc: '',
      hlc: '',
    },
    contributions,
    themes: [
      { id: 'th1', tenantId: 't', dialogueId: 'd1', name: 'Belysning', order: 0, createdAt: '', hlc: 't' },
    ],
    votes: [],
    respondents: [],
    translations: [],
    feedback: [],
    photos: [],
    ...extra,
  });
}

/** Whether `bytes` holds `part`, byte for byte. */
function contains(bytes: Uint8Array, part: Uint8Array): boolean {
  outer: for (let i = 0; i + part.length <= bytes.length; i++) {
    for (let j = 0; j < part.length; j++) if (bytes[i + j] !== part[j]) continue outer;
    return true;
  }
  return false;
}

/** An RFC 4180 reader, as a spreadsheet reads the file: rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (ch === '\n' || ch === '\r') throw new Error(`A bare line break outside quotes at ${i}`);
    else cell += ch;
  }
  if (quoted) throw new Error('An unterminated quote');
  if (cell !== '' || row.length > 0) throw new Error('The last row has no CRLF');
  return rows;
}

describe('CSV fields', () => {
  it('quotes a field with a comma, a quote or a line break, doubling quotes; leaves others alone', () => {
    expect(csvField('mer ljus')).toBe('mer ljus');
    expect(csvField('ljus, bänkar')).toBe('"ljus, bänkar"');
    expect(csvField('han sa "hej"')).toBe('"han sa ""hej"""');
    expect(csvField('rad 1\nrad 2')).toBe('"rad 1\nrad 2"');
    expect(csvField('rad 1\r\nrad 2')).toBe('"rad 1\r\nrad 2"');
    expect(csvField('')).toBe('');
  });

  it('puts an apostrophe before what a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(neutralise(`${start}HYPERLINK("http://x")`)).toBe(`'${start}HYPERLINK("http://x")`);
    }
    expect(neutralise('1+1=2')).toBe('1+1=2');
    expect(neutralise('mer ljus')).toBe('mer ljus');
    expect(toCsv([['=1+1', '-2', '@SUM(A1)', '+3', 'a=b']])).toBe(`\uFEFF'=1+1,'-2,'@SUM(A1),'+3,a=b\r\n`);
    // Quoting comes after: the apostrophe is inside the quotes.
    expect(toCsv([['=HYPERLINK("x","y")']])).toBe(`\uFEFF"'=HYPERLINK(""x"",""y"")"\r\n`);
  });
});

describe('times in the municipality’s time zone', () => {
  it('writes the minute in Stockholm, summer and winter time, across both clock changes of 2026', () => {
    expect(localMinute('2026-05-14T16:30:00.000Z', STOCKHOLM)).toBe('2026-05-14 18:30');
    expect(localMinute('2026-01-10T08:05:00.000Z', STOCKHOLM)).toBe('2026-01-10 09:05');
    // Spring forward, 29 March 02:00 → 03:00.
    expect(localMinute('2026-03-29T00:59:00.000Z', STOCKHOLM)).toBe('2026-03-29 01:59');
    expect(localMinute('2026-03-29T01:00:00.000Z', STOCKHOLM)).toBe('2026-03-29 03:00');
    // Fall back, 25 October 03:00 → 02:00: 02:30 happens twice.
    expect(localMinute('2026-10-25T00:30:00.000Z', STOCKHOLM)).toBe('2026-10-25 02:30');
    expect(localMinute('2026-10-25T01:30:00.000Z', STOCKHOLM)).toBe('2026-10-25 02:30');
    // Late evening UTC on New Year's Eve is already next year.
    expect(localMinute('2026-12-31T23:30:00.000Z', STOCKHOLM)).toBe('2027-01-01 00:30');
    // Another municipality's zone.
    expect(localMinute('2026-05-14T16:30:00.000Z', 'Europe/Helsinki')).toBe('2026-05-14 19:30');
  });
});

describe('the CSV file', () => {
  const swedish = contribution('Mer ljus, fler bänkar och "trygga" vägar\nhem', { themeId: 'th1' });
  const arabic = contribution(ARABIC, { lang: 'ar', createdAt: '2026-03-29T01:15:00.000Z' });
  const tigrinya = contribution(TIGRINYA, {
    lang: 'ti',
    channel: 'kiosk',
    createdAt: '2026-10-25T01:30:00.000Z',
  });
  const emoji = contribution(EMOJI, { channel: 'paper', participantKey: undefined });
  const formula = contribution('=HYPERLINK("http://evil.example","klicka")', { channel: 'staff' });
  const hidden = contribution('Dolt: namnger en person', { hidden: true, hiddenReason: 'namn' });
  const report = reportOf([swedish, arabic, tigrinya, hidden, emoji, formula], {
    translations: [
      {
        id: 'tr1',
        tenantId: 't',
        dialogueId: 'd1',
        targetEntity: 'contribution',
        targetId: arabic.id,
        field: 'text',
        lang: 'sv',
        text: 'Hej allihop',
        translatedBy: 'Fia',
        createdAt: '',
        hlc: 'x',
      },
    ],
  });
  const rows = exportRows(report, OPTIONS);
  const csv = buildCsv(rows, LABELS);

  it('starts with a byte-order mark, has a header row and one row per visible contribution, with CRLF', () => {
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = parseCsv(csv.slice(1));
    expect(table[0]).toEqual(LABELS.headers);
    expect(table).toHaveLength(1 + 5);
    expect(csv).not.toContain(hidden.text);
    // Every row ends in CRLF (parseCsv refuses a bare line break outside quotes); the text's own
    // line break stays inside its quotes.
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(1 + 5 + 1);
  });

  it('gives time, language code and Swedish name, theme, channel, text and translations per row', () => {
    const table = parseCsv(csv.slice(1));
    expect(table[1]).toEqual([
      '2026-05-14 18:30',
      'sv',
      'svenska',
      'Belysning',
      'Mobil',
      'Mer ljus, fler bänkar och "trygga" vägar\nhem',
      '',
    ]);
    expect(table[2]).toEqual([
      '2026-03-29 03:15',
      'ar',
      'arabiska',
      '',
      'Mobil',
      ARABIC,
      'svenska: Hej allihop (översatt av Fia)',
    ]);
    expect(table[3]).toEqual(['2026-10-25 02:30', 'ti', 'tigrinja', '', 'Surfplatta', TIGRINYA, '']);
    expect(table[4]?.[4]).toBe('Papper');
    expect(table[5]?.[5]).toBe(`'=HYPERLINK("http://evil.example","klicka")`);
  });

  it('keeps Arabic, Tigrinya and emoji byte for byte through UTF-8', () => {
    const bytes = new TextEncoder().encode(csv);
    const decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    expect(decoded.startsWith('\uFEFF')).toBe(false); // the decoder takes the BOM as the encoding mark
    const texts = parseCsv(decoded).map((row) => row[5]);
    expect(texts).toContain(ARABIC);
    expect(texts).toContain(TIGRINYA);
    expect(texts).toContain(EMOJI);
    const utf8 = (text: string) => new TextEncoder().encode(text);
    for (const text of [ARABIC, TIGRINYA, EMOJI]) expect(contains(bytes, utf8(text)), text).toBe(true);
    // The exact bytes: ሰ is U+1230 (E1 88 B0), 👍🏽 is U+1F44D U+1F3FD.
    expect(contains(bytes, Uint8Array.of(0xe1, 0x88, 0xb0))).toBe(true);
    expect(contains(bytes, Uint8Array.of(0xf0, 0x9f, 0x91, 0x8d, 0xf0, 0x9f, 0x8f, 0xbd))).toBe(true);
  });

  it('has only the header row when nothing visible was said', () => {
    const empty = buildCsv(exportRows(reportOf([hidden]), OPTIONS), LABELS);
    expect(parseCsv(empty.slice(1))).toEqual([LABELS.headers]);
  });
});

describe('the JSON file', () => {
  it('has the same rows, unneutralised, and nothing hidden', () => {
    const formula = contribution('=1+1', { themeId: 'th1' });
    const hidden = contribution('Dolt', { hidden: true });
    const report = reportOf([formula, hidden]);
    const rows = exportRows(report, OPTIONS);
    const json = buildJson(report, rows, { ...OPTIONS, exportedAt: '2026-06-01T10:00:00.000Z' });
    const text = JSON.stringify(json);
    expect(text).not.toContain('Dolt');
    expect(json.contributions).toEqual([
      {
        id: formula.id,
        createdAt: formula.createdAt,
        localTime: '2026-05-14 18:30',
        lang: 'sv',
        languageName: 'svenska',
        themeId: 'th1',
        themeName: 'Belysning',
        channel: 'phone',
        text: '=1+1',
        translations: [],
      },
    ]);
    expect(json.counts).toEqual({ contributions: 1, participants: 1, byChannel: { phone: 1 } });
    expect(json.themes).toEqual([
      { id: 'th1', name: 'Belysning', summary: '', summaryLang: null, contributionIds: [formula.id] },
    ]);
    expect(json.dialogue.question).toBe('Vad kan kommunen göra?');
    expect(JSON.parse(text)).toEqual(json);
  });
});

describe('the file name', () => {
  it('is the title in lower case with dashes, the date and the extension', () => {
    expect(reportFileName('underlag', 'Trygghet i centrum', '2026-05-14', 'csv')).toBe(
      'underlag-trygghet-i-centrum-2026-05-14.csv',
    );
  });

  it('drops characters file systems refuse, direction marks and controls, and keeps every script', () => {
    expect(reportFileName('underlag', 'Vad tycker du? <Åk 8>: "ljus/mörker"\\|*', '2026-05-14', 'json')).toBe(
      'underlag-vad-tycker-du-åk-8-ljus-mörker-2026-05-14.json',
    );
    expect(reportFileName('underlag', '\u202Eتقرير\u0007 ሰላም', '2026-05-14', 'csv')).toBe(
      'underlag-تقرير-ሰላም-2026-05-14.csv',
    );
    expect(reportFileName('underlag', '...', '2026-05-14', 'csv')).toBe('underlag-2026-05-14.csv');
    expect(reportFileName('underlag', '   ', '2026-05-14', 'csv')).toBe('underlag-2026-05-14.csv');
  });

  it('keeps at most 60 characters of the title, never splitting an emoji', () => {
    const name = reportFileName('underlag', `${'a'.repeat(59)}👍🏽 och mer`, '2026-05-14', 'csv');
    expect(name).toBe(`underlag-${'a'.repeat(59)}👍🏽-2026-05-14.csv`);
  });
});
