/**
 * The queue of photos' images waiting on this device for upload (the `photoBlobs` store), as the
 * uploader (src/client/sync/blob-uploader.ts) sees it. Bytes leave the device only when the server
 * has confirmed the whole image by its hash.
 */
import type { DelaktigDatabase, PhotoBlobRow } from './database.ts';
import { isWaitingImage } from './photo-waiting.ts';

/** Images of `tenantId` still to upload, oldest first; refused ones are left out (they wait, shown). */
export async function pendingPhotoBlobs(db: DelaktigDatabase, tenantId: string): Promise<PhotoBlobRow[]> {
  const rows = await db.photoBlobs.where('tenantId').equals(tenantId).toArray();
  return rows
    .filter(isWaitingImage)
    .sort((a, b) => (a.addedAt < b.addedAt ? -1 : a.addedAt > b.addedAt ? 1 : 0));
}

/** The server has the whole image, verified: drop the bytes, keep a marker ("uploaded"). */
export async function markPhotoUploaded(db: DelaktigDatabase, sha256: string, at: string): Promise<void> {
  await db.transaction('rw', db.photoBlobs, async () => {
    const row = await db.photoBlobs.get(sha256);
    if (!row) return;
    const { blob: _bytes, rejection: _rejection, ...marker } = row;
    await db.photoBlobs.put({ ...marker, uploadedAt: at });
  });
}

/**
 * Send a refused image again ("try again" by the photo): the refusal goes, the bytes wait for the next
 * sync. False when there is nothing to send (no refusal, or the bytes are gone).
 */
export async function retryPhotoUpload(db: DelaktigDatabase, sha256: string): Promise<boolean> {
  return db.transaction('rw', db.photoBlobs, async () => {
    const row = await db.photoBlobs.get(sha256);
    if (!row?.rejection || !row.blob) return false;
    const { rejection: _rejection, ...waiting } = row;
    await db.photoBlobs.put(waiting);
    return true;
  });
}

/** The server refused the image for good: keep the bytes, say why, and stop trying (until "try again"). */
export async function markPhotoRefused(
  db: DelaktigDatabase,
  sha256: string,
  rejection: { code: string; message: string },
): Promise<void> {
  await db.photoBlobs.update(sha256, { rejection });
}
