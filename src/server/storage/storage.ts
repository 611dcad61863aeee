/**
 * The one door from HTTP handlers to stored data. SQLite (embedded, the default) implements it now;
 * PostgreSQL (`DATABASE_URL=postgres://…`) implements it later, so handlers never name a database.
 *
 * Factories are async (opening PostgreSQL is), and so is close(). schemaVersion() is synchronous
 * because it answers for this process: the version its implementation migrated to when it opened.
 */
import type { HealthResponse } from '../../shared/api.ts';

export type StorageKind = HealthResponse['storage'];

export interface Storage {
  readonly kind: StorageKind;
  /** The highest migration applied, as checked when this storage was opened. */
  schemaVersion(): number;
  /** Releases the database; called once, after the HTTP server has finished its last request. */
  close(): void | Promise<void>;
}
