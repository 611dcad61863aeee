/**
 * The language picker on the contribution form, in Chromium: with the network really off it finds
 * each of the queries first; it works with the keyboard alone and says how many languages
 * it found; axe finds nothing with the list open, in Swedish and Arabic. The form suggests the
 * language a text looks like without switching to it, offers a Geʾez input method for Tigrinya,
 * and keeps working with a language code the registry does not know.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REQUIRED_QUERIES } from '../support/language-queries.ts';
import {
  addContribution,
  contributionList,
  createDialogue,
  dialogueIdOf,
  TEXTS,
  type Texts,
} from './support/app.ts';
import {
  axeViolations,
  goOffline,
  launchBrowser,
  newContext,
  PHONE,
  waitForServiceWorker,
} from './support/browser.ts';
import { APP_V1 } from './support/paths.ts';
import { startServer, type AppServer } from './support/server.ts';

const { sv } = TEXTS;
const DIALOGUE = { title: 'Fritid i Borlänge', question: 'Vad vill du göra på kvällarna?' };

function picker(page: Page, t: Texts = sv): Locator {
  return page.getByRole('combobox', { name: t.contributions.language, exact: true });
}

function options(page: Page): Locator {
  return page.getByRole('listbox', { name: sv.contributions.language }).getByRole('option');
}

/** The language codes of the options shown, in order. */
function shownCodes(page: Page): Promise<string[]> {
  return page
    .locator('#contribution-lang-listbox [role="option"]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-code') ?? ''));
}

/** The contribution form's picker's polite status line (the page has other pickers too). */
function announcement(page: Page): Promise<string | null> {
  return page.locator('.language-picker:has(#contribution-lang) [role="status"]').textContent();
}

/** The app's IndexedDB "drafts" store, read and written as another version of the app would. */
async function draftStore<T>(
  page: Page,
  mode: IDBTransactionMode,
  run: string,
  key: string,
  values?: unknown,
) {
  return page.evaluate(
    async ({ mode, run, key, values }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('delaktig');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      try {
        return await new Promise<unknown>((resolve, reject) => {
          const store = db.transaction('drafts', mode).objectStore('drafts');
          const request =
            run === 'put' ? store.put({ key, values, savedAt: new Date().toISOString() }) : store.get(key);
          request.onsuccess = () => resolve(run === 'put' ? undefined : request.result?.values);
          request.onerror = () => reject(request.error);
        });
      } finally {
        db.close();
      }
    },
    { mode, run, key, values },
  ) as Promise<T>;
}

const readDraft = (page: Page, key: string) =>
  draftStore<Record<string, string> | undefined>(page, 'readonly', 'get', key);
const writeDraft = (page: Page, key: string, values: Record<string, string>) =>
  draftStore<void>(page, 'readwrite', 'put', key, values);

/** Press Tab until the focused element's text is `name` (at most five times). */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === name) return;
  }
  throw new Error(`Tab never reached “${name}”`);
}

describe('language picker', () => {
  let browser: Browser;
  let server: AppServer;
  const contexts: BrowserContext[] = [];
  const servers: AppServer[] = [];

  async function open(server: AppServer, locale = 'sv-SE', viewport?: { width: number; height: number }) {
    const context = await newContext(browser, { locale, ...(viewport ? { viewport } : {}) });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(server.url);
    return page;
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
    for (const stopped of servers.splice(0)) await stopped.dispose();
  });

  it('finds each of the issue’s queries first with the network off', async () => {
    // Its own server: this test stops it.
    const offline = await startServer(APP_V1);
    servers.push(offline);
    const page = await open(offline);
    await waitForServiceWorker(page);
    await createDialogue(page, DIALOGUE);
    await goOffline(page.context(), offline);
    // A fresh load with no network: the page, the registry and the search come from the device.
    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    const field = picker(page);

    const firsts: Record<string, string | undefined> = {};
    for (const [query, code] of REQUIRED_QUERIES) {
      await field.fill(query);
      await expect.poll(async () => (await shownCodes(page))[0], { message: query }).toBe(code);
      firsts[query] = (await shownCodes(page))[0];
      // The first match is the active option, as the field tells assistive technology.
      const active = await field.getAttribute('aria-activedescendant');
      expect(await page.locator(`#${active}`).getAttribute('data-code'), query).toBe(code);
      expect(await page.locator(`#${active}`).getAttribute('aria-selected'), query).toBe('true');
    }
    expect(firsts).toEqual(Object.fromEntries(REQUIRED_QUERIES));
  });

  it('is operated with the keyboard alone and says how many languages it found', async () => {
    const page = await open(server);
    await createDialogue(page, DIALOGUE);
    await page.getByLabel(sv.contributions.label, { exact: true }).fill('ሰላም ንኹሉ');
    const field = picker(page);

    // From the text to the picker with Tab: the list button is not a tab stop of its own.
    await page.keyboard.press('Tab');
    expect(await field.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await field.getAttribute('aria-expanded')).toBe('false');

    await page.keyboard.type('tigrinja');
    expect(await field.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => announcement(page)).toMatch(/^\d+ språk hittades\.$/);
    expect((await shownCodes(page))[0]).toBe('ti');

    // ↓ and ↑ move through the list, End and Home jump to its ends.
    const activeCode = async () => {
      const id = await field.getAttribute('aria-activedescendant');
      return id ? page.locator(`#${id}`).getAttribute('data-code') : null;
    };
    const codes = await shownCodes(page);
    if (codes.length > 1) {
      await page.keyboard.press('ArrowDown');
      expect(await activeCode()).toBe(codes[1]);
      await page.keyboard.press('End');
      expect(await activeCode()).toBe(codes.at(-1));
      await page.keyboard.press('Home');
      expect(await activeCode()).toBe(codes[0]);
    }
    await page.keyboard.press('ArrowUp');
    expect(await activeCode()).toBe(codes.at(-1));
    await page.keyboard.press('ArrowDown');
    expect(await activeCode()).toBe('ti');

    // Enter takes it: the list closes, the field names the language, the form is not sent.
    await page.keyboard.press('Enter');
    expect(await field.getAttribute('aria-expanded')).toBe('false');
    expect(await field.inputValue()).toBe('tigrinja (ትግርኛ)');
    expect(await page.getByText('Inga bidrag än. Skriv det första!').isVisible()).toBe(true);

    // A search that finds nothing says so; Escape closes the list, a second Escape puts back the choice.
    await field.fill('');
    await page.keyboard.type('qqqqqqq');
    await expect.poll(() => announcement(page)).toBe(sv.languagePicker.noResults);
    await page.keyboard.press('Escape');
    expect(await field.getAttribute('aria-expanded')).toBe('false');
    expect(await field.inputValue()).toBe('qqqqqqq');
    await page.keyboard.press('Escape');
    expect(await field.inputValue()).toBe('tigrinja (ትግርኛ)');

    // Alt+↓ opens the suggestions without moving into them; the chosen language comes first.
    await page.keyboard.press('Alt+ArrowDown');
    expect(await field.getAttribute('aria-expanded')).toBe('true');
    expect(await field.getAttribute('aria-activedescendant')).toBeNull();
    expect((await shownCodes(page)).slice(0, 4)).toEqual(['ti', 'sv', 'en', 'ar']);
    await expect.poll(() => announcement(page)).toMatch(/^\d+ förslag\.$/);
    await page.keyboard.press('Escape');

    // The contribution is sent with the keyboard and stored with its language.
    await tabTo(page, sv.contributions.add);
    await page.keyboard.press('Enter');
    const item = contributionList(page).getByRole('listitem').filter({ hasText: 'ሰላም ንኹሉ' });
    await item.waitFor();
    expect(await item.locator('p[lang]').getAttribute('lang')).toBe('ti');
  });

  it('has no WCAG 2.1 AA violations with the list open, in Swedish and in Arabic, on a phone', async () => {
    const found: Record<string, unknown> = {};
    for (const { locale, t } of [
      { locale: 'sv-SE', t: TEXTS.sv },
      { locale: 'ar', t: TEXTS.ar },
    ]) {
      const page = await open(server, locale, PHONE);
      await createDialogue(page, DIALOGUE, t);
      const field = picker(page, t);
      await field.fill('kurd');
      await page.locator('#contribution-lang-listbox [role="option"]').first().waitFor();
      expect(await field.getAttribute('aria-expanded')).toBe('true');
      const violations = await axeViolations(page);
      if (violations.length > 0) found[locale] = violations;
    }
    expect(found).toEqual({});
  });

  it('suggests the language the text looks like, and switches only when asked', async () => {
    const page = await open(server);
    await createDialogue(page, DIALOGUE);
    await page
      .getByLabel(sv.contributions.label, { exact: true })
      .fill('Waxaan rabaa in ay jiraan meelo badan oo dhalinyaradu ku kulmi karaan fiidkii.');
    const suggestion = page.getByRole('status').filter({ hasText: 'somaliska' });
    await suggestion.getByText('Texten ser ut att vara på somaliska.').waitFor();
    // Not applied on its own.
    expect(await picker(page).inputValue()).toBe('svenska');
    await suggestion.getByRole('button', { name: 'Använd somaliska' }).click();
    expect(await picker(page).inputValue()).toBe('somaliska (Soomaali)');
    expect(await suggestion.count()).toBe(0);
  });

  it('writes Tigrinya in Geʾez script from Latin keys when its input method is on', async () => {
    const page = await open(server);
    await createDialogue(page, DIALOGUE);
    const field = picker(page);
    await field.fill('tigrinja');
    await expect.poll(async () => (await shownCodes(page))[0]).toBe('ti');
    await page.keyboard.press('Enter');
    const toggle = page.getByRole('button', { name: 'Skriv tigrinja med latinska tangenter' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');

    const text = page.getByLabel(sv.contributions.label, { exact: true });
    await text.focus();
    await page.keyboard.type('selam');
    await expect.poll(() => text.inputValue()).toBe('ሰላም');
    // The draft and the count heard of it like of any typing.
    expect(await page.locator('#contribution-text-count').textContent()).toBe('3 av 2000 tecken');

    // The draft keeps the text and its language over a reload.
    await expect
      .poll(() => readDraft(page, `contribution:${dialogueIdOf(page)}`))
      .toEqual({ text: 'ሰላም', lang: 'ti' });
    await page.reload();
    await expect.poll(() => text.inputValue()).toBe('ሰላም');
    await expect.poll(() => picker(page).inputValue()).toBe('tigrinja (ትግርኛ)');

    // Off again: Latin letters stay Latin.
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await text.focus();
    await page.keyboard.press('End');
    await page.keyboard.type(' se');
    expect(await text.inputValue()).toBe('ሰላም se');
  });

  it('shows a stored language code the registry does not know as the code, and still saves', async () => {
    const page = await open(server);
    const dialogueId = await createDialogue(page, DIALOGUE);
    // A draft written by another version of the app, with a code no registry knows.
    await writeDraft(page, `contribution:${dialogueId}`, { text: 'Mer ljus i parken', lang: 'xqz' });
    await page.reload();
    await expect.poll(() => picker(page).inputValue()).toBe('xqz');
    expect(await page.getByRole('alert').count()).toBe(0);

    await addContribution(page, 'Mer ljus i parken');
    const item = contributionList(page).getByRole('listitem').filter({ hasText: 'Mer ljus i parken' });
    expect(await item.locator('p[lang]').getAttribute('lang')).toBe('xqz');

    // And the picker still finds languages.
    await picker(page).fill('somaliska');
    await expect.poll(async () => (await shownCodes(page))[0]).toBe('so');
    expect(await options(page).count()).toBeGreaterThan(0);
  });
});
