/**
 * A translation of something someone wrote (a dialogue's question, a contribution, feedback) into
 * another language: a record of its own, marked with who made it and when, so the original is
 * always kept and shown beside it. A correction is a new translation; the newest one per language
 * is shown.
 */
import * as v from 'valibot';
import { requiredText } from '../validation/fields.ts';
import { LanguageTagSchema } from './contribution.ts';

export const TRANSLATION_LIMITS = { text: 5000 } as const;

/** What may be translated: the record kind and its field. */
export const TRANSLATABLE = {
  dialogue: ['question'],
  contribution: ['text'],
} as const satisfies Record<string, readonly string[]>;
export type TranslatableEntity = keyof typeof TRANSLATABLE;

export interface Translation {
  readonly id: string;
  readonly tenantId: string;
  /** The dialogue it belongs to: what a participant's phone may read is decided by it. */
  readonly dialogueId: string;
  readonly targetEntity: TranslatableEntity;
  readonly targetId: string;
  readonly field: string;
  readonly lang: string;
  readonly text: string;
  /** The display name of who translated it. */
  readonly translatedBy: string;
  readonly createdAt: string;
  readonly hlc: string;
}

export const TranslationInputSchema = v.pipe(
  v.object({
    dialogueId: v.pipe(v.string('invalid'), v.uuid('invalid')),
    targetEntity: v.picklist(Object.keys(TRANSLATABLE) as TranslatableEntity[], 'invalid'),
    targetId: v.pipe(v.string('invalid'), v.uuid('invalid')),
    field: v.string('invalid'),
    lang: LanguageTagSchema,
    text: requiredText(TRANSLATION_LIMITS.text),
  }),
  v.forward(
    v.check((t) => (TRANSLATABLE[t.targetEntity] as readonly string[]).includes(t.field), 'invalid'),
    ['field'],
  ),
);
export type TranslationInput = v.InferInput<typeof TranslationInputSchema>;

/** The newest translation per language, of one field of one record. */
export function latestByLanguage(
  translations: readonly Translation[],
  targetId: string,
  field: string,
): Map<string, Translation> {
  const out = new Map<string, Translation>();
  for (const t of translations) {
    if (t.targetId !== targetId || t.field !== field) continue;
    const seen = out.get(t.lang);
    if (!seen || t.hlc > seen.hlc) out.set(t.lang, t);
  }
  return out;
}
