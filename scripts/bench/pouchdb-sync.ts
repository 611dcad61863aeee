/**
 * The reference of the sync benchmark: the same documents replicated by PouchDB, as an offline-first
 * app built on it would sync them. A local PouchDB (memory adapter) replicates to express-pouchdb on
 * loopback (its own in-memory PouchDB, in its `minimumForPouchDB` mode, gzip included), and a second
 * local PouchDB replicates from there: one-shot replications with PouchDB's defaults, measured at
 * the server's sockets like Delaktig's.
 *
 * PouchDB and express-pouchdb are CommonJS without types: the little used here is typed below.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import { extname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Contribution } from '../../src/shared/domain/contribution.ts';
import { collectGarbage } from './collect-garbage.ts';
import { minus, TrafficMeter, type Traffic } from './traffic-meter.ts';

interface PouchDoc {
  readonly _id: string;
  readonly [field: string]: unknown;
}

interface PouchDatabase {
  put(doc: PouchDoc): Promise<unknown>;
  bulkDocs(docs: readonly PouchDoc[]): Promise<unknown>;
  info(): Promise<{ doc_count: number }>;
  destroy(): Promise<unknown>;
  replicate: {
    to(target: PouchDatabase): Promise<{ docs_written: number }>;
    from(source: PouchDatabase): Promise<{ docs_written: number }>;
  };
}

interface PouchStatic {
  new (name: string, options?: { adapter?: string }): PouchDatabase;
  plugin(plugin: unknown): PouchStatic;
  defaults(options: { adapter: string }): PouchStatic;
}

export interface PouchLeg {
  readonly ms: number;
  readonly traffic: Traffic;
}

export interface PouchResult {
  readonly count: number;
  readonly push: PouchLeg;
  readonly pull: PouchLeg;
  readonly wallMs: number;
  readonly one: { readonly push: Traffic; readonly pull: Traffic };
}

type ExpressPouchDB = (pouch: PouchStatic, options: object) => RequestListener;

const require = createRequire(import.meta.url);
// Memory databases of one name share their contents within the process: each run takes new names.
let runs = 0;

let loaded: { PouchDB: PouchStatic; expressPouchDB: ExpressPouchDB } | undefined;

/** Once per process: a second `plugin()` of the same plugins throws. */
function loadPouchDB(): { PouchDB: PouchStatic; expressPouchDB: ExpressPouchDB } {
  loaded ??= {
    PouchDB: (require('pouchdb-core') as PouchStatic)
      .plugin(require('pouchdb-adapter-memory'))
      .plugin(require('pouchdb-adapter-http'))
      .plugin(require('pouchdb-replication')),
    expressPouchDB: require('express-pouchdb') as ExpressPouchDB,
  };
  return loaded;
}

/** A contribution as a PouchDB app would store it: its fields, under its id. */
const toDoc = (c: Contribution): PouchDoc => ({
  _id: c.id,
  type: 'contribution',
  tenantId: c.tenantId,
  dialogueId: c.dialogueId,
  text: c.text,
  lang: c.lang,
  createdAt: c.createdAt,
});

export interface PouchReference {
  /** Where express-pouchdb listens, e.g. http://127.0.0.1:41234. */
  readonly base: string;
  readonly meter: TrafficMeter;
  /** Replicate the documents A → server → B, with fresh databases on both sides. */
  run(contributions: readonly Contribution[], single: Contribution): Promise<PouchResult>;
  close(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/**
 * The benchmark page and its scripts from `staticDir`, beside express-pouchdb on the same origin
 * (the browser benchmark's PouchDB then replicates with no CORS preflights); null: not one of them.
 */
function staticFile(staticDir: string, url: string | undefined): { body: Buffer; type: string } | null {
  const path = new URL(url ?? '/', 'http://x').pathname;
  if (!/^\/(assets\/[\w.-]+\.js|[\w-]+\.html)$/.test(path)) return null;
  const file = join(staticDir, path);
  if (!existsSync(file)) return null;
  return { body: readFileSync(file), type: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' };
}

/**
 * One express-pouchdb server for all rounds: a second instance in the same process would register
 * its database bookkeeping on the same PouchDB class again and trip over the first one's.
 */
export async function startPouchReference(options: { staticDir?: string } = {}): Promise<PouchReference> {
  const { PouchDB, expressPouchDB } = loadPouchDB();
  const pouchServer = expressPouchDB(PouchDB.defaults({ adapter: 'memory' }), { mode: 'minimumForPouchDB' });
  const { staticDir } = options;
  const server = createServer((request, response) => {
    const file = staticDir && request.method === 'GET' ? staticFile(staticDir, request.url) : null;
    if (!file) return pouchServer(request, response);
    response.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length });
    response.end(file.body);
  });
  const meter = new TrafficMeter(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const measure = async (run: () => Promise<unknown>): Promise<PouchLeg> => {
    collectGarbage();
    const before = meter.read();
    const start = performance.now();
    await run();
    return { ms: performance.now() - start, traffic: minus(meter.read(), before) };
  };

  async function run(contributions: readonly Contribution[], single: Contribution): Promise<PouchResult> {
    runs++;
    const a = new PouchDB(`bench-${runs}-a`, { adapter: 'memory' });
    const b = new PouchDB(`bench-${runs}-b`, { adapter: 'memory' });
    const remote = new PouchDB(`${base}/bench-${runs}`);
    try {
      // Warm-up, not measured: the remote database is created, the dialogue reaches it and B.
      await a.put({ _id: contributions[0]!.dialogueId, type: 'dialogue', title: 'Fritid i Borlänge' });
      await a.replicate.to(remote);
      await b.replicate.from(remote);

      await a.put(toDoc(single));
      const onePush = await measure(() => a.replicate.to(remote));
      const onePull = await measure(() => b.replicate.from(remote));

      const docs = contributions.map(toDoc);
      for (let i = 0; i < docs.length; i += 1000) await a.bulkDocs(docs.slice(i, i + 1000));
      const push = await measure(() => a.replicate.to(remote));
      const pull = await measure(() => b.replicate.from(remote));

      const { doc_count } = await b.info();
      if (doc_count !== docs.length + 2)
        throw new Error(`PouchDB B has ${doc_count} documents, expected ${docs.length + 2}`);
      return {
        count: docs.length,
        push,
        pull,
        // The legs run back to back; the garbage collection before each is left out.
        wallMs: push.ms + pull.ms,
        one: { push: onePush.traffic, pull: onePull.traffic },
      };
    } finally {
      await Promise.all([a.destroy(), b.destroy(), remote.destroy()]);
    }
  }

  return {
    base,
    meter,
    run,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
