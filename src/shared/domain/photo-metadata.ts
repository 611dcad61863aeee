/**
 * Metadata out of photos, on the device, before an image is hashed, stored or uploaded: a tablet's
 * camera writes where the photo was taken (EXIF GPS), the device's make, model and serial number,
 * times, editing software (XMP), captions and keywords (IPTC), text in PNG chunks and more, and
 * none of it may reach the server with children's flipcharts.
 *
 * The file is cut, never re-encoded: the segments or chunks that carry the picture are copied byte
 * for byte, so nothing of its quality is lost, and it is fast on a cheap tablet (one pass, no
 * decoding). What is kept is a list of what is needed to show the picture as taken; everything
 * else goes, including data after the image's end (phones append motion-photo videos, depth maps
 * and second images there, with their own EXIF).
 *
 * - **JPEG**: kept are APP0 JFIF (without its optional thumbnail), APP2 ICC_PROFILE (the colour
 *   profile), APP14 Adobe (how the colours are coded), the tables, the frame, the scans and EOI.
 *   Dropped are APP1 (EXIF, XMP), APP13 (IPTC, Photoshop), APP12, COM, the other APPn (MPF, FlashPix,
 *   JUMBF/C2PA…) and anything after EOI. A browser turns a photo by its EXIF Orientation, so when
 *   the EXIF said anything but 1, a minimal EXIF holding only that tag takes its place.
 * - **PNG**: kept are the critical chunks and the ancillary ones that change how the picture looks
 *   (transparency, gamma, colours, colour profile, APNG animation); dropped are eXIf, tEXt, zTXt,
 *   iTXt, tIME and every other chunk, and anything after IEND. Kept chunks keep their CRCs.
 * - **WebP**: EXIF, XMP and unknown chunks are dropped, their flags cleared in VP8X, and the RIFF
 *   size set to what is left.
 *
 * A file whose structure does not hold together (a length beyond the end, no end of image) throws
 * PhotoMetadataError: the app refuses it rather than keep metadata it could not find.
 *
 * Pure: no DOM, no Node API, so the server could use it as well.
 */
import type { PhotoMime } from './photo.ts';

export type PhotoMetadataProblem = 'truncated' | 'malformed';

/** An image whose structure does not hold together, so its metadata cannot be found for sure. */
export class PhotoMetadataError extends Error {
  readonly problem: PhotoMetadataProblem;

  constructor(problem: PhotoMetadataProblem, detail: string) {
    super(`The image is ${problem}: ${detail}`);
    this.name = 'PhotoMetadataError';
    this.problem = problem;
  }
}

/** The EXIF Orientation a browser honours: 1 (as stored) to 8. */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/**
 * The image without its metadata (see the module's comment). `mime` is the sniffed type
 * (sniffPhotoMime), not what the file's name or the browser said. Throws PhotoMetadataError.
 */
export function stripPhotoMetadata(bytes: Uint8Array<ArrayBuffer>, mime: PhotoMime): Uint8Array<ArrayBuffer> {
  switch (mime) {
    case 'image/jpeg':
      return stripJpeg(bytes);
    case 'image/png':
      return stripPng(bytes);
    case 'image/webp':
      return stripWebp(bytes);
  }
}

/** Pieces of the output: views of the input and a few new bytes, joined once at the end. */
class Pieces {
  readonly #parts: Uint8Array[] = [];
  #length = 0;

  add(part: Uint8Array): void {
    if (part.length === 0) return;
    this.#parts.push(part);
    this.#length += part.length;
  }

  join(): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(this.#length);
    let at = 0;
    for (const part of this.#parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}

function startsWith(bytes: Uint8Array, ascii: string): boolean {
  if (bytes.length < ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[i] !== ascii.charCodeAt(i)) return false;
  return true;
}

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

// ---------------------------------------------------------------------------------------------
// JPEG: SOI, then segments (FF, marker, 2-byte big-endian length that counts itself, payload);
// after each SOS the entropy-coded scan, in which FF is followed by 00 (a stuffed FF) or D0–D7
// (restart markers); the first other marker ends the scan. EOI ends the image.

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const APP15 = 0xef;
const COM = 0xfe;
const TEM = 0x01;
const ORIENTATION_TAG = 0x0112;
const SHORT = 3;

const isRestart = (marker: number) => marker >= 0xd0 && marker <= 0xd7;

function stripJpeg(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) {
    throw new PhotoMetadataError('malformed', 'a JPEG that does not start with SOI');
  }
  const out = new Pieces();
  out.add(bytes.subarray(0, 2));
  let exifSeen = false;
  let at = 2;
  for (;;) {
    if (at >= bytes.length) throw new PhotoMetadataError('truncated', 'the JPEG ends before EOI');
    if (bytes[at] !== 0xff) throw new PhotoMetadataError('malformed', `no JPEG marker at byte ${at}`);
    // Fill bytes: any number of FF before a marker.
    while (at + 1 < bytes.length && bytes[at + 1] === 0xff) at++;
    if (at + 1 >= bytes.length) throw new PhotoMetadataError('truncated', 'the JPEG ends before EOI');
    const marker = bytes[at + 1]!;
    if (marker === EOI) {
      out.add(bytes.subarray(at, at + 2));
      // Whatever follows EOI (a motion-photo video, a depth map, a second image) is left behind.
      return out.join();
    }
    if (marker === 0x00 || marker === SOI) {
      throw new PhotoMetadataError('malformed', `JPEG marker ${hex(marker)} at byte ${at}`);
    }
    if (marker === TEM || isRestart(marker)) {
      // Markers without a length.
      out.add(bytes.subarray(at, at + 2));
      at += 2;
      continue;
    }
    if (at + 4 > bytes.length) throw new PhotoMetadataError('truncated', `JPEG segment at byte ${at}`);
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const end = at + 2 + length;
    if (length < 2) throw new PhotoMetadataError('malformed', `JPEG segment length ${length} at byte ${at}`);
    if (end > bytes.length) throw new PhotoMetadataError('truncated', `JPEG segment at byte ${at}`);
    const payload = bytes.subarray(at + 4, end);

    if (marker === APP1 && !exifSeen && startsWith(payload, 'Exif\0')) {
      // The first EXIF is the one browsers read the orientation from: only that survives.
      exifSeen = true;
      const orientation = exifOrientation(payload);
      if (orientation !== 1) out.add(minimalExif(orientation));
    } else if (marker === APP0) {
      if (startsWith(payload, 'JFIF\0')) out.add(jfifWithoutThumbnail(bytes.subarray(at, end)));
    } else if ((marker >= APP0 && marker <= APP15) || marker === COM) {
      const kept =
        (marker === APP2 && startsWith(payload, 'ICC_PROFILE\0')) ||
        (marker === APP14 && startsWith(payload, 'Adobe'));
      if (kept) out.add(bytes.subarray(at, end));
    } else {
      out.add(bytes.subarray(at, end));
    }
    at = end;

    if (marker === SOS) {
      // The scan, copied as it is, up to the marker that ends it.
      let scan = at;
      for (;;) {
        const ff = bytes.indexOf(0xff, scan);
        if (ff < 0 || ff + 1 >= bytes.length) {
          throw new PhotoMetadataError('truncated', 'the JPEG ends inside a scan, before EOI');
        }
        const next = bytes[ff + 1]!;
        if (next === 0x00 || isRestart(next)) scan = ff + 2;
        else if (next === 0xff) scan = ff + 1;
        else {
          out.add(bytes.subarray(at, ff));
          at = ff;
          break;
        }
      }
    }
  }
}

function hex(byte: number): string {
  return `0x${byte.toString(16).padStart(2, '0')}`;
}

/**
 * The Orientation in IFD0 of an EXIF APP1 payload ("Exif\0\0", then a TIFF structure in either
 * byte order), or 1 when it has none or it cannot be read: then a browser shows the image as
 * stored, and so it is shown without the EXIF.
 */
export function exifOrientation(payload: Uint8Array): Orientation {
  const tiff = payload.subarray(6);
  if (tiff.length < 8) return 1;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49; // II
  const big = tiff[0] === 0x4d && tiff[1] === 0x4d; // MM
  if (!little && !big) return 1;
  const data = view(tiff);
  if (data.getUint16(2, little) !== 42) return 1;
  const ifd = data.getUint32(4, little);
  if (ifd + 2 > tiff.length) return 1;
  const count = data.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return 1;
    if (data.getUint16(entry, little) !== ORIENTATION_TAG) continue;
    if (data.getUint16(entry + 2, little) !== SHORT || data.getUint32(entry + 4, little) !== 1) return 1;
    const value = data.getUint16(entry + 8, little);
    return value >= 1 && value <= 8 ? (value as Orientation) : 1;
  }
  return 1;
}

/** The size of minimalExif's segment, marker included: the most stripping can add to a JPEG. */
export const MINIMAL_EXIF_BYTES = 36;

/**
 * An APP1 segment with an EXIF that says only the orientation: "Exif\0\0", a big-endian TIFF header
 * and an IFD0 with one SHORT entry (0x0112) and no next IFD.
 */
export function minimalExif(orientation: Orientation): Uint8Array<ArrayBuffer> {
  // prettier-ignore
  return new Uint8Array([
    0xff, APP1, 0x00, MINIMAL_EXIF_BYTES - 2,
    0x45, 0x78, 0x69, 0x66, 0x00, 0x00, // Exif\0\0
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // MM, 42, IFD0 at 8
    0x00, 0x01, // one entry
    0x01, 0x12, 0x00, SHORT, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, // Orientation
    0x00, 0x00, 0x00, 0x00, // no next IFD
  ]);
}

/**
 * A JFIF APP0 segment as it is, or, when it carries a thumbnail, without it: a thumbnail can show
 * what was cropped away since.
 */
function jfifWithoutThumbnail(segment: Uint8Array): Uint8Array {
  // FF E0, length, "JFIF\0", version (2), units, X and Y density (2 each), thumbnail width, height.
  const thumbnail = segment.length >= 18 ? segment[16]! * segment[17]! : 0;
  if (segment.length <= 18 && thumbnail === 0) return segment;
  const out = segment.slice(0, 18);
  out[2] = 0;
  out[3] = 16;
  out[16] = 0;
  out[17] = 0;
  return out;
}

// ---------------------------------------------------------------------------------------------
// PNG: the 8-byte signature, then chunks (4-byte big-endian data length, 4-letter type, data,
// CRC of type and data) up to IEND.

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Ancillary chunks that change how the picture looks, in a browser or an image viewer. Critical
 * chunks (an upper-case first letter: IHDR, PLTE, IDAT, IEND) are always kept.
 */
const PNG_KEPT = new Set([
  'tRNS', // transparency
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP', // colour profile
  'cICP',
  'mDCV',
  'cLLI',
  'sBIT',
  'bKGD',
  'pHYs', // pixel aspect ratio
  'acTL', // APNG
  'fcTL',
  'fdAT',
]);

function stripPng(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  if (bytes.length < 8 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) {
    throw new PhotoMetadataError('malformed', 'a PNG without its signature');
  }
  const data = view(bytes);
  const out = new Pieces();
  out.add(bytes.subarray(0, 8));
  let at = 8;
  for (;;) {
    if (at + 12 > bytes.length) throw new PhotoMetadataError('truncated', 'the PNG ends before IEND');
    const length = data.getUint32(at);
    if (length > 0x7fffffff) throw new PhotoMetadataError('malformed', `PNG chunk length at byte ${at}`);
    const end = at + 12 + length;
    if (end > bytes.length) throw new PhotoMetadataError('truncated', `PNG chunk at byte ${at}`);
    const typeBytes = bytes.subarray(at + 4, at + 8);
    if (!typeBytes.every((b) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a))) {
      throw new PhotoMetadataError('malformed', `PNG chunk type at byte ${at}`);
    }
    const type = String.fromCharCode(...typeBytes);
    const critical = (typeBytes[0]! & 0x20) === 0;
    if (critical || PNG_KEPT.has(type)) out.add(bytes.subarray(at, end));
    at = end;
    // Whatever follows IEND is left behind.
    if (type === 'IEND') return out.join();
  }
}

// ---------------------------------------------------------------------------------------------
// WebP: "RIFF", a 4-byte little-endian size of what follows, "WEBP", then chunks (four-letter
// code, 4-byte little-endian size, data, a pad byte when the size is odd). An extended file starts
// with VP8X, whose first byte holds flags for what the file has.

/** Chunks that make the picture; EXIF, XMP and unknown chunks are not among them. */
const WEBP_KEPT = new Set(['VP8X', 'ICCP', 'ANIM', 'ANMF', 'ALPH', 'VP8 ', 'VP8L']);
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function stripWebp(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  if (bytes.length < 12 || !startsWith(bytes, 'RIFF') || !startsWith(bytes.subarray(8), 'WEBP')) {
    throw new PhotoMetadataError('malformed', 'a WebP without its RIFF header');
  }
  const data = view(bytes);
  const riffEnd = 8 + data.getUint32(4, true);
  if (riffEnd > bytes.length)
    throw new PhotoMetadataError('truncated', 'the WebP is shorter than its RIFF size');
  if (riffEnd < 12 + 8) throw new PhotoMetadataError('malformed', 'a WebP without chunks');
  const out = new Pieces();
  const header = bytes.slice(0, 12);
  out.add(header);
  let length = 4; // "WEBP"
  let at = 12;
  while (at < riffEnd) {
    if (at + 8 > riffEnd) throw new PhotoMetadataError('truncated', `WebP chunk at byte ${at}`);
    const size = data.getUint32(at + 4, true);
    let end = at + 8 + size + (size & 1);
    // Some writers leave out the last chunk's pad byte.
    if (end === riffEnd + 1 && size & 1) end = riffEnd;
    if (end > riffEnd) throw new PhotoMetadataError('truncated', `WebP chunk at byte ${at}`);
    const fourcc = String.fromCharCode(...bytes.subarray(at, at + 4));
    if (fourcc === 'VP8X') {
      if (size < 10) throw new PhotoMetadataError('malformed', 'a VP8X chunk too short');
      const flags = bytes[at + 8]!;
      if (flags & (VP8X_EXIF | VP8X_XMP)) {
        const chunk = bytes.slice(at, end);
        chunk[8] = flags & ~(VP8X_EXIF | VP8X_XMP);
        out.add(chunk);
      } else {
        out.add(bytes.subarray(at, end));
      }
      length += end - at;
    } else if (WEBP_KEPT.has(fourcc)) {
      out.add(bytes.subarray(at, end));
      length += end - at;
    }
    at = end;
  }
  // Whatever follows the RIFF size is left behind; the size is what is left.
  view(header).setUint32(4, length, true);
  return out.join();
}
