/**
 * Every input schema the device checks before it saves or sends something, by name. Loaded with
 * the first write (validate.ts), so valibot and the schemas cost nothing on a first visit.
 */
import { EnrolInputSchema, LoginInputSchema, SetupInputSchema } from '../../shared/domain/account.ts';
import { ContributionInputSchema, HideInputSchema } from '../../shared/domain/contribution.ts';
import {
  DescriptionLangSchema,
  DescriptionSchema,
  DialogueEditSchema,
  DialogueInputSchema,
} from '../../shared/domain/dialogue.ts';
import { RespondentInputSchema } from '../../shared/domain/respondent.ts';
import { TranslationInputSchema } from '../../shared/domain/translation.ts';
import {
  ThemeInputSchema,
  ThemeRenameSchema,
  ThemeSummaryLangSchema,
  THEME_LIMITS,
} from '../../shared/domain/theme.ts';
import { VoteInputSchema } from '../../shared/domain/vote-input.ts';
import { FeedbackInputSchema } from '../../shared/domain/feedback-input.ts';
import {
  ActionEditSchema,
  ActionInputSchema,
  CommentInputSchema,
  EventCountsSchema,
  EventInputSchema,
  NotesLangSchema,
  ParticipantsSchema,
  SessionTextSchema,
  TopicInputSchema,
} from '../../shared/domain/open-space-input.ts';
import * as v from 'valibot';
import { graphemeCount } from '../../shared/validation/text.ts';
import { parseOrThrow } from '../../shared/validation/fields.ts';

export const SCHEMAS = {
  dialogueInput: DialogueInputSchema,
  dialogueEdit: DialogueEditSchema,
  description: DescriptionSchema,
  descriptionLang: DescriptionLangSchema,
  contributionInput: ContributionInputSchema,
  hide: HideInputSchema,
  translationInput: TranslationInputSchema,
  respondentInput: RespondentInputSchema,
  themeInput: ThemeInputSchema,
  themeRename: ThemeRenameSchema,
  themeSummary: v.object({
    summary: v.pipe(
      v.string('invalid'),
      v.transform((text) => text.normalize('NFC')),
      v.check((text) => graphemeCount(text) <= THEME_LIMITS.summary, `tooLong:${THEME_LIMITS.summary}`),
    ),
  }),
  themeSummaryLang: ThemeSummaryLangSchema,
  voteInput: VoteInputSchema,
  feedbackInput: FeedbackInputSchema,
  openSpaceEvent: EventInputSchema,
  openSpaceCounts: EventCountsSchema,
  openSpaceTopic: TopicInputSchema,
  openSpaceParticipants: ParticipantsSchema,
  openSpaceSessionText: SessionTextSchema,
  openSpaceNotesLang: NotesLangSchema,
  openSpaceAction: ActionInputSchema,
  openSpaceActionEdit: ActionEditSchema,
  openSpaceComment: CommentInputSchema,
  login: LoginInputSchema,
  setup: SetupInputSchema,
  enrol: EnrolInputSchema,
} as const;

export function parseNamed(name: keyof typeof SCHEMAS, input: unknown): unknown {
  return parseOrThrow(SCHEMAS[name], input);
}
