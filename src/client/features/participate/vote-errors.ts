/** A vote that could not be saved on the device, as one translated line. */
import { ValidationError } from '../../../shared/validation/errors.ts';
import type { Translate } from '../../i18n/locale.svelte.ts';
import { describeSaveError } from '../../ui/field-errors.ts';

/** `votingOpen`: whether the dialogue on this device still has voting open (read after the failure). */
export function describeVoteError(error: unknown, t: Translate, votingOpen: boolean): string {
  if (error instanceof ValidationError) {
    if (!votingOpen) return t('voting:errors.closed');
    const tooMany = error.errors.find((e) => e.code === 'tooLong');
    if (tooMany) return t('voting:errors.tooManyDots', { count: tooMany.max ?? 0 });
    return t('voting:errors.invalid');
  }
  return describeSaveError(error, t).general ?? t('errors.saveFailed', { error: String(error) });
}
