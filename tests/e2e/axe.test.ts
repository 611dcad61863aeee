/**
 * Accessibility: axe finds no WCAG 2.1 A or AA violation on any screen, in Swedish and in Arabic
 * (right to left), on a phone and on a desktop.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addContribution, TEXTS, type Texts } from './support/app.ts';
import {
  axeViolations,
  DESKTOP,
  collector,
  launchBrowser,
  newContext,
  PHONE,
  waitForServiceWorker,
} from './support/browser.ts';
import { APP_V1, APP_V2 } from './support/paths.ts';
import { startServer, type AppServer } from './support/server.ts';

const LANGUAGES = [
  { name: 'Swedish', locale: 'sv-SE', t: TEXTS.sv },
  { name: 'Arabic', locale: 'ar', t: TEXTS.ar },
] as const;
const SIZES = [
  { name: 'a phone', viewport: PHONE },
  { name: 'a desktop', viewport: DESKTOP },
] as const;

async function heading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

describe('accessibility', () => {
  let browser: Browser;
  let server: AppServer;
  const contexts: BrowserContext[] = [];

  async function open(locale: string, viewport: { width: number; height: number }): Promise<Page> {
    const context = await newContext(browser, { locale, viewport });
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(APP_V1);
  });
  afterAll(async () => {
    await browser.close();
    await server.dispose();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  it('notices a violation (the check can fail)', async () => {
    const page = await open('sv-SE', DESKTOP);
    await page.goto(server.url);
    await heading(page, TEXTS.sv.dialogues.title);
    await page.getByText(TEXTS.sv.dialogues.empty).waitFor();
    // Checked once before the faults, so that axe is already in the page when it must find them.
    expect(await axeViolations(page)).toEqual([]);
    await page.evaluate(() =>
      document.querySelector('main')?.insertAdjacentHTML('beforeend', '<img src="x.png"><button></button>'),
    );
    expect((await axeViolations(page)).map((violation) => violation.id)).toEqual(
      expect.arrayContaining(['image-alt', 'button-name']),
    );
  });

  for (const { name: language, locale, t } of LANGUAGES) {
    for (const { name: size, viewport } of SIZES) {
      const dimensions = `${viewport.width}×${viewport.height}`;
      it(`has no WCAG 2.1 AA violations on any screen in ${language} on ${size} (${dimensions})`, async () => {
        const page = await open(locale, viewport);
        const axe = collector();
        await page.goto(server.url);
        await heading(page, t.dialogues.title);
        await page.getByText(t.dialogues.empty).waitFor();
        await axe.check(page, 'home with no dialogues');

        await page.getByRole('link', { name: t.dialogues.new, exact: true }).click();
        await heading(page, t.newDialogue.heading);
        await axe.check(page, 'the new-dialogue form');

        await page.getByRole('button', { name: t.newDialogue.create }).click();
        await page.getByRole('alert').getByText(t.errors.formHasErrors).waitFor();
        await axe.check(page, 'the new-dialogue form with its errors shown');

        await fillDialogue(page, t);
        await page.getByRole('button', { name: t.newDialogue.create }).click();
        await heading(page, 'Trygghet i centrum');
        await addContribution(page, 'Mer ljus i parken', t);
        await addContribution(page, 'أريد مكتبة مفتوحة في المساء', t);
        await axe.check(page, 'a dialogue with contributions');

        await page.getByRole('link', { name: t.nav.home, exact: true }).click();
        await page.getByRole('link', { name: 'Trygghet i centrum' }).waitFor();
        await axe.check(page, 'home with a dialogue');

        await page.getByRole('link', { name: t.nav.settings, exact: true }).click();
        await heading(page, t.settings.heading);
        await page.getByTestId('app-version').waitFor();
        await axe.check(page, 'settings');

        await page.goto(`${server.url}/no-such-page`);
        await heading(page, t.dialogues.notFound);
        await axe.check(page, 'the not-found screen');
        expect(axe.findings, 'WCAG 2.1 A/AA violations per screen').toEqual({});
      });
    }
  }

  it('has no WCAG 2.1 AA violations on the update prompt, in Swedish and Arabic, on a phone and a desktop', async () => {
    // Its own server: the prompt needs version 2 to be published while version 1 is open.
    const updating = await startServer(APP_V1);
    try {
      const page = await open('sv-SE', DESKTOP);
      const axe = collector();
      await page.goto(updating.url);
      await waitForServiceWorker(page);
      await updating.restart(APP_V2);
      await page.evaluate(async () => {
        await (await navigator.serviceWorker.getRegistration())?.update();
      });

      for (const { locale, t } of LANGUAGES) {
        if (locale !== 'sv-SE') {
          // The prompt stays while the user moves around the app, so it can be checked in Arabic.
          await page.getByRole('link', { name: TEXTS.sv.nav.settings, exact: true }).click();
          await page.locator('select#ui-language').selectOption('ar');
        }
        await page.getByRole('alertdialog', { name: t.update.available }).waitFor();
        for (const { name, viewport } of SIZES) {
          await page.setViewportSize(viewport);
          await axe.check(page, `the update prompt (${locale}, ${name})`);
        }
      }
      expect(axe.findings, 'WCAG 2.1 A/AA violations per screen').toEqual({});
    } finally {
      await updating.dispose();
    }
  });
});

async function fillDialogue(page: Page, t: Texts): Promise<void> {
  await page.getByLabel(t.newDialogue.titleLabel, { exact: true }).fill('Trygghet i centrum');
  await page
    .getByLabel(t.newDialogue.questionLabel, { exact: true })
    .fill('Vad kan kommunen göra för att du ska känna dig trygg?');
}
