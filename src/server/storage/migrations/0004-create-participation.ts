import { strictOnSqlite, type Migration } from '../migration.ts';

/**
 * Participants: the join codes of opened dialogues, the anonymous sessions of the phones that used
 * them, and which dialogues each phone joined (with its receipt code). The change log learns which
 * dialogue each change belongs to (`scope_id`), so a participant's pull reads only its dialogues.
 */
export const createParticipation: Migration = {
  version: 4,
  name: 'create-participation',
  async up(db, kind) {
    const strict = strictOnSqlite(kind);
    await db.schema.alterTable('changes').addColumn('scope_id', 'text').execute();
    // A participant's pull: its municipality's changes of a few dialogues, in sequence order.
    await db.schema
      .createIndex('changes_scope_seq_idx')
      .on('changes')
      .columns(['municipality_id', 'scope_id', 'seq'])
      .execute();

    await db.schema
      .createTable('join_codes')
      // Unique on the whole server: /j/<code> names no municipality.
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id'))
      .addColumn('dialogue_id', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .$call(strict)
      .execute();

    await db.schema
      .createTable('participant_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // SHA-256 (hex) of the bearer token, as for device sessions.
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .$call(strict)
      .execute();

    await db.schema
      .createTable('participant_grants')
      .addColumn('session_id', 'text', (c) => c.notNull().references('participant_sessions.id'))
      .addColumn('dialogue_id', 'text', (c) => c.notNull())
      // What the participant keeps to see the feedback later (/r/<receipt>): read-only, so kept as is.
      .addColumn('receipt', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('participant_grants_pk', ['session_id', 'dialogue_id'])
      .$call(strict)
      .execute();
  },
};
