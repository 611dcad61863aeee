/**
 * Open Space input as a device records it (open-space.ts), checked before it is saved. Errors are
 * codes (validation/fields.ts), translated by the client.
 */
import * as v from 'valibot';
import { boundedText, requiredText } from '../validation/fields.ts';
import { graphemeCount, normalizeText } from '../validation/text.ts';
import { LanguageTagSchema } from './contribution.ts';
import { OPEN_SPACE_LIMITS as L, OWNER_KINDS } from './open-space.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const optionalText = (max: number) => v.optional(boundedText(max), '');

const date = v.pipe(
  v.string('required'),
  v.check((s) => s.trim().length > 0, 'required'),
  v.check((s) => ISO_DATE.test(s) && !Number.isNaN(Date.parse(s)), 'invalid'),
);

/** Rooms or slots as typed, one per line: blank lines dropped, repeats once, each not too long. */
const gridNames = v.pipe(
  v.array(v.string('invalid'), 'invalid'),
  v.transform((list) => [...new Set(list.map((s) => normalizeText(s).trim()).filter((s) => s !== ''))]),
  v.check((list) => list.every((s) => graphemeCount(s) <= L.gridName), `tooLong:${L.gridName}`),
  v.maxLength(L.gridEntries, `tooLong:${L.gridEntries}`),
);

const count = v.optional(
  v.nullable(
    v.pipe(
      v.number('invalid'),
      v.integer('invalid'),
      v.minValue(0, 'invalid'),
      v.maxValue(L.count, 'invalid'),
    ),
  ),
  null,
);

export const EventInputSchema = v.object({
  title: requiredText(L.title),
  theme: optionalText(L.theme),
  date,
  place: optionalText(L.place),
  rooms: gridNames,
  slots: gridNames,
});
export type EventInput = v.InferInput<typeof EventInputSchema>;

export const EventCountsSchema = v.object({
  youngPeople: count,
  politicians: count,
  officials: count,
});
export type EventCounts = v.InferInput<typeof EventCountsSchema>;

export const TopicInputSchema = v.object({
  eventId: v.pipe(v.string('invalid'), v.uuid('invalid')),
  title: requiredText(L.title),
  convener: optionalText(L.convener),
  description: v.pipe(
    optionalText(L.description),
    // One line: a line break typed or pasted becomes a space.
    v.transform((s) => s.replace(/\s*[\r\n]+\s*/g, ' ')),
  ),
});
export type TopicInput = v.InferInput<typeof TopicInputSchema>;

export const ParticipantsSchema = v.object({ participants: count });

export const SessionTextSchema = v.object({
  text: v.pipe(
    v.string('invalid'),
    v.transform((s) => s.normalize('NFC')),
    // Measured in UTF-16 units first: only a text near the limit pays for counting graphemes.
    v.check(
      (s) => s.length <= L.sessionText || graphemeCount(s) <= L.sessionText,
      `tooLong:${L.sessionText}`,
    ),
  ),
});

/** The language of a session's three texts together (notes, key points, recommendations). */
export const NotesLangSchema = v.object({ notesLang: LanguageTagSchema });

export const ActionInputSchema = v.object({
  eventId: v.pipe(v.string('invalid'), v.uuid('invalid')),
  topicId: v.optional(v.nullable(v.pipe(v.string('invalid'), v.uuid('invalid'))), null),
  recommendation: optionalText(L.sessionText),
  title: requiredText(L.actionTitle),
  ownerKind: v.picklist(OWNER_KINDS, 'required'),
  ownerName: requiredText(L.ownerName),
  dueDate: date,
});
export type ActionInput = v.InferInput<typeof ActionInputSchema>;

export const ActionEditSchema = v.object({
  title: requiredText(L.actionTitle),
  ownerKind: v.picklist(OWNER_KINDS, 'required'),
  ownerName: requiredText(L.ownerName),
  dueDate: date,
});
export type ActionEdit = v.InferInput<typeof ActionEditSchema>;

export const CommentInputSchema = v.object({
  actionId: v.pipe(v.string('invalid'), v.uuid('invalid')),
  text: requiredText(L.comment),
  date,
});
export type CommentInput = v.InferInput<typeof CommentInputSchema>;
