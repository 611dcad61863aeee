/**
 * A crash injected at each step of push and pull: every change still takes effect exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pushChanges } from '../../../src/server/sync/change-log.ts';
import { SqliteStorage } from '../../../src/server/storage/sqlite-storage.ts';
import type { Storage } from '../../../src/server/storage/storage.ts';
import {
  ACTOR,
  createMunicipality,
  Device,
  heal,
  pullPage,
  push,
  serverSnapshot,
  snapshot,
} from './simulation.ts';

let dir: string;
let storage: Storage;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'delaktig-kill-'));
  storage = await SqliteStorage.open(dir);
  await createMunicipality(storage);
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

async function storedChanges(): Promise<number> {
  const row = await storage.db
    .selectFrom('changes')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function deviceWithWork(name: string): Promise<Device> {
  const device = new Device(name, 0);
  const dialogue = await device.dialogues.create(
    { title: 'Trygghet', question: 'Vad gör dig trygg?' },
    device.writer,
  );
  for (const text of ['Lampor', 'Vuxna ute på kvällen', 'Fler bussar']) {
    await device.contributions.add({ dialogueId: dialogue.id, text, lang: 'sv' }, device.writer);
  }
  return device;
}

describe('kill points', () => {
  it('stores a batch once when the server committed but its answer never arrived, and the device retries', async () => {
    const device = await deviceWithWork('answer-lost');
    const batch = await device.outboxBatch();
    await push(storage, device, batch, false); // committed; the answer is lost
    expect(await device.db.outbox.count()).toBe(4);
    const first = await pushChanges(storage, ACTOR, batch);
    await push(storage, device, batch); // the retry
    expect(await storedChanges()).toBe(4);
    expect(await device.db.outbox.count()).toBe(0);
    const again = await pushChanges(storage, ACTOR, batch);
    expect(again.acknowledged).toEqual(first.acknowledged);
  });

  it('writes nothing of a batch when the server dies inside its transaction, and all of it on the retry', async () => {
    const device = await deviceWithWork('server-dies');
    const batch = await device.outboxBatch();
    // The third change's record write fails, as if the process died there.
    await sql`CREATE TRIGGER die BEFORE INSERT ON records WHEN NEW.values_json LIKE '%Vuxna ute%' BEGIN SELECT RAISE(ABORT, 'killed'); END`.execute(
      storage.db,
    );
    await expect(pushChanges(storage, ACTOR, batch)).rejects.toThrow(/killed/);
    expect(await storedChanges()).toBe(0);
    expect(await device.db.outbox.count()).toBe(4);
    await sql`DROP TRIGGER die`.execute(storage.db);
    await push(storage, device, batch);
    expect(await storedChanges()).toBe(4);
    expect(await device.db.outbox.count()).toBe(0);
  });

  it('applies a pulled page once when the device dies after applying it but before saving the cursor', async () => {
    const writer = await deviceWithWork('writer');
    await heal(storage, writer);
    const reader = new Device('reader', 0);
    const crash = (_key: unknown, row: { key?: string }) => {
      if (row?.key === 'syncCursor') throw new Error('tab closed');
    };
    reader.db.meta.hook('creating', crash as never);
    await expect(pullPage(storage, reader, true, 200)).rejects.toThrow('tab closed');
    // The records and the cursor are one transaction: nothing half-applied.
    expect(await reader.db.contributions.count()).toBe(0);
    reader.db.meta.hook('creating').unsubscribe(crash as never);
    await heal(storage, reader);
    expect(await snapshot(reader)).toEqual(await serverSnapshot(storage));
    expect(await reader.db.contributions.count()).toBe(3);
  });

  it('keeps a device’s changes when it dies between pushing and removing them from its outbox', async () => {
    const device = await deviceWithWork('dies-after-push');
    const batch = await device.outboxBatch();
    const crash = () => {
      throw new Error('tab closed');
    };
    device.db.outbox.hook('deleting', crash);
    await expect(push(storage, device, batch)).rejects.toThrow('tab closed');
    expect(await device.db.outbox.count()).toBe(4);
    device.db.outbox.hook('deleting').unsubscribe(crash);
    await heal(storage, device);
    expect(await storedChanges()).toBe(4);
    expect(await device.db.outbox.count()).toBe(0);
  });
});
