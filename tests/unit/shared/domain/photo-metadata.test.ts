import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exifOrientation,
  MINIMAL_EXIF_BYTES,
  minimalExif,
  PhotoMetadataError,
  stripPhotoMetadata,
  type Orientation,
} from '../../../../src/shared/domain/photo-metadata.ts';
import { sniffPhotoMime } from '../../../../src/shared/domain/photo.ts';
import {
  ADOBE,
  ascii,
  cameraJpeg,
  chunk,
  COMMENT,
  COMMENT_TEXT,
  concat,
  DHT,
  DQT,
  EOI,
  exifSegment,
  ICC,
  IEND,
  IHDR,
  indexOfBytes,
  IPTC,
  IPTC_TEXT,
  JFIF,
  jpegWithout,
  latitudeBytes,
  PNG_SIGNATURE,
  plainPng,
  riffChunk,
  SCAN,
  segment,
  SERIAL,
  SOF0,
  SOI,
  SOS,
  vp8x,
  webp,
  XMP,
  XMP_TEXT,
  type Bytes,
} from '../../helpers/images.ts';

const strip = (bytes: Bytes) => stripPhotoMetadata(bytes, sniffPhotoMime(bytes)!);
const contains = (bytes: Uint8Array, text: string | Uint8Array) =>
  indexOfBytes(bytes, typeof text === 'string' ? ascii(text) : text) >= 0;

/** The markers of a JPEG's segments up to its first SOS (the test's files have no others). */
function markers(jpeg: Uint8Array): number[] {
  const out: number[] = [];
  let at = 2;
  while (at + 4 <= jpeg.length) {
    const marker = jpeg[at + 1]!;
    out.push(marker);
    if (marker === 0xda) break;
    at += 2 + ((jpeg[at + 2]! << 8) | jpeg[at + 3]!);
  }
  return out;
}

function problemOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof PhotoMetadataError) return error.problem;
    throw error;
  }
  return undefined;
}

describe('JPEG metadata', () => {
  for (const order of ['II', 'MM'] as const) {
    it(`drops EXIF with its GPS IFD (${order}), XMP, IPTC and the comment, and keeps Orientation 6 alone`, () => {
      const camera = cameraJpeg(order, 6);
      // The fixture holds what it should, so that its absence below means something.
      expect(contains(camera, latitudeBytes(order))).toBe(true);
      expect(contains(camera, SERIAL)).toBe(true);

      const stripped = strip(camera);

      expect(stripped).toEqual(jpegWithout(minimalExif(6), ICC));
      for (const leak of [SERIAL, XMP_TEXT, COMMENT_TEXT, IPTC_TEXT, 'http://ns.adobe.com/xap']) {
        expect(contains(stripped, leak), leak).toBe(false);
      }
      expect(contains(stripped, latitudeBytes('II'))).toBe(false);
      expect(contains(stripped, latitudeBytes('MM'))).toBe(false);
      // The one EXIF left: a TIFF header and IFD0 with one entry, Orientation (0x0112) SHORT 6.
      expect(markers(stripped)).toEqual([0xe0, 0xe1, 0xe2, 0xdb, 0xc0, 0xc4, 0xda]);
      const app1 = stripped.subarray(SOI.length + JFIF.length, SOI.length + JFIF.length + MINIMAL_EXIF_BYTES);
      expect(exifOrientation(app1.subarray(4))).toBe(6);
      expect(Array.from(app1.subarray(4 + 6 + 8))).toEqual([
        0, 1, 1, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0,
      ]);
    });
  }

  it('reads the orientation in both byte orders, and 1 when there is none or it cannot be read', () => {
    for (const order of ['II', 'MM'] as const) {
      for (const o of [1, 2, 3, 4, 5, 6, 7, 8] as const) {
        expect(exifOrientation(exifSegment(order, o).subarray(4))).toBe(o);
      }
      expect(exifOrientation(exifSegment(order, 0).subarray(4))).toBe(1);
      expect(exifOrientation(exifSegment(order, 9).subarray(4))).toBe(1);
      // IFD0 said to be beyond the end of the block.
      const broken = exifSegment(order, 6).subarray(4);
      new DataView(broken.buffer, broken.byteOffset).setUint32(10, 5000, order === 'II');
      expect(exifOrientation(broken)).toBe(1);
    }
    expect(exifOrientation(Uint8Array.from(ascii('Exif\0\0XX')))).toBe(1);
  });

  it('writes no EXIF at all when the orientation was 1', () => {
    expect(strip(cameraJpeg('II', 1))).toEqual(jpegWithout(ICC));
    expect(strip(cameraJpeg('MM', 1))).toEqual(jpegWithout(ICC));
  });

  it('gives back a JPEG without metadata as it is, the Adobe segment and ICC profile included', () => {
    const plain = jpegWithout(ICC, ADOBE);
    expect(strip(plain)).toEqual(plain);
    const upright = jpegWithout(minimalExif(8));
    expect(strip(upright)).toEqual(upright);
  });

  it('keeps only the first EXIF, and drops APPn between scans, other APPn, and what follows EOI', () => {
    const motionPhoto = concat([0, 0, 0, 0x18], ascii('ftypmp42'), ascii('©xyz+60.4867+015.4286/'));
    const progressive = concat(
      SOI,
      JFIF,
      exifSegment('II', 3),
      exifSegment('MM', 6),
      segment(0xe2, [...ascii('MPF\0'), 1, 2, 3]),
      segment(0xeb, ascii('JP JUMBF c2pa')),
      segment(0xec, ascii('Ducky')),
      segment(0xef, ascii('anything')),
      DQT,
      SOF0,
      DHT,
      SOS,
      SCAN,
      DHT,
      segment(0xe1, ascii('Exif\0\0between scans')),
      COMMENT,
      SOS,
      SCAN,
      EOI,
      motionPhoto,
    );
    expect(strip(progressive)).toEqual(
      concat(SOI, JFIF, minimalExif(3), DQT, SOF0, DHT, SOS, SCAN, DHT, SOS, SCAN, EOI),
    );
  });

  it('drops the thumbnail of a JFIF segment: it may show what was cropped away', () => {
    // The same JFIF header as the fixture's, with a 2 × 1 thumbnail (RGB, 6 bytes) after it.
    const header = JFIF.subarray(4, JFIF.length - 2);
    const withThumbnail = segment(0xe0, concat(header, [2, 1], [255, 0, 0, 0, 255, 0]));
    expect(strip(concat(SOI, withThumbnail, DQT, SOF0, DHT, SOS, SCAN, EOI))).toEqual(jpegWithout());
  });

  it('throws on a JPEG whose structure does not hold together, never keeping what it could not read', () => {
    const camera = cameraJpeg('II', 6);
    // Cut inside the EXIF segment: its length goes beyond the end.
    expect(problemOf(() => strip(camera.slice(0, 40)))).toBe('truncated');
    // Cut inside the scan: no EOI.
    expect(problemOf(() => strip(camera.slice(0, camera.length - 2)))).toBe('truncated');
    // A length of 1 (it counts itself: at least 2).
    expect(problemOf(() => strip(concat(SOI, [0xff, 0xe1, 0, 1], EOI)))).toBe('malformed');
    // Something else where a marker should be.
    expect(problemOf(() => strip(concat(SOI, JFIF, [0x00, 0x12], EOI)))).toBe('malformed');
    expect(problemOf(() => strip(concat(SOI, JFIF)))).toBe('truncated');
    expect(problemOf(() => strip(Uint8Array.from([0xff, 0xd8, 0xff])))).toBe('malformed');
  });
});

describe('PNG metadata', () => {
  it('drops eXIf, tEXt, zTXt, iTXt, tIME and unknown chunks, and keeps the image chunks byte for byte', () => {
    const exif = chunk('eXIf', exifSegment('MM', 6).subarray(10));
    const idat = chunk('IDAT', [0x78, 0x9c, 1, 2, 3, 4]);
    const iccp = chunk('iCCP', [...ascii('sRGB\0'), 0, 0x78, 0x9c, 9, 9]);
    const phys = chunk('pHYs', [0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1]);
    const png = concat(
      PNG_SIGNATURE,
      IHDR,
      iccp,
      chunk('tEXt', ascii(`Comment\0${COMMENT_TEXT}`)),
      chunk('iTXt', ascii(`XML:com.adobe.xmp\0\0\0\0\0${XMP_TEXT}`)),
      exif,
      chunk('tIME', [0x07, 0xea, 5, 1, 10, 0, 0]),
      phys,
      idat,
      chunk('zTXt', [...ascii('Author\0'), 0, 0x78, 0x9c, 1]),
      chunk('caBX', ascii('c2pa manifest')),
      IEND,
      ascii('trailing data'),
    );
    const stripped = strip(png);
    expect(stripped).toEqual(concat(PNG_SIGNATURE, IHDR, iccp, phys, idat, IEND));
    for (const leak of [SERIAL, XMP_TEXT, COMMENT_TEXT, 'tIME', 'zTXt', 'caBX', 'trailing']) {
      expect(contains(stripped, leak), leak).toBe(false);
    }
    expect(contains(stripped, latitudeBytes('MM'))).toBe(false);
  });

  it('gives back a PNG without metadata as it is, and throws on a truncated one', () => {
    const plain = plainPng();
    expect(strip(plain)).toEqual(plain);
    expect(problemOf(() => strip(plain.slice(0, plain.length - 1)))).toBe('truncated');
    expect(problemOf(() => strip(plain.slice(0, 30)))).toBe('truncated');
    expect(problemOf(() => strip(concat(PNG_SIGNATURE, [0, 0, 0, 0, 1, 2, 3, 4], [0, 0, 0, 0])))).toBe(
      'malformed',
    );
  });
});

describe('WebP metadata', () => {
  const ICC_FLAG = 0x20;
  const ALPHA = 0x10;
  const EXIF_FLAG = 0x08;
  const XMP_FLAG = 0x04;

  it('drops EXIF, XMP and unknown chunks of an extended file, clears their flags and fixes the RIFF size', () => {
    const iccp = riffChunk('ICCP', ascii('fake profile'));
    const alph = riffChunk('ALPH', [0, 1, 2]); // odd: padded
    const vp8l = riffChunk('VP8L', [0x2f, 3, 0, 0, 0, 9, 9]);
    const file = webp(
      vp8x(ICC_FLAG | ALPHA | EXIF_FLAG | XMP_FLAG),
      iccp,
      alph,
      vp8l,
      riffChunk('EXIF', exifSegment('II', 6).subarray(10)),
      riffChunk('XMP ', ascii(XMP_TEXT)),
      riffChunk('ZZZZ', ascii(COMMENT_TEXT)),
    );
    const stripped = strip(file);
    expect(stripped).toEqual(webp(vp8x(ICC_FLAG | ALPHA), iccp, alph, vp8l));
    expect(new DataView(stripped.buffer).getUint32(4, true)).toBe(stripped.length - 8);
    for (const leak of [SERIAL, XMP_TEXT, COMMENT_TEXT]) expect(contains(stripped, leak), leak).toBe(false);
    expect(contains(stripped, latitudeBytes('II'))).toBe(false);
  });

  it('gives back a WebP without metadata as it is, and throws on a truncated one', () => {
    const simple = webp(riffChunk('VP8 ', [1, 2, 3, 4, 5, 6]));
    expect(strip(simple)).toEqual(simple);
    const extended = webp(vp8x(ALPHA), riffChunk('ALPH', [1]), riffChunk('VP8 ', [1, 2]));
    expect(strip(extended)).toEqual(extended);
    expect(problemOf(() => strip(simple.slice(0, simple.length - 2)))).toBe('truncated');
    const lying = simple.slice();
    new DataView(lying.buffer).setUint32(16, 100, true); // the VP8 chunk says 100 bytes
    expect(problemOf(() => strip(lying))).toBe('truncated');
  });
});

describe('stripping, for any file', () => {
  const payload = (max: number) => fc.uint8Array({ maxLength: max });
  /** Segments a JPEG may have before its frame: metadata of every kind, tables, the first EXIF. */
  const headerSegment = fc.oneof(
    fc.tuple(fc.integer({ min: 0xe0, max: 0xef }), payload(40)).map(([m, p]) => segment(m, p)),
    payload(40).map((p) => segment(0xfe, p)),
    payload(40).map((p) => segment(0xe1, concat(ascii('Exif\0\0'), p))),
    fc
      .tuple(fc.constantFrom('II' as const, 'MM' as const), fc.integer({ min: 0, max: 9 }))
      .map(([order, o]) => exifSegment(order, o)),
    fc.constantFrom(JFIF, ICC, ADOBE, XMP, IPTC, COMMENT, DQT, DHT, minimalExif(6)),
  );
  /** Entropy-coded bytes: FF only as a stuffed FF 00 or a restart marker. */
  const scan = fc
    .array(
      fc.oneof(
        fc.integer({ min: 0, max: 0xfe }).map((b) => [b]),
        fc.constantFrom([0xff, 0], [0xff, 0xd3]),
      ),
      {
        maxLength: 60,
      },
    )
    .map((parts) => concat(...parts));
  const jpeg = fc
    .tuple(fc.array(headerSegment, { maxLength: 8 }), scan, fc.array(headerSegment, { maxLength: 2 }), scan)
    .map(([header, first, between, second]) =>
      concat(SOI, ...header, DQT, SOF0, DHT, SOS, first, ...between, SOS, second, EOI),
    );
  const png = fc
    .array(
      fc.tuple(
        fc.constantFrom('tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME', 'gAMA', 'sRGB', 'pHYs', 'IDAT', 'prIv'),
        payload(30),
      ),
      { maxLength: 8 },
    )
    .map((chunks) => concat(PNG_SIGNATURE, IHDR, ...chunks.map(([type, data]) => chunk(type, data)), IEND));
  const image = fc.oneof(jpeg, png);

  it('is idempotent, and never makes a file larger than by the minimal EXIF', () => {
    fc.assert(
      fc.property(image, (file) => {
        const once = strip(file);
        expect(strip(once)).toEqual(once);
        expect(once.length).toBeLessThanOrEqual(file.length + MINIMAL_EXIF_BYTES);
      }),
    );
  });

  it('leaves a JPEG no metadata segment but the minimal EXIF', () => {
    fc.assert(
      fc.property(jpeg, (file) => {
        const kept = markers(strip(file));
        const app1 = kept.filter((m) => m === 0xe1);
        expect(app1.length).toBeLessThanOrEqual(1);
        expect(
          kept.filter((m) => m === 0xfe || (m >= 0xe0 && m <= 0xef && ![0xe0, 0xe1, 0xe2, 0xee].includes(m))),
        ).toEqual([]);
      }),
    );
  });

  it('on a cut or damaged file, gives an image back or throws PhotoMetadataError, nothing else', () => {
    fc.assert(
      fc.property(
        image,
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        (file, cut, changes) => {
          const damaged = file.slice(0, Math.max(16, cut % (file.length + 1)));
          for (const [at, byte] of changes) damaged[at % damaged.length] = byte;
          const mime = sniffPhotoMime(damaged);
          if (!mime) return;
          try {
            stripPhotoMetadata(damaged, mime);
          } catch (error) {
            expect(error).toBeInstanceOf(PhotoMetadataError);
          }
        },
      ),
    );
  });

  it('keeps every orientation as it was', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('II' as const, 'MM' as const),
        fc.integer({ min: 1, max: 8 }),
        (order, o) => {
          const stripped = strip(cameraJpeg(order, o));
          const expected = o === 1 ? jpegWithout(ICC) : jpegWithout(minimalExif(o as Orientation), ICC);
          expect(stripped).toEqual(expected);
        },
      ),
    );
  });
});
