/**
 * Photos on this device. Adding one strips the image's metadata and works out its hash, type, size
 * and thumbnail first (outside any transaction: IndexedDB transactions cannot wait for image
 * decoding), then stores the image's bytes, the record and its outbox change in one transaction, so
 * a photo never exists without its image or its change. The sync engine uploads the image
 * (src/client/sync/blob-uploader.ts) and removes the bytes only after the server has confirmed the
 * whole image by its hash.
 */
import { v7 as uuidv7 } from 'uuid';
import {
  PHOTO_MAX_BYTES,
  PhotoImageSchema,
  PhotoInputSchema,
  sniffPhotoMime,
  type Photo,
  type PhotoImage,
  type PhotoMime,
  type PhotoInput,
} from '../../shared/domain/photo.ts';
import { parseOrThrow } from '../../shared/validation/fields.ts';
import * as v from 'valibot';
import type { DelaktigDatabase, PhotoBlobRow } from './database.ts';
import { writeWithChange, type WriteContext } from './outbox.ts';
import { retryPhotoUpload } from './photo-blobs.ts';

/** What is wrong with a file: too large, not an image the app keeps, or not readable. */
export type PhotoFileErrorCode = 'tooLarge' | 'notImage' | 'unreadable';

/** A file that cannot become a photo. Nothing was stored. */
export class PhotoFileError extends Error {
  readonly code: PhotoFileErrorCode;
  /** The file's size in bytes (for `tooLarge`). */
  readonly bytes: number;

  constructor(code: PhotoFileErrorCode, bytes: number, cause?: unknown) {
    super(`The file cannot be added as a photo: ${code}`, { cause });
    this.name = 'PhotoFileError';
    this.code = code;
    this.bytes = bytes;
  }
}

/**
 * Image decoding, injected: the browser's (createImageBitmap and a canvas) in the app, a stand-in
 * in unit tests, which run without a canvas.
 */
export interface ImageProcessor {
  /** Width, height (as shown) and a small JPEG thumbnail as a data URL; throws when it cannot decode. */
  describe(image: Blob): Promise<{ width: number; height: number; thumbnail: string }>;
  /** The image re-encoded as JPEG, for a type the app does not keep (HEIC); throws when it cannot decode. */
  toJpeg(image: Blob): Promise<Blob>;
}

export interface PreparedPhoto {
  readonly image: PhotoImage;
  /** The bytes to upload, typed with `image.mime`. */
  readonly blob: Blob;
}

/** Where a photo's image is, as this device knows it. */
export type UploadState =
  /** On this device, waiting to be uploaded. */
  | { readonly state: 'waiting' }
  /** The server confirmed the whole image. */
  | { readonly state: 'uploaded' }
  /** The server refused it; the bytes stay on this device. */
  | { readonly state: 'refused'; readonly code: string; readonly message: string }
  /** Taken on another device: this one has only the record and its thumbnail. */
  | { readonly state: 'elsewhere' };

export interface PhotoWithState {
  readonly photo: Photo;
  readonly upload: UploadState;
}

export function uploadStateOf(row: PhotoBlobRow | undefined): UploadState {
  if (!row) return { state: 'elsewhere' };
  if (row.rejection) return { state: 'refused', ...row.rejection };
  if (row.blob) return { state: 'waiting' };
  return row.uploadedAt ? { state: 'uploaded' } : { state: 'elsewhere' };
}

export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function readBytes(blob: Blob): Promise<ArrayBuffer> {
  try {
    return await blob.arrayBuffer();
  } catch (error) {
    // The file went away (a card removed) or the browser may not read it.
    throw new PhotoFileError('unreadable', blob.size, error);
  }
}

/**
 * The image's bytes without metadata (GPS position, device, times, XMP, IPTC, PNG text; see
 * src/shared/domain/photo-metadata.ts): what is hashed, stored and uploaded. A file whose structure
 * does not hold together is refused as `unreadable`, rather than kept with metadata in it.
 */
async function withoutMetadata(bytes: ArrayBuffer, mime: PhotoMime, fileSize: number): Promise<ArrayBuffer> {
  // Loaded when a photo is added: the proposals feature uses it too, and a chunk shared by both,
  // imported statically, would join the list the app shell preloads for the photo screens.
  const { PhotoMetadataError, stripPhotoMetadata } = await import('../../shared/domain/photo-metadata.ts');
  try {
    return stripPhotoMetadata(new Uint8Array(bytes), mime).buffer;
  } catch (error) {
    if (error instanceof PhotoMetadataError) throw new PhotoFileError('unreadable', fileSize, error);
    throw error;
  }
}

/**
 * Check a file and work out what a photo record needs. Throws PhotoFileError: over the limit before
 * anything is read; `notImage` for a file that is no image the browser can decode; `unreadable`.
 * The image is stripped of its metadata first: the hash, size and thumbnail are of what is kept.
 */
export async function preparePhoto(file: Blob, images: ImageProcessor): Promise<PreparedPhoto> {
  if (file.size > PHOTO_MAX_BYTES) throw new PhotoFileError('tooLarge', file.size);
  if (file.size === 0) throw new PhotoFileError('notImage', 0);
  let bytes = await readBytes(file);
  let mime = sniffPhotoMime(new Uint8Array(bytes, 0, Math.min(16, bytes.byteLength)));
  if (!mime) {
    // Another image type the browser can decode (HEIC on an iPad): kept as JPEG.
    if (!file.type.startsWith('image/')) throw new PhotoFileError('notImage', file.size);
    let converted: Blob;
    try {
      converted = await images.toJpeg(file);
    } catch (error) {
      throw new PhotoFileError('notImage', file.size, error);
    }
    if (converted.size > PHOTO_MAX_BYTES) throw new PhotoFileError('tooLarge', converted.size);
    bytes = await readBytes(converted);
    mime = sniffPhotoMime(new Uint8Array(bytes, 0, Math.min(16, bytes.byteLength)));
    if (!mime) throw new PhotoFileError('notImage', file.size);
  }
  bytes = await withoutMetadata(bytes, mime, file.size);
  const blob = new Blob([bytes], { type: mime });
  let described: Awaited<ReturnType<ImageProcessor['describe']>>;
  try {
    described = await images.describe(blob);
  } catch (error) {
    // The first bytes say image, but it does not decode: a damaged file.
    throw new PhotoFileError('unreadable', file.size, error);
  }
  const parsed = v.safeParse(PhotoImageSchema, {
    sha256: await sha256Hex(bytes),
    mime,
    bytes: bytes.byteLength,
    ...described,
  });
  if (!parsed.success) {
    throw new PhotoFileError(
      'unreadable',
      file.size,
      new Error(parsed.issues.map((i) => i.message).join(', ')),
    );
  }
  return { image: parsed.output, blob };
}

export class PhotoRepository {
  readonly #db: DelaktigDatabase;
  readonly #images: ImageProcessor;

  constructor(db: DelaktigDatabase, images: ImageProcessor) {
    this.#db = db;
    this.#images = images;
  }

  /**
   * Add a photo to a dialogue. Throws ValidationError (a caption too long) or PhotoFileError, and
   * then nothing was stored. The same image added twice is stored once.
   */
  async add(file: Blob, input: PhotoInput, context: WriteContext): Promise<Photo> {
    const { dialogueId, caption } = parseOrThrow(PhotoInputSchema, input);
    const { image, blob } = await preparePhoto(file, this.#images);
    const db = this.#db;
    const id = uuidv7();
    return db.transaction('rw', [db.photos, db.photoBlobs, db.outbox, db.meta, db.mergeChunks], async () => {
      const existing = await db.photoBlobs.get(image.sha256);
      const onServer = existing?.tenantId === context.tenantId && !!existing.uploadedAt && !existing.blob;
      if (!onServer) {
        await db.photoBlobs.put({
          sha256: image.sha256,
          tenantId: context.tenantId,
          mime: image.mime,
          bytes: image.bytes,
          addedAt: new Date((context.now ?? Date.now)()).toISOString(),
          blob,
        });
      }
      return writeWithChange<Photo>(db, context, {
        entity: 'photo',
        table: db.photos,
        build: (stamp) => ({
          id,
          tenantId: context.tenantId,
          dialogueId,
          ...image,
          ...(caption === undefined ? {} : { caption }),
          createdAt: stamp.at,
          hlc: stamp.hlc,
        }),
        fields: [
          'dialogueId',
          'sha256',
          'mime',
          'bytes',
          'width',
          'height',
          'thumbnail',
          ...(caption === undefined ? [] : (['caption'] as const)),
          'createdAt',
        ],
      });
    });
  }

  /** A dialogue's photos, oldest first, each with where its image is. */
  async listForDialogue(dialogueId: string): Promise<PhotoWithState[]> {
    const db = this.#db;
    return db.transaction('r', [db.photos, db.photoBlobs], async () => {
      const photos = await db.photos
        .where('[dialogueId+hlc]')
        .between([dialogueId, ''], [dialogueId, '\uffff'])
        .toArray();
      const rows = await db.photoBlobs.bulkGet(photos.map((p) => p.sha256));
      return photos.map((photo, i) => ({ photo, upload: uploadStateOf(rows[i]) }));
    });
  }

  /** Send an image the server refused again, at the next sync ("try again"). False: nothing to send. */
  retryUpload(sha256: string): Promise<boolean> {
    return retryPhotoUpload(this.#db, sha256);
  }

  /** The image's bytes when they are still on this device (not yet uploaded). */
  async localImage(sha256: string): Promise<Blob | undefined> {
    return (await this.#db.photoBlobs.get(sha256))?.blob;
  }
}
