/**
 * Offline first: after one visit with a network the app opens, works and keeps its data with no
 * network and no server at all.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addContribution, contributionTexts, createDialogue } from './support/app.ts';
import { goOffline, launchBrowser, newContext, waitForServiceWorker } from './support/browser.ts';
import { APP_V1 } from './support/paths.ts';
import { startServer, type AppServer } from './support/server.ts';

describe('offline', () => {
  let browser: Browser;
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    server = await startServer(APP_V1);
    context = await newContext(browser);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
    await server.dispose();
  });

  it('shows “Redo att användas offline” once the service worker has cached the app', async () => {
    await page.goto(server.url);
    const mark = page.getByTestId('offline-ready');
    await page.locator('[data-testid="offline-ready"][data-ready="true"]').waitFor();
    expect(await mark.textContent()).toContain('Redo att användas offline');

    // The mark asks the service worker what it holds: it stays true with no network.
    await goOffline(context, server);
    await page.reload();
    await page.locator('[data-testid="offline-ready"][data-ready="true"]').waitFor();
    await page.getByRole('link', { name: 'Inställningar' }).click();
    expect(await page.getByTestId('settings-offline-ready').textContent()).toContain(
      'Appen är sparad på enheten och fungerar utan nätverk.',
    );
  });

  it('opens with no network after one visit, and keeps a dialogue and three contributions made offline', async () => {
    await page.goto(server.url);
    await waitForServiceWorker(page);
    await goOffline(context, server);

    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    await page.getByRole('heading', { level: 1, name: 'Dialoger' }).waitFor();
    expect(await page.locator('.status[data-state]').getAttribute('data-state')).toBe('offline');

    await createDialogue(page, {
      title: 'Trygghet i centrum',
      question: 'Vad kan kommunen göra för att du ska känna dig trygg?',
    });
    const contributions = ['Mer ljus i parken', 'Fler vuxna ute på kvällen', 'Öppen fritidsgård på helgen'];
    for (const text of contributions) await addContribution(page, text);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Trygghet i centrum' }).waitFor();
    await expect.poll(() => contributionTexts(page)).toHaveLength(3);
    expect((await contributionTexts(page)).toSorted()).toEqual(contributions.toSorted());
    expect(await page.getByText('Vad kan kommunen göra för att du ska känna dig trygg?').isVisible()).toBe(
      true,
    );

    const connection = page.locator('.status[data-state]');
    expect(await connection.getAttribute('data-state')).toBe('offline');
    expect(await connection.textContent()).toContain('Offline – allt sparas på enheten');
    // One dialogue and three contributions, none of them synced yet.
    await expect
      .poll(() => page.getByTestId('waiting').textContent())
      .toContain('4 ändringar väntar på att synkas');

    await page.getByRole('link', { name: 'Dialoger', exact: true }).click();
    const card = page.getByRole('list', { name: 'Alla dialoger' }).getByRole('listitem');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain('3 bidrag');
  });

  it('opens a link straight to a dialogue with no network, answered by the service worker', async () => {
    await page.goto(server.url);
    await waitForServiceWorker(page);
    const id = await createDialogue(page, {
      title: 'Skolgården',
      question: 'Vad vill du kunna göra på rasterna?',
    });
    await addContribution(page, 'Ett basketplan');
    await goOffline(context, server);

    const tab = await context.newPage();
    const response = await tab.goto(`${server.url}/dialogues/${id}`);
    expect(response?.fromServiceWorker()).toBe(true);
    await tab.getByRole('heading', { level: 1, name: 'Skolgården' }).waitFor();
    expect(await tab.getByText('Vad vill du kunna göra på rasterna?').isVisible()).toBe(true);
    expect(await contributionTexts(tab)).toEqual(['Ett basketplan']);
  });
});
