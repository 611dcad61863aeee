/**
 * What a device holds for whom, and moving it: adopting the records made before anyone signed in,
 * wiping a signed-in person's data on sign-out, and carrying changes not yet synced in a file.
 *
 * Two owners share a device's tables:
 * - the placeholder tenant (LOCAL_TENANT): records made before any sign-in. They belong to the
 *   device, not to a person: anyone holding the tablet could read them before anyone signed in.
 *   They are kept on sign-out (deleting them would lose work that nobody can sync) and hidden while
 *   someone is signed in (lists show the signed-in municipality only); a person who may create
 *   dialogues can adopt them into their municipality at any time (Settings asks again).
 * - the signed-in person: everything else. Removed from the device when they sign out.
 */
import { LOCAL_TENANT } from '../../shared/domain/tenant.ts';
import type { Change } from '../../shared/sync/change.ts';
import type { DelaktigDatabase } from './database.ts';
import { deviceId } from './device.ts';
import { countWaitingImages } from './photo-waiting.ts';
import { rewriteMergeStates } from './merge-states-device.ts';

/**
 * Meta keys that describe the device rather than a person, kept on sign-out: its id (device.ts)
 * and its hybrid clock (outbox.ts), which must never go back or the device would reuse stamps.
 * Everything else in `meta` (the sync cursor, the adoption answer) belongs to the signed-in person.
 */
const DEVICE_META_KEYS = ['deviceId', 'clock'];
const ADOPTION_DECLINED_KEY = 'adoptionDeclined';

/** True when a row with `tenantId` belongs to the owner `scope` (a municipality id or LOCAL_TENANT). */
function ownedBy(scope: string, tenantId: string): boolean {
  return scope === LOCAL_TENANT ? tenantId === LOCAL_TENANT : tenantId !== LOCAL_TENANT;
}

function ownedRows(db: DelaktigDatabase, scope: string) {
  return db.outbox.orderBy('seq').filter((row) => ownedBy(scope, row.tenantId));
}

// ---------------------------------------------------------------------------------------------
// Adoption of the records made before the first sign-in

/** How many dialogues were made on this device before anyone signed in. */
export function countLocalDialogues(db: DelaktigDatabase): Promise<number> {
  return db.dialogues.where('tenantId').equals(LOCAL_TENANT).count();
}

/**
 * Move every placeholder record into `tenantId`, with its merge state and its changes waiting in
 * the outbox, in one transaction: a record and its pending change never end up in different
 * municipalities. Changes made before anyone signed in get `userId` (the person who adopts them
 * vouches for them; the server attributes a pushed change to a person). Returns the dialogues moved.
 */
export async function adoptLocalRecords(
  db: DelaktigDatabase,
  tenantId: string,
  userId: string,
): Promise<number> {
  if (tenantId === LOCAL_TENANT) throw new Error('Records can only be adopted into a municipality');
  return db.transaction(
    'rw',
    [db.dialogues, db.contributions, db.mergeChunks, db.outbox, db.meta],
    async () => {
      const moved = await db.dialogues.where('tenantId').equals(LOCAL_TENANT).modify({ tenantId });
      await db.contributions.where('tenantId').equals(LOCAL_TENANT).modify({ tenantId });
      // Merge states have no tenant index (merge-states.ts): adoption is rare, a scan will do.
      await rewriteMergeStates(db, (row) => (row.tenantId === LOCAL_TENANT ? { ...row, tenantId } : row));
      await db.outbox
        .filter((row) => row.tenantId === LOCAL_TENANT)
        .modify((row: { tenantId: string; userId: string | null }) => {
          row.tenantId = tenantId;
          row.userId ??= userId;
        });
      await db.meta.delete(ADOPTION_DECLINED_KEY);
      return moved;
    },
  );
}

/** The signed-in person said "no, keep them on the device": not asked again until next sign-in. */
export async function declineAdoption(db: DelaktigDatabase): Promise<void> {
  await db.meta.put({ key: ADOPTION_DECLINED_KEY, value: true });
}

export async function adoptionDeclined(db: DelaktigDatabase): Promise<boolean> {
  return (await db.meta.get(ADOPTION_DECLINED_KEY))?.value === true;
}

// ---------------------------------------------------------------------------------------------
// Sign-out

/** How many changes of `scope` (the signed-in person, or the device before sign-in) wait to sync. */
export function countWaiting(db: DelaktigDatabase, scope: string): Promise<number> {
  return ownedRows(db, scope).count();
}

/**
 * How many photos' images of `scope` wait on this device for upload. No file can carry them, so
 * sign-out waits for them whatever was exported. (Photos are added only when signed in, so the
 * placeholder tenant never has any.) Refused ones are not counted: they never will go up.
 */
export function countWaitingPhotos(db: DelaktigDatabase, scope: string): Promise<number> {
  return countWaitingImages(db, (tenantId) => ownedBy(scope, tenantId));
}

/** Signing out would lose changes that wait to sync and were not exported. Nothing was removed. */
export class UnsyncedChangesError extends Error {
  /** Changes and photos' images of the signed-in person waiting to sync. */
  readonly waiting: number;
  /** Of those, the ones not in an exported file (made after the export, or never exported; every image). */
  readonly notExported: number;
  /** Of those, photos' images: no file carries them, they must reach the server. */
  readonly photos: number;

  constructor(waiting: number, notExported: number, photos = 0) {
    super(`${waiting} changes wait to sync (${notExported} not exported, ${photos} of them photos)`);
    this.name = 'UnsyncedChangesError';
    this.waiting = waiting;
    this.notExported = notExported;
    this.photos = photos;
  }
}

/**
 * Remove from the device everything of the signed-in person that the next person may not read:
 * their municipality's records of every kind and their merge state, their changes in the outbox, every form draft,
 * the session with its token, and the person's meta facts (sync cursor, adoption answer). The
 * device id, its clock and the placeholder records stay.
 *
 * One transaction, which first checks the outbox: when a change waits whose id is not in
 * `exported` (a file the person saved), it throws UnsyncedChangesError and removes nothing. So a
 * change made in another tab after the check on screen is never lost. `dryRun` only checks.
 */
export async function wipeSignedInData(
  db: DelaktigDatabase,
  exported: ReadonlySet<string> = new Set(),
  options: { dryRun?: boolean } = {},
): Promise<void> {
  // Every table of records carries a tenantId index (dialogues, contributions, translations, photos
  // and their images, …): all of them, so that a table added later is wiped too. Their merge states
  // have no such index (merge-states.ts) and are wiped by a scan.
  const recordTables = db.tables.filter((table) => table.schema.indexes.some((i) => i.name === 'tenantId'));
  const tables = [...recordTables, db.mergeChunks, db.outbox, db.drafts, db.session, db.meta];
  await db.transaction('rw', tables, async () => {
    const waiting = await db.outbox.filter((row) => row.tenantId !== LOCAL_TENANT).toArray();
    const notExported = waiting.filter((row) => !exported.has(row.changeId)).length;
    // A photo's image waiting to be uploaded is in no exported file: signing out would lose it.
    const images = await countWaitingImages(db, (tenantId) => tenantId !== LOCAL_TENANT);
    if (notExported + images > 0)
      throw new UnsyncedChangesError(waiting.length + images, notExported + images, images);
    if (options.dryRun) return;
    for (const table of recordTables) await table.where('tenantId').notEqual(LOCAL_TENANT).delete();
    await rewriteMergeStates(db, (row) => (row.tenantId === LOCAL_TENANT ? row : null));
    await db.outbox.filter((row) => row.tenantId !== LOCAL_TENANT).delete();
    await db.drafts.clear();
    await db.session.clear();
    await db.meta.where('key').noneOf(DEVICE_META_KEYS).delete();
  });
}

// ---------------------------------------------------------------------------------------------
// Export and import of changes not yet synced

export const CHANGES_FILE_FORMAT = 'delaktig-changes';
/** Raise when the file's shape changes; an older app refuses a newer file with a clear message. */
export const CHANGES_FILE_VERSION = 1;

export interface ExportedChange extends Change {
  readonly queuedAt?: string;
}

export interface ChangesFile {
  readonly format: typeof CHANGES_FILE_FORMAT;
  readonly version: number;
  readonly exportedAt: string;
  readonly deviceId: string;
  /** Whose changes: the municipality, or null for changes made before anyone signed in. */
  readonly municipality: { readonly id: string; readonly name: string } | null;
  readonly changes: readonly ExportedChange[];
}

/** The changes of `scope` waiting to sync, as a file's content. Changes nothing. */
export async function exportChanges(
  db: DelaktigDatabase,
  scope: string,
  municipality: { id: string; name: string } | null,
  now: Date = new Date(),
): Promise<ChangesFile> {
  const device = await deviceId(db);
  const rows = await ownedRows(db, scope).toArray();
  return {
    format: CHANGES_FILE_FORMAT,
    version: CHANGES_FILE_VERSION,
    exportedAt: now.toISOString(),
    deviceId: device,
    municipality: municipality && { id: municipality.id, name: municipality.name },
    // Without local bookkeeping: where a row came from (`imported`) is this device's business.
    changes: rows.map(({ seq: _seq, imported: _imported, ...change }) => change),
  };
}
