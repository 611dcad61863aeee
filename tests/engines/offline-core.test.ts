/**
 * The offline core in three browser engines: Chromium, WebKitGTK (the engine of every iPad browser)
 * and Firefox ESR. The same scenario in each: first visit, the service worker takes control, a
 * facilitator signs in and collects contributions, the server goes away (WebDriver has no offline
 * switch, so the server process is stopped), the app reloads from the service worker with its data,
 * and when the server is back the waiting changes reach it.
 *
 * docs/browser-engines.md lists what differs between the engines and what the app does about it.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SyncedChange } from '../../src/shared/sync/protocol.ts';
import { APP_V1, APP_V2 } from '../e2e/support/paths.ts';
import {
  addContribution,
  contributionTexts,
  createDialogue,
  read,
  reload,
  signIn,
  sv,
  svSync,
  waitForHeading,
  waitForServiceWorker,
  waitForWaiting,
  waitUntil,
  waitingText,
  xpath,
} from './support/app.ts';
import { chromium, firefox, webkit, type Engine, type EnginePage } from './support/browsers.ts';
import { startEngineServer, type EngineServer } from './support/server.ts';

const ADMIN = {
  municipality: 'Ytterby kommun',
  username: 'ebba',
  password: 'ebbas-lösenord-1',
  displayName: 'Ebba Ek',
};
const DIALOGUE = {
  title: 'Trygghet i centrum',
  question: 'Vad kan kommunen göra för att du ska känna dig trygg?',
};
const ONLINE = 'Mer ljus i parken';
const OFFLINE = ['Fler vuxna ute på kvällen', 'Öppen fritidsgård på helgen'];
const BACK_ONLINE = 'Säkrare cykelvägar till skolan';
const DRAFT = { title: 'Kollektivtrafik', question: 'Hur tar du dig till skolan en vanlig dag?' };

/** The sync engine backs off after each failed try (1, 2, 4, 8 … s): the next try may be a while. */
const RESYNC_TIMEOUT_MS = 40_000;

/** The contribution texts the server holds, read as another device of the same person would. */
async function contributionsOnServer(server: EngineServer): Promise<string[]> {
  const { token } = await server.api<{ token: string }>('POST', '/api/auth/login', {
    body: {
      username: ADMIN.username,
      password: ADMIN.password,
      deviceId: crypto.randomUUID(),
      deviceLabel: 'Testets kontroll',
    },
  });
  const { changes } = await server.api<{ changes: SyncedChange[] }>(
    'GET',
    '/api/sync/pull?after=0&limit=1000',
    {
      token,
    },
  );
  return changes
    .filter((change) => change.entity === 'contribution')
    .map((change) => String(change.fields.text))
    .toSorted();
}

async function waitForServer(server: EngineServer, expected: readonly string[]): Promise<void> {
  const want = expected.toSorted();
  const deadline = Date.now() + RESYNC_TIMEOUT_MS;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = await contributionsOnServer(server);
    if (JSON.stringify(seen) === JSON.stringify(want)) return;
    await new Promise((done) => setTimeout(done, 500));
  }
  expect(seen, 'the contributions on the server').toEqual(want);
}

/** Ask the browser to look for a new service worker now. */
async function checkForUpdate(): Promise<boolean> {
  const registration = await navigator.serviceWorker.getRegistration();
  await registration?.update();
  return registration !== undefined;
}

const ENGINES: Engine[] = [chromium(), webkit(), firefox()];

describe.each(ENGINES.map((engine) => [engine.name, engine] as const))('%s', (_name, engine) => {
  let server: EngineServer;
  let open: EnginePage | undefined;

  const opened = (): EnginePage => {
    if (!open) throw new Error(`${engine.name} did not open`);
    return open;
  };

  beforeAll(async () => {
    await engine.setUp();
  });
  afterAll(async () => {
    await engine.tearDown();
  });
  beforeEach(async () => {
    server = await startEngineServer(APP_V1);
    await server.createAdmin(ADMIN);
    open = await engine.open();
  });
  afterEach(async () => {
    await open?.close();
    open = undefined;
    await server.dispose();
  });

  it('reloads from the service worker with no server, keeps what was written, and syncs it when the server is back', async () => {
    const page = opened();
    // First visit, with the server there: the service worker installs and takes control.
    await page.goto(server.url);
    await waitForServiceWorker(page);
    // The browser asks for Swedish, so the app speaks the language these steps are written in.
    expect(await page.evaluate(read.languages, null)).toEqual(expect.arrayContaining(['sv']));

    await signIn(page, ADMIN);
    await createDialogue(page, DIALOGUE);
    await addContribution(page, ONLINE);
    await waitForServer(server, [ONLINE]);
    await waitForWaiting(page, sv.status.allSynced);

    // The server goes away. What is written now waits on the device, and the app says so.
    await server.stop();
    for (const text of OFFLINE) await addContribution(page, text);
    await waitForWaiting(page, waitingText(2));
    await waitUntil(
      page,
      'the sync error saying the server cannot be reached',
      read.testId,
      'sync-error',
      (text) => text === svSync.error.unreachable,
    );

    // Reload with nothing to answer but the service worker: the app and its data are there.
    await reload(page);
    await waitForHeading(page, DIALOGUE.title);
    expect(await page.evaluate(read.serviceWorkerControls, null), 'a service worker controls the page').toBe(
      true,
    );
    expect(await page.evaluate(read.bodyText, null)).toContain(DIALOGUE.question);
    await waitUntil(
      page,
      'three contributions listed',
      read.contributions,
      sv.contributions.listLabel,
      (list) => list.length === 3,
    );
    expect((await contributionTexts(page)).toSorted()).toEqual([ONLINE, ...OFFLINE].toSorted());
    await waitForWaiting(page, waitingText(2));
    expect(await page.evaluate(read.testId, 'signed-in-as')).toContain(ADMIN.displayName);

    // The server is back on the same address: the waiting changes reach it without anyone doing
    // anything, and the app goes on working online.
    await server.start();
    await waitForServer(server, [ONLINE, ...OFFLINE]);
    await waitForWaiting(page, sv.status.allSynced, RESYNC_TIMEOUT_MS);
    await addContribution(page, BACK_ONLINE);
    await waitForServer(server, [ONLINE, ...OFFLINE, BACK_ONLINE]);
    await waitForWaiting(page, sv.status.allSynced);
    expect(await page.evaluate(read.path, null)).toMatch(/^\/dialogues\/[0-9a-f-]{36}$/);
  });

  it('offers a new version, reloads into it only when the user agrees, and restores the form being typed', async () => {
    const page = opened();
    await page.goto(server.url);
    await waitForServiceWorker(page);
    await page.click(xpath.link(sv.nav.settings));
    await waitUntil(page, 'version 0.1.0', read.testId, 'app-version', (version) => version === '0.1.0');

    // A new dialogue half typed; its draft autosaves 200 ms after the last keystroke.
    await page.click(xpath.link(sv.nav.home));
    await page.click(xpath.link(sv.dialogues.new));
    await page.fill(xpath.field(sv.newDialogue.titleLabel), DRAFT.title);
    await page.fill(xpath.field(sv.newDialogue.questionLabel), DRAFT.question);
    await waitUntil(
      page,
      'the draft saved',
      read.draft,
      'new-dialogue',
      (values) => values?.title === DRAFT.title && values.question === DRAFT.question,
    );

    // Version 2 is deployed; the app looks for it (as it does every half hour and on every return).
    await server.stop();
    await server.start(APP_V2);
    await page.evaluate(read.mark, null);
    await page.evaluate(checkForUpdate, null);
    await waitUntil(page, 'the update prompt', read.updatePrompt, null, (text) =>
      (text ?? '').includes(sv.update.available),
    );
    expect(await page.evaluate(read.marked, null), 'no reload before the user agrees').toBe(true);

    await page.click(xpath.button(sv.update.reload));
    await waitUntil(page, 'the reload into the new version', read.marked, null, (marked) => !marked, 30_000);
    await waitUntil(page, 'the restored draft', read.bodyText, null, (text) =>
      text.includes(sv.newDialogue.draftRestored),
    );
    expect(await page.evaluate(read.path, null)).toBe('/dialogues/new');
    expect(await page.evaluate(read.fieldValue, sv.newDialogue.titleLabel)).toBe(DRAFT.title);
    expect(await page.evaluate(read.fieldValue, sv.newDialogue.questionLabel)).toBe(DRAFT.question);
    expect(await page.evaluate(read.updatePrompt, null)).toBeNull();

    await page.click(xpath.link(sv.nav.settings));
    await waitUntil(page, 'version 0.1.0+2', read.testId, 'app-version', (version) => version === '0.1.0+2');
  });
});
