/**
 * Which photos' images still wait on this device for the server: counted in the status bar with the
 * changes waiting (outbox.ts) and by the sign-out guard (local-data.ts). Its own small module, so the
 * first visit does not load the uploader's queue (photo-blobs.ts).
 */
import type { DelaktigDatabase, PhotoBlobRow } from './database.ts';

/** Bytes on this device that the server has neither confirmed (uploaded) nor refused. */
export const isWaitingImage = (row: PhotoBlobRow): boolean => !!row.blob && !row.rejection;

/** How many images wait for upload, of the owners `owned` lets through (all by default). */
export function countWaitingImages(
  db: DelaktigDatabase,
  owned: (tenantId: string) => boolean = () => true,
): Promise<number> {
  return db.photoBlobs.filter((row) => owned(row.tenantId) && isWaitingImage(row)).count();
}
