/**
 * Citizen dialogue (medborgardialog): a facilitator asks one question of a target group.
 * This file holds the record shape and its input rules; the status machine (planned → open →
 * closed → reported → feedback given) is in status-machine.ts.
 */
import * as v from 'valibot';
import { boundedText, requiredText } from '../validation/fields.ts';
import { graphemeCount, normalizeText } from '../validation/text.ts';
import { LanguageTagSchema } from './contribution.ts';
import { FOCUS_AREAS, isCrcArticle, type FocusArea } from './crc.ts';

export const DIALOGUE_STATUSES = ['planned', 'open', 'closed', 'reported', 'feedbackGiven'] as const;
export type DialogueStatus = (typeof DIALOGUE_STATUSES)[number];

/** How the dialogue meets its participants. */
export const DIALOGUE_METHODS = ['inPerson', 'digitalRoom', 'school', 'other'] as const;
export type DialogueMethod = (typeof DIALOGUE_METHODS)[number];

/**
 * Optional, anonymous background questions a participant may answer (none by default). Nothing
 * that identifies a person: bands and broad areas, always with "prefer not to say".
 */
export const BACKGROUND_QUESTIONS = ['ageBand', 'gender', 'area'] as const;
export type BackgroundQuestion = (typeof BACKGROUND_QUESTIONS)[number];
export const AGE_BANDS = ['upTo12', '13to15', '16to18', '19to25', 'over25'] as const;
export const GENDERS = ['girl', 'boy', 'nonBinary', 'preferNotToSay'] as const;
/** The answer "prefer not to say", valid for every background question. */
export const PREFER_NOT_TO_SAY = 'preferNotToSay';

export const DIALOGUE_LIMITS = {
  title: 120,
  question: 500,
  description: 20_000,
  targetGroup: 200,
  place: 200,
  facilitators: 300,
  areaOption: 80,
  areaOptions: 30,
  age: 120,
} as const;

/** The question is asked in Swedish; translations are separate records (translation.ts). */
export const QUESTION_LANG = 'sv';

export interface Dialogue {
  readonly id: string;
  readonly tenantId: string;
  readonly title: string;
  readonly question: string;
  /** Facilitators' notes: free text merged from every device (a Yjs text field). */
  readonly description?: string;
  /**
   * The language the notes are written in (BCP 47), chosen beside them; last choice wins. Absent in
   * dialogues from before it was asked, and until notes are first written: unknown.
   */
  readonly descriptionLang?: string;
  readonly status: DialogueStatus;
  /** Who the question is for, in words ("årskurs 8 på Forsbacka"). */
  readonly targetGroup?: string;
  readonly ageFrom?: number | null;
  readonly ageTo?: number | null;
  readonly method?: DialogueMethod;
  readonly place?: string;
  /** UTC, ISO 8601; shown in the municipality's time zone. */
  readonly startsAt?: string | null;
  readonly focusAreas?: readonly FocusArea[];
  /** Articles of the Convention on the Rights of the Child, 1–54. */
  readonly articles?: readonly number[];
  /** Names of the facilitators, as they want them shown. */
  readonly facilitators?: string;
  readonly backgroundQuestions?: readonly BackgroundQuestion[];
  /** The schools or areas offered for the "area" background question. */
  readonly areaOptions?: readonly string[];
  /** Given by the server when the dialogue is first opened (join-code.ts). */
  readonly joinCode?: string;
  /** Dot voting (vote.ts): open or not, and how many dots each participant has. */
  readonly votingOpen?: boolean;
  readonly dotsPerParticipant?: number;
  /** UTC ISO: set by the close command; the days to feedback are counted from it. */
  readonly closedAt?: string | null;
  /** UTC ISO: set by the giveFeedback command. */
  readonly feedbackAt?: string | null;
  /** UTC, ISO 8601. Shown in the municipality's time zone. */
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Hybrid-clock stamp of creation: lists are ordered by it, not by a device's wall clock. */
  readonly createdHlc: string;
  /** Hybrid-clock stamp of the last change. */
  readonly hlc: string;
  /** Only ever true in the change that deletes it: a deleted dialogue leaves the device's tables. */
  readonly deleted?: boolean;
}

const optionalText = (max: number) => v.optional(boundedText(max));

const age = v.optional(
  v.nullable(
    v.pipe(
      v.number('invalid'),
      v.integer('invalid'),
      v.minValue(0, 'invalid'),
      v.maxValue(DIALOGUE_LIMITS.age, 'invalid'),
    ),
  ),
);

/** The details beside title and question; every one optional. */
const DETAIL_ENTRIES = {
  targetGroup: optionalText(DIALOGUE_LIMITS.targetGroup),
  ageFrom: age,
  ageTo: age,
  method: v.optional(v.picklist(DIALOGUE_METHODS, 'invalid')),
  place: optionalText(DIALOGUE_LIMITS.place),
  startsAt: v.optional(v.nullable(v.pipe(v.string('invalid'), v.isoTimestamp('invalid')))),
  focusAreas: v.optional(
    v.pipe(
      v.array(v.picklist(FOCUS_AREAS, 'invalid'), 'invalid'),
      v.transform((list) => [...new Set(list)]),
    ),
  ),
  articles: v.optional(
    v.pipe(
      v.array(v.custom<number>(isCrcArticle, 'invalid'), 'invalid'),
      v.transform((list) => [...new Set(list)].sort((a, b) => a - b)),
    ),
  ),
  facilitators: optionalText(DIALOGUE_LIMITS.facilitators),
  backgroundQuestions: v.optional(
    v.pipe(
      v.array(v.picklist(BACKGROUND_QUESTIONS, 'invalid'), 'invalid'),
      v.transform((list) => BACKGROUND_QUESTIONS.filter((q) => list.includes(q))),
    ),
  ),
  areaOptions: v.optional(
    v.pipe(
      v.array(v.string('invalid'), 'invalid'),
      v.transform((list) => [
        ...new Set(list.map((s) => normalizeText(s).trim()).filter((s) => s.length > 0)),
      ]),
      v.check((list) => list.every((s) => graphemeCount(s) <= DIALOGUE_LIMITS.areaOption), 'tooLong:80'),
      v.maxLength(DIALOGUE_LIMITS.areaOptions, `tooLong:${DIALOGUE_LIMITS.areaOptions}`),
    ),
  ),
};

interface Ages {
  ageFrom?: number | null;
  ageTo?: number | null;
}

/** Youngest before oldest, when both are given (reported on ageTo). */
const agesInOrder = (d: Ages): boolean => d.ageFrom == null || d.ageTo == null || d.ageFrom <= d.ageTo;

export const DialogueInputSchema = v.pipe(
  v.object({
    title: requiredText(DIALOGUE_LIMITS.title),
    question: requiredText(DIALOGUE_LIMITS.question),
    ...DETAIL_ENTRIES,
  }),
  v.forward(
    v.check((d) => agesInOrder(d), 'invalid'),
    ['ageTo'],
  ),
);
export type DialogueInput = v.InferInput<typeof DialogueInputSchema>;
export type DialogueFields = v.InferOutput<typeof DialogueInputSchema>;

/** Editing: each field is optional, but what is given must be valid. */
export const DialogueEditSchema = v.pipe(
  v.object({
    title: v.optional(requiredText(DIALOGUE_LIMITS.title)),
    question: v.optional(requiredText(DIALOGUE_LIMITS.question)),
    ...DETAIL_ENTRIES,
  }),
  v.forward(
    v.check((d) => agesInOrder(d), 'invalid'),
    ['ageTo'],
  ),
);
export type DialogueEdit = v.InferInput<typeof DialogueEditSchema>;

export const DescriptionSchema = v.object({
  description: v.pipe(
    v.string('invalid'),
    v.transform((s) => s.normalize('NFC')),
    v.check((s) => graphemeCount(s) <= DIALOGUE_LIMITS.description, `tooLong:${DIALOGUE_LIMITS.description}`),
  ),
});

/** Choosing the notes' language (the notes themselves are edited apart: DescriptionSchema). */
export const DescriptionLangSchema = v.object({ descriptionLang: LanguageTagSchema });

/** May participants write now? Open, with a join code (a dialogue opened offline waits for one). */
export function takesInput(dialogue: Pick<Dialogue, 'status'>): boolean {
  return dialogue.status === 'open';
}
