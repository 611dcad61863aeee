/**
 * How a synced record of a citizen dialogue becomes what the views read (sync-apply.ts calls
 * these): dialogues, contributions, respondents' answers, translations, themes, votes, feedback
 * and photos. Null for a tombstone.
 */
import type {
  BackgroundQuestion,
  Dialogue,
  DialogueMethod,
  DialogueStatus,
} from '../../shared/domain/dialogue.ts';
import type { Contribution, ContributionChannel } from '../../shared/domain/contribution.ts';
import type { Respondent } from '../../shared/domain/respondent.ts';
import type { Theme } from '../../shared/domain/theme.ts';
import type { Vote } from '../../shared/domain/vote.ts';
import type { Feedback } from '../../shared/domain/feedback.ts';
import type { FocusArea } from '../../shared/domain/crc.ts';
import type { TranslatableEntity, Translation } from '../../shared/domain/translation.ts';
import { isPhotoMime, isThumbnail, type Photo } from '../../shared/domain/photo.ts';
import type { JsonValue } from '../../shared/sync/change.ts';
import type { RecordState } from '../../shared/sync/merge.ts';
import type { DelaktigDatabase } from './database.ts';
import {
  count,
  isNumber,
  isString,
  list,
  newest,
  optionalNumber,
  optionalText,
  text,
  unlessDeleted,
} from './record-values.ts';

const dotsOf = (value: JsonValue | undefined): Record<string, number> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(
        Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
      )
    : {};

export const DIALOGUE_MATERIALIZE = {
  dialogue: (s: RecordState): Dialogue | null =>
    s.values.deleted === true
      ? null
      : {
          id: s.id,
          tenantId: s.tenantId,
          title: text(s.values.title),
          question: text(s.values.question),
          description: text(s.values.description),
          descriptionLang: optionalText(s.values.descriptionLang),
          status: text(s.values.status, 'planned') as DialogueStatus,
          targetGroup: optionalText(s.values.targetGroup),
          ageFrom: optionalNumber(s.values.ageFrom),
          ageTo: optionalNumber(s.values.ageTo),
          method: optionalText(s.values.method) as DialogueMethod | undefined,
          place: optionalText(s.values.place),
          startsAt: optionalText(s.values.startsAt) ?? null,
          focusAreas: list(s.values.focusAreas, isString) as FocusArea[],
          articles: list(s.values.articles, isNumber),
          facilitators: optionalText(s.values.facilitators),
          backgroundQuestions: list(s.values.backgroundQuestions, isString) as BackgroundQuestion[],
          areaOptions: list(s.values.areaOptions, isString),
          joinCode: optionalText(s.values.joinCode),
          votingOpen: s.values.votingOpen === true,
          dotsPerParticipant:
            typeof s.values.dotsPerParticipant === 'number' ? s.values.dotsPerParticipant : undefined,
          closedAt: optionalText(s.values.closedAt) ?? null,
          feedbackAt: optionalText(s.values.feedbackAt) ?? null,
          createdAt: text(s.values.createdAt),
          updatedAt: text(s.values.updatedAt, text(s.values.createdAt)),
          createdHlc: text(s.values.createdHlc, s.stamps.createdAt ?? newest(s.stamps)),
          hlc: newest(s.stamps),
        },
  contribution: (s: RecordState): Contribution | null =>
    unlessDeleted(s, {
      dialogueId: text(s.values.dialogueId),
      // A hidden contribution's words reach admins only (the server leaves them out for others).
      text: text(s.values.text),
      lang: text(s.values.lang, 'und'),
      channel: optionalText(s.values.channel) as ContributionChannel | undefined,
      participantKey: optionalText(s.values.participantKey),
      themeId: optionalText(s.values.themeId) ?? null,
      hidden: s.values.hidden === true,
      hiddenReason: optionalText(s.values.hiddenReason),
      hiddenAt: optionalText(s.values.hiddenAt),
      hiddenBy: optionalText(s.values.hiddenBy),
    }),
  respondent: (s: RecordState): Respondent | null =>
    unlessDeleted(s, {
      dialogueId: text(s.values.dialogueId),
      participantKey: text(s.values.participantKey),
      ageBand: optionalText(s.values.ageBand),
      gender: optionalText(s.values.gender),
      area: optionalText(s.values.area),
    }),
  translation: (s: RecordState): Translation | null =>
    s.values.deleted === true
      ? null
      : {
          id: s.id,
          tenantId: s.tenantId,
          dialogueId: text(s.values.dialogueId),
          targetEntity: text(s.values.targetEntity) as TranslatableEntity,
          targetId: text(s.values.targetId),
          field: text(s.values.field),
          lang: text(s.values.lang, 'und'),
          text: text(s.values.text),
          translatedBy: text(s.values.translatedBy),
          createdAt: text(s.values.createdAt),
          hlc: s.stamps.createdAt ?? newest(s.stamps),
        },
  theme: (s: RecordState): Theme | null =>
    unlessDeleted(s, {
      dialogueId: text(s.values.dialogueId),
      name: text(s.values.name),
      summary: text(s.values.summary),
      summaryLang: optionalText(s.values.summaryLang),
      order: typeof s.values.order === 'number' ? s.values.order : 0,
    }),
  vote: (s: RecordState): Vote | null =>
    unlessDeleted(s, {
      dialogueId: text(s.values.dialogueId),
      participantKey: text(s.values.participantKey),
      dots: dotsOf(s.values.dots),
      channel: optionalText(s.values.channel) as Vote['channel'],
    }),
  feedback: (s: RecordState): Feedback | null =>
    unlessDeleted(s, {
      dialogueId: text(s.values.dialogueId),
      committeeId: text(s.values.committeeId),
      committeeName: text(s.values.committeeName),
      decidedOn: text(s.values.decidedOn),
      text: text(s.values.text),
    }),
  // A photo is shown only with a type and a thumbnail of ours: never an address to load from elsewhere.
  photo: (s: RecordState): Photo | null =>
    s.values.deleted === true || !isPhotoMime(s.values.mime) || !isThumbnail(s.values.thumbnail)
      ? null
      : {
          id: s.id,
          tenantId: s.tenantId,
          dialogueId: text(s.values.dialogueId),
          sha256: text(s.values.sha256),
          mime: s.values.mime,
          bytes: count(s.values.bytes),
          width: count(s.values.width),
          height: count(s.values.height),
          thumbnail: s.values.thumbnail,
          ...(typeof s.values.caption === 'string' && s.values.caption !== ''
            ? { caption: s.values.caption }
            : {}),
          createdAt: text(s.values.createdAt),
          hlc: s.stamps.createdAt ?? newest(s.stamps),
        },
};

/** The table each of these entities is shown from. */
export function dialogueTables(db: DelaktigDatabase) {
  return {
    dialogue: db.dialogues,
    contribution: db.contributions,
    translation: db.translations,
    respondent: db.respondents,
    photo: db.photos,
    theme: db.themes,
    vote: db.votes,
    feedback: db.feedback,
  };
}
