/**
 * Delaktig's half of the sync benchmark: the real server (buildApp, SQLite in a temp directory) on
 * loopback, and two devices with the real client data layer (Dexie over fake-indexeddb, the
 * repositories, pushableChanges/acknowledge/applyPulledChanges) that push and pull as the sync
 * engine does: outbox reads of MAX_PUSH_CHANGES split by the engine's own `batches()`, pulls of
 * PULL_PAGE_SIZE, every request made by the app's `apiRequest`.
 *
 * The engine itself (SyncEngine) is not driven: one run of it pushes and then pulls, and the
 * benchmark times the two legs apart. The loops below are its #push and #pull without the error
 * handling (nothing is refused here).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openRepositories, DelaktigDatabase } from '../../src/client/db/index.ts';
import type { Contribution } from '../../src/shared/domain/contribution.ts';
import { pull, push, since, type Device } from './sync-legs.ts';
import { createMunicipality } from '../../src/server/auth/municipalities.ts';
import { issueSession } from '../../src/server/auth/sessions.ts';
import { insertUser } from '../../src/server/auth/users.ts';
import { buildApp } from '../../src/server/http/app.ts';
import { SqliteStorage } from '../../src/server/storage/sqlite-storage.ts';
import { collectGarbage } from './collect-garbage.ts';
import { sampleTexts } from './sync-texts.ts';
import { minus, TrafficMeter, type Traffic } from './traffic-meter.ts';

export interface Leg {
  readonly ms: number;
  readonly traffic: Traffic;
  /** Of `ms`, the time spent in the device's IndexedDB (outbox reads and acks, or applying pulls). */
  readonly localMs: number;
  /** Of `ms`, the time spent waiting for HTTP answers. */
  readonly httpMs: number;
}

export interface DelaktigResult {
  readonly count: number;
  /** From A's first push to B having applied the last change. */
  readonly wallMs: number;
  readonly push: Leg;
  readonly pull: Leg;
  /** After pushing, the engine pulls: what device A downloads then (its own changes are skipped). */
  readonly echo: Leg;
  readonly one: { readonly push: Traffic; readonly pull: Traffic };
  /** The 10,000 contributions as device A stored them: the PouchDB reference replicates the same. */
  readonly contributions: readonly Contribution[];
  /** The contribution of the one-change measurement. */
  readonly single: Contribution;
}

/** Relative API paths (as the app uses them) resolved against the server, for Node's fetch. */
function useServer(base: string): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = (input, init) =>
    original(typeof input === 'string' ? new URL(input, base) : input, init);
  return () => {
    globalThis.fetch = original;
  };
}

async function measure(
  meter: TrafficMeter,
  run: () => Promise<{ localMs: number; httpMs: number }>,
): Promise<Leg> {
  collectGarbage();
  const before = meter.read();
  const start = performance.now();
  const { localMs, httpMs } = await run();
  const ms = since(start);
  return { ms, localMs, httpMs, traffic: minus(meter.read(), before) };
}

export interface BenchServer {
  readonly tenantId: string;
  /** Where the server listens, e.g. http://127.0.0.1:41234. */
  readonly base: string;
  readonly meter: TrafficMeter;
  /** A facilitator account with a device session: what a signed-in tablet has. */
  signIn(name: string): Promise<{ userId: string; token: string }>;
  close(): Promise<void>;
}

/** The real server (buildApp, SQLite in a temporary directory) on loopback, serving `staticDir`. */
export async function startBenchServer(staticDir?: string): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'delaktig-bench-'));
  const storage = await SqliteStorage.open(dir);
  const app = await buildApp({ storage, staticDir: staticDir ?? join(dir, 'no-app'), version: 'bench' });
  const meter = new TrafficMeter(app.server);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const municipality = await createMunicipality(storage.db, { name: 'Borlänge' });
  const tenantId = municipality.id;
  return {
    tenantId,
    base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    meter,
    async signIn(name) {
      const user = await insertUser(storage.db, {
        municipalityId: tenantId,
        username: name,
        displayName: name,
        role: 'facilitator',
        kind: 'person',
        passwordHash: null,
      });
      const { token } = await issueSession(storage.db, {
        userId: user.id,
        municipalityId: tenantId,
        deviceId: crypto.randomUUID(),
        deviceLabel: name,
      });
      return { userId: user.id, token };
    },
    async close() {
      await app.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function runDelaktigSync(count: number): Promise<DelaktigResult> {
  const server = await startBenchServer();
  const { meter, tenantId } = server;
  const restoreFetch = useServer(server.base);
  const devices: Device[] = [];
  try {
    const signIn = async (name: string): Promise<Device & { userId: string }> => {
      const { userId, token } = await server.signIn(name);
      const repos = openRepositories(
        new DelaktigDatabase(name, { indexedDB: new IDBFactory(), IDBKeyRange }),
      );
      const device = { repos, token, userId };
      devices.push(device);
      return device;
    };
    const a = await signIn('device-a');
    const b = await signIn('device-b');
    const writer = { tenantId, userId: a.userId };

    // Warm-up, not measured: the dialogue reaches the server and B, connections are open, code is hot.
    const dialogue = await a.repos.dialogues.create(
      { title: 'Fritid i Borlänge', question: 'Vad vill du kunna göra efter skolan?' },
      writer,
    );
    await push(a, tenantId);
    await pull(b, tenantId);
    await pull(a, tenantId);

    const texts = sampleTexts(count + 1);
    const add = (i: number) => a.repos.contributions.add({ dialogueId: dialogue.id, ...texts[i]! }, writer);

    // One change alone.
    const single = await add(count);
    const onePush = await measure(meter, () => push(a, tenantId));
    const onePull = await measure(meter, () => pull(b, tenantId));
    await pull(a, tenantId);

    // 10,000 changes: written on A first (not timed), then pushed and pulled.
    for (let i = 0; i < count; i++) await add(i);
    const contributions = (await a.repos.db.contributions.toArray()).filter((c) => c.id !== single.id);
    const pushLeg = await measure(meter, () => push(a, tenantId));
    const pullLeg = await measure(meter, () => pull(b, tenantId));
    // The legs run back to back; the garbage collection before each is left out.
    const wallMs = pushLeg.ms + pullLeg.ms;
    const echo = await measure(meter, () => pull(a, tenantId));

    const arrived = await b.repos.contributions.countForDialogue(dialogue.id);
    if (arrived !== count + 1)
      throw new Error(`Device B has ${arrived} contributions, expected ${count + 1}`);
    return {
      count,
      wallMs,
      push: pushLeg,
      pull: pullLeg,
      echo,
      one: { push: onePush.traffic, pull: onePull.traffic },
      contributions,
      single,
    };
  } finally {
    restoreFetch();
    for (const device of devices) device.repos.db.close();
    await server.close();
  }
}
