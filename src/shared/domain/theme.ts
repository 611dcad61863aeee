/**
 * Themes group a dialogue's contributions (a contribution's `themeId` says which it is in; none:
 * ungrouped). Each theme has a summary that several facilitators may write at once (merged text).
 */
import * as v from 'valibot';
import { requiredText } from '../validation/fields.ts';
import { LanguageTagSchema } from './contribution.ts';

export const THEME_LIMITS = { name: 80, summary: 10_000 } as const;

export interface Theme {
  readonly id: string;
  readonly tenantId: string;
  readonly dialogueId: string;
  readonly name: string;
  /** Merged from every device that wrote it (a Yjs text field). */
  readonly summary?: string;
  /** The summary's language (BCP 47), chosen beside it; last choice wins. Absent: unknown. */
  readonly summaryLang?: string;
  /** Position in the dialogue's list of themes (smallest first). */
  readonly order: number;
  readonly createdAt: string;
  readonly hlc: string;
}

export const ThemeInputSchema = v.object({
  dialogueId: v.pipe(v.string('invalid'), v.uuid('invalid')),
  name: requiredText(THEME_LIMITS.name),
});
export type ThemeInput = v.InferInput<typeof ThemeInputSchema>;

export const ThemeRenameSchema = v.object({ name: requiredText(THEME_LIMITS.name) });

/** Choosing the summary's language (the summary itself is edited apart). */
export const ThemeSummaryLangSchema = v.object({ summaryLang: LanguageTagSchema });
