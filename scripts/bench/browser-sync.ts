/**
 * The sync benchmark in the browser, where both systems actually run: headless Chromium, real
 * IndexedDB on both sides. Delaktig's devices (the real repositories, the engine's legs) sync
 * through the real server; PouchDB's (pouchdb-browser, its IndexedDB adapter, one-shot replication
 * with its defaults) through express-pouchdb. The page is scripts/bench/browser-sync-page.ts, built
 * into dist-bench/; each system's server serves it, so requests stay same-origin as in an app.
 */
import type { Page } from 'playwright-core';
import { launchBrowser } from '../../tests/e2e/support/browser.ts';
import type { SyncBench, TimedLeg } from './browser-sync-page.ts';
import { startBenchServer } from './delaktig-sync.ts';
import type { PouchReference } from './pouchdb-sync.ts';
import { sampleTexts } from './sync-texts.ts';
import { minus, type Traffic, type TrafficMeter } from './traffic-meter.ts';

export interface BrowserLeg extends TimedLeg {
  readonly traffic: Traffic;
}

export interface BrowserSystemResult {
  readonly push: BrowserLeg;
  readonly pull: BrowserLeg;
  /** The two legs back to back, without the garbage collection before each. */
  readonly wallMs: number;
}

type Step = keyof SyncBench;

/** Calls one step of the page's `window.syncBench` and counts the bytes the server saw meanwhile. */
async function step<R>(
  page: Page,
  meter: TrafficMeter,
  name: Step,
  arg?: unknown,
): Promise<R & { traffic: Traffic }> {
  const before = meter.read();
  const result = await page.evaluate(
    ([name, arg]) => {
      const bench = (window as unknown as { syncBench: Record<string, (a: unknown) => Promise<unknown>> })
        .syncBench;
      return bench[name as string]!(arg);
    },
    [name, arg] as const,
  );
  return { ...(result as R), traffic: minus(meter.read(), before) };
}

async function openPage(browser: Awaited<ReturnType<typeof launchBrowser>>, url: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => 'syncBench' in window);
  return page;
}

function check(system: string, arrived: number, count: number): void {
  if (arrived !== count) throw new Error(`${system} in the browser: B has ${arrived} of ${count} documents`);
}

/**
 * `rounds` alternating runs of each system with `count` contributions; the fastest of each.
 * `pouch` is the Node benchmark's express-pouchdb (one per process), serving `distBench` too.
 */
export async function runBrowserSync(
  count: number,
  rounds: number,
  distBench: string,
  pouch: PouchReference,
): Promise<{ delaktig: BrowserSystemResult[]; pouch: BrowserSystemResult[] }> {
  const texts = sampleTexts(count).map(({ text, lang }) => ({ text, lang }));
  const browser = await launchBrowser(['--js-flags=--expose-gc']);
  const server = await startBenchServer(distBench);
  const results = { delaktig: [] as BrowserSystemResult[], pouch: [] as BrowserSystemResult[] };
  try {
    for (let round = 1; round <= rounds; round++) {
      console.log(`Sync in Chromium, round ${round} of ${rounds}: Delaktig …`);
      const page = await openPage(browser, `${server.base}/browser-sync.html`);
      const a = await server.signIn(`device-a-${round}`);
      const b = await server.signIn(`device-b-${round}`);
      await step(page, server.meter, 'delaktigPrepare', {
        tenantId: server.tenantId,
        userIdA: a.userId,
        tokenA: a.token,
        tokenB: b.token,
        texts,
      });
      const push = await step<TimedLeg>(page, server.meter, 'delaktigPush');
      const pull = await step<TimedLeg & { arrived: number }>(page, server.meter, 'delaktigPull');
      // The dialogue's contributions: these and none other.
      check('Delaktig', pull.arrived, count);
      results.delaktig.push({ push, pull, wallMs: push.ms + pull.ms });
      await page.context().close();

      console.log(`Sync in Chromium, round ${round} of ${rounds}: PouchDB …`);
      const pouchPage = await openPage(browser, `${pouch.base}/browser-sync.html`);
      await step(pouchPage, pouch.meter, 'pouchPrepare', { remote: `${pouch.base}/browser-${round}`, texts });
      const pPush = await step<TimedLeg>(pouchPage, pouch.meter, 'pouchPush');
      const pPull = await step<TimedLeg & { arrived: number }>(pouchPage, pouch.meter, 'pouchPull');
      check('PouchDB', pPull.arrived, count);
      results.pouch.push({ push: pPush, pull: pPull, wallMs: pPush.ms + pPull.ms });
      await pouchPage.context().close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return results;
}
