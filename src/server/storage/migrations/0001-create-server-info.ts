import { randomUUID } from 'node:crypto';
import { strictOnSqlite, type Migration } from '../migration.ts';

export const createServerInfo: Migration = {
  version: 1,
  name: 'create-server-info',
  async up(db, kind) {
    await db.schema
      .createTable('server_info')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .$call(strictOnSqlite(kind))
      .execute();
    // instance_id tells two installations apart (in backups, support requests and later in sync
    // cursors, so a device notices when it talks to a different or restored server).
    await db
      .insertInto('server_info')
      .values([
        { key: 'instance_id', value: randomUUID() },
        { key: 'created_at', value: new Date().toISOString() },
      ])
      .execute();
  },
};
