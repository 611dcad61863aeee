/**
 * The report's content (report.ts): hidden contributions nowhere, not even in a count or through
 * a translation; themes in order with their contributions; participants counted by participant key
 * and paper note; the background summary per answer; the dot-voting table.
 */
import { describe, expect, it } from 'vitest';
import type { Contribution } from '../../../../src/shared/domain/contribution.ts';
import type { Dialogue } from '../../../../src/shared/domain/dialogue.ts';
import type { Respondent } from '../../../../src/shared/domain/respondent.ts';
import type { Theme } from '../../../../src/shared/domain/theme.ts';
import type { Translation } from '../../../../src/shared/domain/translation.ts';
import { pieces, SLOT } from '../../../../src/client/features/dialogues/report/bidi.ts';
import {
  buildReport,
  countContributions,
  summariseBackground,
  voteResults,
  type ReportSource,
} from '../../../../src/client/features/dialogues/report/report.ts';

const DIALOGUE: Dialogue = {
  id: 'd1',
  tenantId: 't',
  title: 'Trygghet i centrum',
  question: 'Vad kan kommunen göra?',
  status: 'closed',
  backgroundQuestions: ['ageBand', 'area'],
  areaOptions: ['Forsbacka', 'Tjärna'],
  createdAt: '2026-05-01T08:00:00.000Z',
  updatedAt: '2026-05-01T08:00:00.000Z',
  createdHlc: '0001',
  hlc: '0001',
};

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

function theme(id: string, name: string, order: number, summary?: string): Theme {
  return {
    id,
    tenantId: 't',
    dialogueId: 'd1',
    name,
    order,
    createdAt: '',
    hlc: `t${order}`,
    ...(summary ? { summary } : {}),
  };
}

function translation(
  targetId: string,
  lang: string,
  text: string,
  hlc: string,
  extra: Partial<Translation> = {},
): Translation {
  return {
    id: `tr-${targetId}-${lang}-${hlc}`,
    tenantId: 't',
    dialogueId: 'd1',
    targetEntity: 'contribution',
    targetId,
    field: 'text',
    lang,
    text,
    translatedBy: 'Fia',
    createdAt: '2026-05-15T10:00:00.000Z',
    hlc,
    ...extra,
  };
}

function respondent(answers: Partial<Pick<Respondent, 'ageBand' | 'gender' | 'area'>>): Respondent {
  seq++;
  return {
    id: `r${seq}`,
    tenantId: 't',
    dialogueId: 'd1',
    participantKey: `k${seq}`,
    createdAt: '',
    hlc: `r${seq}`,
    ...answers,
  };
}

function source(extra: Partial<ReportSource>): ReportSource {
  return {
    dialogue: DIALOGUE,
    contributions: [],
    themes: [],
    votes: [],
    respondents: [],
    translations: [],
    feedback: [],
    photos: [],
    ...extra,
  };
}

describe('the report', () => {
  it('leaves a hidden contribution out of every quote, theme, count and translation', () => {
    const light = contribution('Mer ljus i parken', { themeId: 'th1' });
    const hidden = contribution('Kalle på Storgatan är läskig', {
      themeId: 'th1',
      hidden: true,
      hiddenReason: 'nämner en person',
      participantKey: 'only-hidden',
      channel: 'kiosk',
    });
    const arabic = contribution('مرحبا بالجميع', { lang: 'ar', participantKey: light.participantKey });
    const report = buildReport(
      source({
        contributions: [arabic, hidden, light],
        themes: [theme('th1', 'Belysning', 0)],
        translations: [
          translation(hidden.id, 'sv', 'dold översättning', 'x1'),
          translation(arabic.id, 'sv', 'Hej allihop', 'x2'),
        ],
      }),
    );
    const everything = JSON.stringify(report);
    expect(everything).not.toContain(hidden.text);
    expect(everything).not.toContain('dold översättning');
    expect(everything).not.toContain('only-hidden');
    expect(report.quotes.map((q) => q.contribution.text)).toEqual(['Mer ljus i parken', 'مرحبا بالجميع']);
    expect(report.themes[0]?.quotes.map((q) => q.contribution.id)).toEqual([light.id]);
    expect(report.ungrouped.map((q) => q.contribution.id)).toEqual([arabic.id]);
    expect(report.counts).toEqual({
      contributions: 2,
      participants: 1,
      byChannel: [{ channel: 'phone', count: 2 }],
    });
    expect(report.quotes[1]?.translations.map((t) => t.text)).toEqual(['Hej allihop']);
  });

  it('lists themes in their order, contributions oldest first, and those of a deleted theme as ungrouped', () => {
    const first = contribution('först', { themeId: 'b' });
    const second = contribution('sedan', { themeId: 'a' });
    const orphan = contribution('tema borttaget', { themeId: 'gone' });
    const third = contribution('sist', { themeId: 'b' });
    const report = buildReport(
      source({
        contributions: [third, orphan, second, first],
        themes: [theme('a', 'Andra', 1, 'Sammanfattning A'), theme('b', 'Första', 0)],
      }),
    );
    expect(report.themes.map((s) => s.theme.name)).toEqual(['Första', 'Andra']);
    expect(report.themes[0]?.quotes.map((q) => q.contribution.text)).toEqual(['först', 'sist']);
    expect(report.themes[1]?.theme.summary).toBe('Sammanfattning A');
    expect(report.ungrouped.map((q) => q.contribution.text)).toEqual(['tema borttaget']);
    expect(report.quotes.map((q) => q.contribution.text)).toEqual([
      'först',
      'sedan',
      'tema borttaget',
      'sist',
    ]);
    expect(report.quotes[2]?.theme).toBeNull();
  });

  it('gives the newest translation per language, of contributions, the question and feedback apart', () => {
    const c = contribution('ሰላም ንኹሉ', { lang: 'ti' });
    const report = buildReport(
      source({
        contributions: [c],
        translations: [
          translation(c.id, 'sv', 'Hej alla (gammal)', 'x1'),
          translation(c.id, 'sv', 'Fred åt alla', 'x3', { translatedBy: 'Bo' }),
          translation(c.id, 'en', 'Peace to all', 'x2'),
          translation('d1', 'en', 'What can the municipality do?', 'x4', {
            targetEntity: 'dialogue',
            field: 'question',
          }),
        ],
      }),
    );
    expect(report.quotes[0]?.translations.map((t) => [t.lang, t.text, t.translatedBy])).toEqual([
      ['en', 'Peace to all', 'Fia'],
      ['sv', 'Fred åt alla', 'Bo'],
    ]);
    expect(report.questionTranslations.map((t) => t.text)).toEqual(['What can the municipality do?']);
  });
});

describe('counting contributions', () => {
  it('counts distinct participant keys and each paper note, but not staff notes without a key', () => {
    const counts = countContributions([
      contribution('a', { participantKey: 'same' }),
      contribution('b', { participantKey: 'same' }),
      contribution('c', { participantKey: 'kiosk-turn', channel: 'kiosk' }),
      contribution('post-it 1', { participantKey: undefined, channel: 'paper' }),
      contribution('post-it 2', { participantKey: undefined, channel: 'paper' }),
      contribution('antecknat', { participantKey: undefined, channel: 'staff' }),
      contribution('dold', { participantKey: 'hidden-one', hidden: true }),
      contribution('dold lapp', { participantKey: undefined, channel: 'paper', hidden: true }),
    ]);
    expect(counts).toEqual({
      contributions: 6,
      participants: 4,
      byChannel: [
        { channel: 'phone', count: 2 },
        { channel: 'kiosk', count: 1 },
        { channel: 'paper', count: 2 },
        { channel: 'staff', count: 1 },
      ],
    });
  });

  it('counts a contribution without a known channel as unknown', () => {
    const counts = countContributions([
      contribution('x', { channel: undefined }),
      contribution('y', { channel: 'fax' as never }),
    ]);
    expect(counts.byChannel).toEqual([{ channel: 'unknown', count: 2 }]);
  });
});

describe('the background summary', () => {
  it('counts every answer of each question asked, with zeros, free-text areas, "prefer not to say" and no answer', () => {
    const summary = summariseBackground(DIALOGUE, [
      respondent({ ageBand: '13to15', area: 'Forsbacka' }),
      respondent({ ageBand: '13to15', area: 'Tjärna' }),
      respondent({ ageBand: '16to18', area: 'Forsbacka' }),
      respondent({ ageBand: 'preferNotToSay', area: 'Hagalund' }),
      respondent({ area: 'preferNotToSay', gender: 'girl' }),
    ]);
    expect(summary.respondents).toBe(5);
    expect(summary.questions.map((q) => q.question)).toEqual(['ageBand', 'gender', 'area']);
    expect(summary.questions[0]?.answers).toEqual([
      { value: 'upTo12', count: 0 },
      { value: '13to15', count: 2 },
      { value: '16to18', count: 1 },
      { value: '19to25', count: 0 },
      { value: 'over25', count: 0 },
      { value: 'preferNotToSay', count: 1 },
      { value: null, count: 1 },
    ]);
    // Not asked, but answered (an older version of the dialogue asked it): shown.
    expect(summary.questions[1]?.answers).toEqual([
      { value: 'girl', count: 1 },
      { value: 'boy', count: 0 },
      { value: 'nonBinary', count: 0 },
      { value: 'preferNotToSay', count: 0 },
      { value: null, count: 4 },
    ]);
    expect(summary.questions[2]?.answers).toEqual([
      { value: 'Forsbacka', count: 2 },
      { value: 'Tjärna', count: 1 },
      { value: 'Hagalund', count: 1 },
      { value: 'preferNotToSay', count: 1 },
    ]);
  });

  it('has no questions when none were asked or answered', () => {
    expect(summariseBackground({ backgroundQuestions: [] }, [])).toEqual({ respondents: 0, questions: [] });
  });
});

describe('the dot-voting table', () => {
  const themes = [theme('a', 'Ljus', 0), theme('b', 'Bänkar', 1), theme('c', 'Toaletter', 2)];

  it('sums dots per theme, most first (ties in theme order), with shares, ignoring removed themes', () => {
    const results = voteResults(
      [{ dots: { a: 1, b: 2 } }, { dots: { b: 1, c: 1 } }, { dots: { a: 2, gone: 3 } }],
      themes,
      false,
    );
    expect(results?.voters).toBe(3);
    expect(results?.dots).toBe(7);
    expect(results?.rows.map((r) => [r.theme.id, r.dots])).toEqual([
      ['a', 3],
      ['b', 3],
      ['c', 1],
    ]);
    expect(results?.rows[2]?.share).toBeCloseTo(1 / 7);
  });

  it('is there while voting is open, even with no votes, and not when voting never opened', () => {
    expect(voteResults([], themes, true)).toEqual({
      voters: 0,
      dots: 0,
      rows: themes.map((t) => ({ theme: t, dots: 0, share: 0 })),
    });
    expect(voteResults([], themes, false)).toBeNull();
  });
});

describe('words inserted in a translated sentence', () => {
  it('comes in pieces, the inserted words marked, wherever the language puts them', () => {
    expect(pieces(`Översatt av ${SLOT}`, 'أمل')).toEqual([
      { text: 'Översatt av ', value: false },
      { text: 'أمل', value: true },
    ]);
    expect(pieces(`ترجمة ${SLOT}.`, 'Fia Berg')).toEqual([
      { text: 'ترجمة ', value: false },
      { text: 'Fia Berg', value: true },
      { text: '.', value: false },
    ]);
    expect(pieces(SLOT, 'x')).toEqual([{ text: 'x', value: true }]);
    expect(pieces('utan plats', 'x')).toEqual([{ text: 'utan plats', value: false }]);
  });
});
