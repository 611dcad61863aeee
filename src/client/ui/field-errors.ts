/** Turns a failed save into translated messages: per field for bad input, one line otherwise. */
import type { Translate } from '../i18n/locale.svelte.ts';
import { ValidationError } from '../../shared/validation/errors.ts';

export interface SaveErrors {
  readonly fields: Readonly<Record<string, string>>;
  readonly general: string | null;
}

export function describeSaveError(error: unknown, t: Translate): SaveErrors {
  if (error instanceof ValidationError) {
    const fields: Record<string, string> = {};
    for (const e of error.errors) fields[e.field] ??= t(`errors.${e.code}`, { max: e.max, min: e.min });
    return { fields, general: t('errors.formHasErrors') };
  }
  console.error('Saving failed', error);
  const reason = error instanceof Error ? error.message : String(error);
  return { fields: {}, general: t('errors.saveFailed', { error: reason }) };
}

export const NO_ERRORS: SaveErrors = { fields: {}, general: null };
