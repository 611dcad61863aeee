/**
 * The participant's side on a phone (360×740), against the real server: every screen of the flow
 * passes axe in Swedish and Arabic, on a phone and a tablet; and bad input gets a clear message
 * and loses nothing: an unknown code, a closed dialogue, an empty or over-long answer, a flood from
 * one phone, markup in an answer (shown as text, never run).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { api, createPerson, setUpServer, type Person } from './support/accounts.ts';
import {
  collector,
  DESKTOP,
  launchBrowser,
  newContext,
  PHONE,
  waitForServiceWorker,
} from './support/browser.ts';
import { APP_V1 } from './support/paths.ts';
import { apiSignIn, dialogueByApi, P, phoneJoins, phoneWrites, recordsByApi } from './support/participate.ts';
import { startServer, type AppServer } from './support/server.ts';
import { SHIPPED_LOCALES } from '../../src/client/i18n/shipped-locales.ts';
import svApp from '../../locales/sv/app.json' with { type: 'json' };
import svSync from '../../locales/sv/sync.json' with { type: 'json' };

const ADMIN: Person = { username: 'admin', password: 'hemligt-lösen-1', displayName: 'Åsa Admin' };
const ANNA: Person = { username: 'anna', password: 'annas-lösen-1', displayName: 'Anna' };
const BACKGROUND = {
  backgroundQuestions: ['ageBand', 'gender', 'area'],
  areaOptions: ['Forsbacka', 'Tjärna Ängar'],
};

describe('a participant on a phone', () => {
  let browser: Browser;
  let server: AppServer;
  let staff: { token: string; tenantId: string };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    // A low limit per phone, so a flood is quick to make.
    server = await startServer(APP_V1, {
      env: { LOGIN_LIMIT_PER_IP: '1000', PARTICIPANT_LIMIT_PER_DEVICE: '4' },
    });
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

  async function phone(locale = 'sv-SE', viewport: { width: number; height: number } = PHONE): Promise<Page> {
    const context = await newContext(browser, { viewport, locale });
    contexts.push(context);
    return context.newPage();
  }

  const LANGUAGES = [
    { name: 'Swedish', locale: 'sv-SE', t: P.sv, button: 'Svenska' },
    { name: 'Arabic', locale: 'ar', t: P.ar, button: 'العربية' },
  ] as const;
  const SIZES = [
    { name: 'a phone', viewport: PHONE },
    { name: 'a tablet', viewport: DESKTOP },
  ] as const;

  for (const { name: language, locale, t, button } of LANGUAGES) {
    for (const { name: size, viewport } of SIZES) {
      it(`has no WCAG 2.1 AA violations on any participant screen in ${language} on ${size}`, async () => {
        const { code } = await dialogueByApi(server, staff.token, staff.tenantId, {
          title: 'Trygghet',
          question: 'Vad gör dig trygg?',
          ...BACKGROUND,
        });
        const page = await phone(locale, viewport);
        const axe = collector();
        await page.goto(`${server.url}/j`);
        await page.getByLabel(t.join.codeLabel, { exact: true }).fill('??');
        await page.getByRole('button', { name: t.join.go }).click();
        await page.getByText(t.join.malformed).waitFor();
        await axe.check(page, 'typing a code, with an error');

        await page.goto(`${server.url}/j/${code}`);
        await page.getByRole('button', { name: button, exact: true }).waitFor();
        await axe.check(page, 'choosing a language');
        await page.getByRole('button', { name: button, exact: true }).click();
        await page.getByRole('button', { name: t.consent.agree }).waitFor();
        await axe.check(page, 'the consent text');
        await page.getByRole('button', { name: t.consent.agree }).click();
        await page.getByRole('button', { name: t.write.send }).click();
        await page.getByRole('alert').first().waitFor();
        await axe.check(page, 'writing, with an error');
        await phoneWrites(page, 'أريد مكتبة مفتوحة في المساء', t);
        await axe.check(page, 'sent');
        await page.getByRole('button', { name: t.sent.done }).click();
        await page.getByRole('button', { name: t.background.skip }).waitFor();
        await axe.check(page, 'the background questions');
        await page.getByRole('button', { name: t.background.save }).click();
        await page.getByTestId('receipt-code').waitFor();
        await axe.check(page, 'thanks, with the receipt');
        const receipt = (await page.getByTestId('receipt-code').textContent())?.trim();
        await page.goto(`${server.url}/r/${receipt}`);
        await page.getByTestId('receipt-status').waitFor();
        await axe.check(page, 'the receipt page');

        const closed = await dialogueByApi(
          server,
          staff.token,
          staff.tenantId,
          { title: 'Stängd', question: 'Q?' },
          'closed',
        );
        await page.goto(`${server.url}/j/${closed.code}`);
        await page.getByTestId('closed').waitFor({ timeout: 15_000 });
        await axe.check(page, 'a closed dialogue');
        expect(axe.findings, 'WCAG 2.1 A/AA violations per screen').toEqual({});
      });
    }
  }

  it("chooses the writing language in the language picker, the dialogue's languages first, and sends it with the answer", async () => {
    const { id, code } = await dialogueByApi(server, staff.token, staff.tenantId, {
      title: 'T',
      question: 'Q?',
    });
    // The question translated into a language the app itself is not in: offered to write in too.
    await recordsByApi(server, staff.token, staff.tenantId, [
      {
        entity: 'translation',
        id: uuidv7(),
        fields: {
          dialogueId: id,
          targetEntity: 'dialogue',
          targetId: id,
          field: 'question',
          lang: 'it',
          text: 'Domanda?',
          translatedBy: 'Anna',
          createdAt: new Date().toISOString(),
        },
      },
    ]);
    const { page, context } = await phoneJoins(browser, server.url, code);
    contexts.push(context);
    const picker = page.getByRole('combobox', { name: P.sv.write.language, exact: true });
    // It starts at the language chosen on the first step.
    await expect.poll(() => picker.inputValue()).toBe('svenska');
    const shownCodes = () =>
      page
        .locator('#participant-lang-listbox [role="option"]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-code') ?? ''));
    await picker.focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(async () => (await shownCodes()).length).toBeGreaterThan(27);
    const suggested = await shownCodes();
    // The chosen language, then the dialogue's: the app's languages (easy-read Swedish is written in
    // Swedish) and the question's (Italian), before any other.
    const offered = new Set([...SHIPPED_LOCALES.map((l) => (l.code === 'sv-x-easy' ? 'sv' : l.code)), 'it']);
    expect(suggested[0]).toBe('sv');
    expect(new Set(suggested.slice(0, offered.size))).toEqual(offered);
    await page.keyboard.press('Escape');

    await page
      .getByLabel(P.sv.write.label, { exact: true })
      .fill('Waxaan rabaa meelo badan oo dhalinyaradu ku kulmaan.');
    await picker.fill('somaliska');
    await expect.poll(async () => (await shownCodes())[0]).toBe('so');
    await page.keyboard.press('Enter');
    await expect.poll(() => picker.inputValue()).toMatch(/^somaliska/);
    await page.getByRole('button', { name: P.sv.write.send }).click();
    await page.getByRole('heading', { name: P.sv.sent.heading }).waitFor();

    // On the server: the answer with the language chosen.
    await expect
      .poll(
        async () => {
          const { body } = await api<{
            changes: { entity: string; fields: { text?: string; lang?: string } }[];
          }>(server, 'GET', '/api/sync/pull?after=0&limit=1000', undefined, staff.token);
          return body.changes.find(
            (c) => c.entity === 'contribution' && c.fields.text?.startsWith('Waxaan rabaa'),
          )?.fields.lang;
        },
        { timeout: 20_000 },
      )
      .toBe('so');
  });

  it('says an unknown code is unknown, and that joining needs the network once', async () => {
    const page = await phone();
    await page.goto(`${server.url}/j/ACDEFH`);
    await page.getByTestId('join-problem').getByText(P.sv.join.unknownCode).waitFor();
    await waitForServiceWorker(page);
    const { code } = await dialogueByApi(server, staff.token, staff.tenantId, { title: 'T', question: 'Q?' });
    await page.context().setOffline(true);
    await page.goto(`${server.url}/j/${code}`);
    await page.getByTestId('join-problem').getByText(P.sv.join.needsNetwork).waitFor();
    await page.context().setOffline(false);
    await page.getByRole('button', { name: P.sv.join.retry }).click();
    await page.getByRole('button', { name: 'Svenska', exact: true }).waitFor({ timeout: 15_000 });
  });

  it('says a closed dialogue takes no answers, and offers no form', async () => {
    const closed = await dialogueByApi(
      server,
      staff.token,
      staff.tenantId,
      { title: 'Stängd', question: 'Q?' },
      'closed',
    );
    const page = await phone();
    await page.goto(`${server.url}/j/${closed.code}`);
    await page.getByTestId('closed').getByText(P.sv.closed.text).waitFor({ timeout: 15_000 });
    expect(await page.getByLabel(P.sv.write.label, { exact: true }).count()).toBe(0);
  });

  it('refuses an empty or over-long answer with a message, keeping the text', async () => {
    const { code } = await dialogueByApi(server, staff.token, staff.tenantId, { title: 'T', question: 'Q?' });
    const { page, context } = await phoneJoins(browser, server.url, code);
    contexts.push(context);
    const field = page.getByLabel(P.sv.write.label, { exact: true });
    await field.fill('   ');
    await page.getByRole('button', { name: P.sv.write.send }).click();
    await page.locator('#participant-text-error').getByText(svApp.errors.required).waitFor();
    const long = 'å'.repeat(2001);
    await field.fill(long);
    await page.getByRole('button', { name: P.sv.write.send }).click();
    await page.locator('#participant-text-error').waitFor();
    expect(await page.locator('#participant-text-error').textContent()).toContain('2000');
    expect(await field.inputValue()).toBe(long);
  });

  it('shows markup in an answer as text and never runs it', async () => {
    const { code } = await dialogueByApi(server, staff.token, staff.tenantId, { title: 'T', question: 'Q?' });
    const { page, context } = await phoneJoins(browser, server.url, code);
    contexts.push(context);
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await phoneWrites(page, evil);
    await page.getByText(evil, { exact: true }).waitFor();
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  });

  it('tells a phone that floods the dialogue to wait, and keeps what it wrote', async () => {
    const { code } = await dialogueByApi(server, staff.token, staff.tenantId, { title: 'T', question: 'Q?' });
    const { page, context } = await phoneJoins(browser, server.url, code);
    contexts.push(context);
    for (let i = 1; i <= 6; i++) {
      await phoneWrites(page, `Svar nummer ${i}`);
      await page.getByRole('button', { name: P.sv.sent.another }).click();
    }
    await page.getByTestId('sync-error').getByText(svSync.error.rateLimited).waitFor({ timeout: 20_000 });
    await expect
      .poll(() => page.getByTestId('delivery').getByText(P.sv.mine.waiting).count())
      .toBeGreaterThan(0);
    expect(await page.getByTestId('delivery').count()).toBe(6);
  });
});
