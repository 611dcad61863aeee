import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { DelaktigDatabase } from '../../../src/client/db/database.ts';
import { openRepositories, type Repositories } from '../../../src/client/db/index.ts';

/** A database on its own in-memory IndexedDB factory: no test sees another's data. */
export function freshDatabase(name = 'delaktig-test'): DelaktigDatabase {
  return new DelaktigDatabase(name, { indexedDB: new IDBFactory(), IDBKeyRange });
}

export function freshRepositories(): Repositories {
  return openRepositories(freshDatabase());
}

export const WRITER = { tenantId: 'local', userId: null } as const;
