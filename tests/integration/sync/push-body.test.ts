/**
 * Gzip push bodies (src/server/http/push-body.ts) over real HTTP: the app's own request code
 * compresses them, the server inflates them with a hard cap, and anything else is refused with a
 * clear `{code, message}`.
 */
import { gzipSync } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiRequest } from '../../../src/client/sync/api-client.ts';
import type { Change } from '../../../src/shared/sync/change.ts';
import { formatHlc } from '../../../src/shared/sync/hlc.ts';
import {
  MAX_PUSH_BYTES,
  SCHEMA_HEADER,
  SYNC_SCHEMA_VERSION,
  type PullResponse,
  type PushResponse,
} from '../../../src/shared/sync/protocol.ts';
import { call, startSyncServer, type SyncServer } from './http-fixture.ts';

let clock = 1_764_000_000_000;
function dialogue(municipalityId: string, title = 'Trygghet'): Change {
  clock += 1;
  return {
    changeId: uuidv7(),
    entity: 'dialogue',
    recordId: uuidv7(),
    tenantId: municipalityId,
    fields: { title, question: 'Vad gör dig trygg?', status: 'planned', createdAt: '2026-01-01' },
    hlc: formatHlc({ ms: clock, counter: 0 }, 'device-a'),
    deviceId: 'device-a',
    userId: null,
  };
}

describe('gzip push bodies', () => {
  let server: SyncServer;
  let token: string;
  const sent: { encoding: string | undefined; bytes: number }[] = [];
  const realFetch = globalThis.fetch;

  beforeAll(async () => {
    server = await startSyncServer('sqlite');
    token = (await server.signIn('facilitator')).token;
    // The app's apiRequest uses relative paths and the global fetch: point it at the server, and
    // note what it sends.
    globalThis.fetch = (input, init) => {
      if (typeof input === 'string' && input.startsWith('/api/sync/push')) {
        const headers = (init?.headers ?? {}) as Record<string, string>;
        const body = init?.body;
        sent.push({
          encoding: headers['content-encoding'],
          bytes: typeof body === 'string' ? Buffer.byteLength(body) : (body as Uint8Array).byteLength,
        });
      }
      return realFetch(typeof input === 'string' ? new URL(input, server.url) : input, init);
    };
  });
  afterEach(() => {
    sent.length = 0;
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await server.close();
  });

  const raw = (body: Buffer | string, encoding?: string) =>
    fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION),
        'content-type': 'application/json',
        ...(encoding ? { 'content-encoding': encoding } : {}),
      },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });

  it('sends a batch gzipped from the app’s request code, and the server stores it as sent', async () => {
    const batch = Array.from({ length: 40 }, (_, i) => dialogue(server.municipalityId, `Dialog ${i}`));
    const json = JSON.stringify({ changes: batch });
    const answer = await apiRequest<PushResponse>('POST', '/api/sync/push', {
      token,
      body: { changes: batch },
      gzip: true,
    });
    expect(sent).toEqual([{ encoding: 'gzip', bytes: expect.any(Number) }]);
    expect(sent[0]!.bytes).toBeLessThan(Buffer.byteLength(json) / 4);
    expect(answer.acknowledged.map((a) => a.changeId)).toEqual(batch.map((c) => c.changeId));
    const first = Math.min(...answer.acknowledged.map((a) => a.seq));
    const pulled = (await call(server, 'GET', `/api/sync/pull?after=${first - 1}`, { token }))
      .body as unknown as PullResponse;
    expect(pulled.changes.map(({ seq: _seq, ...change }) => ({ ...change, userId: null }))).toEqual(batch);
  });

  it('sends small bodies as they are, and all of them where CompressionStream is missing', async () => {
    await apiRequest('POST', '/api/sync/push', {
      token,
      body: { changes: [dialogue(server.municipalityId)] },
      gzip: true,
    });
    expect(sent).toEqual([{ encoding: undefined, bytes: expect.any(Number) }]);
    const original = globalThis.CompressionStream;
    // @ts-expect-error: a browser without CompressionStream (Safari before 16.4)
    delete globalThis.CompressionStream;
    try {
      const batch = Array.from({ length: 40 }, () => dialogue(server.municipalityId));
      const answer = await apiRequest<PushResponse>('POST', '/api/sync/push', {
        token,
        body: { changes: batch },
        gzip: true,
      });
      expect(answer.acknowledged).toHaveLength(40);
    } finally {
      globalThis.CompressionStream = original;
    }
    expect(sent[1]!.encoding).toBeUndefined();
  });

  it('answers a body that inflates past the cap with 413, at once', async () => {
    // 3 MB of spaces around a valid batch: gzipped a few KB, inflated more than the cap.
    const bomb = gzipSync(Buffer.from(`{"changes":[]${' '.repeat(MAX_PUSH_BYTES * 3)}}`), { level: 9 });
    expect(bomb.length).toBeLessThan(20_000);
    const started = performance.now();
    const response = await raw(bomb, 'gzip');
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      code: 'body_too_large',
      message: expect.stringMatching(/inflates to more than 3000000 bytes/),
    });
    expect(performance.now() - started).toBeLessThan(2000);
    // A body just under the cap is fine.
    const fits = gzipSync(Buffer.from(`{"changes":[]${' '.repeat(MAX_PUSH_BYTES * 3 - 100)}}`));
    expect((await raw(fits, 'gzip')).status).toBe(200);
  });

  it('refuses corrupt gzip with 400 and other encodings with 415', async () => {
    const json = JSON.stringify({ changes: [dialogue(server.municipalityId)] });
    const truncated = gzipSync(json).subarray(0, 30);
    const corrupt = await raw(truncated, 'gzip');
    expect(corrupt.status).toBe(400);
    expect(await corrupt.json()).toEqual({ code: 'invalid_encoding', message: expect.any(String) });
    const garbage = await raw(Buffer.from(json), 'gzip');
    expect(garbage.status).toBe(400);
    expect((await garbage.json()).code).toBe('invalid_encoding');
    const brotli = await raw(Buffer.from(json), 'br');
    expect(brotli.status).toBe(415);
    expect(await brotli.json()).toEqual({ code: 'unsupported_encoding', message: expect.any(String) });
    // Plain JSON, with or without "identity", is as before.
    expect((await raw(json)).status).toBe(200);
    expect(
      (await raw(JSON.stringify({ changes: [dialogue(server.municipalityId)] }), 'identity')).status,
    ).toBe(200);
  });
});
