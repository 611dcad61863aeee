/**
 * Photos of flipcharts and post-it walls, attached to a dialogue.
 *
 * A photo is two things that travel separately:
 * - the **record** (this file's `Photo`), synced like any other entity: which dialogue, the SHA-256
 *   of the image, its type, size and dimensions, an optional caption, and a small thumbnail made on
 *   the device (a JPEG data URL), so that every device that syncs shows the thumbnail offline;
 * - the **image** itself, content-addressed by its SHA-256 and uploaded resumably to the
 *   municipality's own server (`/api/blobs/:sha256`, docs/server.md "Photos"). Until the server
 *   has confirmed the whole image, its bytes stay on the device that took it.
 *
 * Only JPEG, PNG and WebP are stored and served: every browser shows them, and the server checks
 * the first bytes of each upload against the type, so nothing else is ever served as an image. A
 * photo of another type that the browser can decode (HEIC on an iPad) is converted to JPEG on the
 * device before it is stored.
 */
import * as v from 'valibot';
import type { BlobMime } from './blob-types.ts';
import { graphemeCount, normalizeText } from '../validation/text.ts';

/** The largest photo, in bytes (decimal: shown as "20 MB"). The client and the server both refuse more. */
export const PHOTO_MAX_BYTES = 20_000_000;

export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMime = (typeof PHOTO_MIME_TYPES)[number];

export const PHOTO_LIMITS = {
  caption: 200,
  /** The thumbnail's longer edge, in pixels. */
  thumbnailEdge: 320,
  /** The thumbnail data URL's length in characters (a 320 px JPEG is 10–30 KB). */
  thumbnailChars: 100_000,
  /** Width and height of a photo, in pixels. */
  dimension: 30_000,
} as const;

export interface Photo {
  readonly id: string;
  readonly tenantId: string;
  readonly dialogueId: string;
  /** SHA-256 of the image bytes, lower-case hex: the image's address on the server. */
  readonly sha256: string;
  readonly mime: PhotoMime;
  /** Size of the image in bytes. */
  readonly bytes: number;
  readonly width: number;
  readonly height: number;
  /** `data:image/jpeg;base64,…`, at most PHOTO_LIMITS.thumbnailEdge px on its longer edge. */
  readonly thumbnail: string;
  /** What the photo shows, typed by the facilitator (NFC). Used as the image's alternative text. */
  readonly caption?: string;
  /** UTC, ISO 8601. */
  readonly createdAt: string;
  /** Hybrid-clock stamp of creation: photos are listed in this order. */
  readonly hlc: string;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
const THUMBNAIL = /^data:image\/(?:jpeg|png|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

/** A thumbnail is shown only when it is an inline image of ours: never a URL that reaches elsewhere. */
export function isThumbnail(value: unknown): value is string {
  return typeof value === 'string' && value.length <= PHOTO_LIMITS.thumbnailChars && THUMBNAIL.test(value);
}

export function isPhotoMime(value: unknown): value is PhotoMime {
  return typeof value === 'string' && (PHOTO_MIME_TYPES as readonly string[]).includes(value);
}

/** An optional caption: NFC, trimmed, at most `max` graphemes; blank is no caption. */
const CaptionSchema = v.pipe(
  v.string('invalid'),
  v.transform((s) => normalizeText(s).trim()),
  v.check((s) => graphemeCount(s) <= PHOTO_LIMITS.caption, `tooLong:${PHOTO_LIMITS.caption}`),
  v.transform((s) => (s === '' ? undefined : s)),
);

/** What the facilitator gives besides the image. */
export const PhotoInputSchema = v.object({
  dialogueId: v.pipe(v.string('invalid'), v.uuid('invalid')),
  caption: v.optional(CaptionSchema),
});
export type PhotoInput = v.InferInput<typeof PhotoInputSchema>;

const dimension = v.pipe(
  v.number('invalid'),
  v.integer('invalid'),
  v.minValue(1, 'invalid'),
  v.maxValue(PHOTO_LIMITS.dimension, 'invalid'),
);

/** What the device works out from the image: checked before the record is stored. */
export const PhotoImageSchema = v.object({
  sha256: v.pipe(v.string('invalid'), v.regex(SHA256_HEX, 'invalid')),
  mime: v.picklist(PHOTO_MIME_TYPES, 'invalid'),
  bytes: v.pipe(
    v.number('invalid'),
    v.integer('invalid'),
    v.minValue(1, 'invalid'),
    v.maxValue(PHOTO_MAX_BYTES, 'tooLarge'),
  ),
  width: dimension,
  height: dimension,
  thumbnail: v.pipe(
    v.string('invalid'),
    v.check((s: string) => isThumbnail(s), 'invalid'),
  ),
});
export type PhotoImage = v.InferOutput<typeof PhotoImageSchema>;

/**
 * The type of an image from its first bytes (at least 12), or null when it is none of ours. The
 * server uses it before it keeps an upload; the device before it stores a file, whatever the file
 * name or the type the browser guessed.
 */
export function sniffPhotoMime(head: Uint8Array): PhotoMime | null {
  const at = (i: number, bytes: readonly number[]) => bytes.every((b, j) => head[i + j] === b);
  if (at(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF....WEBP
  if (at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return 'image/webp';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Upload protocol (docs/server.md "Photos"), tus-like:
//
//   HEAD  /api/blobs/:sha256  → 200 with Upload-Offset (bytes the server has), Upload-Length and
//                               Upload-Complete (?1 when the whole image is stored); 404 when the
//                               server has nothing of it.
//   PATCH /api/blobs/:sha256  Content-Type: application/offset+octet-stream, Upload-Offset (where
//                             this chunk starts: must equal the server's offset), Upload-Length (the
//                             whole image), Upload-Media-Type (image/jpeg, image/png, image/webp;
//                             application/pdf for proposal attachments: blob-types.ts).
//                               → 204 with the new Upload-Offset while bytes are missing;
//                               → 201 BlobCommitted when this chunk completed the image and its
//                                 SHA-256 and type were verified; 200 BlobCommitted when the server
//                                 had the image already (nothing is stored twice).
//   GET   /api/blobs/:sha256  → the image, with its type, `Cache-Control: private, immutable`.

export const BLOB_CHUNK_CONTENT_TYPE = 'application/offset+octet-stream';
export const UPLOAD_OFFSET_HEADER = 'upload-offset';
export const UPLOAD_LENGTH_HEADER = 'upload-length';
export const UPLOAD_COMPLETE_HEADER = 'upload-complete';
export const UPLOAD_MEDIA_TYPE_HEADER = 'upload-media-type';

/** The largest chunk one PATCH may carry. */
export const BLOB_MAX_CHUNK_BYTES = 1024 * 1024;
/** The chunk the app sends: small enough to get through a weak school connection between drops. */
export const BLOB_CHUNK_BYTES = 512 * 1024;

export function blobPath(sha256: string): string {
  return `/api/blobs/${sha256}`;
}

/** The body of 200/201 to the PATCH that completed an image: the server has all of it, verified. */
export interface BlobCommitted {
  readonly sha256: string;
  readonly bytes: number;
  readonly mime: BlobMime;
}
