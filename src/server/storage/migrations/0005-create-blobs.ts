import type { StorageKind } from '../storage.ts';
import { strictOnSqlite, type Migration } from '../migration.ts';

/** Bytes in a column: BLOB on SQLite, bytea on PostgreSQL; both read back as a Node Buffer. */
function bytesType(kind: StorageKind): 'blob' | 'bytea' {
  return kind === 'postgres' ? 'bytea' : 'blob';
}

/**
 * Photos of flipcharts and post-it walls (docs/server.md "Photos"): the images, content-addressed
 * per municipality, and the chunks of uploads not yet complete. In the database, not in files, so
 * that SQLite and PostgreSQL behave the same and the images are in every backup.
 */
export const createBlobs: Migration = {
  version: 5,
  name: 'create-blobs',
  async up(db, kind) {
    const strict = strictOnSqlite(kind);
    const bytes = bytesType(kind);
    await db.schema
      .createTable('blobs')
      .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id'))
      // SHA-256 of `data`, lower-case hex, verified by the server before the row was written.
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('bytes', 'integer', (c) => c.notNull())
      .addColumn('data', bytes, (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('blobs_pk', ['municipality_id', 'sha256'])
      .$call(strict)
      .execute();

    // One row per chunk received: appending is an insert, never a rewrite of what came before.
    await db.schema
      .createTable('blob_uploads')
      .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id'))
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('chunk_offset', 'integer', (c) => c.notNull())
      .addColumn('chunk_bytes', 'integer', (c) => c.notNull())
      // The whole image as the first chunk declared it; every later chunk must declare the same.
      .addColumn('total_bytes', 'integer', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('data', bytes, (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      // Two devices sending the same chunk at once: one insert wins, the other hears 409.
      .addPrimaryKeyConstraint('blob_uploads_pk', ['municipality_id', 'sha256', 'chunk_offset'])
      .$call(strict)
      .execute();
  },
};
