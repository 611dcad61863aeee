/**
 * Earlier years' proposals from a CSV file (the programme has run since 2010; docs/proposals.md
 * "Import"). One row per proposal; columns by header name, in English or Swedish, in any order:
 *
 *   year/år, title/rubrik, summary/sammanfattning, proposal/förslag, committee/nämnd,
 *   status, outcome/beslut, decidedOn/beslutsdatum, decisionText/beslutstext,
 *   submittedOn/inlämnat, articles/artiklar, lang/språk
 *
 * A row that cannot be read is not imported; the preview lists it with its line and why.
 */
import { isCrcArticle } from '../../../../shared/domain/crc.ts';
import { FIRST_YEAR, type Outcome, type ProposalStatus } from '../../../../shared/domain/proposal.ts';
import type { CsvTable } from './csv-read.ts';

const COLUMNS: Record<string, string> = {
  year: 'year',
  år: 'year',
  title: 'title',
  rubrik: 'title',
  summary: 'summary',
  sammanfattning: 'summary',
  proposal: 'proposal',
  förslag: 'proposal',
  committee: 'committee',
  nämnd: 'committee',
  status: 'status',
  outcome: 'outcome',
  beslut: 'outcome',
  decidedon: 'decidedOn',
  beslutsdatum: 'decidedOn',
  decisiontext: 'decisionText',
  beslutstext: 'decisionText',
  submittedon: 'submittedOn',
  inlämnat: 'submittedOn',
  articles: 'articles',
  artiklar: 'articles',
  lang: 'lang',
  språk: 'lang',
};

const OUTCOME_WORDS: Record<string, Outcome> = {
  yes: 'yes',
  ja: 'yes',
  partly: 'partly',
  delvis: 'partly',
  no: 'no',
  nej: 'no',
};
const STATUS_WORDS: Record<string, ImportStatus> = {
  submitted: 'submitted',
  inlämnat: 'submitted',
  decided: 'decided',
  beslutat: 'decided',
  implemented: 'implemented',
  genomfört: 'implemented',
  notimplemented: 'notImplemented',
  'ej genomfört': 'notImplemented',
  withdrawn: 'withdrawn',
  återtaget: 'withdrawn',
};

export type ImportStatus = Extract<
  ProposalStatus,
  'submitted' | 'decided' | 'implemented' | 'notImplemented' | 'withdrawn'
>;

export interface ImportedProposal {
  readonly line: number;
  readonly year: number;
  readonly title: string;
  readonly summary: string;
  readonly proposal: string;
  readonly committeeId: string;
  readonly committeeName: string;
  readonly status: ImportStatus;
  readonly outcome: Outcome | null;
  readonly decidedOn: string | null;
  readonly decisionText: string;
  readonly submittedOn: string | null;
  readonly articles: readonly number[];
  readonly lang: string;
}

/** Why a row (or the file) could not be read; `problem` is a key of proposals:import.problems. */
export interface ImportProblem {
  readonly line: number;
  readonly problem:
    | 'noHeader'
    | 'unterminated'
    | 'noTitle'
    | 'badYear'
    | 'noCommittee'
    | 'badStatus'
    | 'badOutcome'
    | 'badDate'
    | 'noDate'
    | 'badArticles';
  readonly value?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) => ISO_DATE.test(s) && !Number.isNaN(Date.parse(s));
const key = (s: string) => s.trim().toLocaleLowerCase('sv').replace(/\s+/g, ' ');

export function importRows(
  table: CsvTable,
  committees: readonly { readonly id: string; readonly name: string }[],
  thisYear: number,
): { rows: ImportedProposal[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const [header, ...records] = table.rows;
  const columns = (header?.fields ?? []).map((h) => COLUMNS[key(h).replace(/ /g, '')] ?? COLUMNS[key(h)]);
  if (!header || !columns.includes('title') || !columns.includes('year'))
    return { rows: [], problems: [{ line: header?.line ?? 1, problem: 'noHeader' }] };
  const rows: ImportedProposal[] = [];
  for (const { line, fields } of records) {
    const cell = (name: string) => fields[columns.indexOf(name)]?.normalize('NFC').trim() ?? '';
    const fail = (problem: ImportProblem['problem'], value?: string) =>
      problems.push({ line, problem, ...(value ? { value } : {}) });
    const year = Number(cell('year'));
    if (!Number.isInteger(year) || year < FIRST_YEAR || year > thisYear) {
      fail('badYear', cell('year'));
      continue;
    }
    if (!cell('title')) {
      fail('noTitle');
      continue;
    }
    const committeeName = cell('committee');
    if (!committeeName) {
      fail('noCommittee');
      continue;
    }
    const committee = committees.find((c) => key(c.name) === key(committeeName));
    const outcomeWord = key(cell('outcome'));
    const outcome = outcomeWord ? OUTCOME_WORDS[outcomeWord] : null;
    if (outcome === undefined) {
      fail('badOutcome', cell('outcome'));
      continue;
    }
    const statusWord = key(cell('status'));
    const status = statusWord ? STATUS_WORDS[statusWord] : outcome ? 'decided' : 'submitted';
    if (!status) {
      fail('badStatus', cell('status'));
      continue;
    }
    const decided = ['decided', 'implemented', 'notImplemented'].includes(status);
    if (decided && !outcome) {
      fail('badOutcome', cell('outcome'));
      continue;
    }
    const decidedOn = cell('decidedOn');
    if (decided && !decidedOn) {
      fail('noDate');
      continue;
    }
    const submittedOn = cell('submittedOn');
    const badDate = [decidedOn, submittedOn].find((d) => d !== '' && !validDate(d));
    if (badDate) {
      fail('badDate', badDate);
      continue;
    }
    const articleCells = cell('articles')
      .split(/[\s,;]+/)
      .filter((a) => a !== '');
    const articles = articleCells.map(Number);
    if (!articles.every(isCrcArticle)) {
      fail('badArticles', cell('articles'));
      continue;
    }
    rows.push({
      line,
      year,
      title: cell('title'),
      summary: cell('summary'),
      proposal: cell('proposal'),
      committeeId: committee?.id ?? `imported:${committeeName}`,
      committeeName: committee?.name ?? committeeName,
      status,
      outcome: decided ? outcome : null,
      decidedOn: decided ? decidedOn : null,
      decisionText: cell('decisionText'),
      submittedOn: submittedOn || null,
      articles: [...new Set(articles)].sort((a, b) => a - b),
      lang: cell('lang') || 'sv',
    });
  }
  return { rows, problems };
}
