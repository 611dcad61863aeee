/**
 * Every input schema the device checks before it saves or sends something, by name. Loaded with
 * the first write (validate.ts), so valibot and the schemas cost nothing on a first visit.
 */
import { EnrolInputSchema, LoginInputSchema, SetupInputSchema } from '../../shared/domain/account.ts';
import { ContributionInputSchema, HideInputSchema } from '../../shared/domain/contribution.ts';
import { DescriptionSchema, DialogueEditSchema, DialogueInputSchema } from '../../shared/domain/dialogue.ts';
import { RespondentInputSchema } from '../../shared/domain/respondent.ts';
import { TranslationInputSchema } from '../../shared/domain/translation.ts';
import { parseOrThrow } from '../../shared/validation/fields.ts';

export const SCHEMAS = {
  dialogueInput: DialogueInputSchema,
  dialogueEdit: DialogueEditSchema,
  description: DescriptionSchema,
  contributionInput: ContributionInputSchema,
  hide: HideInputSchema,
  translationInput: TranslationInputSchema,
  respondentInput: RespondentInputSchema,
  login: LoginInputSchema,
  setup: SetupInputSchema,
  enrol: EnrolInputSchema,
} as const;

export function parseNamed(name: keyof typeof SCHEMAS, input: unknown): unknown {
  return parseOrThrow(SCHEMAS[name], input);
}
