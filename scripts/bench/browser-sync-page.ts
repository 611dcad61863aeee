/**
 * Runs in headless Chromium (scripts/bench/browser-sync.ts): both systems' devices as a browser app
 * has them, on real IndexedDB.
 *
 * - Delaktig: two devices (two Dexie databases) with the real repositories, pushing and pulling
 *   through the real server with the engine's own legs (sync-legs.ts). The page is served by that
 *   server, so the app's relative `/api` requests reach it as they do in the app.
 * - PouchDB: two local databases with pouchdb-browser's IndexedDB adapter, replicating one-shot with
 *   PouchDB's defaults to express-pouchdb, which serves this page too (same origin, no CORS requests).
 *
 * Each step is a function on `window.syncBench`; the Node side times nothing itself but counts the
 * bytes at the server between steps. A full garbage collection (Chromium's --expose-gc) runs
 * before each timed leg, outside the time.
 */
import PouchDBModule from 'pouchdb-browser';
import { openRepositories, DelaktigDatabase } from '../../src/client/db/index.ts';
import { pull, push, type Device } from './sync-legs.ts';

interface PouchDatabase {
  put(doc: Record<string, unknown>): Promise<unknown>;
  bulkDocs(docs: readonly Record<string, unknown>[]): Promise<unknown>;
  info(): Promise<{ doc_count: number }>;
  destroy(): Promise<unknown>;
  replicate: {
    to(target: PouchDatabase): Promise<unknown>;
    from(source: PouchDatabase): Promise<unknown>;
  };
}
type PouchStatic = new (name: string) => PouchDatabase;
const PouchDB = PouchDBModule as PouchStatic;

export interface TimedLeg {
  readonly ms: number;
  /** Of `ms`, the time spent in IndexedDB (Delaktig only: its legs time it apart). */
  readonly localMs?: number;
  readonly httpMs?: number;
}

interface Text {
  readonly text: string;
  readonly lang: string;
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('Start Chromium with --js-flags=--expose-gc');
  gc();
}

async function timed(run: () => Promise<{ localMs: number; httpMs: number } | unknown>): Promise<TimedLeg> {
  collectGarbage();
  const start = performance.now();
  const result = await run();
  const ms = performance.now() - start;
  return typeof result === 'object' && result !== null && 'localMs' in result
    ? { ms, ...(result as { localMs: number; httpMs: number }) }
    : { ms };
}

let delaktig: { a: Device; b: Device; tenantId: string; dialogueId: string } | undefined;
let pouch: { a: PouchDatabase; b: PouchDatabase; remote: PouchDatabase } | undefined;
const run = `${Date.now()}`;

const syncBench = {
  /** Devices A and B signed in; the dialogue synced to both (warm-up); `texts` written on A. */
  async delaktigPrepare(options: {
    tenantId: string;
    userIdA: string;
    tokenA: string;
    tokenB: string;
    texts: readonly Text[];
  }): Promise<number> {
    const device = (name: string, token: string): Device => ({
      repos: openRepositories(new DelaktigDatabase(`${name}-${run}`)),
      token,
    });
    const a = device('device-a', options.tokenA);
    const b = device('device-b', options.tokenB);
    const { tenantId } = options;
    const writer = { tenantId, userId: options.userIdA };
    const dialogue = await a.repos.dialogues.create(
      { title: 'Fritid i Borlänge', question: 'Vad vill du kunna göra efter skolan?' },
      writer,
    );
    await push(a, tenantId);
    await pull(b, tenantId);
    await pull(a, tenantId);
    for (const text of options.texts)
      await a.repos.contributions.add({ dialogueId: dialogue.id, ...text }, writer);
    delaktig = { a, b, tenantId, dialogueId: dialogue.id };
    return options.texts.length;
  },
  delaktigPush(): Promise<TimedLeg> {
    const { a, tenantId } = delaktig!;
    return timed(() => push(a, tenantId));
  },
  async delaktigPull(): Promise<TimedLeg & { arrived: number }> {
    const { b, tenantId, dialogueId } = delaktig!;
    const leg = await timed(() => pull(b, tenantId));
    return { ...leg, arrived: await b.repos.contributions.countForDialogue(dialogueId) };
  },
  /** Local databases A and B, the remote one created and the dialogue replicated (warm-up). */
  async pouchPrepare(options: { remote: string; texts: readonly Text[] }): Promise<number> {
    const a = new PouchDB(`pouch-a-${run}`);
    const b = new PouchDB(`pouch-b-${run}`);
    const remote = new PouchDB(options.remote);
    const dialogueId = crypto.randomUUID();
    await a.put({ _id: dialogueId, type: 'dialogue', title: 'Fritid i Borlänge' });
    await a.replicate.to(remote);
    await b.replicate.from(remote);
    const docs = options.texts.map((text) => ({
      _id: crypto.randomUUID(),
      type: 'contribution',
      tenantId: 'bench',
      dialogueId,
      text: text.text,
      lang: text.lang,
      createdAt: new Date().toISOString(),
    }));
    for (let i = 0; i < docs.length; i += 1000) await a.bulkDocs(docs.slice(i, i + 1000));
    pouch = { a, b, remote };
    return docs.length;
  },
  pouchPush(): Promise<TimedLeg> {
    const { a, remote } = pouch!;
    return timed(() => a.replicate.to(remote));
  },
  async pouchPull(): Promise<TimedLeg & { arrived: number }> {
    const { b, remote } = pouch!;
    const leg = await timed(() => b.replicate.from(remote));
    // The dialogue and the contributions.
    return { ...leg, arrived: (await b.info()).doc_count - 1 };
  },
};

export type SyncBench = typeof syncBench;
(window as unknown as { syncBench: SyncBench }).syncBench = syncBench;
