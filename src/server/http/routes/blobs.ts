/**
 * Photos' images and proposals' attachments (docs/server.md "Photos"): a tus-like resumable
 * upload, content-addressed by SHA-256 and scoped by the session's municipality, and the download.
 * Who may upload an image is who may create a photo or an attachment record; a PDF, who may create
 * an attachment. Who may download is who may read either (src/shared/sync/entities.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../../shared/domain/account.ts';
import { extensionOf, isBlobMime, PDF_MIME, type BlobMime } from '../../../shared/domain/blob-types.ts';
import {
  BLOB_CHUNK_CONTENT_TYPE,
  BLOB_MAX_CHUNK_BYTES,
  PHOTO_MAX_BYTES,
  SHA256_HEX,
  UPLOAD_COMPLETE_HEADER,
  UPLOAD_LENGTH_HEADER,
  UPLOAD_MEDIA_TYPE_HEADER,
  UPLOAD_OFFSET_HEADER,
  type BlobCommitted,
} from '../../../shared/domain/photo.ts';
import { ENTITY_DEFINITIONS } from '../../../shared/sync/entities.ts';
import {
  appendChunk,
  blobStatus,
  BlobUploadError,
  readBlob,
  tooLargeMessage,
  type BlobErrorCode,
} from '../../blobs/blob-store.ts';
import type { Storage } from '../../storage/storage.ts';
import { ApiError } from '../api-error.ts';
import { authOf, type AuthGuards } from '../auth-guards.ts';

const union = (...lists: readonly (readonly Role[])[]): Role[] => [...new Set(lists.flat())];
const { photo, proposalAttachment } = ENTITY_DEFINITIONS;
const READERS = union(photo.read as readonly Role[], proposalAttachment.read as readonly Role[]);
const UPLOADERS = union(photo.create as readonly Role[], proposalAttachment.create as readonly Role[]);
/** A PDF can only belong to a proposal attachment: only those who may create one send it. */
const PDF_UPLOADERS: readonly string[] = proposalAttachment.create;

const STATUS: Record<BlobErrorCode, number> = {
  offset_mismatch: 409,
  length_mismatch: 409,
  type_mismatch: 409,
  chunk_beyond_length: 400,
  photo_too_large: 413,
  hash_mismatch: 422,
  not_an_image: 415,
};

/**
 * A file served to the app must never run as a page on its origin. So: its own type (checked from
 * its first bytes when it was kept), never sniffed (`nosniff`, app-wide), and a policy that allows
 * nothing but an image and runs in a sandbox (an opaque origin, no script, no plugins). Images are
 * `inline` (shown in an <img>, or opened on their own); a PDF is `attachment`: saved and opened by
 * the device's own PDF reader, never rendered by the browser on this origin, whatever a crafted
 * file holds (docs/server.md "Photos").
 */
const DOWNLOAD_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

function disposition(mime: BlobMime, sha256: string): string {
  const name = `${sha256.slice(0, 16)}${extensionOf(mime)}`;
  return `${mime === PDF_MIME ? 'attachment' : 'inline'}; filename="${name}"`;
}

interface Params {
  sha256: string;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A whole number of bytes from a header, or an ApiError naming the header. */
function byteCount(request: FastifyRequest, name: string): number {
  const raw = header(request, name);
  if (raw === undefined || !/^\d{1,15}$/.test(raw.trim())) {
    throw new ApiError(400, 'invalid_upload_header', `${name} must be a whole number of bytes.`);
  }
  return Number(raw.trim());
}

function checkSha(request: FastifyRequest<{ Params: Params }>): string {
  const { sha256 } = request.params;
  if (!SHA256_HEX.test(sha256)) {
    throw new ApiError(400, 'invalid_sha256', 'The address must end in a SHA-256, 64 lower-case hex digits.');
  }
  return sha256;
}

/**
 * Runs before the body is read: a photo over the limit, or a chunk over the chunk limit, is refused
 * on what the device declares, without receiving it.
 */
async function checkDeclaredSizes(request: FastifyRequest<{ Params: Params }>): Promise<void> {
  checkSha(request);
  const total = byteCount(request, UPLOAD_LENGTH_HEADER);
  if (total > PHOTO_MAX_BYTES) throw new ApiError(413, 'photo_too_large', tooLargeMessage(total));
  if (total === 0)
    throw new ApiError(400, 'invalid_upload_header', `${UPLOAD_LENGTH_HEADER} must be at least 1.`);
  const length = header(request, 'content-length');
  if (length !== undefined && Number(length) > BLOB_MAX_CHUNK_BYTES) {
    throw new ApiError(
      413,
      'chunk_too_large',
      `A part may be at most ${BLOB_MAX_CHUNK_BYTES} bytes: send the image in smaller parts.`,
    );
  }
}

function sendCommitted(reply: FastifyReply, status: number, blob: BlobCommitted): FastifyReply {
  return reply
    .code(status)
    .header(UPLOAD_OFFSET_HEADER, String(blob.bytes))
    .header(UPLOAD_LENGTH_HEADER, String(blob.bytes))
    .header(UPLOAD_COMPLETE_HEADER, '?1')
    .send(blob);
}

export function blobRoutes(app: FastifyInstance, deps: { storage: Storage; guards: AuthGuards }): void {
  const { db } = deps.storage;
  // Registered in this plugin's scope only: no other endpoint accepts raw bytes.
  app.addContentTypeParser(
    BLOB_CHUNK_CONTENT_TYPE,
    { parseAs: 'buffer', bodyLimit: BLOB_MAX_CHUNK_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.head<{ Params: Params }>(
    '/blobs/:sha256',
    { onRequest: deps.guards.role(...READERS) },
    async (request, reply) => {
      const sha256 = checkSha(request);
      const status = await blobStatus(db, authOf(request).municipalityId, sha256);
      // No body on HEAD: a 404 here is the status line alone.
      if (!status) return reply.code(404).send();
      const [offset, total] =
        status.state === 'complete' ? [status.bytes, status.bytes] : [status.offset, status.total];
      return reply
        .code(200)
        .header(UPLOAD_OFFSET_HEADER, String(offset))
        .header(UPLOAD_LENGTH_HEADER, String(total))
        .header(UPLOAD_COMPLETE_HEADER, status.state === 'complete' ? '?1' : '?0')
        .header(UPLOAD_MEDIA_TYPE_HEADER, status.mime)
        .send();
    },
  );

  app.patch<{ Params: Params }>(
    '/blobs/:sha256',
    { onRequest: [...deps.guards.role(...UPLOADERS), checkDeclaredSizes], bodyLimit: BLOB_MAX_CHUNK_BYTES },
    async (request, reply) => {
      const sha256 = checkSha(request);
      const { municipalityId, user } = authOf(request);
      const type = header(request, 'content-type')?.split(';')[0]?.trim().toLowerCase();
      if (type !== BLOB_CHUNK_CONTENT_TYPE || !Buffer.isBuffer(request.body)) {
        throw new ApiError(415, 'unsupported_media_type', `Send the bytes as ${BLOB_CHUNK_CONTENT_TYPE}.`);
      }
      const mime = header(request, UPLOAD_MEDIA_TYPE_HEADER)?.trim().toLowerCase();
      if (!isBlobMime(mime)) {
        throw new ApiError(
          415,
          'unsupported_photo_type',
          `${UPLOAD_MEDIA_TYPE_HEADER} must be image/jpeg, image/png, image/webp or application/pdf.`,
        );
      }
      if (mime === PDF_MIME && !PDF_UPLOADERS.includes(authOf(request).role)) {
        throw new ApiError(
          403,
          'forbidden',
          'A PDF can only be a proposal attachment, which this role may not add.',
        );
      }
      const offset = byteCount(request, UPLOAD_OFFSET_HEADER);
      const total = byteCount(request, UPLOAD_LENGTH_HEADER);
      const data = request.body;
      if (data.length === 0) throw new ApiError(400, 'empty_chunk', 'The part is empty.');
      try {
        const result = await appendChunk(db, {
          municipalityId,
          userId: user.id,
          sha256,
          offset,
          total,
          mime,
          data,
        });
        if (result.state === 'complete') return sendCommitted(reply, result.created ? 201 : 200, result.blob);
        return reply.code(204).header(UPLOAD_OFFSET_HEADER, String(result.offset)).send();
      } catch (error) {
        if (!(error instanceof BlobUploadError)) throw error;
        reply.header(UPLOAD_OFFSET_HEADER, String(error.offset));
        throw new ApiError(STATUS[error.code], error.code, error.message);
      }
    },
  );

  app.get<{ Params: Params }>(
    '/blobs/:sha256',
    {
      onRequest: deps.guards.role(...READERS),
      // HEAD is the upload's status (above), not this download without its body.
      exposeHeadRoute: false,
      // After the app-wide security headers (route hooks run last): this answer is an image, not a page.
      onSend: async (_request, reply, payload) => {
        if (reply.statusCode === 200) reply.header('content-security-policy', DOWNLOAD_POLICY);
        return payload;
      },
    },
    async (request, reply) => {
      const sha256 = checkSha(request);
      const blob = await readBlob(db, authOf(request).municipalityId, sha256);
      if (!blob) {
        throw new ApiError(
          404,
          'not_found',
          'This municipality has no such file on the server (yet: the device that added it uploads it when online).',
        );
      }
      return reply
        .code(200)
        .type(blob.mime)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('content-disposition', disposition(blob.mime, sha256))
        .header('etag', `"${sha256}"`)
        .send(blob.data);
    },
  );
}
