/**
 * Every shipped locale (src/client/i18n/shipped-locales.ts), offline, in one phone: the participant's
 * whole flow (the code screen, the language choice, consent, the question and writing, the thanks
 * for it, the thanks at the end, what came of a dialogue) and the home screen, each text in the
 * locale itself: none missing, none taken from a fallback language, Swedish included. How a text was
 * found is read from the app itself: the page sets `window.__i18nTrace` before the app starts, and
 * i18n.ts then records, for every text it gives out, the language it asked for and the language the
 * text came from (null: none, the key was shown). Also: right-to-left locales (ar, fa, prs, ckb,
 * ps, yi) mirror and the others do not (element positions), axe finds nothing on these screens in Swedish, Arabic and Tigrinya, and Settings says
 * whether the language was reviewed and which languages staff pages fall back to.
 *
 * The phone joins its dialogues online (joining needs the server), then the server stops: every
 * locale's files come from the service worker's precache.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_LOCALES } from '../../src/client/i18n/shipped-locales.ts';
import { fallbackChain, findUiLanguage } from '../../src/client/i18n/ui-languages.ts';
import type { TraceEntry } from '../../src/client/i18n/locale-types.ts';
import { createPerson, setUpServer, type Person } from './support/accounts.ts';
import {
  collector,
  goOffline,
  launchBrowser,
  newContext,
  PHONE,
  waitForServiceWorker,
} from './support/browser.ts';
import { APP_V1, REPO } from './support/paths.ts';
import { apiSignIn, commandsByApi, dialogueByApi, recordsByApi } from './support/participate.ts';
import { startServer, type AppServer } from './support/server.ts';

const ADMIN: Person = { username: 'admin', password: 'hemligt-lösen-1', displayName: 'Åsa Admin' };
const ANNA: Person = { username: 'anna', password: 'annas-lösen-1', displayName: 'Anna' };
const AXE_LOCALES = ['sv', 'ar', 'ti'];

type Tree = { [key: string]: string | Tree };

/** A locale's file as it is on disk (read when the test runs: the translators' files may be new). */
function file(code: string, namespace: string): Tree {
  const path = join(REPO, 'locales', code, `${namespace}.json`);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Tree) : {};
}

/** The text of `namespace:key` in `code` itself (no fallback): the test fails when it has none. */
function own(code: string, namespace: string, key: string): string {
  let node: string | Tree | undefined = file(code, namespace);
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`locales/${code}/${namespace}.json has no "${key}"`);
  return node;
}

/** The text the app shows for `namespace:key` in `code`: the first language of its chain that has it. */
function shown(code: string, namespace: string, key: string): string {
  for (const lang of fallbackChain(code)) {
    try {
      return own(lang, namespace, key);
    } catch {
      continue; // Not in this language: the next one of the chain.
    }
  }
  throw new Error(`No language of ${code}'s chain has ${namespace}:${key}`);
}

/** Plain text, the way a locator's name is compared: "{{x}}" parts cut off. */
const before = (text: string) => text.split('{{')[0]!.trim();

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
}
const right = (box: Box) => box.x + box.width;

async function boxOf(page: Page, selector: string): Promise<Box> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  return box;
}

/** The first line of the text inside an element (not the element's box: a heading is full width). */
async function firstLine(page: Page, selector: string): Promise<Box> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      // One rectangle per run of text: those of the first line, left- and right-most together.
      const rects = [...range.getClientRects()];
      const top = Math.min(...rects.map((r) => r.top));
      const line = rects.filter((r) => r.top < top + r.height / 2);
      const left = Math.min(...line.map((r) => r.left));
      return { x: left, y: top, width: Math.max(...line.map((r) => r.right)) - left };
    });
}

/**
 * Mirrored or not, read from positions: the text of `text` starts at the right edge of its box (left
 * in a left-to-right language), and of `first` and `second` side by side, `first` is the right-most
 * (or, wrapped one above the other, both start at the right).
 */
async function expectDirection(
  page: Page,
  rtl: boolean,
  where: string,
  selectors: { text: string; first: string; second: string },
): Promise<void> {
  const box = await boxOf(page, selectors.text);
  const line = await firstLine(page, selectors.text);
  const first = await boxOf(page, selectors.first);
  const second = await boxOf(page, selectors.second);
  const sideBySide = Math.abs(first.y - second.y) < 5;
  if (rtl) {
    expect(Math.abs(right(box) - right(line)), `${where}: text starts right`).toBeLessThanOrEqual(2);
    if (sideBySide) expect(right(second), `${where}: first on the right`).toBeLessThanOrEqual(first.x);
    else expect(Math.abs(right(first) - right(second)), `${where}: right-aligned`).toBeLessThanOrEqual(2);
  } else {
    expect(Math.abs(line.x - box.x), `${where}: text starts left`).toBeLessThanOrEqual(2);
    if (sideBySide) expect(right(first), `${where}: first on the left`).toBeLessThanOrEqual(second.x);
    else expect(Math.abs(first.x - second.x), `${where}: left-aligned`).toBeLessThanOrEqual(2);
  }
}

describe('every shipped locale, offline', () => {
  let browser: Browser;
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;
  /** Per locale, the join code of its own open dialogue. */
  const codes = new Map<string, string>();
  let closedCode = '';
  const axe = collector();

  /** What the app gave out in `code` since the page loaded that did not come from `code` itself. */
  async function notOwn(code: string): Promise<string[]> {
    const trace = await page.evaluate(() => (window as { __i18nTrace?: TraceEntry[] }).__i18nTrace ?? []);
    const asked = trace.filter((entry) => entry.lng === code);
    // Nothing asked in `code` would mean the trace (or the language switch) does not work.
    expect(asked.length, `texts asked in ${code}`).toBeGreaterThan(0);
    const wrong = asked.filter((entry) => entry.from !== code);
    return [...new Set(wrong.map((entry) => `${entry.key} (${entry.from ?? 'missing'})`))];
  }

  async function expectAllOwn(code: string, where: string): Promise<void> {
    expect.soft(await notOwn(code), `${code}, ${where}: texts not in ${code}`).toEqual([]);
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(APP_V1, {
      env: { LOGIN_LIMIT_PER_IP: '1000', JOIN_LIMIT_PER_IP: '1000', PARTICIPANT_LIMIT_PER_DEVICE: '1000' },
    });
    const adminToken = await setUpServer(server, 'Borlänge', ADMIN);
    await createPerson(server, adminToken, ANNA, 'facilitator');
    const staff = await apiSignIn(server, ANNA);

    // A dialogue per locale (a language is chosen once per dialogue), and one that is over, with a
    // decision (feedback) for the participant to read.
    for (const locale of SHIPPED_LOCALES) {
      const { code } = await dialogueByApi(server, staff.token, staff.tenantId, {
        title: `Dialog ${locale.code}`,
        question: 'Vad gör dig trygg?',
      });
      codes.set(locale.code, code);
    }
    const closed = await dialogueByApi(server, staff.token, staff.tenantId, {
      title: 'Fritidsgården',
      question: 'Vad vill du göra på kvällarna?',
    });
    closedCode = closed.code;

    context = await newContext(browser, { viewport: PHONE });
    await context.addInitScript(() => {
      (window as { __i18nTrace?: unknown[] }).__i18nTrace = [];
    });
    page = await context.newPage();
    await page.goto(`${server.url}/j/${closedCode}`);
    await page.locator('fieldset.languages').waitFor({ timeout: 20_000 });
    await waitForServiceWorker(page);
    for (const code of codes.values()) {
      await page.goto(`${server.url}/j/${code}`);
      // The language choice shows once the dialogue has come by sync.
      await page.locator('fieldset.languages').waitFor({ timeout: 20_000 });
    }

    // The closed dialogue gets its decision; the phone reads it before the network goes.
    await commandsByApi(server, staff.token, staff.tenantId, closed.id, [
      { command: 'close', status: 'closed', fields: { closedAt: new Date().toISOString() } },
      { command: 'report', status: 'reported' },
    ]);
    await recordsByApi(server, staff.token, staff.tenantId, [
      {
        entity: 'feedback',
        id: uuidv7(),
        fields: {
          dialogueId: closed.id,
          committeeId: 'kultur-och-fritid',
          committeeName: 'Kultur- och fritidsnämnden',
          decidedOn: '2026-06-10',
          text: 'Fritidsgården håller öppet på fredagar från hösten.',
          createdAt: new Date().toISOString(),
        },
      },
    ]);
    await page.goto(`${server.url}/j/${closedCode}`);
    await page.getByTestId('feedback').waitFor({ timeout: 20_000 });

    await goOffline(context, server);
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.dispose();
  });

  for (const locale of SHIPPED_LOCALES) {
    const { code } = locale;
    const p = (key: string) => own(code, 'participate', key);
    const app = (key: string) => own(code, 'app', key);

    it(`${code} (${locale.scope}): the participant's flow and the home screen, every text in ${code}`, async () => {
      const rtl = findUiLanguage(code)?.dir === 'rtl';
      const checkAxe = AXE_LOCALES.includes(code);

      // Choosing the language: the app switches to it (its files from the precache).
      await page.goto(`${server.url}/j/${codes.get(code)}`);
      await page.getByRole('button', { name: locale.autonym, exact: true }).click();
      await page.getByRole('heading', { name: p('consent.heading') }).waitFor();
      expect(
        await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
      ).toEqual([code, rtl ? 'rtl' : 'ltr']);
      if (checkAxe) await axe.check(page, `${code}: consent`);
      await expectDirection(page, rtl, `${code}: consent`, {
        text: '#consent-heading',
        first: '.actions button.primary',
        second: '.actions button:not(.primary)',
      });
      await page.getByRole('button', { name: p('consent.agree') }).click();

      // The question and writing.
      const field = page.getByLabel(p('write.label'), { exact: true });
      await field.waitFor();
      // The question is in Swedish, with a note in the participant's language that it is.
      if (code !== 'sv') await page.getByTestId('untranslated').waitFor();
      if (checkAxe) await axe.check(page, `${code}: writing`);
      await field.fill(`${locale.autonym}: ${code}`);
      await page.getByRole('button', { name: p('write.send') }).click();
      await page.getByRole('heading', { name: p('sent.heading') }).waitFor();
      if (checkAxe) await axe.check(page, `${code}: sent`);
      await page.getByRole('button', { name: p('sent.done') }).click();
      await page.getByRole('heading', { name: p('thanks.heading') }).waitFor();
      if (checkAxe) await axe.check(page, `${code}: thanks`);
      await expectAllOwn(code, 'language, consent, writing, thanks');

      // What came of a dialogue that is over.
      await page.goto(`${server.url}/j/${closedCode}`);
      await page.getByRole('heading', { name: p('feedback.heading') }).waitFor();
      await page
        .getByText(before(p('closed.text')))
        .first()
        .waitFor();
      if (checkAxe) await axe.check(page, `${code}: feedback`);
      await expectAllOwn(code, 'feedback');

      // The code screen.
      await page.goto(`${server.url}/j`);
      await page.getByLabel(p('join.codeLabel'), { exact: true }).waitFor();
      if (checkAxe) await axe.check(page, `${code}: join code`);
      await expectAllOwn(code, 'join code');

      // The home screen, in the remembered language.
      await page.goto(server.url);
      await page.getByRole('heading', { level: 1, name: app('dialogues.title') }).waitFor();
      await page.getByRole('link', { name: app('nav.settings'), exact: true }).waitFor();
      if (checkAxe) await axe.check(page, `${code}: home`);
      await expectDirection(page, rtl, `${code}: home`, {
        text: 'main h1',
        first: '.app-header nav li:first-child a',
        second: '.app-header nav li:nth-child(2) a',
      });
      await expectAllOwn(code, 'home');
    });
  }

  it('has no WCAG 2.1 AA violations on those screens in Swedish, Arabic and Tigrinya', () => {
    expect(axe.findings).toEqual({});
  });

  it('notices a text taken from a fallback language (the check can fail), and Settings says so', async () => {
    // Meänkieli covers the participant's pages: Settings (a staff page) takes the accounts texts
    // from Finnish or Swedish, and says which.
    await page.goto(`${server.url}/j/${codes.get('fit')}`);
    await page.evaluate(() => localStorage.setItem('delaktig.language', 'fit'));
    await page.goto(`${server.url}/settings`);
    await page.getByRole('heading', { level: 1, name: own('fit', 'app', 'settings.heading') }).waitFor();
    const fallbacks = page.getByTestId('language-fallbacks').locator('li');
    await fallbacks.first().waitFor();
    expect(await fallbacks.allTextContents()).toEqual(['Suomi', 'Svenska']);
    expect(await fallbacks.first().getAttribute('lang')).toBe('fi');
    expect(await page.getByTestId('language-review').textContent()).toContain(
      shown('fit', 'app', 'settings.review.notReviewed'),
    );
    expect((await notOwn('fit')).some((text) => text.startsWith('accounts:'))).toBe(true);

    // Swedish: the source, not a translation.
    await page.locator('select#ui-language').selectOption('sv');
    await page.getByRole('heading', { level: 1, name: 'Inställningar' }).waitFor();
    await expect
      .poll(() => page.getByTestId('language-review').textContent())
      .toContain(own('sv', 'app', 'settings.review.source'));
    expect(await page.getByTestId('language-fallbacks').count()).toBe(0);
    // The list of languages: all 27, each named in itself, in its own language.
    const options = page.locator('select#ui-language option');
    expect(await options.count()).toBe(SHIPPED_LOCALES.length);
    expect(await options.nth(0).textContent()).toBe('Svenska');
    expect(await page.locator('select#ui-language option[value="ti"]').getAttribute('lang')).toBe('ti');
  });
});
