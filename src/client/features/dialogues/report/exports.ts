/**
 * The report's exports, made on the device from local data (so they work offline):
 *
 * - CSV for a spreadsheet: UTF-8 with a byte-order mark (without one, Excel reads UTF-8 as the
 *   Windows code page and Arabic or Tigrinya turns into mojibake), RFC 4180 (CRLF line ends, a field
 *   with a comma, a quote or a line break in quotes, quotes doubled), a header row and one row per
 *   visible contribution. A cell that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`,
 *   tab, carriage return first) gets a leading apostrophe, so a contribution cannot run one.
 * - JSON with the same data, structured, for other systems (unchanged text: no apostrophes).
 */
import type { Translation } from '../../../../shared/domain/translation.ts';
import { utcToLocal } from '../form/local-date-time.ts';
import { toCsv } from '../../../ui/csv.ts';
import { channelOf, type ChannelKey, type Report } from './report.ts';

export { BOM, csvField, neutralise, toCsv } from '../../../ui/csv.ts';

/** "2026-03-29 03:15": the minute in `timeZone` (the municipality's), sortable as text. */
export function localMinute(iso: string, timeZone: string): string {
  return utcToLocal(iso, timeZone).replace('T', ' ');
}

export interface ExportTranslation {
  readonly lang: string;
  readonly languageName: string;
  readonly text: string;
  readonly translatedBy: string;
  readonly createdAt: string;
}

/** One visible contribution as both exports give it. */
export interface ExportRow {
  readonly id: string;
  /** UTC, ISO 8601. */
  readonly createdAt: string;
  /** In the municipality's time zone, "YYYY-MM-DD HH:mm". */
  readonly localTime: string;
  readonly lang: string;
  /** The language's name in Swedish (the code itself when the registry does not know it). */
  readonly languageName: string;
  readonly themeId: string | null;
  readonly themeName: string | null;
  readonly channel: ChannelKey;
  readonly text: string;
  readonly translations: readonly ExportTranslation[];
}

export interface ExportOptions {
  readonly timeZone: string;
  /** A language's name in Swedish. */
  readonly languageName: (code: string) => string;
}

function exportTranslation(t: Translation, options: ExportOptions): ExportTranslation {
  return {
    lang: t.lang,
    languageName: options.languageName(t.lang),
    text: t.text,
    translatedBy: t.translatedBy,
    createdAt: t.createdAt,
  };
}

export function exportRows(report: Report, options: ExportOptions): ExportRow[] {
  return report.quotes.map(({ contribution: c, translations, theme }) => ({
    id: c.id,
    createdAt: c.createdAt,
    localTime: localMinute(c.createdAt, options.timeZone),
    lang: c.lang,
    languageName: options.languageName(c.lang),
    themeId: theme?.id ?? null,
    themeName: theme?.name ?? null,
    channel: channelOf(c),
    text: c.text,
    translations: translations.map((t) => exportTranslation(t, options)),
  }));
}

export interface CsvLabels {
  /** The header row, in the column order: time, language code, language, theme, channel, text, translations. */
  readonly headers: readonly [string, string, string, string, string, string, string];
  readonly channel: (channel: ChannelKey) => string;
  /** One translation in the translations cell ("engelska: … (översatt av Fia)"). */
  readonly translation: (translation: ExportTranslation) => string;
}

/** The CSV file's text: a header row and one row per visible contribution, oldest first. */
export function buildCsv(rows: readonly ExportRow[], labels: CsvLabels): string {
  return toCsv([
    labels.headers,
    ...rows.map((row) => [
      row.localTime,
      row.lang,
      row.languageName,
      row.themeName ?? '',
      labels.channel(row.channel),
      row.text,
      row.translations.map(labels.translation).join('\n'),
    ]),
  ]);
}

/** The JSON file's data: the report's content, structured, without anything hidden. */
export function buildJson(
  report: Report,
  rows: readonly ExportRow[],
  options: ExportOptions & { readonly exportedAt: string },
) {
  const { dialogue } = report;
  const translation = (t: Translation) => exportTranslation(t, options);
  return {
    format: 'delaktig-report',
    version: 1,
    exportedAt: options.exportedAt,
    timeZone: options.timeZone,
    dialogue: {
      id: dialogue.id,
      title: dialogue.title,
      question: dialogue.question,
      questionTranslations: report.questionTranslations.map(translation),
      status: dialogue.status,
      targetGroup: dialogue.targetGroup ?? null,
      ageFrom: dialogue.ageFrom ?? null,
      ageTo: dialogue.ageTo ?? null,
      method: dialogue.method ?? null,
      place: dialogue.place ?? null,
      startsAt: dialogue.startsAt ?? null,
      focusAreas: dialogue.focusAreas ?? [],
      articles: dialogue.articles ?? [],
      facilitators: dialogue.facilitators ?? null,
      closedAt: dialogue.closedAt ?? null,
    },
    counts: {
      contributions: report.counts.contributions,
      participants: report.counts.participants,
      byChannel: Object.fromEntries(report.counts.byChannel.map((c) => [c.channel, c.count])),
    },
    background: report.background,
    themes: report.themes.map(({ theme, quotes }) => ({
      id: theme.id,
      name: theme.name,
      summary: theme.summary ?? '',
      // Unknown (a summary from before its language was asked): null.
      summaryLang: theme.summaryLang ?? null,
      contributionIds: quotes.map((q) => q.contribution.id),
    })),
    contributions: rows,
    votes: report.votes && {
      voters: report.votes.voters,
      dots: report.votes.dots,
      perTheme: report.votes.rows.map((row) => ({
        themeId: row.theme.id,
        name: row.theme.name,
        dots: row.dots,
      })),
    },
    feedback: report.feedback.map(({ feedback, translations }) => ({
      committee: feedback.committeeName,
      decidedOn: feedback.decidedOn,
      text: feedback.text,
      translations: translations.map(translation),
    })),
    photos: report.photos.map((photo) => ({
      id: photo.id,
      caption: photo.caption ?? null,
      sha256: photo.sha256,
      mime: photo.mime,
      width: photo.width,
      height: photo.height,
      createdAt: photo.createdAt,
    })),
  };
}

export type ReportJson = ReturnType<typeof buildJson>;

export { reportFileName } from '../../../ui/csv.ts';
