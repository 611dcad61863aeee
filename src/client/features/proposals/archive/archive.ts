/**
 * The archive of every year's proposals: filters, search, the CSV export and the follow-up's
 * figures. Pure: tested without a browser.
 */
import type { FocusArea } from '../../../../shared/domain/crc.ts';
import {
  medianDaysToDecision,
  resultOf,
  type Proposal,
  type ProposalStatus,
  type Result,
} from '../../../../shared/domain/proposal.ts';
import { searchQuery } from '../../../../shared/search/text-search.ts';
import { toCsv } from '../../dialogues/report/exports.ts';

export interface ArchiveFilter {
  readonly year: number | null;
  readonly committeeId: string;
  readonly status: ProposalStatus | '';
  readonly article: number | null;
  readonly focusArea: FocusArea | '';
  readonly query: string;
}

export const NO_FILTER: ArchiveFilter = {
  year: null,
  committeeId: '',
  status: '',
  article: null,
  focusArea: '',
  query: '',
};

/** The proposals that pass every filter, newest year first, then newest first. */
export function filterArchive(proposals: readonly Proposal[], filter: ArchiveFilter): Proposal[] {
  const search = searchQuery(filter.query);
  return proposals
    .filter(
      (p) =>
        (filter.year === null || p.year === filter.year) &&
        (filter.committeeId === '' || p.committeeId === filter.committeeId) &&
        (filter.status === '' || p.status === filter.status) &&
        (filter.article === null || p.articles.includes(filter.article)) &&
        (filter.focusArea === '' || p.focusAreas.includes(filter.focusArea)) &&
        (search.empty ||
          search.matches(
            [p.title, p.summary, p.background, p.proposal, p.affected, p.decisionText].join('\n'),
            p.lang,
          )),
    )
    .sort((a, b) => b.year - a.year || (a.createdHlc < b.createdHlc ? 1 : -1));
}

/** The years that have proposals, newest first. */
export function yearsOf(proposals: readonly Pick<Proposal, 'year'>[]): number[] {
  return [...new Set(proposals.map((p) => p.year))].sort((a, b) => b - a);
}

export interface ArchiveCsvLabels {
  readonly headers: readonly string[];
  readonly status: (status: ProposalStatus) => string;
  readonly outcome: (outcome: NonNullable<Proposal['outcome']>) => string;
}

/** The archive as a spreadsheet: one row per proposal, the columns the import reads back. */
export function archiveCsv(proposals: readonly Proposal[], labels: ArchiveCsvLabels): string {
  return toCsv([
    labels.headers,
    ...proposals.map((p) => [
      String(p.year),
      p.title,
      p.summary,
      p.proposal,
      p.committeeName,
      labels.status(p.status),
      p.outcome ? labels.outcome(p.outcome) : '',
      p.decidedOn ?? '',
      p.decisionText,
      p.submittedAt?.slice(0, 10) ?? '',
      p.articles.join(' '),
      p.lang,
    ]),
  ]);
}

/** The column names the export writes and the import reads (csv-import.ts). */
export const CSV_COLUMNS = [
  'year',
  'title',
  'summary',
  'proposal',
  'committee',
  'status',
  'outcome',
  'decidedOn',
  'decisionText',
  'submittedOn',
  'articles',
  'lang',
] as const;

export const RESULTS: readonly Result[] = ['yes', 'partly', 'no', 'pending', 'withdrawn'];

export interface YearOutcomes {
  readonly year: number;
  readonly counts: Readonly<Record<Result, number>>;
  readonly total: number;
  /** Median days from submitted to decided (null: none decided with both dates). */
  readonly medianDays: number | null;
}

/** Per year (oldest first): how many proposals ended in each result, and the median time to decision. */
export function outcomesByYear(proposals: readonly Proposal[]): YearOutcomes[] {
  return yearsOf(proposals)
    .reverse()
    .map((year) => {
      const ofYear = proposals.filter((p) => p.year === year && p.status !== 'draft');
      const counts = Object.fromEntries(RESULTS.map((r) => [r, 0])) as Record<Result, number>;
      for (const p of ofYear) counts[resultOf(p)] += 1;
      return { year, counts, total: ofYear.length, medianDays: medianDaysToDecision(ofYear) };
    })
    .filter((row) => row.total > 0);
}
