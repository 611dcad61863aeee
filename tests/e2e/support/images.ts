/**
 * Real image files for browser tests, made in memory: a PNG of coloured noise, any size; an EXIF block
 * with a GPS position, spliced into a JPEG.
 */
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * An RGB PNG of `width` × `height` random pixels: it does not compress, so its size is about
 * 3 × width × height bytes, enough to take several upload chunks.
 */
export function noisePng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) rows.push(Buffer.concat([Buffer.from([0]), randomBytes(width * 3)]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** What a tablet's camera wrote about itself and where it was: not to be found on the server. */
export const CAMERA_SERIAL = 'SM-T220 R9ZT1234567';
/** 60° 29' 12.34" N as EXIF rationals, big-endian. */
export const GPS_LATITUDE = Buffer.from([60, 1, 29, 1, 1234, 100].flatMap((n) => [0, 0, n >> 8, n & 0xff]));

/**
 * `jpeg` with an APP1 EXIF block spliced in after SOI, as a camera writes it (big-endian): IFD0 with
 * Make (the serial), Orientation and a GPSInfo pointer; a GPS IFD with latitude "N" and its rationals.
 */
export function withExifGps(jpeg: Buffer, orientation: number): Buffer {
  const tiff = Buffer.alloc(124);
  const make = Buffer.from(`${CAMERA_SERIAL}\0`, 'latin1'); // 20 bytes at 50
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(3, 8); // IFD0: three entries
  tiff.writeUInt16BE(0x010f, 10); // Make, ASCII
  tiff.writeUInt16BE(2, 12);
  tiff.writeUInt32BE(make.length, 14);
  tiff.writeUInt32BE(50, 18);
  tiff.writeUInt16BE(0x0112, 22); // Orientation, SHORT
  tiff.writeUInt16BE(3, 24);
  tiff.writeUInt32BE(1, 26);
  tiff.writeUInt16BE(orientation, 30);
  tiff.writeUInt16BE(0x8825, 34); // GPSInfo, LONG
  tiff.writeUInt16BE(4, 36);
  tiff.writeUInt32BE(1, 38);
  tiff.writeUInt32BE(70, 42);
  make.copy(tiff, 50);
  tiff.writeUInt16BE(2, 70); // GPS IFD: two entries
  tiff.writeUInt16BE(0x0001, 72); // GPSLatitudeRef, ASCII "N"
  tiff.writeUInt16BE(2, 74);
  tiff.writeUInt32BE(2, 76);
  tiff.write('N', 80, 'latin1');
  tiff.writeUInt16BE(0x0002, 84); // GPSLatitude, 3 RATIONAL
  tiff.writeUInt16BE(5, 86);
  tiff.writeUInt32BE(3, 88);
  tiff.writeUInt32BE(100, 92); // after the GPS IFD's next-IFD pointer (0) at 96
  GPS_LATITUDE.copy(tiff, 100);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

/** The EXIF that stripping leaves: Orientation alone (src/shared/domain/photo-metadata.ts). */
export function minimalExifSegment(orientation: number): Buffer {
  // prettier-ignore
  return Buffer.from([
    0xff, 0xe1, 0x00, 0x22, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00, // APP1, 34, Exif\0\0
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01, // MM, 42, IFD0 at 8, one entry
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, // Orientation
    0x00, 0x00, 0x00, 0x00, // no next IFD
  ]);
}
