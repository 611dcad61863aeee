/**
 * The dialogue form as text: every field a string, as an input holds it and as FormDraft autosaves it
 * (lists are space-separated keys, area options one per line). Converted to the repository's input
 * here, and back from a stored dialogue for the edit form.
 */
import {
  BACKGROUND_QUESTIONS,
  DIALOGUE_METHODS,
  type Dialogue,
  type DialogueEdit,
  type DialogueInput,
} from '../../../../shared/domain/dialogue.ts';
import { CRC_ARTICLES_ORDERED, FOCUS_AREAS } from '../../../../shared/domain/crc.ts';
import { westernDigits } from './article-filter.ts';
import { localToUtc, utcToLocal } from './local-date-time.ts';

export type DialogueFormValues = {
  title: string;
  question: string;
  targetGroup: string;
  ageFrom: string;
  ageTo: string;
  /** One of DIALOGUE_METHODS, or '' for none chosen. */
  method: string;
  place: string;
  /** The datetime-local value, in the device's time zone ("2026-05-14T18:30"), or ''. */
  startsAt: string;
  /** Space-separated FOCUS_AREAS keys. */
  focusAreas: string;
  /** Space-separated article numbers. */
  articles: string;
  facilitators: string;
  /** Space-separated BACKGROUND_QUESTIONS keys. */
  backgroundQuestions: string;
  /** One school or area per line. */
  areaOptions: string;
};

export const EMPTY_DIALOGUE_FORM: Readonly<DialogueFormValues> = {
  title: '',
  question: '',
  targetGroup: '',
  ageFrom: '',
  ageTo: '',
  method: '',
  place: '',
  startsAt: '',
  focusAreas: '',
  articles: '',
  facilitators: '',
  backgroundQuestions: '',
  areaOptions: '',
};

/** The keys in a space-separated list. */
export function listOf(value: string): string[] {
  return value.split(/\s+/).filter((key) => key.length > 0);
}

/** `value` with `key` added or removed, in the order of `order` (unknown keys are dropped). */
export function toggled(value: string, key: string, on: boolean, order: readonly string[]): string {
  const keys = new Set(listOf(value));
  if (on) keys.add(key);
  else keys.delete(key);
  return order.filter((k) => keys.has(k)).join(' ');
}

export const ARTICLE_ORDER: readonly string[] = [...CRC_ARTICLES_ORDERED].sort((a, b) => a - b).map(String);
export const FOCUS_AREA_ORDER: readonly string[] = FOCUS_AREAS;
export const BACKGROUND_ORDER: readonly string[] = BACKGROUND_QUESTIONS;

/**
 * An age as typed: null when empty, the whole number when it is one (Arabic-Indic digits too), NaN
 * otherwise, which the schema refuses as "invalid".
 */
export function parseAge(text: string): number | null {
  const trimmed = westernDigits(text).trim();
  if (trimmed === '') return null;
  return /^\d{1,3}$/.test(trimmed) ? Number(trimmed) : NaN;
}

/** What the form says, field by field, in the shape the repository takes. */
export interface DialogueFormFields {
  title: string;
  question: string;
  targetGroup: string;
  ageFrom: number | null;
  ageTo: number | null;
  method: DialogueInput['method'];
  place: string;
  startsAt: string | null;
  focusAreas: string[];
  articles: number[];
  facilitators: string;
  backgroundQuestions: string[];
  areaOptions: string[];
}

export interface FormOptions {
  /** The zone of the date-and-time field: the device's unless a test says otherwise. */
  readonly timeZone?: string;
  /**
   * The date-and-time input holds a half-typed value (a date without a time): the input then reports
   * '', which must not be saved as "no time".
   */
  readonly startsAtIncomplete?: boolean;
}

/** Not an ISO time: the schema answers "invalid" for the date-and-time field. */
const INCOMPLETE_TIME = 'incomplete';

export function formFields(values: DialogueFormValues, options: FormOptions = {}): DialogueFormFields {
  const background = listOf(values.backgroundQuestions);
  let startsAt: string | null;
  try {
    startsAt = options.startsAtIncomplete ? INCOMPLETE_TIME : localToUtc(values.startsAt, options.timeZone);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    startsAt = INCOMPLETE_TIME;
  }
  return {
    title: values.title,
    question: values.question,
    targetGroup: values.targetGroup,
    ageFrom: parseAge(values.ageFrom),
    ageTo: parseAge(values.ageTo),
    method: (DIALOGUE_METHODS as readonly string[]).includes(values.method)
      ? (values.method as DialogueInput['method'])
      : undefined,
    place: values.place,
    startsAt,
    focusAreas: listOf(values.focusAreas),
    articles: listOf(values.articles).map(Number),
    facilitators: values.facilitators,
    backgroundQuestions: background,
    // Offered only with the "area" question; without it there is nothing to choose from.
    areaOptions: background.includes('area') ? values.areaOptions.split('\n') : [],
  };
}

const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.every((item) => typeof item === 'string' && item.trim() === ''));

/** The input for a new dialogue: title and question always, the rest when filled in. */
export function createInput(values: DialogueFormValues, options: FormOptions = {}): DialogueInput {
  const fields = formFields(values, options);
  const input: Record<string, unknown> = { title: fields.title, question: fields.question };
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'title' || key === 'question') continue;
    // NaN (an age that is not a number) is kept, so that the schema says what is wrong.
    if (!isEmpty(value)) input[key] = value;
  }
  return input as DialogueInput;
}

/** A stored dialogue as the form shows it, times in `timeZone` (the device's by default). */
export function formValuesOf(dialogue: Dialogue, timeZone?: string): DialogueFormValues {
  return {
    title: dialogue.title,
    question: dialogue.question,
    targetGroup: dialogue.targetGroup ?? '',
    ageFrom: dialogue.ageFrom == null ? '' : String(dialogue.ageFrom),
    ageTo: dialogue.ageTo == null ? '' : String(dialogue.ageTo),
    method: dialogue.method ?? '',
    place: dialogue.place ?? '',
    startsAt: utcToLocal(dialogue.startsAt, timeZone),
    focusAreas: (dialogue.focusAreas ?? []).join(' '),
    articles: (dialogue.articles ?? []).join(' '),
    facilitators: dialogue.facilitators ?? '',
    backgroundQuestions: (dialogue.backgroundQuestions ?? []).join(' '),
    areaOptions: (dialogue.areaOptions ?? []).join('\n'),
  };
}

/** Equal as the form means them; NaN differs from null, so a bad age is never taken for "no age". */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The edit to save: only the fields the form changed from `initial` (what it was loaded with). The
 * two ages go together, so that "from" is checked against "to" even when only one of them changed.
 */
export function editInput(
  initial: DialogueFormValues,
  current: DialogueFormValues,
  options: FormOptions = {},
): DialogueEdit {
  const before = formFields(initial, { timeZone: options.timeZone });
  const after = formFields(current, options);
  const edit: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof DialogueFormFields)[]) {
    if (!same(before[key], after[key])) edit[key] = after[key];
  }
  if ('ageFrom' in edit || 'ageTo' in edit) {
    edit.ageFrom = after.ageFrom;
    edit.ageTo = after.ageTo;
  }
  // A method, once chosen, can be changed but not taken away (the form offers no "none" then).
  if (edit.method === undefined) delete edit.method;
  return edit as DialogueEdit;
}
