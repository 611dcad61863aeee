/**
 * Photos' images and proposals' attachments over real HTTP (docs/server.md "Photos"), on SQLite and
 * PostgreSQL: uploaded in chunks, resumed after a connection drops from the offset the server
 * reports, stored once per hash, verified (hash and type) before they are kept, refused over the
 * limit, served as files that never run as pages (a PDF as a download), and walled off by
 * municipality and role.
 */
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../../src/shared/api.ts';
import {
  BLOB_CHUNK_CONTENT_TYPE,
  BLOB_MAX_CHUNK_BYTES,
  blobPath,
  PHOTO_MAX_BYTES,
  type BlobCommitted,
} from '../../../src/shared/domain/photo.ts';
import { seedMunicipality, seedSession, seedUser, setUp } from './api.ts';
import { startTestServer, type TestServer } from './test-server.ts';
import { testDialects } from './test-storage.ts';

const DIALECTS = await testDialects('blobs.test.ts');

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Bytes that start like a PNG (all the server looks at), `size` long, different every time. */
function png(size: number): Buffer {
  return Buffer.concat([PNG_SIGNATURE, randomBytes(size - PNG_SIGNATURE.length)]);
}

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Buffer;
  json<T = ApiErrorBody>(): T;
}

async function send(
  server: TestServer,
  method: string,
  path: string,
  options: { token?: string; headers?: Record<string, string>; body?: Buffer } = {},
): Promise<Answer> {
  const response = await fetch(server.url + path, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body && Uint8Array.from(options.body),
  });
  const body = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    headers: response.headers,
    body,
    json: <T>() => JSON.parse(body.toString('utf8')) as T,
  };
}

function patch(
  server: TestServer,
  token: string | undefined,
  hash: string,
  chunk: Buffer,
  offset: number,
  total: number,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return send(server, 'PATCH', blobPath(hash), {
    token,
    body: chunk,
    headers: {
      'content-type': BLOB_CHUNK_CONTENT_TYPE,
      'upload-offset': String(offset),
      'upload-length': String(total),
      'upload-media-type': 'image/png',
      ...headers,
    },
  });
}

/** Send `image` in chunks of `size` from `from`; returns the last answer. */
async function upload(server: TestServer, token: string, image: Buffer, size: number, from = 0) {
  const hash = sha(image);
  let last: Answer | undefined;
  for (let offset = from; offset < image.length; offset += size) {
    last = await patch(server, token, hash, image.subarray(offset, offset + size), offset, image.length);
    if (last.status >= 400) return last;
  }
  return last!;
}

async function storedRows(server: TestServer) {
  const { db } = server.storage;
  return {
    blobs: await db.selectFrom('blobs').select(['municipality_id', 'sha256', 'bytes']).execute(),
    uploads: await db.selectFrom('blob_uploads').select(['sha256', 'chunk_offset']).execute(),
  };
}

/**
 * Start a PATCH that declares a whole chunk, send only `sent` bytes of it, and drop the connection:
 * what a tablet does when the school's wifi goes.
 */
function interruptedPatch(
  server: TestServer,
  token: string,
  hash: string,
  chunk: Buffer,
  offset: number,
  total: number,
  sent: number,
) {
  return new Promise<void>((done) => {
    const url = new URL(server.url + blobPath(hash));
    const req = httpRequest({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': BLOB_CHUNK_CONTENT_TYPE,
        'content-length': String(chunk.length),
        'upload-offset': String(offset),
        'upload-length': String(total),
        'upload-media-type': 'image/png',
      },
    });
    req.on('error', () => done());
    req.on('close', () => done());
    req.write(chunk.subarray(0, sent), () => setTimeout(() => req.destroy(), 50));
  });
}

describe.each(DIALECTS)('photo uploads on %s', (_kind, dialect) => {
  let server: TestServer;
  let facilitator: string;
  let admin: string;
  let official: string;
  let youth: string;
  let otherAdmin: string;
  let municipalityId: string;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    const setup = await setUp(server);
    municipalityId = setup.municipality.id;
    admin = setup.token;
    facilitator = await seedSession(
      server.storage,
      await seedUser(server.storage, municipalityId, 'facilitator', 'fia'),
    );
    official = await seedSession(
      server.storage,
      await seedUser(server.storage, municipalityId, 'official', 'olle'),
    );
    youth = await seedSession(
      server.storage,
      await seedUser(server.storage, municipalityId, 'youthDeveloper', 'ylva'),
    );
    const other = await seedMunicipality(server.storage, 'Falun');
    otherAdmin = await seedSession(
      server.storage,
      await seedUser(server.storage, other.id, 'admin', 'falun.admin'),
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  it('takes an image in chunks, says how far it got after each, and serves the same bytes as an image', async () => {
    const image = png(2 * BLOB_MAX_CHUNK_BYTES + 12_345);
    const hash = sha(image);
    expect((await send(server, 'HEAD', blobPath(hash), { token: facilitator })).status).toBe(404);

    const first = await patch(
      server,
      facilitator,
      hash,
      image.subarray(0, BLOB_MAX_CHUNK_BYTES),
      0,
      image.length,
    );
    expect(first.status).toBe(204);
    expect(first.headers.get('upload-offset')).toBe(String(BLOB_MAX_CHUNK_BYTES));
    const head = await send(server, 'HEAD', blobPath(hash), { token: facilitator });
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe(String(BLOB_MAX_CHUNK_BYTES));
    expect(head.headers.get('upload-length')).toBe(String(image.length));
    expect(head.headers.get('upload-complete')).toBe('?0');
    // Not served while incomplete.
    expect((await send(server, 'GET', blobPath(hash), { token: facilitator })).status).toBe(404);

    const last = await upload(server, facilitator, image, BLOB_MAX_CHUNK_BYTES, BLOB_MAX_CHUNK_BYTES);
    expect(last.status).toBe(201);
    expect(last.json<BlobCommitted>()).toEqual({ sha256: hash, bytes: image.length, mime: 'image/png' });
    const done = await send(server, 'HEAD', blobPath(hash), { token: facilitator });
    expect(done.headers.get('upload-complete')).toBe('?1');
    expect(done.headers.get('upload-offset')).toBe(String(image.length));

    // Any staff role of the municipality may look at it.
    const got = await send(server, 'GET', blobPath(hash), { token: official });
    expect(got.status).toBe(200);
    expect(sha(got.body)).toBe(hash);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(got.headers.get('content-disposition')).toMatch(/^inline; filename="[0-9a-f]{16}\.png"$/);
    const policy = got.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain('sandbox');
    expect(policy).not.toContain('script-src');
    // The chunks are gone once the image is kept.
    expect((await storedRows(server)).uploads.filter((u) => u.sha256 === hash)).toEqual([]);
  });

  it('resumes after the connection dropped mid-chunk, from the offset the server reports', async () => {
    const image = png(3 * 300_000);
    const hash = sha(image);
    const chunk = 300_000;
    expect((await patch(server, facilitator, hash, image.subarray(0, chunk), 0, image.length)).status).toBe(
      204,
    );
    // The second chunk is cut off half-way: nothing of it may be kept.
    await interruptedPatch(
      server,
      facilitator,
      hash,
      image.subarray(chunk, 2 * chunk),
      chunk,
      image.length,
      100_000,
    );
    const head = await send(server, 'HEAD', blobPath(hash), { token: facilitator });
    expect(head.headers.get('upload-offset')).toBe(String(chunk));

    // A device that thinks it got further is told where the server stands.
    const ahead = await patch(server, facilitator, hash, image.subarray(2 * chunk), 2 * chunk, image.length);
    expect(ahead.status).toBe(409);
    expect(ahead.json()).toEqual({ code: 'offset_mismatch', message: expect.any(String) });
    expect(ahead.headers.get('upload-offset')).toBe(String(chunk));

    const offset = Number(head.headers.get('upload-offset'));
    const last = await upload(server, facilitator, image, chunk, offset);
    expect(last.status).toBe(201);
    const got = await send(server, 'GET', blobPath(hash), { token: facilitator });
    expect(got.body.equals(image)).toBe(true);
  });

  it('stores an image once: uploading the same hash again answers 200 and keeps one copy', async () => {
    const image = png(50_000);
    const hash = sha(image);
    expect((await upload(server, facilitator, image, BLOB_MAX_CHUNK_BYTES)).status).toBe(201);
    const again = await upload(server, admin, image, BLOB_MAX_CHUNK_BYTES);
    expect(again.status).toBe(200);
    expect(again.json<BlobCommitted>()).toEqual({ sha256: hash, bytes: image.length, mime: 'image/png' });
    const rows = (await storedRows(server)).blobs.filter((b) => b.sha256 === hash);
    expect(rows).toEqual([{ municipality_id: municipalityId, sha256: hash, bytes: image.length }]);
  });

  it('refuses bytes whose SHA-256 is not the address, and discards them', async () => {
    const image = png(40_000);
    const claimed = sha(png(40_000));
    const answer = await patch(server, facilitator, claimed, image, 0, image.length);
    expect(answer.status).toBe(422);
    expect(answer.json()).toEqual({ code: 'hash_mismatch', message: expect.stringContaining(claimed) });
    expect(answer.headers.get('upload-offset')).toBe('0');
    expect((await send(server, 'HEAD', blobPath(claimed), { token: facilitator })).status).toBe(404);
    const rows = await storedRows(server);
    expect(rows.blobs.some((b) => b.sha256 === claimed)).toBe(false);
    expect(rows.uploads.some((u) => u.sha256 === claimed)).toBe(false);
  });

  it('refuses bytes that are not the image type declared (an HTML page stays out)', async () => {
    const page = Buffer.from('<!doctype html><script>alert(1)</script>'.padEnd(2000, ' '));
    const answer = await patch(server, facilitator, sha(page), page, 0, page.length);
    expect(answer.status).toBe(415);
    expect(answer.json().code).toBe('not_an_image');
    expect((await send(server, 'GET', blobPath(sha(page)), { token: facilitator })).status).toBe(404);
    const other = await patch(server, facilitator, sha(page), page, 0, page.length, {
      'upload-media-type': 'text/html',
    });
    expect(other.status).toBe(415);
    expect(other.json().code).toBe('unsupported_photo_type');
  });

  it('takes a PDF attachment from a youth developer and serves it as a download that never runs', async () => {
    // A crafted PDF: its header first, then what a browser would run if it rendered it as a page.
    const pdf = Buffer.from(
      '%PDF-1.7\n<html><script>alert(document.domain)</script></html>\n%%EOF\n'.padEnd(3000, ' '),
    );
    const answer = await patch(server, youth, sha(pdf), pdf, 0, pdf.length, {
      'upload-media-type': 'application/pdf',
    });
    expect(answer.status).toBe(201);
    expect(answer.json<BlobCommitted>()).toEqual({
      sha256: sha(pdf),
      bytes: pdf.length,
      mime: 'application/pdf',
    });
    const got = await send(server, 'GET', blobPath(sha(pdf)), { token: official });
    expect(got.status).toBe(200);
    expect(got.body.equals(pdf)).toBe(true);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-disposition')).toMatch(/^attachment; filename="[0-9a-f]{16}\.pdf"$/);
    const policy = got.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain('sandbox');
    expect(policy).not.toMatch(/script-src|allow-scripts|allow-same-origin/);
    // Youth developers may also add images to their proposals.
    const image = png(5000);
    expect((await patch(server, youth, sha(image), image, 0, image.length)).status).toBe(201);
    // A PDF belongs only to a proposal attachment: a facilitator (photos only) may not send one.
    const other = Buffer.from('%PDF-1.4\n'.padEnd(500, 'x'));
    const byFacilitator = await patch(server, facilitator, sha(other), other, 0, other.length, {
      'upload-media-type': 'application/pdf',
    });
    expect(byFacilitator.status).toBe(403);
    expect(byFacilitator.json().code).toBe('forbidden');
  });

  it('refuses an HTML page or an SVG drawing declared as a PDF, and keeps nothing of them', async () => {
    const disguised = [
      Buffer.from('<!doctype html><title>survey.pdf</title><script>alert(1)</script>'.padEnd(2000, ' ')),
      Buffer.from(
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'.padEnd(
          2000,
          ' ',
        ),
      ),
      // The header somewhere else than at the start is no PDF either.
      Buffer.from('<html>%PDF-1.7<script>alert(1)</script></html>'.padEnd(2000, ' ')),
    ];
    for (const file of disguised) {
      const answer = await patch(server, youth, sha(file), file, 0, file.length, {
        'upload-media-type': 'application/pdf',
      });
      expect(answer.status).toBe(415);
      expect(answer.json().code).toBe('not_an_image');
      expect((await send(server, 'GET', blobPath(sha(file)), { token: admin })).status).toBe(404);
      expect((await storedRows(server)).uploads.some((u) => u.sha256 === sha(file))).toBe(false);
    }
    const svg = await patch(server, youth, sha(disguised[1]!), disguised[1]!, 0, 2000, {
      'upload-media-type': 'image/svg+xml',
    });
    expect(svg.status).toBe(415);
    expect(svg.json().code).toBe('unsupported_photo_type');
    // A PDF declared as an image is no image.
    const pdf = Buffer.from('%PDF-1.7\n'.padEnd(2000, ' '));
    const asImage = await patch(server, youth, sha(pdf), pdf, 0, pdf.length);
    expect(asImage.status).toBe(415);
    expect(asImage.json().code).toBe('not_an_image');
  });

  it('refuses a photo over the limit on its declared length, and a chunk over the chunk limit', async () => {
    const thirtyMb = 30_000_000;
    const chunk = png(1000);
    const answer = await patch(server, facilitator, sha(chunk), chunk, 0, thirtyMb);
    expect(answer.status).toBe(413);
    expect(answer.json()).toEqual({
      code: 'photo_too_large',
      message: `The photo is 30 MB; the largest allowed is ${PHOTO_MAX_BYTES / 1_000_000} MB.`,
    });
    const big = png(BLOB_MAX_CHUNK_BYTES + 1);
    const tooBig = await patch(server, facilitator, sha(big), big, 0, big.length);
    expect(tooBig.status).toBe(413);
    expect(tooBig.json().code).toBe('chunk_too_large');
    // Declaring less than is sent: the bytes received count, not the claim.
    const small = png(2000);
    const past = await patch(server, facilitator, sha(small), small, 0, 1000);
    expect(past.status).toBe(400);
    expect(past.json().code).toBe('chunk_beyond_length');
    const rows = await storedRows(server);
    for (const hash of [sha(chunk), sha(big), sha(small)]) {
      expect(rows.uploads.some((u) => u.sha256 === hash)).toBe(false);
    }
  });

  it('lets no other municipality see or extend an image, and no one who is not signed in', async () => {
    const image = png(20_000);
    const hash = sha(image);
    expect((await upload(server, facilitator, image, BLOB_MAX_CHUNK_BYTES)).status).toBe(201);
    const partial = png(20_000);
    expect(
      (await patch(server, facilitator, sha(partial), partial.subarray(0, 5000), 0, partial.length)).status,
    ).toBe(204);

    const get = await send(server, 'GET', blobPath(hash), { token: otherAdmin });
    expect(get.status).toBe(404);
    expect(get.json().code).toBe('not_found');
    expect(get.body.includes(image.subarray(100, 200))).toBe(false);
    expect((await send(server, 'HEAD', blobPath(hash), { token: otherAdmin })).status).toBe(404);
    expect((await send(server, 'HEAD', blobPath(sha(partial)), { token: otherAdmin })).status).toBe(404);
    // The other municipality's upload of the rest starts its own upload: it cannot continue ours.
    const cont = await patch(server, otherAdmin, sha(partial), partial.subarray(5000), 5000, partial.length);
    expect(cont.status).toBe(409);
    expect(cont.headers.get('upload-offset')).toBe('0');

    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', image],
    ] as const) {
      const anonymous = await send(server, method, blobPath(hash), {
        body,
        headers: body
          ? {
              'content-type': BLOB_CHUNK_CONTENT_TYPE,
              'upload-offset': '0',
              'upload-length': String(image.length),
              'upload-media-type': 'image/png',
            }
          : {},
      });
      expect(anonymous.status).toBe(401);
      expect(anonymous.json().code).toBe('not_signed_in');
    }
    expect((await send(server, 'HEAD', blobPath(hash))).status).toBe(401);
    // Reading is for staff; adding photos is for those who may create photo records.
    const byOfficial = await patch(
      server,
      official,
      sha(partial),
      partial.subarray(5000),
      5000,
      partial.length,
    );
    expect(byOfficial.status).toBe(403);
    expect(byOfficial.json().code).toBe('forbidden');
  });

  it('answers a malformed address or header with a clear 400', async () => {
    const image = png(1000);
    const badSha = await send(server, 'GET', '/api/blobs/not-a-hash', { token: facilitator });
    expect(badSha.status).toBe(400);
    expect(badSha.json().code).toBe('invalid_sha256');
    const noLength = await send(server, 'PATCH', blobPath(sha(image)), {
      token: facilitator,
      body: image,
      headers: {
        'content-type': BLOB_CHUNK_CONTENT_TYPE,
        'upload-offset': '0',
        'upload-media-type': 'image/png',
      },
    });
    expect(noLength.status).toBe(400);
    expect(noLength.json().code).toBe('invalid_upload_header');
    const json = await send(server, 'PATCH', blobPath(sha(image)), {
      token: facilitator,
      body: Buffer.from('{}'),
      headers: {
        'content-type': 'application/json',
        'upload-offset': '0',
        'upload-length': '2',
        'upload-media-type': 'image/png',
      },
    });
    expect(json.status).toBe(415);
    expect(json.json().code).toBe('unsupported_media_type');
  });
});
