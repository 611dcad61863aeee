/**
 * Feedback (återkoppling), in real Chromium against the real server: an official's decision,
 * recorded with its committee and date and translated, reaches a participant's phone in the
 * participant's language, through the dialogue link and through the receipt code; the dialogue list
 * says how many days it took, and flags a dialogue closed more than 90 days without feedback. A
 * decision without a date is refused with a message.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createPerson, setUpServer, signIn, type Person } from './support/accounts.ts';
import { collector, launchBrowser, newContext, PHONE, waitForServiceWorker } from './support/browser.ts';
import { APP_V1 } from './support/paths.ts';
import { apiSignIn, CAPTURE, commandsByApi, dialogueByApi, P, phoneWrites } from './support/participate.ts';
import { startServer, type AppServer } from './support/server.ts';
import svApp from '../../locales/sv/app.json' with { type: 'json' };

const ADMIN: Person = { username: 'admin', password: 'hemligt-lösen-1', displayName: 'Åsa Admin' };
const OLLE: Person = { username: 'olle', password: 'olles-lösen-1', displayName: 'Olle Official' };
const ANNA: Person = { username: 'anna', password: 'annas-lösen-1', displayName: 'Anna' };
const DAY = 86_400_000;
const fb = CAPTURE.feedback;

describe('feedback to participants', () => {
  let browser: Browser;
  let server: AppServer;
  let anna: { token: string; tenantId: string };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(APP_V1, { env: { LOGIN_LIMIT_PER_IP: '1000' } });
    const adminToken = await setUpServer(server, 'Borlänge', ADMIN);
    await createPerson(server, adminToken, OLLE, 'official');
    await createPerson(server, adminToken, ANNA, 'facilitator');
    const committees = await api(
      server,
      'PATCH',
      '/api/municipality',
      { committees: [{ name: 'Kommunstyrelsen' }, { name: 'Fritidsnämnden' }] },
      adminToken,
    );
    expect(committees.status).toBe(200);
    anna = await apiSignIn(server, ANNA);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser.close();
    await server.dispose();
  });

  async function open(viewport = { width: 1024, height: 768 }, locale = 'sv-SE'): Promise<Page> {
    const context = await newContext(browser, { viewport, locale });
    contexts.push(context);
    return context.newPage();
  }

  it('reaches the participant in their language, through the link and the receipt code', async () => {
    const { id, code } = await dialogueByApi(server, anna.token, anna.tenantId, {
      title: 'Fritidsgården',
      question: 'Vad vill du göra på kvällarna?',
    });

    // A participant joins in English and writes.
    const phone = await open(PHONE, 'en-GB');
    await phone.goto(`${server.url}/j/${code}`);
    await phone.getByRole('button', { name: 'English', exact: true }).click();
    await phone.getByRole('button', { name: P.en.consent.agree }).click();
    await phoneWrites(phone, 'Open the youth centre on Fridays', P.en);
    await phone.getByTestId('delivery').getByText(P.en.mine.delivered).waitFor({ timeout: 20_000 });
    await waitForServiceWorker(phone);

    // Closed ten days ago, then reported.
    await commandsByApi(server, anna.token, anna.tenantId, id, [
      {
        command: 'close',
        status: 'closed',
        fields: { closedAt: new Date(Date.now() - 10 * DAY).toISOString() },
      },
      { command: 'report', status: 'reported' },
    ]);

    // The official records the decision: first without a date (refused), then complete.
    const page = await open();
    await page.goto(`${server.url}/sign-in`);
    await signIn(page, OLLE);
    await page.getByTestId('signed-in-as').waitFor();
    await page.goto(`${server.url}/dialogues/${id}`);
    const axe = collector();
    await page.getByRole('heading', { name: fb.heading }).waitFor({ timeout: 15_000 });
    await page.getByLabel(fb.committee, { exact: true }).selectOption({ label: 'Fritidsnämnden' });
    await page
      .getByLabel(fb.text, { exact: true })
      .fill('Fritidsgården har öppet på fredagar från och med mars.');
    await page.getByRole('button', { name: fb.save }).click();
    await page.locator('#feedback-date-error').getByText(svApp.errors.required).waitFor();
    expect(await page.getByLabel(fb.text, { exact: true }).inputValue()).toBe(
      'Fritidsgården har öppet på fredagar från och med mars.',
    );
    await axe.check(page, 'the feedback form with an error');
    await page.getByLabel(fb.date, { exact: true }).fill('2026-11-20');
    await page.getByRole('button', { name: fb.save }).click();
    await page.getByTestId('feedback-item').waitFor();
    await page.locator('.badge').getByText(svApp.dialogueStatus.feedbackGiven).waitFor();

    // Translated into English.
    const item = page.getByTestId('feedback-item');
    await item
      .getByLabel(CAPTURE.translations.text, { exact: true })
      .fill('The youth centre is open on Fridays from March.');
    await item.getByRole('button', { name: CAPTURE.translations.add }).click();
    await item.getByText('The youth centre is open on Fridays from March.').waitFor();
    await axe.check(page, 'the dialogue with its feedback and translation');

    // The list: feedback given ten days after closing.
    await page.goto(server.url);
    await page
      .getByTestId('feedback-days')
      .getByText('Återkoppling efter 10 dagar')
      .waitFor({ timeout: 15_000 });

    // The participant's phone shows it in English, with the Swedish original a click away.
    await phone.reload();
    await phone
      .getByTestId('feedback-text')
      .getByText('The youth centre is open on Fridays from March.')
      .waitFor({ timeout: 20_000 });
    await axe.check(phone, 'the participant’s feedback view');
    const receipt = (await phone.getByTestId('receipt-code').textContent())?.trim();
    await phone.goto(`${server.url}/r/${receipt}`);
    await phone
      .getByTestId('feedback-text')
      .getByText('The youth centre is open on Fridays from March.')
      .waitFor();
    await axe.check(phone, 'the receipt page with feedback');
    expect(axe.findings, 'WCAG 2.1 A/AA violations per screen').toEqual({});
  });

  it('flags a dialogue closed more than 90 days ago without feedback', async () => {
    const { id } = await dialogueByApi(server, anna.token, anna.tenantId, {
      title: 'Gamla parken',
      question: 'Q?',
    });
    await commandsByApi(server, anna.token, anna.tenantId, id, [
      {
        command: 'close',
        status: 'closed',
        fields: { closedAt: new Date(Date.now() - 100 * DAY).toISOString() },
      },
    ]);
    const page = await open();
    await page.goto(`${server.url}/sign-in`);
    await signIn(page, ANNA);
    await page.getByTestId('signed-in-as').waitFor();
    await page.goto(server.url);
    const card = page.locator('li.card', { hasText: 'Gamla parken' });
    await card
      .getByTestId('feedback-overdue')
      .getByText('Ingen återkoppling på 100 dagar')
      .waitFor({ timeout: 15_000 });
    expect(
      await page.locator('li.card', { hasText: 'Fritidsgården' }).getByTestId('feedback-overdue').count(),
    ).toBe(0);
  });
});
