/**
 * The one door from HTTP handlers and commands to stored data. SQLite (embedded, the default) and
 * PostgreSQL (`DATABASE_URL=postgres://…`) both implement it with a Kysely instance over the same
 * typed Schema, so handlers write each query once and never name a database.
 *
 * schemaVersion() is synchronous because it answers for this process: the version its storage
 * migrated to when it opened.
 */
import type { Insertable, Kysely } from 'kysely';
import type { HealthResponse } from '../../shared/api.ts';
import type { Schema } from './schema.ts';

/** The tables a push writes many rows of (src/server/sync/change-log.ts). */
export type BulkTable = 'changes' | 'records';

export type StorageKind = HealthResponse['storage'];

export interface Storage {
  readonly kind: StorageKind;
  readonly db: Kysely<Schema>;
  /** The highest migration applied, as checked when this storage was opened. */
  schemaVersion(): number;
  /**
   * A consistent copy of the whole database in `toFile`, taken while the server keeps running.
   * SQLite only: PostgreSQL is backed up with its own tools (pg_dump), and says so.
   */
  backup(toFile: string): Promise<void>;
  /**
   * Writes `rows` into `table` within the transaction under way on this storage's connection: the
   * change log by insert, records by insert or replace (by municipality, entity and id). Where it
   * is missing (PostgreSQL), the caller writes them through Kysely, many rows per statement: there a
   * round trip per statement is what counts. SQLite has no round trips, and Kysely's building of a
   * 200-row statement, and SQLite's preparing of it, cost more than the writing (docs/benchmarks.md).
   */
  bulkWrite?<T extends BulkTable>(table: T, rows: readonly Insertable<Schema[T]>[]): void;
  /** Releases the database; called once, after the HTTP server has finished its last request. */
  close(): Promise<void>;
}

export type Db = Kysely<Schema>;
