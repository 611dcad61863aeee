/**
 * A failed dialogue save in words that fit this form: the shared messages (field-errors.ts), made
 * precise where the shared code says only "invalid" or counts a list as if it were characters.
 */
import { DIALOGUE_LIMITS } from '../../../../shared/domain/dialogue.ts';
import { ValidationError } from '../../../../shared/validation/fields.ts';
import type { Translate } from '../../../i18n/locale.svelte.ts';
import { describeSaveError, type SaveErrors } from '../../../ui/field-errors.ts';
import { parseAge, type DialogueFormValues } from './dialogue-form-values.ts';

const isAge = (age: number | null): age is number =>
  age !== null && !Number.isNaN(age) && age <= DIALOGUE_LIMITS.age;

export function describeDialogueError(error: unknown, t: Translate, values: DialogueFormValues): SaveErrors {
  const described = describeSaveError(error, t);
  if (!(error instanceof ValidationError)) return described;
  const fields: Record<string, string> = { ...described.fields };
  const seen = new Set<string>();
  for (const { field, code, max } of error.errors) {
    if (seen.has(field)) continue;
    seen.add(field);
    if (field === 'ageFrom' || field === 'ageTo') {
      const from = parseAge(values.ageFrom);
      const to = parseAge(values.ageTo);
      fields[field] =
        field === 'ageTo' && isAge(from) && isAge(to) && from > to
          ? t('dialogueForm:errors.ageOrder')
          : t('dialogueForm:errors.age', { max: DIALOGUE_LIMITS.age });
    } else if (field === 'startsAt') {
      fields[field] = t('dialogueForm:errors.startsAt');
    } else if (field === 'areaOptions' && code === 'tooLong') {
      fields[field] =
        max === DIALOGUE_LIMITS.areaOptions
          ? t('dialogueForm:errors.tooManyAreas', { max })
          : t('dialogueForm:errors.areaTooLong', { max: DIALOGUE_LIMITS.areaOption });
    }
  }
  return { fields, general: described.general };
}
