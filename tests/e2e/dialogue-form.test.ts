/**
 * The dialogue form against the real server: a facilitator fills in every field (focus areas and
 * articles by keyboard only), creates the dialogue, sees its details, reloads, edits the place and
 * an article, and another tablet gets it all through the server. Bad input is refused with the
 * field's own message and nothing typed is lost. axe finds nothing on the form or the details, in
 * Swedish and Arabic, on a phone and a desktop.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import arApp from '../../locales/ar/app.json' with { type: 'json' };
import arForm from '../../locales/ar/dialogueForm.json' with { type: 'json' };
import svApp from '../../locales/sv/app.json' with { type: 'json' };
import svCrc from '../../locales/sv/crc.json' with { type: 'json' };
import svForm from '../../locales/sv/dialogueForm.json' with { type: 'json' };
import { createPerson, setUpServer, signIn, type Person } from './support/accounts.ts';
import { dialogueIdOf, savedDraft } from './support/app.ts';
import { axeViolations, DESKTOP, launchBrowser, PHONE, type AxeFinding } from './support/browser.ts';
import { APP_V1 } from './support/paths.ts';
import { startServer, type AppServer } from './support/server.ts';

const ADMIN: Person = { username: 'admin', password: 'hemligt-lösen-1', displayName: 'Åsa Admin' };
const FIA: Person = { username: 'fia', password: 'fias-lösenord-1', displayName: 'Fia' };
const BO: Person = { username: 'bo', password: 'bos-lösenord-1', displayName: 'Bo' };

const TITLE = 'Trygghet i centrum';
const QUESTION = 'Vad kan kommunen göra för att du ska känna dig trygg?';
const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name]));
const article = (n: 2 | 3 | 12 | 31) => fill(svCrc.article, { number: n, title: svCrc[`a${n}`] });

function activeId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.activeElement?.id);
}

async function tab(page: Page, expectedId: string, shift = false): Promise<void> {
  await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
  expect(await activeId(page)).toBe(expectedId);
}

/** The article checkboxes shown now (the search narrows them). */
function articleBoxes(page: Page, prefix = 'dialogue') {
  return page.locator(`input[type="checkbox"][id^="${prefix}-article-"]`);
}

/** The details list on a dialogue page, as { label: value }. */
async function details(page: Page, heading = svForm.details.heading): Promise<Record<string, string>> {
  const region = page.getByRole('region', { name: heading });
  await region.waitFor();
  return region.evaluate((section) =>
    Object.fromEntries(
      [...section.querySelectorAll('dt')].map((dt) => [
        dt.textContent?.trim() ?? '',
        (dt.nextElementSibling as HTMLElement | null)?.innerText.replace(/\s+/g, ' ').trim() ?? '',
      ]),
    ),
  );
}

describe('the dialogue form', () => {
  let browser: Browser;
  let server: AppServer;
  const contexts: BrowserContext[] = [];

  /** A tablet in Stockholm: the date-and-time field speaks the device's local time. */
  async function open(
    locale = 'sv-SE',
    viewport: { width: number; height: number } = DESKTOP,
  ): Promise<Page> {
    const context = await browser.newContext({ locale, viewport, timezoneId: 'Europe/Stockholm' });
    contexts.push(context);
    return context.newPage();
  }

  async function signedIn(person: Person): Promise<Page> {
    const page = await open();
    await page.goto(`${server.url}/sign-in`);
    await signIn(page, person);
    await page.getByTestId('signed-in-as').waitFor();
    return page;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(APP_V1, { env: { LOGIN_LIMIT_PER_IP: '1000' } });
    const adminToken = await setUpServer(server, 'Borlänge', ADMIN);
    await createPerson(server, adminToken, FIA, 'facilitator');
    await createPerson(server, adminToken, BO, 'facilitator');
  });
  afterAll(async () => {
    await browser.close();
    await server.dispose();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  it('takes every field, by keyboard for focus areas and articles; shows, keeps, edits and syncs them', async () => {
    const page = await signedIn(FIA);
    await page.getByRole('link', { name: svApp.dialogues.new, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: svApp.newDialogue.heading }).waitFor();

    await page.getByLabel(svApp.newDialogue.titleLabel, { exact: true }).fill(TITLE);
    await page.getByLabel(svApp.newDialogue.questionLabel, { exact: true }).fill(QUESTION);
    await page.getByLabel(svForm.fields.targetGroup, { exact: true }).fill('Årskurs 8 på Forsbackaskolan');
    await page.getByLabel(svForm.fields.ageFrom, { exact: true }).fill('13');
    await page.getByLabel(svForm.fields.ageTo, { exact: true }).fill('15');
    await page
      .getByLabel(svForm.fields.method, { exact: true })
      .selectOption({ label: svForm.methods.school });
    await page.getByLabel(svForm.fields.place, { exact: true }).fill('Aulan');
    await page.getByLabel(svForm.fields.startsAt, { exact: true }).fill('2026-05-14T18:30');

    // Focus areas and articles: Tab, Space and typing only.
    await page.locator('#dialogue-focus-equalHealth').focus();
    await page.keyboard.press('Space');
    await tab(page, 'dialogue-focus-equalSafety');
    await page.keyboard.press('Space');
    await tab(page, 'dialogue-focus-equalLearning');
    await tab(page, 'dialogue-articles-filter');
    expect(await articleBoxes(page).count()).toBe(54);
    await page.keyboard.type('åsikt');
    await expect.poll(() => articleBoxes(page).count()).toBe(1);
    await page.getByText(fill(svForm.articles.showing, { shown: 1, total: 54 })).waitFor();
    // Enter in the search field narrows; it does not send the form.
    await page.keyboard.press('Enter');
    await tab(page, 'dialogue-article-12');
    await page.keyboard.press('Space');
    await tab(page, 'dialogue-articles-filter', true);
    for (let i = 0; i < 'åsikt'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('2');
    await expect.poll(() => articleBoxes(page).count()).toBe(11); // 2 and 20–29
    await tab(page, 'dialogue-article-2');
    await page.keyboard.press('Space');
    await tab(page, 'dialogue-articles-filter', true);
    await page.keyboard.press('Backspace');
    await page.keyboard.type('31');
    await tab(page, 'dialogue-article-31');
    await page.keyboard.press('Space');
    await page.getByText(fill(svForm.articles.chosen_other, { count: 3 }), { exact: true }).waitFor();
    await tab(page, 'dialogue-facilitators');
    await page.keyboard.type('Anna Berg och Bo Lind');
    expect(new URL(page.url()).pathname).toBe('/dialogues/new');
    expect(await page.getByRole('alert').count()).toBe(0);

    // Background questions: none by default.
    for (const id of ['ageBand', 'gender', 'area']) {
      expect(await page.locator(`#dialogue-background-${id}`).isChecked()).toBe(false);
    }
    await tab(page, 'dialogue-background-ageBand');
    await page.keyboard.press('Space');
    await tab(page, 'dialogue-background-gender');
    await tab(page, 'dialogue-background-area');
    await page.keyboard.press('Space');
    await tab(page, 'dialogue-areaOptions');
    await page.keyboard.type('Forsbacka\nTjärna');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    await page.waitForURL(/\/dialogues\/[0-9a-f-]{36}$/);
    const id = dialogueIdOf(page);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const expected = {
      [svForm.fields.targetGroup]: 'Årskurs 8 på Forsbackaskolan',
      [svForm.fields.ages]: fill(svForm.details.ageRange, { from: 13, to: 15 }),
      [svForm.fields.method]: svForm.methods.school,
      [svForm.fields.place]: 'Aulan',
      [svForm.fields.startsAt]: '14 maj 2026 18:30',
      [svForm.fields.focusAreas]: `${svCrc.focusAreas.equalHealth} och ${svCrc.focusAreas.equalSafety}`,
      [svForm.articles.legend]: `${article(2)} ${article(12)} ${article(31)}`,
      [svForm.fields.facilitators]: 'Anna Berg och Bo Lind',
      [svForm.details.backgroundQuestions]:
        `${svForm.background.ageBand} och ${svForm.background.area} Forsbacka Tjärna`,
    };
    expect(await details(page)).toEqual(expected);

    // Stored on the device: a reload shows the same.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(await details(page)).toEqual(expected);

    // The edit form shows every value back, the time as it was typed.
    await page.getByRole('button', { name: svApp.dialogueEdit.edit }).click();
    expect(await page.locator('#edit-startsAt').inputValue()).toBe('2026-05-14T18:30');
    expect(await page.locator('#edit-ageFrom').inputValue()).toBe('13');
    expect(await page.locator('#edit-method').inputValue()).toBe('school');
    expect(await page.locator('#edit-areaOptions').inputValue()).toBe('Forsbacka\nTjärna');
    for (const n of [2, 12, 31]) expect(await page.locator(`#edit-article-${n}`).isChecked()).toBe(true);
    expect(await page.locator('#edit-article-3').isChecked()).toBe(false);
    await page.getByLabel(svForm.fields.place, { exact: true }).fill('Biblioteket');
    await page.locator('#edit-articles-filter').fill('barnets bästa');
    await page.locator('#edit-article-3').check();
    await page.getByRole('button', { name: svApp.dialogueEdit.save }).click();
    await page.getByText(svApp.dialogueEdit.saved).waitFor();
    const edited = {
      ...expected,
      [svForm.fields.place]: 'Biblioteket',
      [svForm.articles.legend]: `${article(2)} ${article(3)} ${article(12)} ${article(31)}`,
    };
    await expect.poll(() => details(page)).toEqual(edited);
    await page.getByTestId('waiting').getByText(svApp.status.allSynced).waitFor({ timeout: 20_000 });

    // Another tablet of the municipality gets every field through the server.
    const other = await signedIn(BO);
    await other.goto(`${server.url}/dialogues/${id}`);
    await other.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: 20_000 });
    await expect.poll(() => details(other), { timeout: 20_000 }).toEqual(edited);
  });

  it('refuses bad input with the field’s own message, keeping everything typed', async () => {
    const page = await open();
    await page.goto(`${server.url}/dialogues/new`);
    const title = page.getByLabel(svApp.newDialogue.titleLabel, { exact: true });
    const question = page.getByLabel(svApp.newDialogue.questionLabel, { exact: true });
    const place = page.getByLabel(svForm.fields.place, { exact: true });
    const ageFrom = page.getByLabel(svForm.fields.ageFrom, { exact: true });
    const ageTo = page.getByLabel(svForm.fields.ageTo, { exact: true });
    const create = page.getByRole('button', { name: svApp.newDialogue.create });
    await question.fill(QUESTION);
    await place.fill('Aulan');
    await page.locator('#dialogue-article-12').check();

    // Empty title.
    await create.click();
    const summary = page.getByRole('alert');
    await summary.getByText(svApp.errors.formHasErrors).waitFor();
    expect(await activeId(page)).toBe('new-dialogue-error');
    expect(await page.locator('#dialogue-title-error').textContent()).toBe(svApp.errors.required);
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    expect(await title.getAttribute('aria-describedby')).toContain('dialogue-title-error');
    expect(await question.inputValue()).toBe(QUESTION);
    expect(await place.inputValue()).toBe('Aulan');
    expect(await page.locator('#dialogue-article-12').isChecked()).toBe(true);
    // The summary's link takes the keyboard to the field.
    await summary
      .getByRole('link', { name: `${svApp.newDialogue.titleLabel}: ${svApp.errors.required}` })
      .click();
    expect(await activeId(page)).toBe('dialogue-title');
    expect(new URL(page.url()).pathname).toBe('/dialogues/new');

    // "From" above "to": the error is on "to".
    await title.fill(TITLE);
    await ageFrom.fill('16');
    await ageTo.fill('12');
    await create.click();
    await page.locator('#dialogue-ageTo-error').getByText(svForm.errors.ageOrder).waitFor();
    expect(await ageTo.getAttribute('aria-invalid')).toBe('true');
    expect(await ageTo.getAttribute('aria-describedby')).toContain('dialogue-ageTo-error');
    expect(await ageFrom.getAttribute('aria-invalid')).toBeNull();
    expect(await page.locator('#dialogue-title-error').count()).toBe(0);
    expect(await ageFrom.inputValue()).toBe('16');
    expect(await ageTo.inputValue()).toBe('12');

    // A date without a time is not taken for "no time".
    await ageTo.fill('17');
    await page.locator('#dialogue-startsAt').focus();
    await page.keyboard.type('20260514');
    await create.click();
    await page.locator('#dialogue-startsAt-error').getByText(svForm.errors.startsAt).waitFor();
    expect(await page.locator('#dialogue-ageTo-error').count()).toBe(0);
    await page.locator('#dialogue-startsAt').fill('2026-05-14T09:15');

    // A title over 120 characters.
    // 121 characters that stay 121 when trimmed.
    const long = `${'Trygghet och ljus i centrum '.repeat(5).slice(0, 120)}!`;
    await title.fill(long);
    expect(await page.locator('#dialogue-title-count').textContent()).toBe(
      fill(svApp.field.count, { count: 121, max: 120 }),
    );
    await create.click();
    await page
      .locator('#dialogue-title-error')
      .getByText(fill(svApp.errors.tooLong, { max: 120 }))
      .waitFor();
    expect(await title.inputValue()).toBe(long);
    expect(await question.inputValue()).toBe(QUESTION);
    expect(new URL(page.url()).pathname).toBe('/dialogues/new');

    // Everything typed is in the autosaved draft: a reload loses nothing.
    // The draft saves 200 ms after the last change: once it holds that change, reload.
    await expect
      .poll(() => savedDraft(page, 'new-dialogue'))
      .toMatchObject({ title: long, startsAt: '2026-05-14T09:15' });
    await page.reload();
    await page.getByText(svApp.newDialogue.draftRestored).waitFor();
    expect(await title.inputValue()).toBe(long);
    expect(await question.inputValue()).toBe(QUESTION);
    expect(await place.inputValue()).toBe('Aulan');
    expect(await ageFrom.inputValue()).toBe('16');
    expect(await ageTo.inputValue()).toBe('17');
    expect(await page.locator('#dialogue-startsAt').inputValue()).toBe('2026-05-14T09:15');
    expect(await page.locator('#dialogue-article-12').isChecked()).toBe(true);
    expect(await page.locator('#dialogue-article-2').isChecked()).toBe(false);

    // Put right, it is created with what was typed all along.
    await title.fill(long.slice(0, 120));
    await create.click();
    await page.waitForURL(/\/dialogues\/[0-9a-f-]{36}$/);
    const shown = await details(page);
    expect(shown[svForm.fields.ages]).toBe(fill(svForm.details.ageRange, { from: 16, to: 17 }));
    expect(shown[svForm.fields.startsAt]).toBe('14 maj 2026 09:15');
    expect(shown[svForm.articles.legend]).toBe(article(12));
  });

  for (const { language, locale, app, form } of [
    { language: 'Swedish', locale: 'sv-SE', app: svApp, form: svForm },
    { language: 'Arabic', locale: 'ar', app: arApp, form: arForm },
  ]) {
    it(`has no WCAG 2.1 AA violations on the form and the details in ${language}, on a phone and a desktop`, async () => {
      const page = await open(locale, PHONE);
      const findings: Record<string, AxeFinding[]> = {};
      const check = async (where: string) => {
        for (const viewport of [PHONE, DESKTOP]) {
          await page.setViewportSize(viewport);
          const violations = await axeViolations(page);
          if (violations.length > 0)
            findings[`${where} at ${viewport.width}×${viewport.height}`] = violations;
        }
      };

      await page.goto(`${server.url}/dialogues/new`);
      await page.getByRole('heading', { level: 1, name: app.newDialogue.heading }).waitFor();
      await page.locator('#dialogue-background-area').check();
      await check('the new-dialogue form');

      // Sent by keyboard: after a resize with a field focused, Chromium scrolls as focus leaves it,
      // and a click would land beside the button.
      await page.getByRole('button', { name: app.newDialogue.create }).press('Enter');
      await page.getByRole('alert').getByText(app.errors.formHasErrors).waitFor();
      await page.locator('#dialogue-ageFrom').fill('16');
      await page.locator('#dialogue-ageTo').fill('12');
      await page.getByRole('button', { name: app.newDialogue.create }).press('Enter');
      await page.locator('#dialogue-ageTo-error').getByText(form.errors.ageOrder).waitFor();
      await check('the new-dialogue form with its errors');

      await page.locator('#dialogue-title').fill(TITLE);
      await page.locator('#dialogue-question').fill(QUESTION);
      await page.locator('#dialogue-targetGroup').fill('Årskurs 8');
      await page.locator('#dialogue-ageTo').fill('18');
      await page.locator('#dialogue-method').selectOption('digitalRoom');
      await page.locator('#dialogue-place').fill('Aulan');
      await page.locator('#dialogue-startsAt').fill('2026-05-14T18:30');
      for (const id of [
        'focus-equalLearning',
        'article-2',
        'article-12',
        'article-31',
        'background-gender',
      ]) {
        await page.locator(`#dialogue-${id}`).check();
      }
      await page.locator('#dialogue-facilitators').fill('Anna Berg');
      await page.locator('#dialogue-areaOptions').fill('Forsbacka\nTjärna');
      await page.locator('#dialogue-articles-filter').fill('12');
      await check('the new-dialogue form, filled in and filtered');

      await page.getByRole('button', { name: app.newDialogue.create }).press('Enter');
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      expect(Object.keys(await details(page, form.details.heading))).toHaveLength(9);
      await check('the dialogue page with its details');

      await page.getByRole('button', { name: app.dialogueEdit.edit }).press('Enter');
      await page.locator('#edit-title').waitFor();
      await check('the dialogue page with the edit form open');
      expect(findings, 'WCAG 2.1 A/AA violations per screen').toEqual({});
    });
  }
});
