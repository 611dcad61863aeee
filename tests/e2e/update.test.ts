/**
 * A new version reaches a device that has the old one open: the app says so, reloads only when the
 * user agrees, and what was being typed survives the reload.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { savedDraft } from './support/app.ts';
import { launchBrowser, newContext, waitForServiceWorker } from './support/browser.ts';
import { APP_V1, APP_V2 } from './support/paths.ts';
import { startServer, type AppServer } from './support/server.ts';

const TITLE = 'Kollektivtrafik';
const QUESTION = 'Hur tar du dig till skolan en vanlig dag?';

async function appVersion(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Inställningar', exact: true }).click();
  return (await page.getByTestId('app-version').textContent())?.trim() ?? '';
}

/** Ask the browser to look for a new service worker now, as the app does every half hour. */
async function checkForUpdate(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });
}

describe('updating to a new version', () => {
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
    await page.goto(server.url);
    await waitForServiceWorker(page);
    expect(await appVersion(page)).toBe('0.1.0');

    // Start a new dialogue and let the draft autosave (200 ms after the last keystroke).
    await page.getByRole('link', { name: 'Dialoger', exact: true }).click();
    await page.getByRole('link', { name: 'Ny dialog', exact: true }).click();
    await page.getByLabel('Rubrik', { exact: true }).fill(TITLE);
    await page.getByLabel('Fråga till deltagarna', { exact: true }).fill(QUESTION);
    await expect
      .poll(() => savedDraft(page, 'new-dialogue'))
      .toMatchObject({ title: TITLE, question: QUESTION });

    await server.restart(APP_V2);
    await checkForUpdate(page);
  });
  afterEach(async () => {
    await context.close();
    await server.dispose();
  });

  it('offers the new version, reloads into it on “Uppdatera nu”, and restores the form being typed', async () => {
    const prompt = page.getByRole('alertdialog', { name: 'En ny version av Delaktig finns.' });
    await prompt.waitFor();

    const reloaded = page.waitForEvent('load');
    await prompt.getByRole('button', { name: 'Uppdatera nu' }).click();
    await reloaded;

    expect(new URL(page.url()).pathname).toBe('/dialogues/new');
    await page.getByText('Ditt utkast är återställt.').waitFor();
    expect(await page.getByLabel('Rubrik', { exact: true }).inputValue()).toBe(TITLE);
    expect(await page.getByLabel('Fråga till deltagarna', { exact: true }).inputValue()).toBe(QUESTION);
    expect(await page.getByRole('alertdialog').count()).toBe(0);

    expect(await appVersion(page)).toBe('0.1.0+2');
  });

  it('stays on the running version when the user chooses “Senare”', async () => {
    const prompt = page.getByRole('alertdialog', { name: 'En ny version av Delaktig finns.' });
    await prompt.waitFor();
    await prompt.getByRole('button', { name: 'Senare' }).click();
    await prompt.waitFor({ state: 'detached' });

    expect(await page.getByLabel('Rubrik', { exact: true }).inputValue()).toBe(TITLE);
    expect(await appVersion(page)).toBe('0.1.0');
    // The new version waits in the background until the user agrees to it.
    expect(
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state),
    ).toBe('installed');
  });
});
