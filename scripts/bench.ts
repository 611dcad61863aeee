/**
 * `npm run bench`: prints the figures and writes docs/benchmarks.md. Not a test: figures vary with
 * the machine, so budgets are reported (OK / OVER), not asserted.
 *
 * 1. Bundle: the gzipped size of each JS chunk, and of all JS the browser loads on a first visit to
 *    the home screen (measured in headless Chromium, budget 90 KB).
 * 2. IndexedDB: 10,000 contributions through the repositories (each with its outbox change) against
 *    raw IndexedDB in the same page, as a ratio.
 * 3. Languages (scripts/bench/languages-bench.ts): the registry chunk, the bundled fonts against
 *    their budget (450 KB), and the language search's speed.
 * 4. Sync (scripts/bench/sync-bench.ts): 10,000 changes from one device through the server to another
 *    over loopback, one change alone, server ingest, and PouchDB replicating the same documents
 *    through express-pouchdb in the same run, as ratios.
 *
 * Expects `npm run build` to have run (npm run bench does it first).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runLanguagesBench } from './bench/languages-bench.ts';
import { runSyncBench } from './bench/sync-bench.ts';
import { launchBrowser } from '../tests/e2e/support/browser.ts';
import { startServer } from '../tests/e2e/support/server.ts';

const REPO = join(import.meta.dirname, '..');
const DIST = join(REPO, 'dist');
const DIST_BENCH = join(REPO, 'dist-bench');
const FIRST_VISIT_BUDGET_KB = 90;
const IDB_COUNT = 10_000;

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const gzipSize = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  execFileSync('npx', ['vite', 'build', '--config', 'scripts/bench/vite.bench.config.ts'], {
    cwd: REPO,
    stdio: 'inherit',
  });

  const chunks = readdirSync(join(DIST, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({
      name: `assets/${f}`,
      raw: readFileSync(join(DIST, 'assets', f)).length,
      gz: gzipSize(join(DIST, 'assets', f)),
    }))
    .concat([
      { name: 'sw.js', raw: readFileSync(join(DIST, 'sw.js')).length, gz: gzipSize(join(DIST, 'sw.js')) },
    ])
    .sort((a, b) => b.gz - a.gz);

  const app = await startServer(DIST);
  const bench = await startServer(DIST_BENCH);
  const browser = await launchBrowser();
  let firstVisit: string[] = [];
  let idb: { count: number; repositoryMs: number; rawMs: number; outboxRows: number };
  try {
    const context = await browser.newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    const loaded = new Set<string>();
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (path.endsWith('.js')) loaded.add(path.slice(1));
    });
    await page.goto(app.url, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1 }).waitFor();
    firstVisit = [...loaded].filter((p) => p !== 'sw.js');
    await context.close();

    const benchContext = await browser.newContext();
    const benchPage = await benchContext.newPage();
    await benchPage.goto(`${bench.url}/idb-bench.html`);
    await benchPage.waitForFunction(() => 'delaktigBench' in window);
    idb = await benchPage.evaluate(
      (count) =>
        (window as unknown as { delaktigBench: { run: (n: number) => Promise<never> } }).delaktigBench.run(
          count,
        ),
      IDB_COUNT,
    );
    await benchContext.close();
  } finally {
    await browser.close();
    await app.dispose();
    await bench.dispose();
  }

  const languagesSection = runLanguagesBench(DIST);
  const syncSection = await runSyncBench(DIST_BENCH);

  const firstVisitGz = firstVisit.reduce((sum, p) => sum + gzipSize(join(DIST, p)), 0);
  const verdict = firstVisitGz / 1024 <= FIRST_VISIT_BUDGET_KB ? 'OK' : 'OVER';
  const perWrite = (ms: number) => ((ms / idb.count) * 1000).toFixed(0);
  const chunkTable = table(
    ['chunk', 'raw KB', 'gzip KB', 'first visit'],
    chunks.map((c) => [c.name, kb(c.raw), kb(c.gz), firstVisit.includes(c.name) ? 'yes' : '']),
  );
  const idbTable = table(
    ['writes', 'through repositories (+ outbox)', 'raw IndexedDB', 'ratio'],
    [
      [
        String(idb.count),
        `${(idb.repositoryMs / 1000).toFixed(2)} s (${perWrite(idb.repositoryMs)} µs/write)`,
        `${(idb.rawMs / 1000).toFixed(2)} s (${perWrite(idb.rawMs)} µs/write)`,
        `${(idb.repositoryMs / idb.rawMs).toFixed(2)}×`,
      ],
    ],
  );
  const report = `# Benchmarks

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version},
${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), headless Chromium. Figures, not tests:
they vary with the machine.

## JavaScript bundle

All JS loaded on a first visit to the home screen: **${kb(firstVisitGz)} KB gzipped** (budget
${FIRST_VISIT_BUDGET_KB} KB: ${verdict}). Measured by loading the home screen in Chromium and adding up
the gzipped size of every script it fetched.

${chunkTable}

## IndexedDB writes

${IDB_COUNT.toLocaleString('en')} contributions written one at a time in the same page: through the
repositories, where each write is one transaction that stores the record, advances the device clock
and appends the change to the outbox, and as raw IndexedDB puts, one transaction each. The outbox
held ${idb.outboxRows} rows afterwards (one per write, plus the dialogue).

${idbTable}

${languagesSection}
${syncSection}`;
  writeFileSync(join(REPO, 'docs/benchmarks.md'), report);
  console.log(`\n${report}`);
  console.log('Written to docs/benchmarks.md');
}

await main();
