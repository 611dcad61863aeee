/**
 * A real server process killed with SIGKILL in the middle of pushes, many times, then restarted:
 * devices keep every change they were not told was stored and send it again. In the end every change
 * is stored exactly once, numbered without gaps — on SQLite and on PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, describe, expect, it } from 'vitest';
import type { Change } from '../../../src/shared/sync/change.ts';
import { formatHlc } from '../../../src/shared/sync/hlc.ts';
import { SCHEMA_HEADER, SYNC_SCHEMA_VERSION, type PushResponse } from '../../../src/shared/sync/protocol.ts';
import { createMunicipality } from '../../../src/server/auth/municipalities.ts';
import { issueSession } from '../../../src/server/auth/sessions.ts';
import { insertUser } from '../../../src/server/auth/users.ts';
import { PostgresStorage } from '../../../src/server/storage/postgres-storage.ts';
import { SqliteStorage } from '../../../src/server/storage/sqlite-storage.ts';
import type { Storage } from '../../../src/server/storage/storage.ts';
import { createTestDatabase, requirePostgres } from '../../support/postgres.ts';

const MAIN = resolve(import.meta.dirname, '../../../src/server/main.ts');
const KILLS = 6;
const DEVICES = 4;
const CHANGES_PER_DEVICE = 120;

const dialects: ('sqlite' | 'postgres')[] = ['sqlite'];
if (await requirePostgres('tests/integration/sync/sigkill.test.ts')) dialects.push('postgres');

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

function startProcess(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, 'start'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      STATIC_DIR: join(tmpdir(), 'none'),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

async function waitHealthy(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`server did not start: ${stderr}`);
}

class Device {
  readonly outbox: Change[] = [];
  constructor(
    readonly token: string,
    municipalityId: string,
    readonly name: string,
  ) {
    for (let i = 0; i < CHANGES_PER_DEVICE; i++) {
      this.outbox.push({
        changeId: uuidv7(),
        entity: 'dialogue',
        recordId: uuidv7(),
        tenantId: municipalityId,
        fields: { title: `${name} ${i}`, question: 'Q', status: 'planned' },
        hlc: formatHlc({ ms: 1_764_000_000_000 + i, counter: 0 }, name),
        deviceId: name,
        userId: null,
      });
    }
  }

  /** Push batches until the outbox is empty or the server goes away; drop only what was acknowledged. */
  async pushAll(url: string): Promise<void> {
    while (this.outbox.length > 0) {
      const batch = this.outbox.slice(0, 7);
      let response: Response;
      try {
        response = await fetch(`${url}/api/sync/push`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${this.token}`,
            [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION),
          },
          body: JSON.stringify({ changes: batch }),
        });
      } catch {
        return; // The server died: keep everything, try again after the restart.
      }
      if (response.status !== 200)
        throw new Error(`push answered ${response.status}: ${await response.text()}`);
      const acknowledged = new Set(
        ((await response.json()) as PushResponse).acknowledged.map((a) => a.changeId),
      );
      for (let i = this.outbox.length - 1; i >= 0; i--)
        if (acknowledged.has(this.outbox[i]!.changeId)) this.outbox.splice(i, 1);
    }
  }
}

describe.each(dialects)('a server killed with SIGKILL during pushes (%s)', (dialect) => {
  it('stores every change exactly once after restarts', async () => {
    let storage: Storage;
    let env: Record<string, string>;
    if (dialect === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'delaktig-kill9-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      storage = await SqliteStorage.open(dir);
      env = { DATA_DIR: dir };
    } else {
      const database = await createTestDatabase();
      cleanups.push(() => database.drop());
      storage = await PostgresStorage.open(database.url);
      env = { DATABASE_URL: database.url };
    }
    const municipality = await createMunicipality(storage.db, { name: 'Borlänge' });
    const devices: Device[] = [];
    for (let d = 0; d < DEVICES; d++) {
      const user = await insertUser(storage.db, {
        municipalityId: municipality.id,
        username: `kill9-${dialect}-${d}`,
        displayName: 'T',
        role: 'facilitator',
        kind: 'person',
        passwordHash: null,
      });
      const { token } = await issueSession(storage.db, {
        userId: user.id,
        municipalityId: municipality.id,
        deviceId: uuidv7(),
        deviceLabel: 'tablet',
      });
      devices.push(new Device(token, municipality.id, `tablet${d}`));
    }
    const all = devices.flatMap((d) => d.outbox.map((c) => c.changeId));
    await storage.close();

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let kills = 0;
    let interrupted = 0;
    for (let round = 0; round <= KILLS; round++) {
      const child = startProcess({ ...env, PORT: String(port) });
      const exited = new Promise((done) => child.once('exit', done));
      await waitHealthy(url, child);
      const pushing = Promise.all(devices.map((d) => d.pushAll(url)));
      if (round < KILLS) {
        // Kill once a few batches have gone through, while the devices still have more in flight:
        // by count, not by time, so a faster server cannot finish everything before the kill.
        const before = devices.reduce((n, d) => n + d.outbox.length, 0);
        const deadline = Date.now() + 5000;
        while (
          before - devices.reduce((n, d) => n + d.outbox.length, 0) < 10 + round * 3 &&
          Date.now() < deadline
        ) {
          await new Promise((done) => setTimeout(done, 2));
        }
        child.kill('SIGKILL');
        kills++;
        await pushing;
        if (devices.some((d) => d.outbox.length > 0)) interrupted++;
      } else {
        await pushing;
        child.kill('SIGTERM');
      }
      await exited;
    }
    expect(kills).toBe(KILLS);
    // The kills must have come while changes were still on their way, or this tested nothing.
    expect(interrupted).toBe(KILLS);
    expect(devices.every((d) => d.outbox.length === 0)).toBe(true);

    const check =
      dialect === 'sqlite'
        ? await SqliteStorage.open(env.DATA_DIR!)
        : await PostgresStorage.open(env.DATABASE_URL!);
    try {
      const rows = await check.db
        .selectFrom('changes')
        .select(['change_id', 'seq'])
        .where('municipality_id', '=', municipality.id)
        .orderBy('seq')
        .execute();
      expect(rows).toHaveLength(all.length);
      expect(new Set(rows.map((r) => r.change_id))).toEqual(new Set(all));
      rows.forEach((row, i) => expect(Number(row.seq)).toBe(i + 1));
      const records = await check.db
        .selectFrom('records')
        .select('record_id')
        .where('municipality_id', '=', municipality.id)
        .execute();
      expect(records).toHaveLength(all.length);
    } finally {
      await check.close();
    }
  }, 120_000);
});
