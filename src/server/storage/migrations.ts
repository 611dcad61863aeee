/**
 * The schema, as numbered migrations that run unchanged on SQLite and PostgreSQL. Only ever append:
 * a released migration is never edited, because databases in the field have already run it
 * (tests/integration/server/migrations.test.ts checks that the versions run 1..N without gaps).
 *
 * Each migration runs in one transaction (with foreign keys enforced): SQLite cannot switch
 * foreign_keys inside a transaction, so a migration that rebuilds a referenced table (SQLite's way
 * to alter a column) must keep every reference valid throughout.
 */
import type { Migration } from './migration.ts';
import { createServerInfo } from './migrations/0001-create-server-info.ts';
import { createAccounts } from './migrations/0002-create-accounts.ts';
import { createSync } from './migrations/0003-create-sync.ts';
import { createParticipation } from './migrations/0004-create-participation.ts';
import { createBlobs } from './migrations/0005-create-blobs.ts';
import { createTextUpdates } from './migrations/0006-create-text-updates.ts';

export type { Migration } from './migration.ts';

export const MIGRATIONS: readonly Migration[] = [
  createServerInfo,
  createAccounts,
  createSync,
  createParticipation,
  createBlobs,
  createTextUpdates,
];
