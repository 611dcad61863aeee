/**
 * The types of file the blob store keeps (docs/server.md "Photos"): the photos' images (JPEG, PNG,
 * WebP) and, for proposal attachments only, PDF. A file's type is always read from its first bytes,
 * never from its name or the type a browser guessed: the server before it keeps an upload, the
 * device before it stores a file and again before it hands one to the user.
 *
 * A photo of a dialogue stays an image (photo.ts `sniffPhotoMime`, and the server refuses a photo
 * record of another type); PDF is only ever a proposal attachment.
 */
import { PHOTO_MIME_TYPES, sniffPhotoMime, type PhotoMime } from './photo.ts';

export const PDF_MIME = 'application/pdf';

export const BLOB_MIME_TYPES = [...PHOTO_MIME_TYPES, PDF_MIME] as const;
export type BlobMime = PhotoMime | typeof PDF_MIME;

export function isBlobMime(value: unknown): value is BlobMime {
  return typeof value === 'string' && (BLOB_MIME_TYPES as readonly string[]).includes(value);
}

/** `%PDF-`: a PDF file's header, which readers expect at its very start (ISO 32000, 7.5.2). */
const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d];

/**
 * The type of a file the blob store keeps, from its first bytes (at least 12), or null when it is
 * none of them. A PDF is recognised only by `%PDF-` at offset 0: an HTML page or an SVG drawing
 * named "survey.pdf" is not a PDF.
 */
export function sniffBlobMime(head: Uint8Array): BlobMime | null {
  const image = sniffPhotoMime(head);
  if (image) return image;
  return PDF_HEADER.every((b, i) => head[i] === b) ? PDF_MIME : null;
}

const EXTENSIONS: Record<BlobMime, readonly string[]> = {
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'image/webp': ['.webp'],
  'application/pdf': ['.pdf'],
};

/** The usual file name extension of a type, with its dot. */
export function extensionOf(mime: BlobMime): string {
  return EXTENSIONS[mime][0]!;
}

/**
 * The name to save a file under: the name it was attached with, ending in its type's extension
 * (added when missing or another), so the device that saves it never opens a PDF as a web page
 * because someone named it "map.html". Path separators and control characters become "_".
 */
export function fileNameFor(name: string, mime: BlobMime): string {
  const clean = [...name.normalize('NFC')]
    .map((c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' || c === '/' || c === '\\' ? '_' : c))
    .join('')
    .trim();
  const lower = clean.toLowerCase();
  if (EXTENSIONS[mime].some((ext) => lower.endsWith(ext) && lower.length > ext.length)) return clean;
  const stem = clean.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return `${stem || 'file'}${extensionOf(mime)}`;
}
