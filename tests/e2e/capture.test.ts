/**
 * Capturing a citizen dialogue, in real Chromium against the real server: a facilitator opens a
 * dialogue, three phones join by its code (one loses the network after joining and delivers later),
 * everything reaches the facilitator live; a shared tablet in kiosk mode takes two participants in
 * turn, the second seeing nothing of the first, also after a reload, and wrong PINs earn a wait
 * that a reload does not end; post-its typed in bulk; a contribution hidden by a moderator.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, setUpServer, signedInDevice, type Person } from './support/accounts.ts';
import { contributionList, contributionTexts, createDialogue } from './support/app.ts';
import { launchBrowser, waitForServiceWorker } from './support/browser.ts';
import { APP_V1 } from './support/paths.ts';
import { CAPTURE, openForParticipants, P, phoneJoins, phoneWrites } from './support/participate.ts';
import { startServer, type AppServer } from './support/server.ts';

const ADMIN: Person = { username: 'admin', password: 'hemligt-lösen-1', displayName: 'Åsa Admin' };
const ANNA: Person = { username: 'anna', password: 'annas-lösen-1', displayName: 'Anna' };
const p = P.sv;

describe('capturing a dialogue', () => {
  let browser: Browser;
  let server: AppServer;
  let facilitator: { context: BrowserContext; page: Page };
  let code: string;
  let dialogueId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(APP_V1, { env: { LOGIN_LIMIT_PER_IP: '1000' } });
    const adminToken = await setUpServer(server, 'Borlänge', ADMIN);
    await createPerson(server, adminToken, ANNA, 'facilitator');
    facilitator = await signedInDevice(browser, server, ANNA);
    dialogueId = await createDialogue(facilitator.page, {
      title: 'Trygghet',
      question: 'Vad gör dig trygg?',
    });
    code = await openForParticipants(facilitator.page);
  });
  afterAll(async () => {
    await browser.close();
    await server.dispose();
  });

  it('shows the code and a QR code of <server>/j/<code>', async () => {
    expect(code).toMatch(/^[ACDEFHJKMNPQRTUVWXY3479]{6}$/);
    await facilitator.page.getByTestId('join-qr').waitFor();
    expect(await facilitator.page.getByTestId('join-link').textContent()).toBe(`${server.url}/j/${code}`);
  });

  it('takes contributions from three phones, one of them offline after joining, to the facilitator live', async () => {
    const phones = await Promise.all([0, 1, 2].map(() => phoneJoins(browser, server.url, code)));
    const [first, second, third] = phones as [(typeof phones)[0], (typeof phones)[0], (typeof phones)[0]];
    // The third loses the network after joining: its answer waits on the phone.
    await waitForServiceWorker(third.page);
    await third.context.setOffline(true);
    await phoneWrites(first.page, 'Mer ljus i parken');
    await phoneWrites(second.page, 'Vuxna på fritidsgården på kvällen');
    await phoneWrites(third.page, 'Bussar som går oftare');
    await third.page.getByTestId('delivery').getByText(p.mine.waiting).waitFor();
    // Still there after a reload without a network.
    await third.page.reload();
    await third.page.getByTestId('delivery').getByText(p.mine.waiting).waitFor();

    const list = contributionList(facilitator.page);
    await list.getByText('Mer ljus i parken').waitFor({ timeout: 15_000 });
    await list.getByText('Vuxna på fritidsgården på kvällen').waitFor({ timeout: 15_000 });
    expect(await contributionTexts(facilitator.page)).not.toContain('Bussar som går oftare');

    await third.context.setOffline(false);
    await third.page.getByTestId('delivery').getByText(p.mine.delivered).waitFor({ timeout: 20_000 });
    await list.getByText('Bussar som går oftare').waitFor({ timeout: 15_000 });

    // Each phone has a receipt code; it shows where the dialogue stands.
    await first.page.getByRole('button', { name: p.sent.done }).click();
    const receipt = (await first.page.getByTestId('receipt-code').textContent())?.trim() ?? '';
    expect(receipt).toMatch(/^[ACDEFHJKMNPQRTUVWXY3479]{10}$/);
    await first.page.goto(`${server.url}/r/${receipt}`);
    expect(await first.page.getByTestId('receipt-status').textContent()).toBe(p.receiptPage.status.open);
    for (const phone of phones) await phone.context.close();
  });

  it('takes two participants in turn on a kiosk tablet with no network; the second sees nothing of the first', async () => {
    const tablet = await signedInDevice(browser, server, ANNA);
    const { page, context } = tablet;
    await page.goto(`${server.url}/dialogues/${dialogueId}`);
    await page.getByRole('button', { name: CAPTURE.kiosk.open }).click();
    await page.getByLabel(CAPTURE.kiosk.pin, { exact: true }).fill('2468');
    await page.getByLabel(CAPTURE.kiosk.repeat, { exact: true }).fill('2468');
    await page.getByRole('button', { name: CAPTURE.kiosk.start }).click();
    const answer = page.getByLabel(p.write.label, { exact: true });
    await answer.waitFor();
    await context.setOffline(true);

    await answer.fill('Första personens hemlighet');
    await page.getByRole('button', { name: p.write.send }).click();
    await page.getByRole('heading', { name: p.kiosk.thanks }).waitFor();
    await page.getByRole('button', { name: p.kiosk.next }).click();
    await answer.waitFor();
    expect(await answer.inputValue()).toBe('');
    expect(await page.content()).not.toContain('Första personens hemlighet');

    // The second starts to type; a reload (or anyone) finds an empty kiosk, still locked.
    await answer.fill('Andra personens utkast');
    await page.reload();
    await answer.waitFor();
    expect(await answer.inputValue()).toBe('');
    expect(await page.content()).not.toContain('Andra personens utkast');
    expect(await page.content()).not.toContain('Första personens hemlighet');
    // The address does not lead out of kiosk mode.
    await page.goto(`${server.url}/`);
    await answer.waitFor();

    // Leaving needs the PIN. Five wrong ones earn a wait, which a reload does not end.
    const pinField = page.getByLabel(p.kiosk.pinLabel, { exact: true });
    const tryPin = async (pin: string) => {
      await pinField.fill(pin);
      await page.getByRole('button', { name: p.kiosk.unlock }).click();
    };
    const waitText = new RegExp(p.kiosk.waitPin.replace('{{seconds}}', '(\\d+)').replace(/\./g, '\\.'));
    await page.getByRole('button', { name: p.kiosk.exit }).click();
    for (const wrong of ['1111', '1234', '0000', '2222']) {
      await tryPin(wrong);
      await expect.poll(() => pinField.inputValue()).toBe('');
      await page.locator('#kiosk-pin-error').getByText(p.kiosk.wrongPin).waitFor();
    }
    await tryPin('9999');
    await page.locator('#kiosk-pin-error').getByText(waitText).waitFor();
    // The tablet's clock is Playwright's from here, so the wait can pass without being sat through:
    // it runs as the real one does until it is moved on below (the app counts by Date.now()).
    await context.clock.install();
    await page.reload();
    await answer.waitFor();
    await page.getByRole('button', { name: p.kiosk.exit }).click();
    await tryPin('2468'); // right, but still within the wait: not even checked
    const refusal = page.locator('#kiosk-pin-error').getByText(waitText);
    await refusal.waitFor();
    const left = Number(waitText.exec((await refusal.textContent()) ?? '')?.[1]);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(30);
    await context.clock.fastForward(left * 1000 + 500);
    await tryPin('2468');
    await page.getByRole('heading', { level: 1, name: 'Trygghet' }).waitFor();
    await expect.poll(() => contributionTexts(page)).toContain('Första personens hemlighet');

    await context.setOffline(false);
    await contributionList(facilitator.page)
      .getByText('Första personens hemlighet')
      .waitFor({ timeout: 20_000 });
    await context.close();
  });

  it('types in post-its in bulk, one per line, each with its language', async () => {
    const page = facilitator.page;
    await page
      .getByLabel(CAPTURE.paper.label, { exact: true })
      .fill('Fler lampor\nSafer bike paths\n\nMindre skräp');
    // Each line's language in the language picker: typed, the best match taken with Enter.
    const line2 = page.getByRole('combobox', {
      name: CAPTURE.paper.lineLanguage.replace('{{n}}', '2'),
      exact: true,
    });
    await line2.fill('engelska');
    await line2.press('Enter');
    await expect.poll(() => line2.inputValue()).toMatch(/^engelska/);
    await page.getByRole('button', { name: 'Spara 3 bidrag' }).click();
    await page.getByText('3 bidrag sparade.').waitFor();
    const list = contributionList(page);
    for (const text of ['Fler lampor', 'Safer bike paths', 'Mindre skräp'])
      await list.getByText(text).waitFor();
    expect(await list.getByText('Safer bike paths').getAttribute('lang')).toBe('en');
    expect(await list.getByText('Fler lampor').getAttribute('lang')).toBe('sv');
  });

  it('hides a contribution with a reason: gone from the list and the count, shown to admins with the reason', async () => {
    const page = facilitator.page;
    const count = Number(await page.getByTestId('contribution-count').textContent());
    const item = contributionList(page).locator('li', { hasText: 'Mindre skräp' });
    await item.getByRole('button', { name: CAPTURE.moderation.hide }).click();
    await page.getByLabel(CAPTURE.moderation.reason, { exact: true }).fill('Test av moderering');
    await page.getByRole('button', { name: CAPTURE.moderation.confirm }).click();
    await expect.poll(() => contributionTexts(page)).not.toContain('Mindre skräp');
    expect(Number(await page.getByTestId('contribution-count').textContent())).toBe(count - 1);

    const admin = await signedInDevice(browser, server, ADMIN);
    await admin.page.goto(`${server.url}/dialogues/${dialogueId}`);
    const hidden = admin.page.getByText(/dolt bidrag/);
    await hidden.waitFor({ timeout: 15_000 });
    await hidden.click();
    await admin.page.getByText(/Dolt: Test av moderering \(Anna/).waitFor();
    await admin.context.close();
  });
});
