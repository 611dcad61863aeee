import { describe, expect, it } from 'vitest';
import type { Proposal } from '../../../../src/shared/domain/proposal.ts';
import { authorsForReport, medianDaysToDecision } from '../../../../src/shared/domain/proposal.ts';
import {
  archiveCsv,
  CSV_COLUMNS,
  filterArchive,
  NO_FILTER,
  outcomesByYear,
} from '../../../../src/client/features/proposals/archive/archive.ts';
import { readCsv } from '../../../../src/client/features/proposals/archive/csv-read.ts';
import { importRows } from '../../../../src/client/features/proposals/archive/csv-import.ts';

let n = 0;
function proposal(fields: Partial<Proposal>): Proposal {
  n++;
  return {
    id: `p${n}`,
    tenantId: 't',
    year: 2019,
    cohortId: null,
    assignmentId: null,
    lang: 'sv',
    title: `Förslag ${n}`,
    summary: '',
    background: '',
    dialogueIds: [],
    proposal: '',
    articles: [],
    focusAreas: [],
    affected: '',
    effort: '',
    committeeId: 'c1',
    committeeName: 'Fritidsnämnden',
    authorIds: [],
    status: 'submitted',
    submittedAt: null,
    decidedAt: null,
    outcome: null,
    decisionText: '',
    decisionBodyId: '',
    decisionBodyName: '',
    decidedOn: null,
    followUpNote: '',
    imported: false,
    createdAt: '2019-07-01T10:00:00Z',
    updatedAt: '2019-07-01T10:00:00Z',
    createdHlc: `00000000000000${n}`,
    hlc: '',
    ...fields,
  };
}

describe('the archive', () => {
  const bus = proposal({ title: 'Gratis busskort', year: 2019, articles: [31], focusAreas: ['equalHealth'] });
  const library = proposal({
    title: 'مكتبة مفتوحة',
    lang: 'ar',
    year: 2024,
    committeeId: 'c2',
    status: 'decided',
    outcome: 'yes',
  });
  const benches = proposal({
    title: 'Fler bänkar',
    summary: 'Förslaget gäller parken',
    year: 2019,
    status: 'draft',
  });
  const all = [bus, library, benches];

  it('filters by year, committee, status, article and focus area', () => {
    expect(filterArchive(all, { ...NO_FILTER, year: 2019 }).map((p) => p.id)).toEqual([benches.id, bus.id]);
    expect(filterArchive(all, { ...NO_FILTER, committeeId: 'c2' })).toEqual([library]);
    expect(filterArchive(all, { ...NO_FILTER, status: 'draft' })).toEqual([benches]);
    expect(filterArchive(all, { ...NO_FILTER, article: 31 })).toEqual([bus]);
    expect(filterArchive(all, { ...NO_FILTER, focusArea: 'equalHealth' })).toEqual([bus]);
  });

  it('searches every text field in the proposal’s own language', () => {
    expect(filterArchive(all, { ...NO_FILTER, query: 'forslaget' })).toEqual([benches]);
    expect(filterArchive(all, { ...NO_FILTER, query: 'مكتبة' })).toEqual([library]);
    expect(filterArchive(all, { ...NO_FILTER, query: 'BUSS' })).toEqual([bus]);
  });

  it('counts outcomes per year and the median days from submitted to decided', () => {
    const decided = (submittedAt: string, decidedOn: string, outcome: Proposal['outcome']) =>
      proposal({ year: 2021, status: 'decided', submittedAt, decidedOn, outcome });
    const rows = outcomesByYear([
      decided('2021-07-10T09:00:00Z', '2021-09-08', 'yes'),
      decided('2021-07-10T09:00:00Z', '2021-10-08', 'no'),
      decided('2021-07-12T09:00:00Z', '2021-12-10', 'partly'),
      proposal({ year: 2021, status: 'withdrawn' }),
      proposal({ year: 2021, status: 'draft' }),
      proposal({ year: 2020, status: 'received' }),
    ]);
    expect(rows.map((r) => [r.year, r.total, r.counts, r.medianDays])).toEqual([
      [2020, 1, { yes: 0, partly: 0, no: 0, pending: 1, withdrawn: 0 }, null],
      [2021, 4, { yes: 1, partly: 1, no: 1, pending: 0, withdrawn: 1 }, 90],
    ]);
    expect(medianDaysToDecision([])).toBeNull();
  });

  it('shows an author’s name only with their consent', () => {
    const members = [
      { id: 'm1', name: 'Amira', consent: true },
      { id: 'm2', name: 'Olle', consent: false },
    ];
    expect(authorsForReport(['m1', 'm2', 'gone'], members)).toEqual(['Amira', null, null]);
  });

  it('exports a CSV that the import reads back', () => {
    const done = proposal({
      title: 'Bänkar, "nu"',
      year: 2015,
      status: 'implemented',
      outcome: 'partly',
      decidedOn: '2015-10-01',
      decisionText: 'Delvis bifall',
      submittedAt: '2015-07-20T10:00:00Z',
      articles: [12, 31],
    });
    const csv = archiveCsv([done], {
      headers: CSV_COLUMNS,
      status: (s) => s,
      outcome: (o) => o,
    });
    const { rows, problems } = importRows(readCsv(csv), [{ id: 'c1', name: 'Fritidsnämnden' }], 2026);
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({
      year: 2015,
      title: 'Bänkar, "nu"',
      committeeId: 'c1',
      status: 'implemented',
      outcome: 'partly',
      decidedOn: '2015-10-01',
      submittedOn: '2015-07-20',
      articles: [12, 31],
    });
  });
});

describe('importing earlier years', () => {
  const committees = [{ id: 'k1', name: 'Kommunstyrelsen' }];

  it('reads Swedish headers and words, and reports every row it cannot read with its line', () => {
    const file = [
      'år;rubrik;nämnd;beslut;beslutsdatum;status;artiklar',
      '2012;Ungdomens hus;kommunstyrelsen;ja;2012-11-02;genomfört;12 31',
      '2009;För tidigt;Kommunstyrelsen;;;;',
      '2013;;Kommunstyrelsen;;;;',
      '2014;Utan datum;Kommunstyrelsen;nej;;;',
      '2015;Konstigt beslut;Kommunstyrelsen;kanske;2015-10-10;;',
      '2016;Fel datum;Kommunstyrelsen;ja;10/10/2016;;',
      '2017;Fel artikel;Kommunstyrelsen;;;;55',
      '2018;Okänd nämnd;Gatunämnden;;;;',
    ].join('\r\n');
    const { rows, problems } = importRows(readCsv(file), committees, 2026);
    expect(rows.map((r) => [r.line, r.title, r.committeeId, r.status, r.outcome])).toEqual([
      [2, 'Ungdomens hus', 'k1', 'implemented', 'yes'],
      [9, 'Okänd nämnd', 'imported:Gatunämnden', 'submitted', null],
    ]);
    expect(problems).toEqual([
      { line: 3, problem: 'badYear', value: '2009' },
      { line: 4, problem: 'noTitle' },
      { line: 5, problem: 'noDate' },
      { line: 6, problem: 'badOutcome', value: 'kanske' },
      { line: 7, problem: 'badDate', value: '10/10/2016' },
      { line: 8, problem: 'badArticles', value: '55' },
    ]);
  });

  it('refuses a file without year and title columns', () => {
    expect(importRows(readCsv('name,age\nA,1'), committees, 2026).problems).toEqual([
      { line: 1, problem: 'noHeader' },
    ]);
  });
});
