/**
 * Runs in headless Chromium: N contributions written through the real repositories (each write a
 * transaction that also appends to the outbox) against the same N records put into raw IndexedDB,
 * one transaction each, in the same page. Exposed as window.delaktigBench for scripts/bench.ts.
 */
import { openRepositories } from '../../src/client/db/index.ts';
import { DelaktigDatabase } from '../../src/client/db/database.ts';

interface IdbResult {
  count: number;
  repositoryMs: number;
  rawMs: number;
  outboxRows: number;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function rawIndexedDb(count: number, texts: string[]): Promise<number> {
  const name = `raw-bench-${Date.now()}`;
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => open.result.createObjectStore('contributions', { keyPath: 'id' });
  const db = await request(open);
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const tx = db.transaction('contributions', 'readwrite');
    tx.objectStore('contributions').put({
      id: crypto.randomUUID(),
      tenantId: 'local',
      dialogueId: 'bench',
      text: texts[i % texts.length],
      lang: 'sv',
      createdAt: new Date().toISOString(),
    });
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  }
  const elapsed = performance.now() - start;
  db.close();
  indexedDB.deleteDatabase(name);
  return elapsed;
}

async function run(count: number): Promise<IdbResult> {
  const texts = [
    'Mer belysning vid busshållplatsen',
    'أريد مكانًا آمنًا للشباب',
    'Fler fritidsgårdar 👍🏽',
    'ትግርኛ ጽሑፍ',
  ];
  const repos = openRepositories(new DelaktigDatabase(`repo-bench-${Date.now()}`));
  const dialogue = await repos.dialogues.create(
    { title: 'Bench', question: 'Q' },
    { tenantId: 'local', userId: null },
  );
  const writer = { tenantId: 'local', userId: null };
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    await repos.contributions.add(
      { dialogueId: dialogue.id, text: texts[i % texts.length]!, lang: 'sv' },
      writer,
    );
  }
  const repositoryMs = performance.now() - start;
  const outboxRows = await repos.db.outbox.count();
  await repos.db.delete();
  const rawMs = await rawIndexedDb(count, texts);
  return { count, repositoryMs, rawMs, outboxRows };
}

(window as unknown as { delaktigBench: { run: typeof run } }).delaktigBench = { run };
