/**
 * Uploads photos' images that wait on this device, resumably (docs/server.md "Photos"): for each,
 * HEAD says how much the server has; PATCH sends the rest in chunks from there. A dropped
 * connection costs at most the chunk in flight: the next run asks again and goes on. The bytes
 * leave the device only when the server answers that it has the whole image, verified by its hash.
 *
 * Run by the sync engine after push and pull, so it starts on the same triggers (coming online,
 * a new photo in the outbox, "sync now") and backs off the same way when it fails.
 */
import {
  BLOB_CHUNK_BYTES,
  BLOB_CHUNK_CONTENT_TYPE,
  blobPath,
  UPLOAD_COMPLETE_HEADER,
  UPLOAD_LENGTH_HEADER,
  UPLOAD_MEDIA_TYPE_HEADER,
  UPLOAD_OFFSET_HEADER,
  type BlobCommitted,
} from '../../shared/domain/photo.ts';
import type { ApiErrorBody } from '../../shared/api.ts';
import type { DelaktigDatabase, PhotoBlobRow } from '../db/database.ts';
import { markPhotoRefused, markPhotoUploaded, pendingPhotoBlobs } from '../db/photo-blobs.ts';
import { ApiError, OfflineError } from './api-client.ts';

export interface BlobUploadSession {
  readonly token: string;
  readonly tenantId: string;
}

export interface BlobUploaderOptions {
  readonly chunkBytes?: number;
  /** Injectable for tests; the browser's fetch otherwise. */
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
}

/** Refusals that sending again would not change: the image is kept on the device, marked, and shown. */
const FINAL_REFUSALS = new Set([
  'photo_too_large',
  'not_an_image',
  'unsupported_photo_type',
  'hash_mismatch',
  'chunk_beyond_length',
  'length_mismatch',
  'type_mismatch',
]);

/** How often in a row the server may move the offset under us before this run gives up. */
const MAX_OFFSET_CORRECTIONS = 5;

/** Upload every image of the session's municipality that waits on this device. Returns how many finished. */
export async function uploadPhotoBlobs(
  db: DelaktigDatabase,
  session: BlobUploadSession,
  options: BlobUploaderOptions = {},
): Promise<number> {
  let finished = 0;
  for (const row of await pendingPhotoBlobs(db, session.tenantId)) {
    if (await uploadOne(db, row, session, options)) finished++;
  }
  return finished;
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

async function send(
  options: BlobUploaderOptions,
  method: string,
  path: string,
  token: string,
  headers: Record<string, string> = {},
  body?: Blob,
): Promise<Answer> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...headers },
      body,
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (error) {
    throw new OfflineError(error);
  }
  return {
    status: response.status,
    headers: response.headers,
    text: method === 'HEAD' ? '' : await response.text(),
  };
}

function errorOf(answer: Answer): ApiError {
  let body: Partial<ApiErrorBody> | undefined;
  try {
    body = answer.text ? (JSON.parse(answer.text) as Partial<ApiErrorBody>) : undefined;
  } catch {
    body = undefined; // A proxy's page, not our server: the code below says so.
  }
  return new ApiError(answer.status, {
    code: typeof body?.code === 'string' ? body.code : 'http_error',
    message: typeof body?.message === 'string' ? body.message : `HTTP ${answer.status}`,
  });
}

function offsetOf(answer: Answer): number {
  const value = Number(answer.headers.get(UPLOAD_OFFSET_HEADER));
  if (!Number.isInteger(value) || value < 0) {
    throw new ApiError(answer.status, { code: 'bad_response', message: 'The server sent no Upload-Offset' });
  }
  return value;
}

/** True when the server now has the whole image; false when it refused it (marked on the device). */
async function uploadOne(
  db: DelaktigDatabase,
  row: PhotoBlobRow,
  session: BlobUploadSession,
  options: BlobUploaderOptions,
): Promise<boolean> {
  const blob = row.blob;
  if (!blob) return false;
  const path = blobPath(row.sha256);
  const chunkBytes = options.chunkBytes ?? BLOB_CHUNK_BYTES;
  const confirmed = async () => {
    await markPhotoUploaded(db, row.sha256, (options.now?.() ?? new Date()).toISOString());
    return true;
  };

  const head = await send(options, 'HEAD', path, session.token);
  let offset = 0;
  if (head.status === 200) {
    if (head.headers.get(UPLOAD_COMPLETE_HEADER) === '?1' && offsetOf(head) === row.bytes) return confirmed();
    offset = offsetOf(head);
  } else if (head.status !== 404) {
    throw errorOf(head);
  }

  let corrections = 0;
  for (;;) {
    const answer = await send(
      options,
      'PATCH',
      path,
      session.token,
      {
        'content-type': BLOB_CHUNK_CONTENT_TYPE,
        [UPLOAD_OFFSET_HEADER]: String(offset),
        [UPLOAD_LENGTH_HEADER]: String(row.bytes),
        [UPLOAD_MEDIA_TYPE_HEADER]: row.mime,
      },
      blob.slice(offset, Math.min(offset + chunkBytes, row.bytes)),
    );
    if (answer.status === 204) {
      const next = offsetOf(answer);
      if (next <= offset)
        throw new ApiError(answer.status, { code: 'bad_response', message: 'The upload did not advance' });
      offset = next;
      corrections = 0;
      continue;
    }
    if (answer.status === 200 || answer.status === 201) {
      const body = JSON.parse(answer.text) as Partial<BlobCommitted>;
      // Only the server's word that it has exactly these bytes lets them leave the device.
      if (body.sha256 !== row.sha256 || body.bytes !== row.bytes) {
        throw new ApiError(answer.status, {
          code: 'bad_response',
          message: `The server confirmed ${String(body.sha256)} (${String(body.bytes)} bytes), not this photo`,
        });
      }
      return confirmed();
    }
    const error = errorOf(answer);
    if (error.code === 'offset_mismatch' && ++corrections <= MAX_OFFSET_CORRECTIONS) {
      offset = offsetOf(answer);
      continue;
    }
    if (FINAL_REFUSALS.has(error.code)) {
      await markPhotoRefused(db, row.sha256, { code: error.code, message: error.message });
      return false;
    }
    throw error;
  }
}
