/**
 * Themes, in real Chromium against the real server: a facilitator groups a dialogue's contributions
 * into two themes, one card dragged with the mouse, one carried by keyboard alone (Tab, Space, the
 * arrow keys, Enter; Escape puts a card back), one moved with the Move and Move here buttons (the
 * way a finger or a screen reader works) and dragged back to the ungrouped; renames a theme,
 * reorders the themes and writes a summary. It is all still there after a reload, and an admin's
 * tablet of the same municipality shows it after sync, also what was done without a network. An empty theme name is refused with a
 * message and nothing saved; a hidden contribution never shows. axe finds no WCAG 2.1 A or AA
 * violation on the screen in any of its states (a card picked up too), in Swedish and Arabic, on a
 * phone and a desktop.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc } from '../../src/shared/sync/hlc.ts';
import { api, createPerson, setUpServer, type Person } from './support/accounts.ts';
import { TEXTS, type Texts } from './support/app.ts';
import { collector, DESKTOP, launchBrowser, newContext, PHONE } from './support/browser.ts';
import { APP_V1 } from './support/paths.ts';
import { apiSignIn, dialogueByApi } from './support/participate.ts';
import { startServer, type AppServer } from './support/server.ts';
import arAccounts from '../../locales/ar/accounts.json' with { type: 'json' };
import svAccounts from '../../locales/sv/accounts.json' with { type: 'json' };
import arThemes from '../../locales/ar/themes.json' with { type: 'json' };
import svThemes from '../../locales/sv/themes.json' with { type: 'json' };

const ADMIN: Person = { username: 'admin', password: 'hemligt-lösen-1', displayName: 'Åsa Admin' };
const ANNA: Person = { username: 'anna', password: 'annas-lösen-1', displayName: 'Anna' };

type ThemeTexts = typeof svThemes;

interface Language {
  readonly name: string;
  readonly locale: string;
  readonly app: Texts;
  readonly themes: ThemeTexts;
  readonly accounts: typeof svAccounts;
}

const SWEDISH: Language = {
  name: 'Swedish',
  locale: 'sv-SE',
  app: TEXTS.sv,
  themes: svThemes,
  accounts: svAccounts,
};
const ARABIC: Language = {
  name: 'Arabic',
  locale: 'ar',
  app: TEXTS.ar,
  themes: arThemes as unknown as ThemeTexts,
  accounts: arAccounts,
};

const LIGHT = 'Mer ljus i parken';
const BUSES = 'Bussar som går oftare';
const YOUTH = 'Vuxna på fritidsgården på kvällen';
const BENCHES = 'Safer bike paths';
const HIDDEN = 'Namnger en person: Kalle på skolan';

let clock = Date.now();

/** Contributions pushed through the sync API, as a facilitator's tablet would; `hidden` ones hidden. */
async function contributionsByApi(
  server: AppServer,
  staff: { token: string; tenantId: string },
  dialogueId: string,
  items: readonly { text: string; lang: string; hidden?: boolean }[],
): Promise<void> {
  const changes = items.map((item) => {
    clock += 1;
    return {
      changeId: crypto.randomUUID(),
      entity: 'contribution',
      recordId: crypto.randomUUID(),
      tenantId: staff.tenantId,
      fields: {
        dialogueId,
        text: item.text,
        lang: item.lang,
        channel: 'paper',
        createdAt: new Date().toISOString(),
        ...(item.hidden ? { hidden: true, hiddenReason: 'Nämner en person', hiddenBy: 'Anna' } : {}),
      },
      hlc: formatHlc({ ms: clock, counter: 0 }, 'e2e-themes'),
      deviceId: 'e2e-themes',
      userId: null,
    };
  });
  const pushed = await api(server, 'POST', '/api/sync/push', { changes }, staff.token);
  if (pushed.status !== 200) throw new Error(`Pushing contributions answered ${pushed.status}`);
}

/** A template of the locale file as a pattern: each {{variable}} matches anything. */
function pattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(escaped.replace(/\\\{\\\{\w+\\\}\\\}/g, '.*'));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A button's or field's accessible name: its visible words and, for screen readers only, the theme
 * it is about ("Flytta hit: Trygghet"; Chromium puts a space before the colon).
 */
function about(label: string, theme: string): RegExp {
  return new RegExp(`^${escapeRegExp(label)}\\s*:\\s*${escapeRegExp(theme)}$`);
}

/**
 * Drag `source` onto `target` with the mouse, both on screen the whole time: Chromium takes the
 * card under the pointer when the drag starts, so nothing may scroll between pressing and moving.
 */
async function drag(page: Page, source: Locator, target: Locator): Promise<void> {
  await source.scrollIntoViewIfNeeded();
  // A column on the next row of the board may be below the fold (or above it): the card goes to the
  // edge of the viewport nearest it, so that both are on screen, as a person would scroll.
  const height = page.viewportSize()?.height ?? 0;
  const ahead = await target.boundingBox();
  if (ahead && ahead.y + 10 > height) await source.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  else if (ahead && ahead.y + ahead.height - 10 < 0)
    await source.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('Nothing to drag, or nowhere to drop it');
  const y = Math.min(Math.max(from.y + from.height / 2, to.y + 10), to.y + to.height - 10);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, y, { steps: 8 });
  await page.mouse.up();
}

/** The column whose heading names `name` exactly ("Ej grupperade" or a theme). */
function column(page: Page, name: string): Locator {
  const exact = new RegExp(`^${escapeRegExp(name)}$`);
  return page.locator('section.theme-column').filter({ has: page.locator('h2 > bdi', { hasText: exact }) });
}

function card(page: Page, text: string): Locator {
  return page.locator('li.theme-card', { hasText: text });
}

/** The texts of the cards in a column, in order. */
function cardTexts(page: Page, name: string): Promise<string[]> {
  return column(page, name).locator('li.theme-card > p[lang]').allTextContents();
}

/** The names of the columns, in order. */
function columnNames(page: Page): Promise<string[]> {
  return page.locator('section.theme-column > h2 > bdi').allTextContents();
}

/** Where focus is: the heading of its column and the text of its card. */
function focusedCard(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    const columnName = active?.closest('section')?.querySelector('h2 > bdi')?.textContent ?? '(no column)';
    const text = active?.closest('li')?.querySelector('p')?.textContent ?? '(no card)';
    return `${active?.tagName ?? ''} ${columnName} | ${text}`;
  });
}

/** Press Tab until the Move button of the card with `text` has focus (never the mouse). */
async function tabToMoveButton(page: Page, text: string): Promise<void> {
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(
      (wanted) =>
        document.activeElement?.hasAttribute('data-move') === true &&
        document.activeElement.closest('li')?.querySelector('p')?.textContent === wanted,
      text,
    );
    if (here) return;
  }
  throw new Error(`Tab never reached the Move button of "${text}"`);
}

describe('themes', () => {
  let browser: Browser;
  let server: AppServer;
  let staff: { token: string; tenantId: string };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(APP_V1, { env: { LOGIN_LIMIT_PER_IP: '1000' } });
    const adminToken = await setUpServer(server, 'Borlänge', ADMIN);
    await createPerson(server, adminToken, ANNA, 'facilitator');
    staff = await apiSignIn(server, ANNA);
  });
  afterAll(async () => {
    await browser.close();
    await server.dispose();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  /**
   * A new device in `language` at `viewport`, signed in as `person` through the sign-in form; closed
   * after the test, or with the browser when `keep`.
   */
  async function signedIn(
    person: Person,
    language: Language = SWEDISH,
    viewport: { width: number; height: number } = DESKTOP,
    keep = false,
  ): Promise<Page> {
    const context = await newContext(browser, { locale: language.locale, viewport });
    if (!keep) contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel(language.accounts.signIn.username, { exact: true }).fill(person.username);
    await page.getByLabel(language.accounts.signIn.password, { exact: true }).fill(person.password);
    await page.getByRole('button', { name: language.accounts.signIn.submit, exact: true }).click();
    await page.getByTestId('signed-in-as').waitFor();
    return page;
  }

  async function dialogueWithContributions(title: string): Promise<string> {
    const { id } = await dialogueByApi(server, staff.token, staff.tenantId, {
      title,
      question: 'Vad gör dig trygg?',
    });
    await contributionsByApi(server, staff, id, [
      { text: LIGHT, lang: 'sv' },
      { text: BUSES, lang: 'sv' },
      { text: YOUTH, lang: 'sv' },
      { text: BENCHES, lang: 'en' },
      { text: HIDDEN, lang: 'sv', hidden: true },
    ]);
    return id;
  }

  async function addTheme(page: Page, name: string, t: ThemeTexts = svThemes): Promise<void> {
    await page.getByLabel(t.new.label, { exact: true }).fill(name);
    await page.getByRole('button', { name: t.new.add, exact: true }).click();
    await column(page, name).waitFor();
  }

  it('groups by mouse, by keyboard alone and by buttons; renames, reorders, summarises; persists and syncs', async () => {
    const t = svThemes;
    const app = TEXTS.sv;
    const id = await dialogueWithContributions('Trygghet i Borlänge');
    const page = await signedIn(ANNA);
    await page.goto(`${server.url}/dialogues/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Trygghet i Borlänge' }).waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: t.link, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: t.heading }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/dialogues/${id}/themes`);
    const ungrouped = t.ungrouped;
    await expect
      .poll(() => cardTexts(page, ungrouped), { timeout: 20_000 })
      .toEqual([LIGHT, BUSES, YOUTH, BENCHES]);
    // The text carries its own language, and its direction is the text's.
    expect(await card(page, BENCHES).locator('p').getAttribute('lang')).toBe('en');
    expect(await card(page, BENCHES).locator('p').getAttribute('dir')).toBe('auto');
    expect(await page.content()).not.toContain(HIDDEN);

    // An empty name (spaces only) is refused: a message at the field, no theme, the text kept.
    const name = page.getByLabel(t.new.label, { exact: true });
    await name.fill('   ');
    await page.getByRole('button', { name: t.new.add, exact: true }).click();
    await page.getByRole('alert').getByText(app.errors.formHasErrors).waitFor();
    await page.locator('#new-theme-name-error').getByText(app.errors.required).waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.inputValue()).toBe('   ');
    expect(await columnNames(page)).toEqual([ungrouped]);

    await addTheme(page, 'Trygghet');
    await addTheme(page, 'Fritid');
    expect(await columnNames(page)).toEqual([ungrouped, 'Trygghet', 'Fritid']);
    expect(await name.inputValue()).toBe('');
    expect(await page.locator('#new-theme-name-error').count()).toBe(0);

    // The mouse: drag a card onto a theme.
    await drag(page, card(page, LIGHT), column(page, 'Trygghet'));
    await expect.poll(() => cardTexts(page, 'Trygghet')).toEqual([LIGHT]);
    expect(await cardTexts(page, ungrouped)).toEqual([BUSES, YOUTH, BENCHES]);
    await column(page, 'Trygghet')
      .getByRole('heading', { name: /1 bidrag/ })
      .waitFor();

    // The keyboard alone: Tab to the card's Move button, Space, arrows, Escape puts it back.
    const announcement = page.getByTestId('themes-announcement');
    await page.getByRole('heading', { level: 1, name: t.heading }).focus();
    await tabToMoveButton(page, BUSES);
    await page.keyboard.press('Space');
    const moveButton = card(page, BUSES).getByRole('button', { name: t.move, exact: true });
    expect(await moveButton.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => announcement.textContent()).toMatch(pattern(t.announce.pickedUp));
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => announcement.textContent()).toContain('Trygghet');
    expect(await column(page, 'Trygghet').getAttribute('class')).toContain('drop-target');
    await page.keyboard.press('Escape');
    await expect.poll(() => announcement.textContent()).toMatch(pattern(t.announce.cancelled));
    expect(await moveButton.getAttribute('aria-pressed')).toBe('false');
    expect(await cardTexts(page, ungrouped)).toEqual([BUSES, YOUTH, BENCHES]);
    expect(await focusedCard(page)).toBe(`BUTTON ${ungrouped} | ${BUSES}`);
    // Picked up and dropped with Space in its own column: put back, and not picked up again.
    await page.keyboard.press('Space');
    await expect.poll(() => moveButton.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Space');
    await expect.poll(() => moveButton.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => announcement.textContent()).toMatch(pattern(t.announce.cancelled));
    expect(await page.getByRole('button', { name: new RegExp(`^${t.moveHere}`) }).count()).toBe(0);

    // Again, to the second theme, dropped with Enter: focus follows the card into its new column.
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => announcement.textContent()).toContain('Fritid');
    await page.keyboard.press('ArrowRight'); // the last column: it stays there
    await page.keyboard.press('Enter');
    await expect.poll(() => cardTexts(page, 'Fritid')).toEqual([BUSES]);
    await expect.poll(() => focusedCard(page)).toBe(`BUTTON Fritid | ${BUSES}`);
    await expect.poll(() => announcement.textContent()).toMatch(pattern(t.announce.moved));

    // The buttons (what a finger or a screen reader uses): Move, then Move here in a theme.
    await card(page, YOUTH).getByRole('button', { name: t.move, exact: true }).click();
    await column(page, 'Trygghet')
      .getByRole('button', { name: about(t.moveHere, 'Trygghet') })
      .click();
    await expect.poll(() => cardTexts(page, 'Trygghet')).toEqual([LIGHT, YOUTH]);
    expect(await page.getByRole('button', { name: new RegExp(`^${t.moveHere}`) }).count()).toBe(0);

    // Back to the ungrouped, with the mouse.
    await drag(page, card(page, YOUTH), column(page, ungrouped));
    await expect.poll(() => cardTexts(page, ungrouped)).toEqual([YOUTH, BENCHES]);
    expect(await cardTexts(page, 'Trygghet')).toEqual([LIGHT]);

    // Rename: empty is refused (the field keeps what was typed), then a new name.
    const trygghet = column(page, 'Trygghet');
    await trygghet.getByRole('button', { name: about(t.rename, 'Trygghet') }).click();
    const rename = trygghet.getByLabel(t.renameLabel, { exact: true });
    await rename.fill('');
    await trygghet.getByRole('button', { name: t.save, exact: true }).click();
    await trygghet.getByText(app.errors.required).waitFor();
    expect(await rename.inputValue()).toBe('');
    expect(await columnNames(page)).toEqual([ungrouped, 'Trygghet', 'Fritid']);
    await rename.fill('Trygghet i parken');
    await trygghet.getByRole('button', { name: t.save, exact: true }).click();
    await column(page, 'Trygghet i parken').waitFor();
    await expect.poll(() => focusedCard(page)).toMatch(/^BUTTON Trygghet i parken \|/);

    // Reorder: Fritid first; focus stays on a button of Fritid.
    await column(page, 'Fritid')
      .getByRole('button', { name: about(t.earlier, 'Fritid') })
      .click();
    await expect.poll(() => columnNames(page)).toEqual([ungrouped, 'Fritid', 'Trygghet i parken']);
    await expect.poll(() => focusedCard(page)).toBe('BUTTON Fritid | (no card)');

    // A summary, saved on the device.
    const summary = column(page, 'Fritid').getByRole('textbox', { name: about(t.summary.label, 'Fritid') });
    await summary.fill('Bussarna behöver gå oftare på kvällen.');
    await column(page, 'Fritid').getByTestId('summary-status').getByText(t.summary.saved).waitFor();

    // After a reload, everything is as it was left.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: t.heading }).waitFor();
    await expect.poll(() => columnNames(page)).toEqual([ungrouped, 'Fritid', 'Trygghet i parken']);
    expect(await cardTexts(page, ungrouped)).toEqual([YOUTH, BENCHES]);
    expect(await cardTexts(page, 'Fritid')).toEqual([BUSES]);
    expect(await cardTexts(page, 'Trygghet i parken')).toEqual([LIGHT]);
    await expect.poll(() => summary.inputValue()).toBe('Bussarna behöver gå oftare på kvällen.');

    // Another tablet of the municipality (an admin's, who may see hidden contributions elsewhere).
    const other = await signedIn(ADMIN);
    await other.goto(`${server.url}/dialogues/${id}/themes`);
    await other.getByRole('heading', { level: 1, name: t.heading }).waitFor();
    await expect
      .poll(() => columnNames(other), { timeout: 20_000 })
      .toEqual([ungrouped, 'Fritid', 'Trygghet i parken']);
    await expect.poll(() => cardTexts(other, 'Fritid'), { timeout: 20_000 }).toEqual([BUSES]);
    await expect.poll(() => cardTexts(other, 'Trygghet i parken')).toEqual([LIGHT]);
    await expect.poll(() => cardTexts(other, ungrouped)).toEqual([YOUTH, BENCHES]);
    const otherSummary = column(other, 'Fritid').getByRole('textbox', {
      name: about(t.summary.label, 'Fritid'),
    });
    await expect
      .poll(() => otherSummary.inputValue(), { timeout: 20_000 })
      .toBe('Bussarna behöver gå oftare på kvällen.');
    expect(await other.content()).not.toContain(HIDDEN);

    // Without a network: a theme made and a card grouped on this tablet alone; the other tablet
    // gets them once it is back.
    await page.context().setOffline(true);
    await addTheme(page, 'Utan nät');
    await drag(page, card(page, BENCHES), column(page, 'Utan nät'));
    await expect.poll(() => cardTexts(page, 'Utan nät')).toEqual([BENCHES]);
    await page.context().setOffline(false);
    await expect.poll(() => cardTexts(other, 'Utan nät'), { timeout: 20_000 }).toEqual([BENCHES]);

    // Deleting a theme, after a confirmation: its contributions go back to the ungrouped.
    const parken = column(page, 'Trygghet i parken');
    await parken.getByRole('button', { name: about(t.delete, 'Trygghet i parken') }).click();
    await parken.getByRole('button', { name: t.deleteConfirm, exact: true }).click();
    await expect.poll(() => columnNames(page)).toEqual([ungrouped, 'Fritid', 'Utan nät']);
    expect(await cardTexts(page, ungrouped)).toEqual([LIGHT, YOUTH]);
    await expect.poll(() => focusedCard(page)).toBe(`H2 ${ungrouped} | (no card)`);
    await expect
      .poll(() => columnNames(other), { timeout: 20_000 })
      .toEqual([ungrouped, 'Fritid', 'Utan nät']);
    await expect.poll(() => cardTexts(other, ungrouped)).toEqual([LIGHT, YOUTH]);
  });

  /**
   * Anna's tablet in each language, shared by the checks at both sizes: each works on a dialogue of
   * its own, and the layout follows the viewport alone (CSS), so one sign-in per language checks
   * the same screens as a new device per size did.
   */
  const annasTablets = new Map<string, Page>();
  async function annasTablet(language: Language, viewport: { width: number; height: number }): Promise<Page> {
    const tablet = annasTablets.get(language.locale);
    if (tablet) {
      await tablet.setViewportSize(viewport);
      return tablet;
    }
    const page = await signedIn(ANNA, language, viewport, true);
    annasTablets.set(language.locale, page);
    return page;
  }

  for (const language of [SWEDISH, ARABIC]) {
    for (const { size, viewport } of [
      { size: 'a phone', viewport: PHONE },
      { size: 'a desktop', viewport: DESKTOP },
    ]) {
      const dimensions = `${viewport.width}×${viewport.height}`;
      it(`has no WCAG 2.1 AA violations on the themes screen in ${language.name} on ${size} (${dimensions})`, async () => {
        const t = language.themes;
        const axe = collector();
        const id = await dialogueWithContributions(`Teman (${language.locale}, ${dimensions})`);
        const page = await annasTablet(language, viewport);
        await page.goto(`${server.url}/dialogues/${id}/themes`);
        await page.getByRole('heading', { level: 1, name: t.heading }).waitFor();
        await expect.poll(() => cardTexts(page, t.ungrouped), { timeout: 20_000 }).toHaveLength(4);
        expect(await page.evaluate(() => document.documentElement.dir)).toBe(
          language === ARABIC ? 'rtl' : 'ltr',
        );
        await axe.check(page, 'no themes yet');

        await page.getByRole('button', { name: t.new.add, exact: true }).click();
        await page.locator('#new-theme-name-error').getByText(language.app.errors.required).waitFor();
        await axe.check(page, 'an empty theme name refused');

        const first = language === ARABIC ? 'الأمان' : 'Trygghet';
        const second = language === ARABIC ? 'وقت الفراغ' : 'Fritid';
        await addTheme(page, first, t);
        await addTheme(page, second, t);
        await card(page, LIGHT).getByRole('button', { name: t.move, exact: true }).click();
        await column(page, first)
          .getByRole('button', { name: about(t.moveHere, first) })
          .click();
        await expect.poll(() => cardTexts(page, first)).toEqual([LIGHT]);
        const summary = column(page, first).getByRole('textbox', { name: about(t.summary.label, first) });
        await summary.fill(language === ARABIC ? 'إضاءة أفضل في الحديقة.' : 'Bättre ljus i parken.');
        await column(page, first).getByTestId('summary-status').getByText(t.summary.saved).waitFor();
        await axe.check(page, 'two themes, a card grouped and a summary saved');

        // A card picked up with the keyboard, over a theme.
        await card(page, BUSES).getByRole('button', { name: t.move, exact: true }).focus();
        await page.keyboard.press('Space');
        await page.keyboard.press('ArrowDown');
        await expect.poll(() => column(page, first).getAttribute('class')).toContain('drop-target');
        await axe.check(page, 'a card picked up, over a theme');
        await page.keyboard.press('Escape');
        expect(await page.getByRole('button', { name: new RegExp(`^${t.moveHere}`) }).count()).toBe(0);

        // Renaming with an empty name.
        const firstColumn = column(page, first);
        await firstColumn.getByRole('button', { name: about(t.rename, first) }).click();
        await firstColumn.getByLabel(t.renameLabel, { exact: true }).fill('');
        await firstColumn.getByRole('button', { name: t.save, exact: true }).click();
        await firstColumn.getByText(language.app.errors.required).waitFor();
        await axe.check(page, 'renaming a theme with an empty name');
        await firstColumn.getByRole('button', { name: t.cancel, exact: true }).click();

        // The delete confirmation.
        await firstColumn.getByRole('button', { name: about(t.delete, first) }).click();
        await firstColumn.getByRole('button', { name: t.deleteConfirm, exact: true }).waitFor();
        await axe.check(page, 'deleting a theme, asked to confirm');

        expect(axe.findings, 'WCAG 2.1 A/AA violations per screen').toEqual({});
      });
    }
  }
});
