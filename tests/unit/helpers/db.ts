import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { DelaktigDatabase } from '../../../src/client/db/database.ts';
import { openRepositories } from '../../../src/client/db/index.ts';
import { dialogueWork, type DialogueWorkRepositories } from '../../../src/client/db/dialogue-work.ts';

/** A database on its own in-memory IndexedDB factory: no test sees another's data. */
export function freshDatabase(name = 'delaktig-test'): DelaktigDatabase {
  return new DelaktigDatabase(name, { indexedDB: new IDBFactory(), IDBKeyRange });
}

/** The app's repositories, with those the dialogue's later screens make for themselves. */
export function freshRepositories(): DialogueWorkRepositories {
  return dialogueWork(openRepositories(freshDatabase()));
}

export const WRITER = { tenantId: 'local', userId: null } as const;
