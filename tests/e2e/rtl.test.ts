/**
 * Arabic: the app speaks it, and its layout mirrors (read by element positions, not pixels).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEXTS } from './support/app.ts';
import { DESKTOP, goOffline, launchBrowser, newContext, waitForServiceWorker } from './support/browser.ts';
import { APP_V1 } from './support/paths.ts';
import { startServer, type AppServer } from './support/server.ts';

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

async function boxOf(page: Page, selector: string): Promise<Box> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  return box;
}

const right = (box: Box) => box.x + box.width;

/** Where the home screen puts the app name and the menu, and the heading and its "new" button. */
async function homeLayout(page: Page) {
  await page.locator('main h1').waitFor();
  return {
    appName: await boxOf(page, '.app-name'),
    nav: await boxOf(page, '.app-header nav'),
    heading: await boxOf(page, '.page-head h1'),
    newButton: await boxOf(page, '.page-head a[href="/dialogues/new"]'),
  };
}

async function documentLanguage(page: Page) {
  return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
}

async function chooseLanguage(page: Page, code: string, settingsLink: string): Promise<void> {
  await page.getByRole('link', { name: settingsLink, exact: true }).click();
  await page.locator('select#ui-language').selectOption(code);
}

describe('Arabic and right-to-left', () => {
  let browser: Browser;
  let server: AppServer;
  const contexts: BrowserContext[] = [];

  async function open(locale: string): Promise<Page> {
    const context = await newContext(browser, { locale, viewport: DESKTOP });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(server.url);
    return page;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    server = await startServer(APP_V1);
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
    await server.dispose();
  });

  it('opens in Arabic, right to left, on a device set to Arabic', async () => {
    const page = await open('ar');
    await page.getByRole('heading', { level: 1, name: TEXTS.ar.dialogues.title }).waitFor();
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(await page.getByRole('link', { name: TEXTS.ar.nav.settings }).isVisible()).toBe(true);
  });

  it('puts the app name left of the menu and “Ny dialog” right of the heading in Swedish, and mirrors both in Arabic', async () => {
    const swedish = await open('sv-SE');
    expect(await documentLanguage(swedish)).toEqual({ lang: 'sv', dir: 'ltr' });
    const ltr = await homeLayout(swedish);
    expect(right(ltr.appName)).toBeLessThanOrEqual(ltr.nav.x);
    expect(right(ltr.heading)).toBeLessThanOrEqual(ltr.newButton.x);

    const arabic = await open('ar');
    const rtl = await homeLayout(arabic);
    expect(right(rtl.nav)).toBeLessThanOrEqual(rtl.appName.x);
    expect(right(rtl.newButton)).toBeLessThanOrEqual(rtl.heading.x);
    // Mirrored, not merely moved: the heading starts at the right edge of the page as it starts at
    // the left edge in Swedish.
    expect(Math.abs(DESKTOP.width - right(rtl.heading) - ltr.heading.x)).toBeLessThanOrEqual(2);
  });

  it('remembers Arabic chosen in Inställningar after a reload', async () => {
    const page = await open('sv-SE');
    await chooseLanguage(page, 'ar', 'Inställningar');
    await page.getByRole('heading', { level: 1, name: TEXTS.ar.settings.heading }).waitFor();
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' });

    await page.reload();
    await page.getByRole('heading', { level: 1, name: TEXTS.ar.settings.heading }).waitFor();
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(await page.locator('select#ui-language').inputValue()).toBe('ar');
  });

  it('switches to Arabic and back with no network', async () => {
    const page = await open('sv-SE');
    await waitForServiceWorker(page);
    await goOffline(page.context(), server);
    // A fresh load offline, so the Arabic texts can only come from the service worker's cache.
    await page.reload();

    await chooseLanguage(page, 'ar', 'Inställningar');
    await page.getByRole('heading', { level: 1, name: TEXTS.ar.settings.heading }).waitFor();
    expect(await documentLanguage(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(await page.locator('.status[data-state]').textContent()).toContain(TEXTS.ar.status.offline);

    await page.locator('select#ui-language').selectOption('sv');
    await page.getByRole('heading', { level: 1, name: 'Inställningar' }).waitFor();
    expect(await documentLanguage(page)).toEqual({ lang: 'sv', dir: 'ltr' });
  });
});
