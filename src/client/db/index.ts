/**
 * The data layer as the rest of the app sees it: one database per app, one repository per entity.
 * Views and features import from here, never from `dexie`. (The sync engine imports sync-apply.ts
 * itself: it loads lazily, and so should the merge code only it needs.)
 */
import { DelaktigDatabase } from './database.ts';
import { DialogueRepository } from './dialogue-repository.ts';
import { ContributionRepository } from './contribution-repository.ts';
import { DraftRepository } from './draft-repository.ts';
import { ParticipationRepository } from './participation-repository.ts';

export interface Repositories {
  readonly db: DelaktigDatabase;
  readonly dialogues: DialogueRepository;
  readonly contributions: ContributionRepository;
  readonly drafts: DraftRepository;
  readonly participations: ParticipationRepository;
}

export function openRepositories(db: DelaktigDatabase = new DelaktigDatabase()): Repositories {
  return {
    db,
    dialogues: new DialogueRepository(db),
    contributions: new ContributionRepository(db),
    drafts: new DraftRepository(db),
    participations: new ParticipationRepository(db),
  };
}

export { DelaktigDatabase } from './database.ts';
export { LiveQuery } from './live-query.svelte.ts';
export {
  acknowledge,
  markRejected,
  pendingChanges,
  pendingRecords,
  pushableChanges,
  toChange,
  watchPendingCount,
  type WriteContext,
} from './outbox.ts';
export type { OutboxRow, ParticipationRow } from './database.ts';
export { deleteMeta, putMeta, watchMeta } from './meta.ts';
export { preloadValidation } from './validate.ts';
export type { ParticipantSession } from './participation-repository.ts';
