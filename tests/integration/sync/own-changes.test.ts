/**
 * A device does not pull back the changes it just pushed, and its cursor never skips anyone
 * else's change (src/server/sync/own-changes.ts), over real HTTP on SQLite and PostgreSQL,
 * including pushes from many devices at once.
 */
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../../src/shared/sync/change.ts';
import { formatHlc } from '../../../src/shared/sync/hlc.ts';
import type { PullResponse, PushResponse } from '../../../src/shared/sync/protocol.ts';
import { requirePostgres } from '../../support/postgres.ts';
import { call, startSyncServer, type Dialect, type SyncServer } from './http-fixture.ts';

const dialects: Dialect[] = ['sqlite'];
if (await requirePostgres('tests/integration/sync/own-changes.test.ts')) dialects.push('postgres');

const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 12);

let clock = 1_764_000_000_000;
function stamp(device: string): string {
  clock += 1;
  return formatHlc({ ms: clock, counter: 0 }, device);
}

function dialogue(municipalityId: string, device = 'device-a'): Change {
  return {
    changeId: uuidv7(),
    entity: 'dialogue',
    recordId: uuidv7(),
    tenantId: municipalityId,
    fields: { title: 'Trygghet', question: 'Vad gör dig trygg?', status: 'planned', createdAt: '2026-01-01' },
    hlc: stamp(device),
    deviceId: device,
    userId: null,
  };
}

/**
 * A device as the sync engine keeps it: a cursor, and which changes it has (its own, and what it
 * pulled). It moves its cursor on a push's answer exactly as `skipOwnChanges` does.
 */
class Device {
  cursor = 0;
  readonly has = new Set<string>();
  constructor(
    readonly server: SyncServer,
    readonly token: string,
    readonly name: string,
  ) {}

  /** The cursor goes in the address as the app sends it, or in the body as apps before it did. */
  async push(changes: readonly Change[], cursorIn: 'address' | 'body' = 'address'): Promise<PushResponse> {
    for (const change of changes) this.has.add(change.changeId);
    const after = this.cursor;
    const response =
      cursorIn === 'address'
        ? await call(this.server, 'POST', `/api/sync/push?after=${after}`, {
            token: this.token,
            body: { changes },
          })
        : await call(this.server, 'POST', '/api/sync/push', { token: this.token, body: { changes, after } });
    expect(response.status).toBe(200);
    const body = response.body as unknown as PushResponse;
    if (body.cursor !== undefined && this.cursor >= after) this.cursor = Math.max(this.cursor, body.cursor);
    return body;
  }

  async pull(limit = 1000): Promise<boolean> {
    const response = await call(this.server, 'GET', `/api/sync/pull?after=${this.cursor}&limit=${limit}`, {
      token: this.token,
    });
    expect(response.status).toBe(200);
    const page = response.body as unknown as PullResponse;
    for (const change of page.changes) this.has.add(change.changeId);
    this.cursor = Math.max(this.cursor, page.cursor);
    return page.hasMore;
  }

  async pullAll(): Promise<void> {
    while (await this.pull());
  }
}

async function allChangeIds(server: SyncServer, after: number): Promise<string[]> {
  const rows = await server.storage.db
    .selectFrom('changes')
    .select('change_id')
    .where('municipality_id', '=', server.municipalityId)
    .where('seq', '>', after)
    .execute();
  return rows.map((r) => r.change_id);
}

async function lastSeq(server: SyncServer): Promise<number> {
  const row = await server.storage.db
    .selectFrom('sequences')
    .select('last_seq')
    .where('municipality_id', '=', server.municipalityId)
    .executeTakeFirst();
  return Number(row?.last_seq ?? 0);
}

describe.each(dialects)('own changes on %s', (dialect) => {
  let server: SyncServer;
  beforeAll(async () => {
    server = await startSyncServer(dialect);
  });
  afterAll(async () => server.close());

  const device = async (name: string, role: 'facilitator' | 'admin' = 'facilitator') => {
    const d = new Device(server, (await server.signIn(role)).token, name);
    await d.pullAll();
    return d;
  };

  it('lets a device that had pulled everything move its cursor past what it just pushed', async () => {
    const a = await device('a');
    const before = a.cursor;
    const answer = await a.push([dialogue(server.municipalityId), dialogue(server.municipalityId)]);
    expect(answer.acknowledged.map((x) => x.seq)).toEqual([before + 1, before + 2]);
    expect(answer.cursor).toBe(before + 2);
    // Nothing left to pull: one request, no changes.
    const page = (await call(server, 'GET', `/api/sync/pull?after=${a.cursor}`, { token: a.token }))
      .body as unknown as PullResponse;
    expect(page.changes).toEqual([]);
  });

  it('does not when someone else’s change came in between, and the device then pulls it', async () => {
    const a = await device('a');
    const b = await device('b');
    const theirs = dialogue(server.municipalityId, 'device-b');
    await b.push([theirs]);
    const before = a.cursor;
    const answer = await a.push([dialogue(server.municipalityId)]);
    expect(answer.cursor).toBeUndefined();
    expect(a.cursor).toBe(before);
    await a.pullAll();
    expect(a.has.has(theirs.changeId)).toBe(true);
  });

  it('takes the cursor from the body too (apps before it moved to the address), the address first', async () => {
    const a = await device('a');
    const before = a.cursor;
    const answer = await a.push([dialogue(server.municipalityId)], 'body');
    expect(answer.cursor).toBe(before + 1);
    // Both given: the address's cursor counts (here a stale one, so no skipping).
    const both = await call(server, 'POST', `/api/sync/push?after=${before}`, {
      token: a.token,
      body: { changes: [dialogue(server.municipalityId)], after: a.cursor },
    });
    expect(both.status).toBe(200);
    expect(both.body.cursor).toBeUndefined();
    const bad = await call(server, 'POST', '/api/sync/push?after=-1', {
      token: a.token,
      body: { changes: [dialogue(server.municipalityId)] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_query');
  });

  it('does not for a retried batch, nor without a cursor', async () => {
    const a = await device('a');
    const batch = [dialogue(server.municipalityId)];
    const first = await a.push(batch);
    expect(first.cursor).toBeDefined();
    const again = await a.push(batch);
    expect(again.acknowledged).toEqual(first.acknowledged);
    expect(again.cursor).toBeUndefined();
    const withoutCursor = await call(server, 'POST', '/api/sync/push', {
      token: a.token,
      body: { changes: [dialogue(server.municipalityId)] },
    });
    expect(withoutCursor.status).toBe(200);
    expect(withoutCursor.body.cursor).toBeUndefined();
  });

  it('stops before a refused command, whose compensating change the device must pull', async () => {
    const a = await device('a');
    const created = dialogue(server.municipalityId);
    await a.push([created]);
    const fresh = dialogue(server.municipalityId);
    // "close" on a planned dialogue: the server refuses it and stores its own change instead.
    const close: Change = {
      ...created,
      changeId: uuidv7(),
      fields: { status: 'closed' },
      command: 'close',
      hlc: stamp('device-a'),
    };
    const before = a.cursor;
    const answer = await a.push([fresh, close]);
    expect(answer.notices).toEqual([expect.objectContaining({ changeId: close.changeId })]);
    expect(answer.cursor).toBe(before + 1);
    const page = (await call(server, 'GET', `/api/sync/pull?after=${a.cursor}`, { token: a.token }))
      .body as unknown as PullResponse;
    expect(page.changes).toEqual([
      expect.objectContaining({
        changeId: close.changeId,
        deviceId: 'server',
        fields: { status: 'planned' },
      }),
    ]);
  });

  it('never lets a cursor skip another device’s change, however pushes and pulls interleave', async () => {
    const step = fc.record({
      // Which devices act together in this step (at once: concurrent requests), and how.
      acting: fc.array(
        fc.record({ device: fc.nat(), push: fc.boolean(), size: fc.integer({ min: 1, max: 4 }) }),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 5 }),
        fc.array(step, { minLength: 3, maxLength: 25 }),
        async (count, steps) => {
          const start = await lastSeq(server);
          const devices = await Promise.all(Array.from({ length: count }, (_, i) => device(`d${i}`)));
          for (const { acting } of steps) {
            const busy = new Set<number>();
            await Promise.all(
              acting.map(({ device: pick, push, size }) => {
                const i = pick % devices.length;
                if (busy.has(i)) return Promise.resolve(); // One request at a time per device, as the engine does.
                busy.add(i);
                const d = devices[i]!;
                return push
                  ? d.push(Array.from({ length: size }, () => dialogue(server.municipalityId, d.name)))
                  : d.pull(size);
              }),
            );
          }
          const all = await allChangeIds(server, start);
          for (const d of devices) {
            await d.pullAll();
            const missing = all.filter((id) => !d.has.has(id));
            expect(missing, `device ${d.name} never got these changes`).toEqual([]);
          }
        },
      ),
      { numRuns: dialect === 'postgres' ? Math.ceil(RUNS / 2) : RUNS, endOnFailure: true },
    );
  }, 120_000);
});
