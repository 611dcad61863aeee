import { describe, expect, it } from 'vitest';
import { PHOTO_LIMITS, PHOTO_MAX_BYTES } from '../../../../src/shared/domain/photo.ts';
import { minimalExif, PhotoMetadataError } from '../../../../src/shared/domain/photo-metadata.ts';
import { formatHlc } from '../../../../src/shared/sync/hlc.ts';
import type { SyncedChange } from '../../../../src/shared/sync/protocol.ts';
import { ValidationError } from '../../../../src/shared/validation/fields.ts';
import { pendingChanges } from '../../../../src/client/db/index.ts';
import {
  countWaitingPhotos,
  UnsyncedChangesError,
  wipeSignedInData,
} from '../../../../src/client/db/local-data.ts';
import { LOCAL_TENANT } from '../../../../src/shared/domain/tenant.ts';
import {
  markPhotoRefused,
  markPhotoUploaded,
  pendingPhotoBlobs,
} from '../../../../src/client/db/photo-blobs.ts';
import {
  PhotoFileError,
  PhotoRepository,
  type ImageProcessor,
} from '../../../../src/client/db/photo-repository.ts';
import { applyPulledChanges } from '../../../../src/client/db/sync-apply.ts';
import { freshDatabase } from '../../helpers/db.ts';
import {
  ascii,
  cameraJpeg,
  chunk,
  concat,
  ICC,
  IEND,
  IHDR,
  indexOfBytes,
  jpegWithout,
  latitudeBytes,
  PNG_SIGNATURE,
  plainPng,
  SERIAL,
} from '../../helpers/images.ts';
import { allMergeStates } from '../../../../src/client/db/merge-states-device.ts';

const DIALOGUE = '0193a6b2-0000-7000-8000-00000000d001';
const WRITER = { tenantId: 'borlange', userId: 'user-anna' } as const;
const THUMBNAIL = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ==';

/** Random bytes (getRandomValues gives at most 64 KiB at a time). */
function randomBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let at = 0; at < size; at += 65_536) crypto.getRandomValues(bytes.subarray(at, at + 65_536));
  return bytes;
}

/** A PNG of `size` bytes without metadata: signature, IHDR, one IDAT of random bytes, IEND. */
function png(size = 5000): Blob {
  return new Blob([plainPng(randomBytes(size - plainPng([]).length))], { type: 'image/png' });
}

async function sha(blob: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Stands in for the browser's decoder: what it was given, and whether it fails. */
function images(options: { fail?: boolean } = {}): ImageProcessor & { described: number; given: Blob[] } {
  const processor = {
    described: 0,
    given: [] as Blob[],
    async describe(image: Blob) {
      processor.described++;
      processor.given.push(image);
      if (options.fail) throw new Error('cannot decode');
      return { width: 1600, height: 1200, thumbnail: THUMBNAIL };
    },
    async toJpeg(): Promise<Blob> {
      throw new Error('this stand-in converts nothing');
    },
  };
  return processor;
}

function setUp(processor: ImageProcessor = images()) {
  const db = freshDatabase();
  return { db, photos: new PhotoRepository(db, processor) };
}

describe('photo repository', () => {
  it('stores the image, the record and its change together, and lists the photo as waiting', async () => {
    const { db, photos } = setUp();
    const file = png();
    const photo = await photos.add(file, { dialogueId: DIALOGUE, caption: '  Väggen med lappar ' }, WRITER);

    expect(photo).toMatchObject({
      tenantId: 'borlange',
      dialogueId: DIALOGUE,
      sha256: await sha(file),
      mime: 'image/png',
      bytes: file.size,
      width: 1600,
      height: 1200,
      thumbnail: THUMBNAIL,
      caption: 'Väggen med lappar',
    });
    const row = await db.photoBlobs.get(photo.sha256);
    expect(row).toMatchObject({ tenantId: 'borlange', mime: 'image/png', bytes: file.size });
    expect(await sha(row!.blob!)).toBe(photo.sha256);
    const changes = await pendingChanges(db);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      entity: 'photo',
      recordId: photo.id,
      hlc: photo.hlc,
      fields: {
        dialogueId: DIALOGUE,
        sha256: photo.sha256,
        mime: 'image/png',
        bytes: file.size,
        width: 1600,
        height: 1200,
        thumbnail: THUMBNAIL,
        caption: 'Väggen med lappar',
        createdAt: photo.createdAt,
      },
    });
    expect(await photos.listForDialogue(DIALOGUE)).toEqual([{ photo, upload: { state: 'waiting' } }]);
    expect(await photos.localImage(photo.sha256)).toBeInstanceOf(Blob);
  });

  it('stores nothing, neither image nor record, when queuing the change fails', async () => {
    const { db, photos } = setUp();
    db.outbox.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(photos.add(png(), { dialogueId: DIALOGUE }, WRITER)).rejects.toThrow('disk full');
    expect(await db.photos.count()).toBe(0);
    expect(await db.photoBlobs.count()).toBe(0);
    expect((await allMergeStates(db)).length).toBe(0);
  });

  it('stores nothing when storing the image fails', async () => {
    const { db, photos } = setUp();
    db.photoBlobs.hook('creating', () => {
      throw new Error('quota exceeded');
    });
    await expect(photos.add(png(), { dialogueId: DIALOGUE }, WRITER)).rejects.toThrow('quota exceeded');
    expect(await db.photos.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('refuses a file over the limit before reading it, and stores nothing', async () => {
    const processor = images();
    const { db, photos } = setUp(processor);
    const big = new Blob([new Uint8Array(PHOTO_MAX_BYTES + 1)], { type: 'image/jpeg' });
    const error = await photos.add(big, { dialogueId: DIALOGUE }, WRITER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhotoFileError);
    expect(error).toMatchObject({ code: 'tooLarge', bytes: PHOTO_MAX_BYTES + 1 });
    expect(processor.described).toBe(0);
    expect(await db.photos.count()).toBe(0);
    expect(await db.photoBlobs.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('refuses a file that is not an image, whatever its name or type says, and one that does not decode', async () => {
    const { db, photos } = setUp();
    const text = new Blob(['<html>not a photo</html>'], { type: 'image/jpeg' });
    await expect(photos.add(text, { dialogueId: DIALOGUE }, WRITER)).rejects.toMatchObject({
      code: 'notImage',
    });
    const pdf = new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    await expect(photos.add(pdf, { dialogueId: DIALOGUE }, WRITER)).rejects.toMatchObject({
      code: 'notImage',
    });
    const empty = new Blob([], { type: 'image/png' });
    await expect(photos.add(empty, { dialogueId: DIALOGUE }, WRITER)).rejects.toMatchObject({
      code: 'notImage',
    });

    const broken = setUp(images({ fail: true }));
    await expect(broken.photos.add(png(), { dialogueId: DIALOGUE }, WRITER)).rejects.toMatchObject({
      code: 'unreadable',
    });
    expect(await db.photos.count()).toBe(0);
    expect(await broken.db.photos.count()).toBe(0);
    expect(await broken.db.photoBlobs.count()).toBe(0);
  });

  it('converts an image of another type the browser decodes (HEIC) to JPEG before keeping it, without metadata', async () => {
    // Should a browser's encoder ever carry EXIF over, it is stripped as from any other JPEG.
    const converted = new Blob([cameraJpeg('II', 6)], { type: 'image/jpeg' });
    const processor: ImageProcessor = { ...images(), toJpeg: async () => converted };
    const { db, photos } = setUp(processor);
    const heic = new Blob([randomBytes(3000)], { type: 'image/heic' });
    const photo = await photos.add(heic, { dialogueId: DIALOGUE }, WRITER);
    const kept = new Blob([jpegWithout(minimalExif(6), ICC)]);
    expect(photo).toMatchObject({ mime: 'image/jpeg', bytes: kept.size, sha256: await sha(kept) });
    expect(await sha((await db.photoBlobs.get(photo.sha256))!.blob!)).toBe(photo.sha256);
  });

  it('strips a photo of its metadata before it is hashed, described and stored: GPS, serial, XMP, comment', async () => {
    const processor = images();
    const { db, photos } = setUp(processor);
    const camera = new Blob([cameraJpeg('MM', 6)], { type: 'image/jpeg' });
    const photo = await photos.add(camera, { dialogueId: DIALOGUE }, WRITER);

    // Only the orientation is left of the EXIF, so that the photo still shows upright.
    const expected = jpegWithout(minimalExif(6), ICC);
    expect(photo).toMatchObject({
      mime: 'image/jpeg',
      bytes: expected.length,
      sha256: await sha(new Blob([expected])),
    });
    const stored = new Uint8Array(await (await photos.localImage(photo.sha256))!.arrayBuffer());
    expect(stored).toEqual(expected);
    expect(indexOfBytes(stored, latitudeBytes('MM'))).toBe(-1);
    expect(indexOfBytes(stored, ascii(SERIAL))).toBe(-1);
    expect(await sha((await db.photoBlobs.get(photo.sha256))!.blob!)).toBe(photo.sha256);
    expect((await pendingChanges(db))[0]?.fields).toMatchObject({
      sha256: photo.sha256,
      bytes: expected.length,
    });
    // The thumbnail is made from the stripped image (and re-encoded by a canvas, which writes no EXIF).
    expect(new Uint8Array(await processor.given[0]!.arrayBuffer())).toEqual(expected);

    // A PNG's text, EXIF and time chunks go the same way; its image chunks stay as they were.
    const idat = chunk('IDAT', [0x78, 0x9c, 1, 2, 3]);
    const withText = concat(
      PNG_SIGNATURE,
      IHDR,
      chunk('tEXt', ascii('Author\0Anna på Hagaskolan')),
      chunk('eXIf', cameraJpeg('II', 1).subarray(30, 210)),
      chunk('tIME', [0x07, 0xea, 5, 1, 10, 0, 0]),
      idat,
      IEND,
    );
    const fromPng = await photos.add(
      new Blob([withText], { type: 'image/png' }),
      { dialogueId: DIALOGUE },
      WRITER,
    );
    const plain = concat(PNG_SIGNATURE, IHDR, idat, IEND);
    expect(fromPng).toMatchObject({
      mime: 'image/png',
      bytes: plain.length,
      sha256: await sha(new Blob([plain])),
    });
    expect(new Uint8Array(await (await photos.localImage(fromPng.sha256))!.arrayBuffer())).toEqual(plain);
  });

  it('refuses as unreadable a photo whose metadata cannot be found for sure, and stores nothing', async () => {
    const processor = images();
    const { db, photos } = setUp(processor);
    const camera = cameraJpeg('II', 6);
    const cut = new Blob([camera.slice(0, 100)], { type: 'image/jpeg' }); // inside the EXIF segment
    const error = await photos.add(cut, { dialogueId: DIALOGUE }, WRITER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhotoFileError);
    expect(error).toMatchObject({ code: 'unreadable', bytes: 100 });
    expect((error as PhotoFileError).cause).toBeInstanceOf(PhotoMetadataError);
    expect(processor.described).toBe(0);
    expect(await db.photos.count()).toBe(0);
    expect(await db.photoBlobs.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('checks the caption: NFC, and at most the limit in graphemes', async () => {
    const { db, photos } = setUp();
    const tooLong = '👍🏽'.repeat(PHOTO_LIMITS.caption + 1);
    const error = await photos
      .add(png(), { dialogueId: DIALOGUE, caption: tooLong }, WRITER)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([
      { field: 'caption', code: 'tooLong', max: PHOTO_LIMITS.caption },
    ]);
    expect(await db.photoBlobs.count()).toBe(0);

    const fits = await photos.add(
      png(),
      { dialogueId: DIALOGUE, caption: '👍🏽'.repeat(PHOTO_LIMITS.caption) },
      WRITER,
    );
    expect(fits.caption).toBe('👍🏽'.repeat(PHOTO_LIMITS.caption));
    const decomposed = await photos.add(png(), { dialogueId: DIALOGUE, caption: 'Cafe\u0301' }, WRITER);
    expect(decomposed.caption).toBe('Café');
    const blank = await photos.add(png(), { dialogueId: DIALOGUE, caption: '   ' }, WRITER);
    expect(blank.caption).toBeUndefined();
  });

  it('keeps one copy of an image added twice, and tells waiting, uploaded and refused apart', async () => {
    const { db, photos } = setUp();
    const file = png();
    const first = await photos.add(file, { dialogueId: DIALOGUE }, WRITER);
    const second = await photos.add(file, { dialogueId: DIALOGUE }, WRITER);
    expect(await db.photoBlobs.count()).toBe(1);
    expect((await pendingPhotoBlobs(db, 'borlange')).map((r) => r.sha256)).toEqual([first.sha256]);

    await markPhotoUploaded(db, first.sha256, '2026-05-01T10:00:00.000Z');
    expect((await db.photoBlobs.get(first.sha256))?.blob).toBeUndefined();
    expect((await photos.listForDialogue(DIALOGUE)).map((p) => p.upload)).toEqual([
      { state: 'uploaded' },
      { state: 'uploaded' },
    ]);
    expect(second.sha256).toBe(first.sha256);
    // Added again once the server has it: nothing to upload.
    await photos.add(file, { dialogueId: DIALOGUE }, WRITER);
    expect(await pendingPhotoBlobs(db, 'borlange')).toEqual([]);

    const other = await photos.add(png(), { dialogueId: DIALOGUE }, WRITER);
    await markPhotoRefused(db, other.sha256, { code: 'hash_mismatch', message: 'The bytes differ' });
    expect((await photos.listForDialogue(DIALOGUE)).at(-1)?.upload).toEqual({
      state: 'refused',
      code: 'hash_mismatch',
      message: 'The bytes differ',
    });
    // Refused: kept on the device, but not sent again.
    expect((await db.photoBlobs.get(other.sha256))?.blob).toBeInstanceOf(Blob);
    expect(await pendingPhotoBlobs(db, 'borlange')).toEqual([]);
  });
});

describe('photos from other devices', () => {
  const OTHER = 'ffffffff-0000-4000-8000-000000000001';
  function pulled(recordId: string, fields: SyncedChange['fields'], seq: number): SyncedChange {
    return {
      seq,
      changeId: `0193a6b2-7c1d-7e2f-8a9b-${String(seq).padStart(12, '0')}`,
      entity: 'photo',
      recordId,
      tenantId: 'borlange',
      fields,
      hlc: formatHlc({ ms: 1_000 + seq, counter: 0 }, OTHER),
      deviceId: OTHER,
      userId: 'user-bo',
    };
  }
  const fields = {
    dialogueId: DIALOGUE,
    sha256: 'a'.repeat(64),
    mime: 'image/jpeg',
    bytes: 123_456,
    width: 4000,
    height: 3000,
    thumbnail: THUMBNAIL,
    caption: 'Flipboard 1',
    createdAt: '2026-05-01T10:00:00.000Z',
  };

  it('shows a pulled photo with its thumbnail, as taken elsewhere', async () => {
    const db = freshDatabase();
    const photos = new PhotoRepository(db, images());
    const id = '0193a6b2-0000-7000-8000-0000000000f1';
    await applyPulledChanges(db, 'borlange', [pulled(id, fields, 1)], 1, null);
    const [listed] = await photos.listForDialogue(DIALOGUE);
    expect(listed).toEqual({
      photo: { id, tenantId: 'borlange', ...fields, hlc: formatHlc({ ms: 1_001, counter: 0 }, OTHER) },
      upload: { state: 'elsewhere' },
    });
    // A new caption from another device replaces the old one; a tombstone takes the photo away.
    await applyPulledChanges(db, 'borlange', [pulled(id, { caption: 'Flipboard 2' }, 2)], 2, null);
    expect((await db.photos.get(id))?.caption).toBe('Flipboard 2');
    await applyPulledChanges(db, 'borlange', [pulled(id, { deleted: true }, 3)], 3, null);
    expect(await db.photos.count()).toBe(0);
  });

  it('never shows a thumbnail that is an address: the device would load it from elsewhere', async () => {
    const db = freshDatabase();
    const id = '0193a6b2-0000-7000-8000-0000000000f2';
    const tracking = { ...fields, thumbnail: 'https://tracker.example/pixel.png' };
    await applyPulledChanges(db, 'borlange', [pulled(id, tracking, 1)], 1, null);
    expect(await db.photos.count()).toBe(0);
  });
});

describe('signing out with photos', () => {
  it('is refused while an image waits to be uploaded, and removes photos and images once it is up', async () => {
    const { db, photos } = setUp();
    const photo = await photos.add(png(), { dialogueId: DIALOGUE }, WRITER);
    // Even with the record's change saved to a file: the image is in no file.
    const exported = new Set((await pendingChanges(db)).map((c) => c.changeId));
    await expect(wipeSignedInData(db, exported)).rejects.toBeInstanceOf(UnsyncedChangesError);
    // The sign-out screen says a photo waits (no file can carry it), not that a change does.
    await expect(wipeSignedInData(db, exported)).rejects.toMatchObject({ photos: 1, notExported: 1 });
    expect(await countWaitingPhotos(db, 'borlange')).toBe(1);
    expect(await countWaitingPhotos(db, LOCAL_TENANT)).toBe(0);
    expect(await db.photoBlobs.count()).toBe(1);

    await markPhotoUploaded(db, photo.sha256, '2026-05-01T10:00:00.000Z');
    expect(await countWaitingPhotos(db, 'borlange')).toBe(0);
    await wipeSignedInData(db, exported);
    expect(await db.photos.count()).toBe(0);
    expect(await db.photoBlobs.count()).toBe(0);
  });
});
