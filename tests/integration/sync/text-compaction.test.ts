/**
 * Text compaction (src/server/sync/text-compaction.ts), on SQLite and PostgreSQL: a note edited by
 * hundreds of updates, pulled from cursor 0, gives the server's text for a fraction of the bytes;
 * devices that pulled at any point before, between or after compactions all end with the same text;
 * other fields in the compacted changes stay; and a log written before the migration is tracked too.
 */
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Change, JsonValue } from '../../../src/shared/sync/change.ts';
import { formatHlc } from '../../../src/shared/sync/hlc.ts';
import { applyChange, EMPTY_TEXT_UPDATE, type RecordState } from '../../../src/shared/sync/merge.ts';
import type { PullResponse, SyncedChange } from '../../../src/shared/sync/protocol.ts';
import { TextFieldDoc, yjsTextMerger } from '../../../src/shared/sync/text-merge.ts';
import { MIGRATIONS } from '../../../src/server/storage/migrations.ts';
import { createTextUpdates } from '../../../src/server/storage/migrations/0006-create-text-updates.ts';
import type { Storage } from '../../../src/server/storage/storage.ts';
import { pushChanges } from '../../../src/server/sync/change-log.ts';
import { compactionLimits, compactState } from '../../../src/server/sync/text-compaction.ts';
import { requirePostgres } from '../../support/postgres.ts';
import { testDialects } from '../server/test-storage.ts';
import { call, openStorage, startSyncServer, type Dialect, type SyncServer } from './http-fixture.ts';
import { ACTOR, createMunicipality, Device, heal, MUNICIPALITY, pullPage, push } from './simulation.ts';

const dialects: Dialect[] = ['sqlite'];
if (await requirePostgres('tests/integration/sync/text-compaction.test.ts')) dialects.push('postgres');
const STORAGES = await testDialects('tests/integration/sync/text-compaction.test.ts');

const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 12);
const DEFAULT_LIMITS = { ...compactionLimits };
afterEach(() => Object.assign(compactionLimits, DEFAULT_LIMITS));

let clock = 1_764_000_000_000;
const stamp = (device: string) => formatHlc({ ms: ++clock, counter: 0 }, device);

function change(recordId: string, fields: Change['fields'], device = 'device-a'): Change {
  return {
    changeId: uuidv7(),
    entity: 'dialogue',
    recordId,
    tenantId: MUNICIPALITY,
    fields,
    hlc: stamp(device),
    deviceId: device,
    userId: null,
  };
}

/** Text payload bytes of pulled changes. */
const textBytes = (changes: readonly Change[]) =>
  changes.reduce((sum, c) => sum + ((c.fields.description as { y?: string } | undefined)?.y?.length ?? 0), 0);

/** Pull everything from `after` over HTTP, applying it with the shared merge rule as a device does. */
async function pullFrom(
  server: SyncServer,
  token: string,
  after: number,
  state: RecordState | undefined,
  limit = 1000,
): Promise<{ state: RecordState | undefined; changes: SyncedChange[]; cursor: number; bytes: number }> {
  const changes: SyncedChange[] = [];
  let cursor = after;
  let bytes = 0;
  for (;;) {
    const response = await fetch(`${server.url}/api/sync/pull?after=${cursor}&limit=${limit}`, {
      headers: { authorization: `Bearer ${token}`, 'x-delaktig-schema': '1', 'accept-encoding': 'identity' },
    });
    const text = await response.text();
    bytes += text.length;
    const page = JSON.parse(text) as PullResponse;
    for (const c of page.changes) state = applyChange(state, c, yjsTextMerger);
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return { state, changes, cursor, bytes };
  }
}

async function serverValues(storage: Storage, recordId: string): Promise<Record<string, JsonValue>> {
  const row = await storage.db
    .selectFrom('records')
    .select('values_json')
    .where('record_id', '=', recordId)
    .executeTakeFirstOrThrow();
  return JSON.parse(row.values_json) as Record<string, JsonValue>;
}

describe.each(dialects)('text compaction over HTTP on %s', (dialect) => {
  let server: SyncServer;
  let token: string;
  beforeAll(async () => {
    server = await startSyncServer(dialect);
    token = (await server.signIn('facilitator')).token;
  });
  afterAll(async () => server.close());

  it('gives a device pulling from 0 the merged text of a heavily edited note in far fewer bytes', async () => {
    const recordId = uuidv7();
    const send = async (c: Change) => {
      const answer = await call(server, 'POST', '/api/sync/push', {
        token,
        body: { changes: [{ ...c, tenantId: server.municipalityId }] },
      });
      expect(answer.status).toBe(200);
    };
    await send(
      change(recordId, { title: 'Trygghet', question: 'Q', status: 'planned', createdAt: '2026-01-01' }),
    );
    // Two facilitators write the notes, word by word, now and then deleting what they wrote, each
    // edit one change (as the app sends them); devices pull at various moments along the way.
    const docs = [new TextFieldDoc(), new TextFieldDoc()];
    const lagging: { cursor: number; state: RecordState | undefined }[] = [];
    let pushedBytes = 0;
    const words = 'vi vill ha mer ljus i parken och bussar som går på kvällen'.split(' ');
    for (let i = 0; i < 400; i++) {
      const doc = docs[i % 2]!;
      const current = doc.text;
      const next =
        i % 9 === 8 && current.length > 20
          ? current.slice(0, current.length - 12)
          : `${current}${words[i % words.length]} `;
      const update = doc.replace(next)!;
      pushedBytes += update.length;
      // Once, a change carries a title too: compaction must leave it as it is.
      const fields: Change['fields'] =
        i === 37 ? { title: 'Ljus och bussar', description: { y: update } } : { description: { y: update } };
      await send(change(recordId, fields, `device-${i % 2}`));
      // The two writers see each other's words now and then, as they would by syncing.
      if (i % 25 === 24) {
        docs[0]!.apply(docs[1]!.state());
        docs[1]!.apply(docs[0]!.state());
      }
      if (i % 50 === 10) lagging.push(await pullFrom(server, token, 0, undefined, 7));
    }
    const server_ = await serverValues(server.storage, recordId);
    expect(typeof server_.description).toBe('string');
    expect((server_.description as string).length).toBeGreaterThan(100);

    const fromZero = await pullFrom(server, token, 0, undefined);
    const mine = fromZero.changes.filter((c) => c.recordId === recordId);
    expect(fromZero.state?.values.description).toBe(server_.description);
    expect(fromZero.state?.values.title).toBe('Ljus och bussar');
    expect(mine.find((c) => c.fields.title === 'Ljus och bussar')?.fields.description).toEqual({
      y: EMPTY_TEXT_UPDATE,
    });
    // Every change is still there, most of them with the empty update.
    expect(mine).toHaveLength(401);
    expect(
      mine.filter((c) => (c.fields.description as { y: string } | undefined)?.y === EMPTY_TEXT_UPDATE).length,
    ).toBeGreaterThan(300);
    const pulledBytes = textBytes(mine);
    const state = compactState(
      (
        await server.storage.db
          .selectFrom('records')
          .select('texts_json')
          .where('record_id', '=', recordId)
          .executeTakeFirstOrThrow()
          .then((r) => JSON.parse(r.texts_json) as Record<string, string>)
      ).description!,
    );
    // The bound: one compacted state, less than max(state, minBytes) of updates since, and the
    // empty updates' four characters each.
    expect(pulledBytes).toBeLessThanOrEqual(
      state.length + Math.max(state.length, compactionLimits.minBytes) + 4 * mine.length + 200,
    );
    expect(pulledBytes).toBeLessThan(pushedBytes / 4);

    // Devices that pulled part of it before (from the start, in small pages) end with the same text.
    for (const device of lagging) {
      const caughtUp = await pullFrom(server, token, device.cursor, device.state, 13);
      expect(caughtUp.state?.values.description).toBe(server_.description);
      expect(caughtUp.state?.values.title).toBe('Ljus och bussar');
    }
  }, 60_000);
});

describe.each(dialects)('text compaction with devices at any cursor on %s', (dialect) => {
  const edit = fc.record({
    device: fc.nat(),
    kind: fc.constantFrom('insert', 'insert', 'delete', 'push', 'push', 'pull', 'pull'),
    dialogue: fc.nat(),
    at: fc.nat(),
    size: fc.integer({ min: 1, max: 6 }),
    text: fc.string({ minLength: 1, maxLength: 8, unit: fc.constantFrom('a', 'ö', 'ع', ' ', '👍🏽') }),
  });
  let emptied = 0;

  it('brings every device, whenever it pulled, to the server’s text', async () => {
    // Compact all the time: after every few updates.
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 4 }),
        fc.array(edit, { minLength: 20, maxLength: 80 }),
        async (count, ops) => {
          Object.assign(compactionLimits, { maxUpdates: 3, minBytes: 120 });
          const { storage, cleanup } = await openStorage(dialect);
          try {
            await createMunicipality(storage);
            const devices = Array.from(
              { length: count },
              (_, i) => new Device(`c-${uuidv7()}-${i}`, i * 1000),
            );
            const first = devices[0]!;
            const ids = [
              (await first.dialogues.create({ title: 'Ett', question: 'Q' }, first.writer)).id,
              (await first.dialogues.create({ title: 'Två', question: 'Q' }, first.writer)).id,
            ];
            for (const device of devices) await heal(storage, device);
            for (const op of ops) {
              const device = devices[op.device % devices.length]!;
              const id = ids[op.dialogue % ids.length]!;
              if (op.kind === 'insert' || op.kind === 'delete') {
                const notes = (await device.dialogues.get(id))?.description ?? '';
                const at = op.at % (notes.length + 1);
                const next =
                  op.kind === 'insert'
                    ? notes.slice(0, at) + op.text + notes.slice(at)
                    : notes.slice(0, at) + notes.slice(at + op.size);
                await device.dialogues.editDescription(id, next, device.writer);
              } else if (op.kind === 'push') {
                const batch = await device.outboxBatch(op.size);
                if (batch.length > 0) await push(storage, device, batch);
              } else {
                await pullPage(storage, device, true, op.size);
              }
            }
            for (let round = 0; round < 2; round++) for (const device of devices) await heal(storage, device);
            const late = new Device(`late-${uuidv7()}`, 0);
            await heal(storage, late);
            for (const id of ids) {
              const expected = (await serverValues(storage, id)).description ?? '';
              for (const device of [...devices, late])
                expect((await device.dialogues.get(id))?.description ?? '').toBe(expected);
            }
            const rows = await storage.db.selectFrom('changes').select('fields_json').execute();
            emptied += rows.filter((r) => r.fields_json.includes(`"y":"${EMPTY_TEXT_UPDATE}"`)).length;
          } finally {
            await storage.close();
            await cleanup();
          }
        },
      ),
      { numRuns: dialect === 'postgres' ? Math.ceil(RUNS / 2) : RUNS, endOnFailure: true },
    );
    // The property is about compacted logs: make sure there were some.
    expect(emptied).toBeGreaterThan(0);
  }, 240_000);
});

describe.each(STORAGES)('text compaction of a log written before it, on %s', (_kind, dialect) => {
  it('tracks the updates already in the log and compacts them at the next edit', async () => {
    const database = await dialect.fresh();
    try {
      let storage = await database.open(MIGRATIONS.filter((m) => m.version < createTextUpdates.version));
      await createMunicipality(storage);
      const recordId = uuidv7();
      const doc = new TextFieldDoc();
      const updates = ['Vi vill', 'Vi vill ha ljus', 'Vi vill ha ljus i parken'].map((t) => doc.replace(t)!);
      // As the server wrote it before text compaction: the log, the merged record, the sequence.
      const before = [
        change(recordId, { title: 'T', question: 'Q', status: 'planned', createdAt: '2026-01-01' }),
        ...updates.map((y) => change(recordId, { description: { y } })),
      ];
      let merged: RecordState | undefined;
      for (const c of before) merged = applyChange(merged, c, yjsTextMerger);
      await storage.db
        .insertInto('changes')
        .values(
          before.map((c, i) => ({
            municipality_id: MUNICIPALITY,
            seq: i + 1,
            change_id: c.changeId,
            entity: c.entity,
            record_id: c.recordId,
            fields_json: JSON.stringify(c.fields),
            hlc: c.hlc,
            device_id: c.deviceId,
            user_id: null,
            received_at: new Date().toISOString(),
          })),
        )
        .execute();
      await storage.db
        .insertInto('records')
        .values({
          municipality_id: MUNICIPALITY,
          entity: 'dialogue',
          record_id: recordId,
          values_json: JSON.stringify(merged!.values),
          stamps_json: JSON.stringify(merged!.stamps),
          texts_json: JSON.stringify(merged!.texts),
          updated_seq: before.length,
        })
        .execute();
      await storage.db
        .insertInto('sequences')
        .values({ municipality_id: MUNICIPALITY, last_seq: before.length })
        .execute();
      await storage.close();

      storage = await database.open();
      try {
        const tracked = await storage.db.selectFrom('text_updates').selectAll().execute();
        expect(tracked).toEqual([
          expect.objectContaining({
            entity: 'dialogue',
            record_id: recordId,
            field: 'description',
            updates_json: JSON.stringify(updates.map((y, i) => [i + 2, y.length])),
            compacted_seq: null,
          }),
        ]);
        Object.assign(compactionLimits, { maxUpdates: 4 });
        await pushChanges(storage, ACTOR, [
          change(recordId, { description: { y: doc.replace('Vi vill ha ljus i parken!')! } }),
        ]);
        const log = await storage.db
          .selectFrom('changes')
          .select(['seq', 'fields_json'])
          .orderBy('seq')
          .execute();
        const payloads = log.map(
          (r) => (JSON.parse(r.fields_json) as { description?: { y: string } }).description?.y,
        );
        expect(payloads.slice(0, 4)).toEqual([
          undefined,
          EMPTY_TEXT_UPDATE,
          EMPTY_TEXT_UPDATE,
          EMPTY_TEXT_UPDATE,
        ]);
        expect(yjsTextMerger.text(payloads[4]!)).toBe('Vi vill ha ljus i parken!');
      } finally {
        await storage.close();
      }
    } finally {
      await database.dispose();
    }
  });
});
