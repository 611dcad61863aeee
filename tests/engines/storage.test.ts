/**
 * Storage on the device, where the engines differ most: whether the browser can promise to keep the
 * data, and what the app says when the browser does not let it store anything at all.
 * docs/browser-engines.md describes each difference.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APP_V1 } from '../e2e/support/paths.ts';
import { read, sv, waitUntil, xpath } from './support/app.ts';
import { chromium, firefox, webkit, type Engine, type EnginePage } from './support/browsers.ts';
import { startEngineServer, type EngineServer } from './support/server.ts';

const ENGINES: Engine[] = [chromium(), webkit(), firefox()];

/**
 * Which engines have the StorageManager API (navigator.storage: estimate, persist, persisted).
 * WebKitGTK 2.50 has none; Safari has it since 17. When an engine changes, update the docs too.
 */
const STORAGE_MANAGER: Record<string, boolean> = {
  Chromium: true,
  WebKitGTK: false,
  'Firefox ESR': true,
};

const storageInSettings = (buttonText: string) => ({
  api: typeof navigator.storage?.persist === 'function',
  button: Array.from(document.querySelectorAll('button')).some((b) => b.textContent?.trim() === buttonText),
  text: document.querySelector('main')?.textContent ?? '',
});

describe.each(ENGINES.map((engine) => [engine.name, engine] as const))('%s', (_name, engine) => {
  let server: EngineServer;
  let page: EnginePage | null = null;

  beforeAll(async () => {
    await engine.setUp();
  });
  afterAll(async () => {
    await engine.tearDown();
  });
  beforeEach(async () => {
    server = await startEngineServer(APP_V1);
  });
  afterEach(async () => {
    await page?.close();
    page = null;
    await server.dispose();
  });

  it('offers to ask for persistent storage only where the browser has a way to grant it', async () => {
    page = await engine.open();
    await page.goto(server.url);
    await page.click(xpath.link(sv.nav.settings));
    await waitUntil(page, 'the storage section', read.bodyText, null, (text) =>
      text.includes(sv.settings.storage),
    );
    const facts = await waitUntil(
      page,
      'what Settings says about storage',
      storageInSettings,
      sv.settings.requestPersist,
      (f) => f.text.includes(sv.settings.notPersisted) || f.text.includes(sv.settings.persisted),
    );

    expect(facts.api, 'navigator.storage.persist exists').toBe(STORAGE_MANAGER[engine.name]);
    if (facts.text.includes(sv.settings.persisted)) {
      expect(facts.button).toBe(false);
    } else {
      expect(facts.button, `“${sv.settings.requestPersist}” is offered`).toBe(facts.api);
    }
    if (!facts.api) expect(facts.text).toContain(sv.settings.storageUnknown);
  });
});

const BLOCKING = ENGINES.filter((engine) => engine.canBlockSiteData).map(
  (engine) => [engine.name, engine] as const,
);

describe.each(BLOCKING)('%s, with site data blocked', (_name, engine) => {
  let server: EngineServer;
  let page: EnginePage | null = null;

  beforeAll(async () => {
    await engine.setUp();
    server = await startEngineServer(APP_V1);
  });
  afterAll(async () => {
    await page?.close();
    await server.dispose();
    await engine.tearDown();
  });

  it('says in words that it cannot store anything here and what to do, instead of starting half-way', async () => {
    page = await engine.open({ blockSiteData: true });
    await page.goto(server.url);
    const message = await waitUntil(
      page,
      'the start-up failure',
      read.testId,
      'start-failed',
      (text) => text !== null,
    );
    expect(message).toContain(sv.errors.storageUnavailable);
  });
});
