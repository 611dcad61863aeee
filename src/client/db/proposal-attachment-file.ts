/**
 * A file to attach to a proposal, checked and cleaned before anything is stored: its type known by
 * its first bytes, an image's metadata removed. The repository (proposal-repository.ts) stores it.
 */
import { PHOTO_MAX_BYTES } from '../../shared/domain/photo.ts';
import { PDF_MIME, sniffBlobMime, type BlobMime } from '../../shared/domain/blob-types.ts';

/** An attachment larger than the server takes (20 MB, the photos' limit). */
export class AttachmentTooLarge extends Error {
  constructor(readonly bytes: number) {
    super(`The file is ${bytes} bytes; at most ${PHOTO_MAX_BYTES} are accepted`);
    this.name = 'AttachmentTooLarge';
  }
}

/**
 * A file that cannot be attached: `notAllowed` when its first bytes are none of an image (JPEG,
 * PNG, WebP) or a PDF, whatever its name or the browser's type; `unreadable` when it cannot be read,
 * or is an image whose structure does not hold together (its metadata could not be removed).
 */
export class AttachmentRefused extends Error {
  constructor(readonly code: 'notAllowed' | 'unreadable') {
    super(`The file cannot be attached: ${code}`);
    this.name = 'AttachmentRefused';
  }
}

/**
 * What is kept of a file: its type from its first bytes, and an image without its metadata (GPS
 * position, device, times: photo-metadata.ts, as photos). A PDF is kept as it is: its Info
 * dictionary and XMP (author, software) are not removed (docs/proposals.md "Known gaps").
 */
export async function prepareAttachment(file: Blob): Promise<{ bytes: ArrayBuffer; mime: BlobMime }> {
  if (file.size > PHOTO_MAX_BYTES) throw new AttachmentTooLarge(file.size);
  if (file.size === 0) throw new AttachmentRefused('notAllowed');
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch {
    throw new AttachmentRefused('unreadable');
  }
  const mime = sniffBlobMime(new Uint8Array(bytes, 0, Math.min(16, bytes.byteLength)));
  if (!mime) throw new AttachmentRefused('notAllowed');
  if (mime === PDF_MIME) return { bytes, mime };
  // Shared with the photos; loaded when needed, so the app shell's preload lists do not grow.
  const { PhotoMetadataError, stripPhotoMetadata } = await import('../../shared/domain/photo-metadata.ts');
  try {
    return { bytes: stripPhotoMetadata(new Uint8Array(bytes), mime).buffer, mime };
  } catch (error) {
    if (error instanceof PhotoMetadataError) throw new AttachmentRefused('unreadable');
    throw error;
  }
}
