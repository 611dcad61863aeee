/**
 * Translations of content (issue 10, item 7), against the real server: a facilitator translates a
 * participant's Arabic contribution into Swedish on the dialogue page, choosing the language in the
 * language picker; the translation is a record of its own, shown under the untouched original with
 * who made it; the report shows both, each in its own language, with the translator. An official
 * may translate too; a youth council member is not offered it.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, setUpServer, signedInDevice, type Person } from './support/accounts.ts';
import { collector, launchBrowser } from './support/browser.ts';
import { APP_V1 } from './support/paths.ts';
import { apiSignIn, CAPTURE, dialogueByApi, recordsByApi } from './support/participate.ts';
import { startServer, type AppServer } from './support/server.ts';
import svReport from '../../locales/sv/report.json' with { type: 'json' };

const ADMIN: Person = { username: 'admin', password: 'hemligt-lösen-1', displayName: 'Åsa Admin' };
const ANNA: Person = { username: 'anna', password: 'annas-lösen-1', displayName: 'Anna Facilitator' };
const OLLE: Person = { username: 'olle', password: 'olles-lösen-1', displayName: 'Olle Official' };
const YLVA: Person = { username: 'ylva', password: 'ylvas-lösen-1', displayName: 'Ylva' };
const ARABIC = 'نريد مكتبة مفتوحة في المساء';
const SWEDISH = 'Vi vill ha ett bibliotek som är öppet på kvällen';
const t = CAPTURE.translations;

describe('translating a contribution', () => {
  let browser: Browser;
  let server: AppServer;
  let dialogueId = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(APP_V1, { env: { LOGIN_LIMIT_PER_IP: '1000' } });
    const adminToken = await setUpServer(server, 'Borlänge', ADMIN);
    await createPerson(server, adminToken, ANNA, 'facilitator');
    await createPerson(server, adminToken, OLLE, 'official');
    await createPerson(server, adminToken, YLVA, 'youthCouncil');
    const staff = await apiSignIn(server, ANNA);
    const dialogue = await dialogueByApi(server, staff.token, staff.tenantId, {
      title: 'Biblioteket',
      question: 'Vad vill du ha i biblioteket?',
    });
    dialogueId = dialogue.id;
    await recordsByApi(server, staff.token, staff.tenantId, [
      {
        entity: 'contribution',
        id: uuidv7(),
        fields: {
          dialogueId,
          text: ARABIC,
          lang: 'ar',
          channel: 'phone',
          participantKey: uuidv7(),
          createdAt: new Date().toISOString(),
        },
      },
    ]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser.close();
    await server.dispose();
  });

  it('is a record of its own under the original, by the facilitator, and the report shows both', async () => {
    const anna = await signedInDevice(browser, server, ANNA);
    contexts.push(anna.context);
    const page = anna.page;
    await page.goto(`${server.url}/dialogues/${dialogueId}`);
    const item = page.locator('li.contribution', { hasText: ARABIC });
    await item.waitFor({ timeout: 20_000 });
    await item.getByRole('button', { name: t.translate, exact: true }).click();

    // Into Swedish (offered first for a contribution in another language); the picker finds it by
    // its Swedish name anyway.
    const language = item.getByRole('combobox', { name: t.language, exact: true });
    await language.fill('svenska');
    await language.press('Enter');
    await expect.poll(() => language.inputValue()).toMatch(/^svenska/);
    await item.getByLabel(t.contributionText, { exact: true }).fill(SWEDISH);
    const axe = collector();
    await axe.check(page, 'the dialogue page with a contribution translation form');
    await item.getByRole('button', { name: t.add }).click();
    await item.getByText(t.saved).waitFor();

    // The original is untouched, the translation beside it with its language and translator.
    expect(await item.locator('p[lang="ar"]').textContent()).toBe(ARABIC);
    const translation = item.getByTestId('translation');
    await translation.waitFor();
    expect(await translation.locator('span[lang]').getAttribute('lang')).toBe('sv');
    expect(await translation.locator('span[lang]').getAttribute('dir')).toBe('auto');
    expect(await translation.locator('span[lang]').textContent()).toBe(SWEDISH);
    expect(await translation.textContent()).toContain(ANNA.displayName);
    expect(await translation.locator('bdi').allTextContents()).toContain(ANNA.displayName);
    expect(axe.findings).toEqual({});

    // The report: the original in Arabic, the Swedish translation with who made it.
    await page.goto(`${server.url}/dialogues/${dialogueId}/report`);
    const quote = page.getByTestId('report-quote').filter({ hasText: ARABIC });
    await quote.waitFor({ timeout: 20_000 });
    expect(await quote.locator('.original blockquote').getAttribute('lang')).toBe('ar');
    const shown = quote.getByTestId('report-translation');
    expect(await shown.locator('blockquote').getAttribute('lang')).toBe('sv');
    expect(await shown.locator('blockquote').textContent()).toBe(SWEDISH);
    expect((await shown.textContent())?.replace(/\s+/g, ' ')).toContain(
      svReport.quote.translatedBy.replace('{{name}}', ANNA.displayName),
    );
  });

  it('is offered to an official, not to a youth council member', async () => {
    const olle = await signedInDevice(browser, server, OLLE);
    contexts.push(olle.context);
    await olle.page.goto(`${server.url}/dialogues/${dialogueId}`);
    const item = olle.page.locator('li.contribution', { hasText: ARABIC });
    await item.getByTestId('translation').waitFor({ timeout: 20_000 });
    expect(await item.getByRole('button', { name: t.translate, exact: true }).count()).toBe(1);

    const ylva = await signedInDevice(browser, server, YLVA);
    contexts.push(ylva.context);
    await ylva.page.goto(`${server.url}/dialogues/${dialogueId}`);
    const seen = ylva.page.locator('li.contribution', { hasText: ARABIC });
    await seen.getByTestId('translation').waitFor({ timeout: 20_000 });
    expect(await seen.getByRole('button', { name: t.translate, exact: true }).count()).toBe(0);
  });
});
