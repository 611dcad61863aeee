/**
 * A small world for sync tests: devices with the real client data layer (Dexie over fake-indexeddb,
 * the real repositories and sync-apply) talking to the real server change log on real storage,
 * through a network that can drop, duplicate, delay and reorder messages.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { DelaktigDatabase } from '../../../src/client/db/database.ts';
import { DialogueRepository } from '../../../src/client/db/dialogue-repository.ts';
import { ContributionRepository } from '../../../src/client/db/contribution-repository.ts';
import { acknowledge, markRejected, pushableChanges, toChange } from '../../../src/client/db/outbox.ts';
import { applyPulledChanges, readCursor, skipOwnChanges } from '../../../src/client/db/sync-apply.ts';
import type { Change } from '../../../src/shared/sync/change.ts';
import { yjsTextMerger } from '../../../src/shared/sync/text-merge.ts';
import { ChangesRejected, pushChanges, type Actor } from '../../../src/server/sync/change-log.ts';
import { pullChanges } from '../../../src/server/sync/change-pull.ts';
import type { Storage } from '../../../src/server/storage/storage.ts';

export const MUNICIPALITY = '0193a6b2-0000-7000-8000-0000000000aa';
export const ACTOR: Actor = { municipalityId: MUNICIPALITY, userId: 'user-1', role: 'facilitator' };

export async function createMunicipality(storage: Storage): Promise<void> {
  await storage.db
    .insertInto('municipalities')
    .values({
      id: MUNICIPALITY,
      name: 'Borlänge',
      time_zone: 'Europe/Stockholm',
      created_at: new Date().toISOString(),
    })
    .execute();
}

export class Device {
  readonly db: DelaktigDatabase;
  readonly dialogues: DialogueRepository;
  readonly contributions: ContributionRepository;
  /** Milliseconds this device's clock is off (up to a year either way). */
  readonly skew: number;
  time = 1_764_000_000_000;

  constructor(name: string, skew: number) {
    this.db = new DelaktigDatabase(name, { indexedDB: new IDBFactory(), IDBKeyRange });
    this.dialogues = new DialogueRepository(this.db);
    this.contributions = new ContributionRepository(this.db);
    this.skew = skew;
  }

  /** The device's wall clock: advances a little on every read, and is off by `skew`. */
  now = (): number => {
    this.time += 7;
    return this.time + this.skew;
  };

  get writer() {
    return { tenantId: MUNICIPALITY, userId: ACTOR.userId, now: this.now };
  }

  outboxBatch(limit = 50): Promise<Change[]> {
    return pushableChanges(this.db, MUNICIPALITY, limit).then((rows) => rows.map(toChange));
  }
}

/**
 * Push as the sync engine does: with the device's pull cursor, so that the server may let it skip
 * its own changes; acknowledged changes leave the outbox, refused ones are marked.
 */
export async function push(
  storage: Storage,
  device: Device,
  batch: readonly Change[],
  deliverAnswer = true,
): Promise<string[]> {
  try {
    const after = await readCursor(device.db, MUNICIPALITY);
    const response = await pushChanges(storage, ACTOR, batch, undefined, after);
    const ids = response.acknowledged.map((a) => a.changeId);
    if (deliverAnswer) {
      await acknowledge(device.db, ids);
      if (response.cursor !== undefined)
        await skipOwnChanges(device.db, MUNICIPALITY, after, response.cursor);
    }
    return ids;
  } catch (error) {
    if (!(error instanceof ChangesRejected)) throw error;
    if (deliverAnswer) await markRejected(device.db, error.rejected);
    return [];
  }
}

/** Pull one page as the sync engine does (or fetch it and lose the answer). */
export async function pullPage(
  storage: Storage,
  device: Device,
  deliverAnswer = true,
  limit = 25,
): Promise<boolean> {
  const after = await readCursor(device.db, MUNICIPALITY);
  const page = await pullChanges(storage, ACTOR, after, limit);
  if (deliverAnswer)
    await applyPulledChanges(device.db, MUNICIPALITY, page.changes, page.cursor, yjsTextMerger, device.now());
  return page.hasMore;
}

/** Sync without faults until the outbox is empty and the device has everything. */
export async function heal(storage: Storage, device: Device): Promise<void> {
  for (;;) {
    const batch = await device.outboxBatch();
    if (batch.length === 0) break;
    await push(storage, device, batch);
  }
  while (await pullPage(storage, device, true, 200));
}

/** What a device shows, in a form to compare with other devices and the server. */
export async function snapshot(device: Device) {
  const dialogues = (await device.db.dialogues.toArray())
    .map((d) => ({
      id: d.id,
      title: d.title,
      question: d.question,
      description: d.description ?? '',
      status: d.status,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const contributions = (await device.db.contributions.toArray())
    .map((c) => ({ id: c.id, dialogueId: c.dialogueId, text: c.text }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { dialogues, contributions };
}

/** The same view, made from the server's merged records. */
export async function serverSnapshot(storage: Storage) {
  const rows = await storage.db
    .selectFrom('records')
    .selectAll()
    .where('municipality_id', '=', MUNICIPALITY)
    .execute();
  const values = rows.map((r) => ({
    entity: r.entity,
    id: r.record_id,
    v: JSON.parse(r.values_json) as Record<string, unknown>,
  }));
  const str = (x: unknown) => (typeof x === 'string' ? x : '');
  const dialogues = values
    .filter((r) => r.entity === 'dialogue' && r.v.deleted !== true)
    .map((r) => ({
      id: r.id,
      title: str(r.v.title),
      question: str(r.v.question),
      description: str(r.v.description),
      status: str(r.v.status) || 'planned',
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const contributions = values
    .filter((r) => r.entity === 'contribution' && r.v.deleted !== true)
    .map((r) => ({ id: r.id, dialogueId: str(r.v.dialogueId), text: str(r.v.text) }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { dialogues, contributions };
}
