/**
 * The sync API over real HTTP, against SQLite and PostgreSQL alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Change } from '../../../src/shared/sync/change.ts';
import { formatHlc } from '../../../src/shared/sync/hlc.ts';
import type { PullResponse, PushResponse } from '../../../src/shared/sync/protocol.ts';
import { MAX_PUSH_CHANGES, SCHEMA_HEADER, SYNC_SCHEMA_VERSION } from '../../../src/shared/sync/protocol.ts';
import { requirePostgres } from '../../support/postgres.ts';
import { call, startSyncServer, type Dialect, type SyncServer } from './http-fixture.ts';

const dialects: Dialect[] = ['sqlite'];
if (await requirePostgres('tests/integration/sync/http.test.ts')) dialects.push('postgres');

let clock = 1_764_000_000_000;
function dialogue(municipalityId: string, fields: Change['fields'] = {}, recordId = uuidv7()): Change {
  clock += 1;
  return {
    changeId: uuidv7(),
    entity: 'dialogue',
    recordId,
    tenantId: municipalityId,
    fields: {
      title: 'Trygghet',
      question: 'Vad gör dig trygg?',
      status: 'planned',
      createdAt: new Date(clock).toISOString(),
      ...fields,
    },
    hlc: formatHlc({ ms: clock, counter: 0 }, 'device-a'),
    deviceId: 'device-a',
    userId: null,
  };
}

describe.each(dialects)('sync API on %s', (dialect) => {
  let server: SyncServer;
  beforeAll(async () => {
    server = await startSyncServer(dialect);
  });
  afterAll(async () => server.close());

  it('carries one change from one device to another in one request each way', async () => {
    const a = await server.signIn('facilitator');
    const b = await server.signIn('official');
    const change = dialogue(server.municipalityId, { title: 'Från surfplatta A' });
    const pushed = await call(server, 'POST', '/api/sync/push', {
      token: a.token,
      body: { changes: [change] },
    });
    expect(pushed.status).toBe(200);
    const ack = (pushed.body as unknown as PushResponse).acknowledged;
    expect(ack).toHaveLength(1);
    const pulled = await call(server, 'GET', '/api/sync/pull?after=0', { token: b.token });
    expect(pulled.status).toBe(200);
    const page = pulled.body as unknown as PullResponse;
    const mine = page.changes.find((c) => c.changeId === change.changeId);
    expect(mine?.fields.title).toBe('Från surfplatta A');
    expect(mine?.seq).toBe(ack[0]!.seq);
    expect(mine?.userId).toBe(a.userId);
  });

  it('changes nothing when a batch is pushed again', async () => {
    const a = await server.signIn('facilitator');
    const batch = [dialogue(server.municipalityId), dialogue(server.municipalityId)];
    const first = await call(server, 'POST', '/api/sync/push', { token: a.token, body: { changes: batch } });
    const before = await call(server, 'GET', '/api/sync/pull?after=0&limit=1000', { token: a.token });
    const again = await call(server, 'POST', '/api/sync/push', { token: a.token, body: { changes: batch } });
    const after = await call(server, 'GET', '/api/sync/pull?after=0&limit=1000', { token: a.token });
    expect(again.body.acknowledged).toEqual(first.body.acknowledged);
    expect(after.body).toEqual(before.body);
  });

  it('answers a malformed batch with 400 naming the bad change', async () => {
    const a = await server.signIn('facilitator');
    const bad = { ...dialogue(server.municipalityId), hlc: 'yesterday' };
    const response = await call(server, 'POST', '/api/sync/push', {
      token: a.token,
      body: { changes: [dialogue(server.municipalityId), bad] },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid_batch');
    expect(response.body.message).toMatch(/Change 1 of the batch.*hlc/);
  });

  it('answers a batch with too many changes, or too many bytes, with 413', async () => {
    const a = await server.signIn('facilitator');
    const many = Array.from({ length: MAX_PUSH_CHANGES + 1 }, () => dialogue(server.municipalityId));
    const tooMany = await call(server, 'POST', '/api/sync/push', { token: a.token, body: { changes: many } });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.code).toBe('batch_too_large');
    const huge = await call(server, 'POST', '/api/sync/push', {
      token: a.token,
      body: { changes: [dialogue(server.municipalityId, { title: 'x'.repeat(3_100_000) })] },
    });
    expect(huge.status).toBe(413);
    expect(typeof huge.body.message).toBe('string');
  });

  it('refuses unknown entities and fields with 422, applying nothing of the batch', async () => {
    const a = await server.signIn('facilitator');
    const good = dialogue(server.municipalityId);
    const unknownField = dialogue(server.municipalityId, { colour: 'red' });
    const unknownEntity = { ...dialogue(server.municipalityId), entity: 'meeting' } as unknown as Change;
    const response = await call(server, 'POST', '/api/sync/push', {
      token: a.token,
      body: { changes: [good, unknownField, unknownEntity] },
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('changes_rejected');
    expect(response.body.rejected).toEqual([
      expect.objectContaining({ changeId: unknownField.changeId, code: 'unknown_field', field: 'colour' }),
      expect.objectContaining({ changeId: unknownEntity.changeId, code: 'unknown_entity' }),
    ]);
    const pulled = (await call(server, 'GET', '/api/sync/pull?after=0&limit=1000', { token: a.token }))
      .body as unknown as PullResponse;
    expect(pulled.changes.some((c) => c.changeId === good.changeId)).toBe(false);
  });

  it('refuses a change the role may not make, and one aimed at another municipality', async () => {
    const politician = await server.signIn('politician');
    const forbidden = await call(server, 'POST', '/api/sync/push', {
      token: politician.token,
      body: { changes: [dialogue(server.municipalityId)] },
    });
    expect(forbidden.status).toBe(422);
    expect(forbidden.body.rejected).toEqual([expect.objectContaining({ code: 'forbidden' })]);
    const facilitator = await server.signIn('facilitator');
    const foreign = await call(server, 'POST', '/api/sync/push', {
      token: facilitator.token,
      body: { changes: [dialogue(server.otherMunicipalityId)] },
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.rejected).toEqual([expect.objectContaining({ code: 'wrong_municipality' })]);
  });

  it('never shows one municipality’s changes to another', async () => {
    const home = await server.signIn('facilitator');
    const away = await server.signIn('admin', true);
    const secret = dialogue(server.municipalityId, { title: 'Bara Borlänge' });
    await call(server, 'POST', '/api/sync/push', { token: home.token, body: { changes: [secret] } });
    const pulled = (await call(server, 'GET', '/api/sync/pull?after=0&limit=1000', { token: away.token }))
      .body as unknown as PullResponse;
    expect(pulled.changes.every((c) => c.tenantId === server.otherMunicipalityId)).toBe(true);
    expect(JSON.stringify(pulled)).not.toContain('Bara Borlänge');
  });

  it('asks an outdated app to update, and refuses calls without a session', async () => {
    const a = await server.signIn('facilitator');
    expect((await call(server, 'GET', '/api/sync/pull', { token: a.token, schema: null })).status).toBe(426);
    expect(
      (
        await call(server, 'GET', '/api/sync/pull', {
          token: a.token,
          schema: String(SYNC_SCHEMA_VERSION - 1),
        })
      ).body.code,
    ).toBe('client_outdated');
    expect(
      (
        await call(server, 'GET', '/api/sync/pull', {
          token: a.token,
          schema: String(SYNC_SCHEMA_VERSION + 1),
        })
      ).status,
    ).toBe(409);
    const anonymous = await call(server, 'GET', '/api/sync/pull');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.changes).toBeUndefined();
  });

  it('pages a pull, and the pages together hold every change in order', async () => {
    const a = await server.signIn('facilitator');
    await call(server, 'POST', '/api/sync/push', {
      token: a.token,
      body: { changes: Array.from({ length: 7 }, () => dialogue(server.municipalityId)) },
    });
    const seen: number[] = [];
    let after = 0;
    for (let guard = 0; guard < 100; guard++) {
      const page = (await call(server, 'GET', `/api/sync/pull?after=${after}&limit=3`, { token: a.token }))
        .body as unknown as PullResponse;
      seen.push(...page.changes.map((c) => c.seq));
      after = page.cursor;
      if (!page.hasMore) break;
    }
    expect(seen.length).toBeGreaterThanOrEqual(7);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('numbers concurrent pushes without gaps, so a pull never skips one that committed late', async () => {
    const devices = await Promise.all(Array.from({ length: 8 }, () => server.signIn('facilitator')));
    const results = await Promise.all(
      devices.flatMap((d) =>
        [0, 1, 2].map(() =>
          call(server, 'POST', '/api/sync/push', {
            token: d.token,
            body: { changes: [dialogue(server.municipalityId), dialogue(server.municipalityId)] },
          }),
        ),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const seqs = results
      .flatMap((r) => (r.body as unknown as PushResponse).acknowledged.map((a) => a.seq))
      .sort((x, y) => x - y);
    expect(seqs).toHaveLength(48);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1]! + 1);
  });

  it('gzips a large pull for a device that accepts it, with the same content', async () => {
    const a = await server.signIn('facilitator');
    await call(server, 'POST', '/api/sync/push', {
      token: a.token,
      body: { changes: Array.from({ length: 30 }, () => dialogue(server.municipalityId)) },
    });
    const get = (encoding: string) =>
      fetch(`${server.url}/api/sync/pull?after=0&limit=1000`, {
        headers: {
          authorization: `Bearer ${a.token}`,
          [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION),
          'accept-encoding': encoding,
        },
      });
    const zipped = await get('gzip');
    const plain = await get('identity');
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await zipped.json()).toEqual(await plain.json());
  });

  it('tells a listening device within seconds that something changed', async () => {
    const listener = await server.signIn('official');
    const writer = await server.signIn('facilitator');
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/sync/events`, {
      headers: { authorization: `Bearer ${listener.token}`, [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION) },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    await reader.read(); // ": connected"
    const pushed = await call(server, 'POST', '/api/sync/push', {
      token: writer.token,
      body: { changes: [dialogue(server.municipalityId)] },
    });
    const seq = (pushed.body as unknown as PushResponse).acknowledged[0]!.seq;
    let received = '';
    const deadline = Date.now() + 5000;
    while (!received.includes('event: changes') && Date.now() < deadline) {
      const { value } = await reader.read();
      received += value ?? '';
    }
    controller.abort();
    expect(received).toContain('event: changes');
    expect(received).toContain(`"cursor":${seq}`);
  });
});
