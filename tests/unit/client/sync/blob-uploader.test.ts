/**
 * The uploader against a fake server that keeps the protocol's rules (HEAD for the offset, PATCH
 * only at the server's offset, the hash checked at the end): chunks, resuming after the network
 * drops, and the bytes leaving the device only after the server confirmed them.
 */
import { describe, expect, it } from 'vitest';
import { ApiError, OfflineError } from '../../../../src/client/sync/api-client.ts';
import { uploadPhotoBlobs } from '../../../../src/client/sync/blob-uploader.ts';
import type { DelaktigDatabase } from '../../../../src/client/db/database.ts';
import { retryPhotoUpload } from '../../../../src/client/db/photo-blobs.ts';
import { countWaitingImages } from '../../../../src/client/db/photo-waiting.ts';
import { freshDatabase } from '../../helpers/db.ts';

const SESSION = { token: 'token-anna', tenantId: 'borlange' };
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function image(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  crypto.getRandomValues(bytes);
  bytes.set(PNG);
  return bytes;
}

async function sha(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function waiting(
  db: DelaktigDatabase,
  bytes: Uint8Array<ArrayBuffer>,
  addedAt = '2026-05-01T10:00:00.000Z',
) {
  const hash = await sha(bytes);
  await db.photoBlobs.put({
    sha256: hash,
    tenantId: 'borlange',
    mime: 'image/png',
    bytes: bytes.length,
    addedAt,
    blob: new Blob([bytes], { type: 'image/png' }),
  });
  return hash;
}

interface Call {
  readonly method: string;
  readonly sha: string;
  readonly offset?: number;
  readonly length?: number;
}

/** What the real server does (src/server/blobs/blob-store.ts), in memory; `drop` fails requests. */
function fakeServer() {
  const received = new Map<string, Uint8Array<ArrayBuffer>>();
  const complete = new Map<string, Uint8Array<ArrayBuffer>>();
  const calls: Call[] = [];
  const server = {
    calls,
    complete,
    received,
    /** Fail every request after this many (the wifi goes); null: never. */
    dropAfter: null as number | null,
    /** Answer the completing chunk with another hash (a confused proxy). */
    confirmOther: false,
    refuse: null as { status: number; code: string } | null,
    fetch: async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
      if (server.dropAfter !== null && calls.length >= server.dropAfter)
        throw new TypeError('Failed to fetch');
      const hash = String(input).split('/').pop()!;
      const headers = new Headers(init.headers);
      if (headers.get('authorization') !== `Bearer ${SESSION.token}`)
        return json(401, { code: 'session_invalid' });
      const have = complete.get(hash) ?? received.get(hash);
      if (init.method === 'HEAD') {
        calls.push({ method: 'HEAD', sha: hash });
        if (!have) return new Response(null, { status: 404 });
        return new Response(null, {
          status: 200,
          headers: {
            'upload-offset': String(have.length),
            'upload-length': headers.get('upload-length') ?? String(have.length),
            'upload-complete': complete.has(hash) ? '?1' : '?0',
          },
        });
      }
      const offset = Number(headers.get('upload-offset'));
      const total = Number(headers.get('upload-length'));
      const chunk = new Uint8Array(await (init.body as Blob).arrayBuffer());
      calls.push({ method: 'PATCH', sha: hash, offset, length: chunk.length });
      if (server.refuse) return json(server.refuse.status, { code: server.refuse.code, message: 'No.' });
      if (complete.has(hash)) return json(200, { sha256: hash, bytes: total, mime: 'image/png' });
      const sofar = received.get(hash) ?? new Uint8Array(0);
      if (offset !== sofar.length) {
        return json(
          409,
          { code: 'offset_mismatch', message: 'Resume.' },
          { 'upload-offset': String(sofar.length) },
        );
      }
      const next = new Uint8Array(sofar.length + chunk.length);
      next.set(sofar);
      next.set(chunk, sofar.length);
      if (next.length < total) {
        received.set(hash, next);
        return new Response(null, { status: 204, headers: { 'upload-offset': String(next.length) } });
      }
      received.delete(hash);
      if ((await sha(next)) !== hash) return json(422, { code: 'hash_mismatch', message: 'Bytes differ.' });
      complete.set(hash, next);
      const confirmed = server.confirmOther ? 'b'.repeat(64) : hash;
      return json(201, { sha256: confirmed, bytes: next.length, mime: 'image/png' });
    },
  };
  return server;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

describe('uploading photos’ images', () => {
  it('sends an image in chunks and drops its bytes only when the server confirmed the hash', async () => {
    const db = freshDatabase();
    const server = fakeServer();
    const bytes = image(2500);
    const hash = await waiting(db, bytes);

    expect(await uploadPhotoBlobs(db, SESSION, { fetch: server.fetch, chunkBytes: 1000 })).toBe(1);
    expect(server.calls).toEqual([
      { method: 'HEAD', sha: hash },
      { method: 'PATCH', sha: hash, offset: 0, length: 1000 },
      { method: 'PATCH', sha: hash, offset: 1000, length: 1000 },
      { method: 'PATCH', sha: hash, offset: 2000, length: 500 },
    ]);
    expect(server.complete.get(hash)).toEqual(bytes);
    const row = await db.photoBlobs.get(hash);
    expect(row?.blob).toBeUndefined();
    expect(row?.uploadedAt).toEqual(expect.any(String));
  });

  it('resumes after the network dropped, from the offset the server reports, losing nothing', async () => {
    const db = freshDatabase();
    const server = fakeServer();
    const bytes = image(3500);
    const hash = await waiting(db, bytes);
    server.dropAfter = 3; // HEAD, two chunks, then the wifi goes.

    await expect(
      uploadPhotoBlobs(db, SESSION, { fetch: server.fetch, chunkBytes: 1000 }),
    ).rejects.toBeInstanceOf(OfflineError);
    expect((await db.photoBlobs.get(hash))?.blob).toBeInstanceOf(Blob);
    expect(server.received.get(hash)?.length).toBe(2000);

    server.dropAfter = null;
    server.calls.length = 0;
    expect(await uploadPhotoBlobs(db, SESSION, { fetch: server.fetch, chunkBytes: 1000 })).toBe(1);
    expect(server.calls.map((c) => c.offset)).toEqual([undefined, 2000, 3000]);
    expect(server.complete.get(hash)).toEqual(bytes);
  });

  it('goes on from where the server says when it got further than this device thinks', async () => {
    const db = freshDatabase();
    const server = fakeServer();
    const bytes = image(3000);
    const hash = await waiting(db, bytes);
    // Another upload of the same image (a second tab) got 1000 bytes in after our HEAD.
    const original = server.fetch;
    let headDone = false;
    server.fetch = async (input, init) => {
      const answer = await original(input, init);
      if (init?.method === 'HEAD' && !headDone) {
        headDone = true;
        server.received.set(hash, bytes.slice(0, 1000));
      }
      return answer;
    };
    expect(await uploadPhotoBlobs(db, SESSION, { fetch: server.fetch, chunkBytes: 1000 })).toBe(1);
    expect(server.calls.map((c) => c.offset)).toEqual([undefined, 0, 1000, 2000]);
    expect(server.complete.get(hash)).toEqual(bytes);
  });

  it('asks first, and sends nothing for an image the server has already', async () => {
    const db = freshDatabase();
    const server = fakeServer();
    const bytes = image(1200);
    const hash = await waiting(db, bytes);
    server.complete.set(hash, bytes);
    expect(await uploadPhotoBlobs(db, SESSION, { fetch: server.fetch })).toBe(1);
    expect(server.calls).toEqual([{ method: 'HEAD', sha: hash }]);
    expect((await db.photoBlobs.get(hash))?.blob).toBeUndefined();
  });

  it('keeps the bytes when the server confirms another image', async () => {
    const db = freshDatabase();
    const server = fakeServer();
    server.confirmOther = true;
    const hash = await waiting(db, image(800));
    await expect(uploadPhotoBlobs(db, SESSION, { fetch: server.fetch })).rejects.toMatchObject({
      code: 'bad_response',
    });
    expect((await db.photoBlobs.get(hash))?.blob).toBeInstanceOf(Blob);
  });

  it('marks an image the server refuses for good, keeps its bytes, and goes on with the next', async () => {
    const db = freshDatabase();
    const server = fakeServer();
    const refused = await waiting(db, image(900), '2026-05-01T10:00:00.000Z');
    const next = await waiting(db, image(700), '2026-05-01T10:05:00.000Z');
    const original = server.fetch;
    server.fetch = async (input, init) => {
      server.refuse = String(input).endsWith(refused) ? { status: 415, code: 'not_an_image' } : null;
      return original(input, init);
    };
    expect(await uploadPhotoBlobs(db, SESSION, { fetch: server.fetch })).toBe(1);
    const row = await db.photoBlobs.get(refused);
    expect(row?.blob).toBeInstanceOf(Blob);
    expect(row?.rejection).toEqual({ code: 'not_an_image', message: 'No.' });
    expect((await db.photoBlobs.get(next))?.uploadedAt).toEqual(expect.any(String));
    // Not tried again: it waits, shown, for a person to decide.
    server.calls.length = 0;
    expect(await uploadPhotoBlobs(db, SESSION, { fetch: server.fetch })).toBe(0);
    expect(server.calls).toEqual([]);
  });

  it('sends a refused image again after "try again", and it goes up when the server takes it', async () => {
    const db = freshDatabase();
    const server = fakeServer();
    const hash = await waiting(db, image(800));
    server.refuse = { status: 413, code: 'photo_too_large' };
    expect(await uploadPhotoBlobs(db, SESSION, { fetch: server.fetch })).toBe(0);
    expect((await db.photoBlobs.get(hash))?.rejection?.code).toBe('photo_too_large');
    expect(await countWaitingImages(db)).toBe(0);

    // The limit was raised on the server; the facilitator presses "try again".
    server.refuse = null;
    expect(await retryPhotoUpload(db, hash)).toBe(true);
    expect((await db.photoBlobs.get(hash))?.rejection).toBeUndefined();
    expect(await countWaitingImages(db)).toBe(1);
    expect(await uploadPhotoBlobs(db, SESSION, { fetch: server.fetch })).toBe(1);
    expect(await db.photoBlobs.get(hash)).toMatchObject({ uploadedAt: expect.any(String) });
    expect((await db.photoBlobs.get(hash))?.blob).toBeUndefined();
    // Nothing refused any more: "try again" does nothing.
    expect(await retryPhotoUpload(db, hash)).toBe(false);
    expect(await retryPhotoUpload(db, 'c'.repeat(64))).toBe(false);
  });

  it('stops at a 401 with the bytes kept (the app asks to sign in again)', async () => {
    const db = freshDatabase();
    const server = fakeServer();
    const hash = await waiting(db, image(600));
    const error = await uploadPhotoBlobs(db, { ...SESSION, token: 'revoked' }, { fetch: server.fetch }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((await db.photoBlobs.get(hash))?.blob).toBeInstanceOf(Blob);
  });

  it('uploads only the signed-in municipality’s images', async () => {
    const db = freshDatabase();
    const server = fakeServer();
    const bytes = image(500);
    await db.photoBlobs.put({
      sha256: await sha(bytes),
      tenantId: 'falun',
      mime: 'image/png',
      bytes: bytes.length,
      addedAt: '2026-05-01T10:00:00.000Z',
      blob: new Blob([bytes]),
    });
    expect(await uploadPhotoBlobs(db, SESSION, { fetch: server.fetch })).toBe(0);
    expect(server.calls).toEqual([]);
  });
});
