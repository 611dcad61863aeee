/**
 * The repositories of a dialogue's later work (themes, dot votes, feedback, translations, background
 * answers, the notes' language), made on first use by the screens that need them. They are not in `openRepositories`
 * (index.ts) so that their code loads with those screens, not on a first visit to the home screen.
 */
import type { DelaktigDatabase } from './database.ts';
import { DialogueNotesRepository } from './dialogue-notes-repository.ts';
import type { Repositories } from './index.ts';
import { FeedbackRepository } from './feedback-repository.ts';
import { RespondentRepository } from './respondent-repository.ts';
import { ThemeRepository } from './theme-repository.ts';
import { TranslationRepository } from './translation-repository.ts';
import { VoteRepository } from './vote-repository.ts';

export interface DialogueWorkRepositories extends Repositories {
  readonly translations: TranslationRepository;
  readonly respondents: RespondentRepository;
  readonly themes: ThemeRepository;
  readonly votes: VoteRepository;
  readonly feedback: FeedbackRepository;
  readonly dialogueNotes: DialogueNotesRepository;
}

const made = new WeakMap<DelaktigDatabase, DialogueWorkRepositories>();

/** `repos` with the dialogue-work repositories beside them, one set per database. */
export function dialogueWork(repos: Repositories): DialogueWorkRepositories {
  let work = made.get(repos.db);
  if (!work) {
    const { db } = repos;
    work = {
      ...repos,
      translations: new TranslationRepository(db),
      respondents: new RespondentRepository(db),
      themes: new ThemeRepository(db),
      votes: new VoteRepository(db),
      feedback: new FeedbackRepository(db),
      dialogueNotes: new DialogueNotesRepository(db),
    };
    made.set(db, work);
  }
  return work;
}
