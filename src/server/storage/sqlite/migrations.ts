/**
 * SQLite schema, as numbered migrations. Only ever append: a released migration is never edited,
 * because databases in the field have already run it (tests/integration/server/migrations.test.ts
 * checks that the versions run 1..N without gaps).
 *
 * Each migration runs in one transaction with foreign_keys ON, and SQLite cannot switch that pragma
 * inside a transaction: a migration that rebuilds a referenced table (SQLite's way to alter a
 * column) must keep every reference valid throughout, or the runner needs a flag for it first.
 */

export interface Migration {
  readonly version: number;
  /** Kebab-case, says what the migration does; recorded in schema_migrations. */
  readonly name: string;
  readonly sql: string;
}

// A random UUID v4 in plain SQL (SQLite has no uuid()): version nibble 4, variant nibble 8–b.
const SQL_RANDOM_UUID = `lower(
  hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
  substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))
)`;

const SQL_NOW_ISO = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create-server-info',
    // instance_id tells two installations apart (in backups, support requests and later in sync
    // cursors, so a device notices when it talks to a different or restored server).
    sql: `
      CREATE TABLE server_info (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
      INSERT INTO server_info (key, value) VALUES ('instance_id', ${SQL_RANDOM_UUID});
      INSERT INTO server_info (key, value) VALUES ('created_at', ${SQL_NOW_ISO});
    `,
  },
];
