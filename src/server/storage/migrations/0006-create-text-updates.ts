import { bigintType, strictOnSqlite, type Migration } from '../migration.ts';

/**
 * Bookkeeping for text compaction (src/server/sync/text-compaction.ts): per record and text field,
 * which changes in the log still carry a Yjs update, and how big each is. Filled here from the log
 * as it stands, so that fields edited before this migration are compacted at their next edit too.
 */
export const createTextUpdates: Migration = {
  version: 6,
  name: 'create-text-updates',
  async up(db, kind) {
    const bigint = bigintType(kind);
    await db.schema
      .createTable('text_updates')
      .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id'))
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      // [[seq, bytes], …] in sequence order: the changes whose update of this field is not empty.
      .addColumn('updates_json', 'text', (c) => c.notNull())
      // The change that carries the compacted state (the first of updates_json), if compacted.
      .addColumn('compacted_seq', bigint)
      .addPrimaryKeyConstraint('text_updates_pk', ['municipality_id', 'entity', 'record_id', 'field'])
      .$call(strictOnSqlite(kind))
      .execute();

    // The log as it stands: a text field's value is { "y": "<Yjs update, base64>" }, whatever the entity.
    const found = new Map<string, { key: string[]; updates: [number, number][] }>();
    const PAGE = 1000;
    let last: { municipality: string; seq: number } | undefined;
    for (;;) {
      let query = db
        .selectFrom('changes')
        .select(['municipality_id', 'seq', 'entity', 'record_id', 'fields_json'])
        .orderBy('municipality_id')
        .orderBy('seq')
        .limit(PAGE);
      if (last) {
        const { municipality, seq } = last;
        query = query.where((eb) =>
          eb.or([
            eb('municipality_id', '>', municipality),
            eb.and([eb('municipality_id', '=', municipality), eb('seq', '>', seq)]),
          ]),
        );
      }
      const rows = (await query.execute()) as {
        municipality_id: string;
        seq: number | string;
        entity: string;
        record_id: string;
        fields_json: string;
      }[];
      for (const row of rows) {
        const fields = JSON.parse(row.fields_json) as Record<string, unknown>;
        for (const [field, value] of Object.entries(fields)) {
          const y = (value as { y?: unknown } | null)?.y;
          if (typeof value !== 'object' || Array.isArray(value) || typeof y !== 'string') continue;
          const key = [row.municipality_id, row.entity, row.record_id, field];
          const id = JSON.stringify(key);
          const entry = found.get(id) ?? { key, updates: [] };
          entry.updates.push([Number(row.seq), y.length]);
          found.set(id, entry);
        }
      }
      if (rows.length < PAGE) break;
      const end = rows[rows.length - 1]!;
      last = { municipality: end.municipality_id, seq: Number(end.seq) };
    }
    for (const { key, updates } of found.values()) {
      const [municipality_id, entity, record_id, field] = key;
      await db
        .insertInto('text_updates')
        .values({ municipality_id, entity, record_id, field, updates_json: JSON.stringify(updates) })
        .execute();
    }
  },
};
