/**
 * Photos' images and proposals' attachments (images, PDF) in the database, content-addressed per
 * municipality (docs/server.md "Photos").
 *
 * An upload arrives in chunks, each stored as its own row of `blob_uploads` (appending never
 * rewrites what came before). The chunk that completes the declared length makes the server read
 * the chunks back in order, check the SHA-256 and the type (from the first bytes: blob-types.ts),
 * and then, in the same transaction, write the file to `blobs` and delete the chunks. A wrong hash
 * or type deletes the chunks instead: the device starts again from 0. Every query is scoped by the
 * caller's municipality.
 */
import { createHash } from 'node:crypto';
import { sniffBlobMime, type BlobMime } from '../../shared/domain/blob-types.ts';
import { PHOTO_MAX_BYTES, type BlobCommitted } from '../../shared/domain/photo.ts';
import { isUniqueViolation } from '../storage/db-errors.ts';
import type { Db } from '../storage/storage.ts';

/** Partial uploads nobody has added to for this long are dropped (the device still has the image). */
export const STALE_UPLOAD_DAYS = 30;

export type BlobStatus =
  | { readonly state: 'complete'; readonly bytes: number; readonly mime: BlobMime }
  | { readonly state: 'partial'; readonly offset: number; readonly total: number; readonly mime: BlobMime };

export type BlobErrorCode =
  | 'offset_mismatch'
  | 'length_mismatch'
  | 'type_mismatch'
  | 'chunk_beyond_length'
  | 'photo_too_large'
  | 'hash_mismatch'
  | 'not_an_image';

/** An upload the server refuses; `offset` is where the server stands, for the device to resume from. */
export class BlobUploadError extends Error {
  readonly code: BlobErrorCode;
  readonly offset: number;

  constructor(code: BlobErrorCode, message: string, offset: number) {
    super(message);
    this.name = 'BlobUploadError';
    this.code = code;
    this.offset = offset;
  }
}

export interface Chunk {
  readonly municipalityId: string;
  readonly userId: string;
  readonly sha256: string;
  /** Where this chunk starts in the image. */
  readonly offset: number;
  /** The whole image's length, as the device declares it. */
  readonly total: number;
  readonly mime: BlobMime;
  readonly data: Buffer;
}

export type AppendResult =
  | { readonly state: 'partial'; readonly offset: number }
  /** `created`: this chunk completed the image; false when the server had it already. */
  | { readonly state: 'complete'; readonly created: boolean; readonly blob: BlobCommitted };

export async function blobStatus(db: Db, municipalityId: string, sha256: string): Promise<BlobStatus | null> {
  const blob = await db
    .selectFrom('blobs')
    .select(['bytes', 'mime'])
    .where('municipality_id', '=', municipalityId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  if (blob) return { state: 'complete', bytes: blob.bytes, mime: blob.mime as BlobMime };
  const upload = await uploadState(db, municipalityId, sha256);
  return upload && { state: 'partial', ...upload };
}

/** The image's bytes and type, or undefined when the municipality has no such (complete) image. */
export async function readBlob(
  db: Db,
  municipalityId: string,
  sha256: string,
): Promise<{ data: Buffer; mime: BlobMime } | undefined> {
  const row = await db
    .selectFrom('blobs')
    .select(['data', 'mime'])
    .where('municipality_id', '=', municipalityId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return row && { data: Buffer.from(row.data), mime: row.mime as BlobMime };
}

async function uploadState(
  db: Db,
  municipalityId: string,
  sha256: string,
): Promise<{ offset: number; total: number; mime: BlobMime } | null> {
  const row = await db
    .selectFrom('blob_uploads')
    .select(['chunk_offset', 'chunk_bytes', 'total_bytes', 'mime'])
    .where('municipality_id', '=', municipalityId)
    .where('sha256', '=', sha256)
    .orderBy('chunk_offset', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  // Chunks are accepted only at the current offset, so the last one ends where the upload stands.
  return { offset: row.chunk_offset + row.chunk_bytes, total: row.total_bytes, mime: row.mime as BlobMime };
}

/**
 * Store one chunk. Refuses (BlobUploadError) a chunk that does not start where the server stands,
 * declares another length or type than the first chunk did, or runs past the declared length.
 */
export async function appendChunk(db: Db, chunk: Chunk, now: Date = new Date()): Promise<AppendResult> {
  if (chunk.total > PHOTO_MAX_BYTES || chunk.offset + chunk.data.length > PHOTO_MAX_BYTES) {
    throw new BlobUploadError('photo_too_large', tooLargeMessage(chunk.total), 0);
  }
  try {
    const result = await db.transaction().execute(async (trx) => appendInTransaction(trx, chunk, now));
    if (result.state === 'refused') throw result.error;
    return result;
  } catch (error) {
    // Another request stored a chunk at this offset at the same moment (two devices, one photo).
    if (!isUniqueViolation(error)) throw error;
    const state = await uploadState(db, chunk.municipalityId, chunk.sha256);
    throw new BlobUploadError(
      'offset_mismatch',
      'Another upload of this image stored this part at the same moment: resume from Upload-Offset.',
      state?.offset ?? 0,
    );
  }
}

export function tooLargeMessage(bytes: number): string {
  const mb = (n: number) => `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')} MB`;
  return `The photo is ${mb(bytes)}; the largest allowed is ${mb(PHOTO_MAX_BYTES)}.`;
}

type InTransaction = AppendResult | { readonly state: 'refused'; readonly error: BlobUploadError };

async function appendInTransaction(trx: Db, chunk: Chunk, now: Date): Promise<InTransaction> {
  const { municipalityId, sha256 } = chunk;
  const existing = await blobStatus(trx, municipalityId, sha256);
  if (existing?.state === 'complete') {
    return {
      state: 'complete',
      created: false,
      blob: { sha256, bytes: existing.bytes, mime: existing.mime },
    };
  }
  const offset = existing?.offset ?? 0;
  if (chunk.offset !== offset) {
    throw new BlobUploadError(
      'offset_mismatch',
      `The server has ${offset} bytes of this image: send the part that starts there.`,
      offset,
    );
  }
  if (existing && existing.total !== chunk.total) {
    throw new BlobUploadError(
      'length_mismatch',
      `This upload was started with a length of ${existing.total} bytes, not ${chunk.total}.`,
      offset,
    );
  }
  if (existing && existing.mime !== chunk.mime) {
    throw new BlobUploadError('type_mismatch', `This upload was started as ${existing.mime}.`, offset);
  }
  if (chunk.offset + chunk.data.length > chunk.total) {
    throw new BlobUploadError(
      'chunk_beyond_length',
      `The part runs past the declared length of ${chunk.total} bytes.`,
      offset,
    );
  }
  if (!existing) await dropStaleUploads(trx, municipalityId, now);
  await trx
    .insertInto('blob_uploads')
    .values({
      municipality_id: municipalityId,
      sha256,
      chunk_offset: chunk.offset,
      chunk_bytes: chunk.data.length,
      total_bytes: chunk.total,
      mime: chunk.mime,
      data: chunk.data,
      created_by: chunk.userId,
      created_at: now.toISOString(),
    })
    .execute();
  const received = chunk.offset + chunk.data.length;
  if (received < chunk.total) return { state: 'partial', offset: received };
  return commit(trx, chunk, now);
}

/** All bytes are here: verify them, then keep the image or discard the upload. */
async function commit(trx: Db, chunk: Chunk, now: Date): Promise<InTransaction> {
  const { municipalityId, sha256 } = chunk;
  const rows = await trx
    .selectFrom('blob_uploads')
    .select('data')
    .where('municipality_id', '=', municipalityId)
    .where('sha256', '=', sha256)
    .orderBy('chunk_offset')
    .execute();
  const data = Buffer.concat(rows.map((row) => Buffer.from(row.data)));
  await trx
    .deleteFrom('blob_uploads')
    .where('municipality_id', '=', municipalityId)
    .where('sha256', '=', sha256)
    .execute();
  const actual = createHash('sha256').update(data).digest('hex');
  if (actual !== sha256) {
    return {
      state: 'refused',
      error: new BlobUploadError(
        'hash_mismatch',
        `The bytes received have SHA-256 ${actual}, not ${sha256}: the upload was discarded, send it again from 0.`,
        0,
      ),
    };
  }
  const sniffed = sniffBlobMime(data.subarray(0, 16));
  if (sniffed !== chunk.mime) {
    return {
      state: 'refused',
      // The code predates PDF; devices already treat it as final.
      error: new BlobUploadError(
        'not_an_image',
        `The bytes are not ${chunk.mime} (only JPEG, PNG and WebP images and PDF are kept, known by their first bytes): the upload was discarded.`,
        0,
      ),
    };
  }
  await trx
    .insertInto('blobs')
    .values({
      municipality_id: municipalityId,
      sha256,
      mime: chunk.mime,
      bytes: data.length,
      data,
      created_by: chunk.userId,
      created_at: now.toISOString(),
    })
    .execute();
  return { state: 'complete', created: true, blob: { sha256, bytes: data.length, mime: chunk.mime } };
}

/** Uploads of this municipality untouched for STALE_UPLOAD_DAYS: their devices start again if they return. */
async function dropStaleUploads(trx: Db, municipalityId: string, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - STALE_UPLOAD_DAYS * 24 * 60 * 60 * 1000).toISOString();
  const stale = await trx
    .selectFrom('blob_uploads')
    .select('sha256')
    .where('municipality_id', '=', municipalityId)
    .groupBy('sha256')
    .having((eb) => eb.fn.max('created_at'), '<', cutoff)
    .execute();
  if (stale.length === 0) return;
  await trx
    .deleteFrom('blob_uploads')
    .where('municipality_id', '=', municipalityId)
    .where(
      'sha256',
      'in',
      stale.map((row) => row.sha256),
    )
    .execute();
}
