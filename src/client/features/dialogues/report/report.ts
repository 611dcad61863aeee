/**
 * The report ("underlag") of a dialogue, built from what this device has: pure, so the document,
 * the CSV and the JSON are made from the same data, and tested without a browser.
 *
 * A hidden contribution appears nowhere: not as a quote, not in a count, not through a translation
 * of it. Contributions are listed oldest first (by hybrid clock), themes in their order.
 */
import {
  CONTRIBUTION_CHANNELS,
  isVisible,
  type Contribution,
  type ContributionChannel,
} from '../../../../shared/domain/contribution.ts';
import {
  AGE_BANDS,
  BACKGROUND_QUESTIONS,
  GENDERS,
  PREFER_NOT_TO_SAY,
  type BackgroundQuestion,
  type Dialogue,
} from '../../../../shared/domain/dialogue.ts';
import type { Feedback } from '../../../../shared/domain/feedback.ts';
import type { Photo } from '../../../../shared/domain/photo.ts';
import type { Respondent } from '../../../../shared/domain/respondent.ts';
import type { Theme } from '../../../../shared/domain/theme.ts';
import { latestByLanguage, type Translation } from '../../../../shared/domain/translation.ts';
import { tally, type Vote } from '../../../../shared/domain/vote.ts';

/** Everything of one dialogue the report is made from, as the repositories return it. */
export interface ReportSource {
  readonly dialogue: Dialogue;
  /** Hidden ones included: the report leaves them out. */
  readonly contributions: readonly Contribution[];
  readonly themes: readonly Theme[];
  readonly votes: readonly Pick<Vote, 'dots'>[];
  readonly respondents: readonly Respondent[];
  /** Every translation of the dialogue: of its question, its contributions and its feedback. */
  readonly translations: readonly Translation[];
  readonly feedback: readonly Feedback[];
  readonly photos: readonly Photo[];
}

/** A visible contribution with the newest translation per language, and its theme (null: none). */
export interface Quote {
  readonly contribution: Contribution;
  readonly translations: readonly Translation[];
  readonly theme: Theme | null;
}

export interface ThemeSection {
  readonly theme: Theme;
  readonly quotes: readonly Quote[];
}

/** Where the contribution came from; `unknown` for one without a channel of ours. */
export type ChannelKey = ContributionChannel | 'unknown';

export interface Counts {
  /** Visible contributions. */
  readonly contributions: number;
  /**
   * People who took part: distinct participant keys (a phone session, a turn at a kiosk) of visible
   * contributions, and each paper contribution without one (a post-it is one person's).
   */
  readonly participants: number;
  /** Visible contributions per channel, in the order of CONTRIBUTION_CHANNELS; none left out. */
  readonly byChannel: readonly { readonly channel: ChannelKey; readonly count: number }[];
}

/**
 * One answer and how many gave it. `value` is a code (an age band, a gender, PREFER_NOT_TO_SAY),
 * an area as written, or null for respondents who left the question unanswered.
 */
export interface AnswerCount {
  readonly value: string | null;
  readonly count: number;
}

export interface QuestionSummary {
  readonly question: BackgroundQuestion;
  readonly answers: readonly AnswerCount[];
}

export interface BackgroundSummary {
  /** Participants who answered any background question. */
  readonly respondents: number;
  /** The questions asked (or answered), in the order of BACKGROUND_QUESTIONS. */
  readonly questions: readonly QuestionSummary[];
}

export interface VoteRow {
  readonly theme: Theme;
  readonly dots: number;
  /** Share of all dots on the report's themes, 0–1. */
  readonly share: number;
}

export interface VoteResults {
  readonly voters: number;
  readonly dots: number;
  /** Most dots first; equal ones in the themes' order. */
  readonly rows: readonly VoteRow[];
}

export interface FeedbackEntry {
  readonly feedback: Feedback;
  readonly translations: readonly Translation[];
}

export interface Report {
  readonly dialogue: Dialogue;
  /** The newest translation of the question per language. */
  readonly questionTranslations: readonly Translation[];
  readonly counts: Counts;
  readonly background: BackgroundSummary;
  /** Every theme in order, each with its visible contributions (a theme may have none). */
  readonly themes: readonly ThemeSection[];
  /** Visible contributions in no theme (or in one that no longer exists). */
  readonly ungrouped: readonly Quote[];
  /** Every visible contribution, oldest first: the rows of the exports. */
  readonly quotes: readonly Quote[];
  /** Null when nobody voted and voting is not open. */
  readonly votes: VoteResults | null;
  readonly feedback: readonly FeedbackEntry[];
  readonly photos: readonly Photo[];
}

const byHlc = <T extends { readonly hlc: string }>(a: T, b: T): number =>
  a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0;

const byLang = (a: Translation, b: Translation): number => (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : 0);

/** The newest translation per language of one field of one record, by language code. */
function translationsOf(
  translations: readonly Translation[],
  entity: Translation['targetEntity'],
  id: string,
  field: string,
): Translation[] {
  const own = translations.filter((t) => t.targetEntity === entity);
  return [...latestByLanguage(own, id, field).values()].sort(byLang);
}

/** The channel a contribution came through, `unknown` for none (or one this version does not know). */
export function channelOf(contribution: Pick<Contribution, 'channel'>): ChannelKey {
  const channel = contribution.channel;
  return channel && (CONTRIBUTION_CHANNELS as readonly string[]).includes(channel) ? channel : 'unknown';
}

export function countContributions(contributions: readonly Contribution[]): Counts {
  const visible = contributions.filter(isVisible);
  const keys = new Set<string>();
  let keyless = 0;
  const perChannel = new Map<ChannelKey, number>();
  for (const contribution of visible) {
    if (contribution.participantKey) keys.add(contribution.participantKey);
    else if (contribution.channel === 'paper') keyless++;
    const channel = channelOf(contribution);
    perChannel.set(channel, (perChannel.get(channel) ?? 0) + 1);
  }
  const order: readonly ChannelKey[] = [...CONTRIBUTION_CHANNELS, 'unknown'];
  return {
    contributions: visible.length,
    participants: keys.size + keyless,
    byChannel: order
      .filter((channel) => perChannel.has(channel))
      .map((channel) => ({ channel, count: perChannel.get(channel) ?? 0 })),
  };
}

const answered = (value: string | undefined): value is string => value !== undefined && value !== '';

function summarise(
  respondents: readonly Respondent[],
  question: BackgroundQuestion,
  options: readonly string[],
): QuestionSummary {
  const counts = new Map<string, number>(options.map((option) => [option, 0]));
  let unanswered = 0;
  for (const respondent of respondents) {
    const value = respondent[question];
    if (answered(value)) counts.set(value, (counts.get(value) ?? 0) + 1);
    else unanswered++;
  }
  const known = new Set(options);
  // Free-text areas (and answers no longer among the options): most given first, then by name.
  const others = [...counts.entries()]
    .filter(([value]) => !known.has(value))
    .sort(([a, m], [b, n]) => n - m || a.localeCompare(b, 'sv'));
  const listed = options.filter((o) => o !== PREFER_NOT_TO_SAY).map((o) => [o, counts.get(o) ?? 0] as const);
  const preferNot = options.includes(PREFER_NOT_TO_SAY)
    ? [[PREFER_NOT_TO_SAY, counts.get(PREFER_NOT_TO_SAY) ?? 0] as const]
    : [];
  return {
    question,
    answers: [
      ...[...listed, ...others, ...preferNot].map(([value, count]) => ({ value, count })),
      ...(unanswered > 0 ? [{ value: null, count: unanswered }] : []),
    ],
  };
}

/**
 * Counts per answer of each background question the dialogue asks or someone answered: every
 * option (also those nobody chose), free-text areas, "prefer not to say", and "no answer".
 */
export function summariseBackground(
  dialogue: Pick<Dialogue, 'backgroundQuestions' | 'areaOptions'>,
  respondents: readonly Respondent[],
): BackgroundSummary {
  const asked = new Set(dialogue.backgroundQuestions ?? []);
  const options: Record<BackgroundQuestion, readonly string[]> = {
    ageBand: [...AGE_BANDS, PREFER_NOT_TO_SAY],
    gender: GENDERS,
    area: [...(dialogue.areaOptions ?? []), PREFER_NOT_TO_SAY],
  };
  const questions = BACKGROUND_QUESTIONS.filter(
    (q) => asked.has(q) || respondents.some((r) => answered(r[q])),
  ).map((q) => summarise(respondents, q, options[q]));
  return { respondents: respondents.length, questions };
}

export function voteResults(
  votes: readonly Pick<Vote, 'dots'>[],
  themes: readonly Theme[],
  votingOpen: boolean,
): VoteResults | null {
  if (votes.length === 0 && !votingOpen) return null;
  const { perTheme, voters } = tally(votes);
  const dots = themes.reduce((sum, theme) => sum + (perTheme.get(theme.id) ?? 0), 0);
  const rows = themes
    .map((theme, index) => ({ theme, index, dots: perTheme.get(theme.id) ?? 0 }))
    .sort((a, b) => b.dots - a.dots || a.index - b.index)
    .map(({ theme, dots: n }) => ({ theme, dots: n, share: dots === 0 ? 0 : n / dots }));
  return { voters, dots, rows };
}

export function buildReport(source: ReportSource): Report {
  const { dialogue, translations } = source;
  const themes = [...source.themes].sort((a, b) => a.order - b.order || byHlc(a, b));
  const themeById = new Map(themes.map((theme) => [theme.id, theme]));
  const quotes: Quote[] = source.contributions
    .filter(isVisible)
    .sort(byHlc)
    .map((contribution) => ({
      contribution,
      translations: translationsOf(translations, 'contribution', contribution.id, 'text'),
      theme: (contribution.themeId && themeById.get(contribution.themeId)) || null,
    }));
  return {
    dialogue,
    questionTranslations: translationsOf(translations, 'dialogue', dialogue.id, 'question'),
    counts: countContributions(source.contributions),
    background: summariseBackground(dialogue, source.respondents),
    themes: themes.map((theme) => ({ theme, quotes: quotes.filter((q) => q.theme?.id === theme.id) })),
    ungrouped: quotes.filter((q) => q.theme === null),
    quotes,
    votes: voteResults(source.votes, themes, dialogue.votingOpen === true),
    feedback: [...source.feedback].sort(byHlc).map((feedback) => ({
      feedback,
      translations: translationsOf(translations, 'feedback', feedback.id, 'text'),
    })),
    photos: [...source.photos].sort(byHlc),
  };
}
