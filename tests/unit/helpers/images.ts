/**
 * Image files built byte by byte for unit tests: JPEG segments, an EXIF block with a GPS IFD in
 * either byte order, PNG chunks with their CRCs, WebP chunks. Nothing here decodes pixels.
 */

export type Bytes = Uint8Array<ArrayBuffer>;

export const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

export function concat(...parts: (Uint8Array | readonly number[])[]): Bytes {
  const arrays = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/** Where `needle` first occurs in `haystack`, or -1. */
export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array | readonly number[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

// --- JPEG -------------------------------------------------------------------------------------

export const SOI = [0xff, 0xd8];
export const EOI = [0xff, 0xd9];

/** A JPEG segment: FF, marker, big-endian length (counting itself), payload. */
export function segment(marker: number, payload: Uint8Array | readonly number[]): Bytes {
  const length = payload.length + 2;
  return concat([0xff, marker, length >> 8, length & 0xff], payload);
}

export const JFIF = segment(0xe0, [...ascii('JFIF\0'), 1, 1, 1, 0, 72, 0, 72, 0, 0]);
export const ICC = segment(0xe2, [...ascii('ICC_PROFILE\0'), 1, 1, ...ascii('fake profile bytes')]);
export const ADOBE = segment(0xee, [...ascii('Adobe'), 0, 100, 0, 0, 0, 0, 1]);
export const DQT = segment(0xdb, [0, ...Array.from({ length: 64 }, (_, i) => i + 1)]);
export const SOF0 = segment(0xc0, [8, 0, 16, 0, 16, 1, 1, 0x11, 0]);
export const DHT = segment(0xc4, [0, 0, 1, ...Array<number>(15).fill(0), 0]);
export const SOS = segment(0xda, [1, 1, 0, 0, 63, 0]);
/** Scan bytes with a stuffed FF (FF 00) and a restart marker (FF D0) in them. */
export const SCAN = Uint8Array.from([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd0, 0x78, 0x9a, 0xbc]);

/** What a camera writes about the tablet and where it was: found in the file, it has leaked. */
export const SERIAL = 'SM-T220 R9ZT1234567';
export const XMP_TEXT = '<x:xmpmeta><exif:GPSLatitude>60,29.2N</exif:GPSLatitude></x:xmpmeta>';
export const COMMENT_TEXT = 'Taken at Hagaskolan, class 7B';
export const IPTC_TEXT = 'Photoshop 3.0\0' + '8BIM Hagaskolan';

/** GPS rationals: 60° 29' 12.34" N, 15° 25' 43.21" E (what is looked for in the output). */
export const LATITUDE = [60, 1, 29, 1, 1234, 100] as const;
export const LONGITUDE = [15, 1, 25, 1, 4321, 100] as const;

/**
 * An EXIF APP1 payload ("Exif\0\0" + TIFF) in the given byte order: IFD0 with Make (ASCII, the
 * serial), Orientation (SHORT) and a GPSInfo pointer; a GPS IFD with latitude and longitude.
 */
export function exifPayload(order: 'II' | 'MM', orientation: number): Bytes {
  const little = order === 'II';
  const tiff = new Uint8Array(180);
  const data = new DataView(tiff.buffer);
  const u16 = (at: number, n: number) => data.setUint16(at, n, little);
  const u32 = (at: number, n: number) => data.setUint32(at, n, little);
  const entry = (at: number, tag: number, type: number, count: number, value: (at: number) => void) => {
    u16(at, tag);
    u16(at + 2, type);
    u32(at + 4, count);
    value(at + 8);
  };
  tiff.set(ascii(order), 0);
  u16(2, 42);
  u32(4, 8);
  // IFD0 at 8: three entries, 42 bytes, up to 50.
  const make = `${SERIAL}\0`;
  u16(8, 3);
  entry(10, 0x010f, 2, make.length, (at) => u32(at, 50));
  entry(22, 0x0112, 3, 1, (at) => u16(at, orientation));
  entry(34, 0x8825, 4, 1, (at) => u32(at, 78));
  u32(46, 0);
  tiff.set(ascii(make), 50); // 20 bytes, up to 70; the GPS IFD at 78
  // GPS IFD at 78: four entries, 54 bytes, up to 132; latitude at 132, longitude at 156.
  u16(78, 4);
  entry(80, 0x0001, 2, 2, (at) => tiff.set(ascii('N\0'), at));
  entry(92, 0x0002, 5, 3, (at) => u32(at, 132));
  entry(104, 0x0003, 2, 2, (at) => tiff.set(ascii('E\0'), at));
  entry(116, 0x0004, 5, 3, (at) => u32(at, 156));
  u32(128, 0);
  LATITUDE.forEach((n, i) => u32(132 + i * 4, n));
  LONGITUDE.forEach((n, i) => u32(156 + i * 4, n));
  return concat(ascii('Exif\0\0'), tiff);
}

/** The GPS latitude as the file holds it, in that byte order: must not be found after stripping. */
export function latitudeBytes(order: 'II' | 'MM'): Bytes {
  const out = new Uint8Array(24);
  const data = new DataView(out.buffer);
  LATITUDE.forEach((n, i) => data.setUint32(i * 4, n, order === 'II'));
  return out;
}

export const exifSegment = (order: 'II' | 'MM', orientation: number) =>
  segment(0xe1, exifPayload(order, orientation));
export const XMP = segment(0xe1, ascii(`http://ns.adobe.com/xap/1.0/\0${XMP_TEXT}`));
export const COMMENT = segment(0xfe, ascii(COMMENT_TEXT));
export const IPTC = segment(0xed, ascii(IPTC_TEXT));

/** The JPEG segments of a photo without metadata, in order: SOI to EOI. */
export function jpegWithout(...extra: Uint8Array[]): Bytes {
  return concat(SOI, JFIF, ...extra, DQT, SOF0, DHT, SOS, SCAN, EOI);
}

/** A JPEG as a tablet's camera writes it: EXIF with GPS, XMP, ICC profile, IPTC, a comment. */
export function cameraJpeg(order: 'II' | 'MM', orientation: number): Bytes {
  return concat(
    SOI,
    JFIF,
    exifSegment(order, orientation),
    XMP,
    ICC,
    IPTC,
    COMMENT,
    DQT,
    SOF0,
    DHT,
    SOS,
    SCAN,
    EOI,
  );
}

// --- PNG --------------------------------------------------------------------------------------

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A PNG chunk: length, type, data, CRC. */
export function chunk(type: string, data: Uint8Array | readonly number[]): Bytes {
  const body = concat(ascii(type), data);
  const out = concat([0, 0, 0, 0], body, [0, 0, 0, 0]);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  view.setUint32(out.length - 4, crc32(body));
  return out;
}

export const IHDR = chunk('IHDR', [0, 0, 0, 4, 0, 0, 0, 3, 8, 2, 0, 0, 0]);
export const IEND = chunk('IEND', []);

/** A PNG that is only image: IHDR, IDAT with `idat` (not really deflated: nothing decodes it), IEND. */
export function plainPng(idat: Uint8Array | readonly number[] = [1, 2, 3, 4, 5]): Bytes {
  return concat(PNG_SIGNATURE, IHDR, chunk('IDAT', idat), IEND);
}

// --- WebP -------------------------------------------------------------------------------------

/** A RIFF chunk: four-letter code, little-endian size, data, a pad byte when the size is odd. */
export function riffChunk(fourcc: string, data: Uint8Array | readonly number[]): Bytes {
  const out = concat(ascii(fourcc), [0, 0, 0, 0], data, data.length % 2 ? [0] : []);
  new DataView(out.buffer).setUint32(4, data.length, true);
  return out;
}

export function webp(...chunks: Uint8Array[]): Bytes {
  const out = concat(ascii('RIFF'), [0, 0, 0, 0], ascii('WEBP'), ...chunks);
  new DataView(out.buffer).setUint32(4, out.length - 8, true);
  return out;
}

/** A VP8X chunk with the given flags, for a 4 × 3 canvas. */
export const vp8x = (flags: number) => riffChunk('VP8X', [flags, 0, 0, 0, 3, 0, 0, 2, 0, 0]);
