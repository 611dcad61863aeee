/**
 * What a migration is, and the few helpers that let one migration run on both SQLite and
 * PostgreSQL. The list itself is migrations.ts.
 */
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { StorageKind } from './storage.ts';

/**
 * Untyped on purpose, as Kysely advises for migrations: a migration sees the schema as it was when
 * it was written, not as schema.ts describes it today.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MigrationDb = Kysely<any>;

export interface Migration {
  readonly version: number;
  /** Kebab-case, says what the migration does; recorded in schema_migrations. */
  readonly name: string;
  /** Runs inside the migration's transaction, which also records it in schema_migrations. */
  up(db: MigrationDb, kind: StorageKind): Promise<void>;
}

/**
 * SQLite tables are STRICT, so a wrong type fails on insert as it would on PostgreSQL instead of
 * being stored as whatever came.
 */
export function strictOnSqlite(kind: StorageKind) {
  return <T extends string, C extends string>(builder: CreateTableBuilder<T, C>) =>
    kind === 'sqlite' ? builder.modifyEnd(sql`strict`) : builder;
}

/** 64-bit integers: bigint on PostgreSQL; SQLite's INTEGER is 64-bit already (and STRICT knows no bigint). */
export function bigintType(kind: StorageKind): 'bigint' | 'integer' {
  return kind === 'postgres' ? 'bigint' : 'integer';
}
