/**
 * Accessibility of the facilitator's capture screens: axe finds no WCAG 2.1 A or AA violation on the
 * dialogue page of an open dialogue in each of its states (join panel, kiosk set-up with a PIN
 * error, paper entry with a preview, the hide-reason form, the question-translation form with an
 * error, an admin's view of the hidden contributions) nor on the kiosk screen (writing, thanks,
 * leaving with a wrong PIN), in Swedish and Arabic, on a phone and a desktop.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, setUpServer, type Person } from './support/accounts.ts';
import { contributionList, contributionTexts, TEXTS } from './support/app.ts';
import { collector, DESKTOP, launchBrowser, newContext, PHONE } from './support/browser.ts';
import { APP_V1 } from './support/paths.ts';
import { apiSignIn, dialogueByApi, P } from './support/participate.ts';
import { startServer, type AppServer } from './support/server.ts';
import arAccounts from '../../locales/ar/accounts.json' with { type: 'json' };
import svAccounts from '../../locales/sv/accounts.json' with { type: 'json' };
import arCapture from '../../locales/ar/capture.json' with { type: 'json' };
import svCapture from '../../locales/sv/capture.json' with { type: 'json' };

const ADMIN: Person = { username: 'admin', password: 'hemligt-lösen-1', displayName: 'Åsa Admin' };
const ANNA: Person = { username: 'anna', password: 'annas-lösen-1', displayName: 'Anna' };
const PIN = '2468';

const LANGUAGES = [
  {
    name: 'Swedish',
    locale: 'sv-SE',
    t: TEXTS.sv,
    p: P.sv,
    capture: svCapture,
    accounts: svAccounts,
    oneHidden: svCapture.moderation.hiddenHeading_one.replace('{{count}}', '1'),
  },
  {
    name: 'Arabic',
    locale: 'ar',
    t: TEXTS.ar,
    p: P.ar,
    capture: arCapture as unknown as typeof svCapture,
    accounts: arAccounts,
    oneHidden: arCapture.moderation.hiddenHeading_one,
  },
] as const;
type Language = (typeof LANGUAGES)[number];

const SIZES = [
  { name: 'a phone', viewport: PHONE },
  { name: 'a desktop', viewport: DESKTOP },
] as const;

const PAPER = ['Fler lampor vid busshållplatsen', 'Safer bike paths', 'مكتبة مفتوحة في المساء'];

describe('accessibility of the capture screens', () => {
  let browser: Browser;
  let server: AppServer;
  let staff: { token: string; tenantId: string };

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

  /**
   * The device of `person` in `language`, at `viewport`: signed in through the sign-in form the
   * first time, then shared by the checks at both sizes. Each works on a dialogue of its own and
   * leaves the kiosk again, and the layout follows the viewport alone (CSS), so one sign-in per
   * person and language checks the same screens as a new device per size did.
   */
  const devices = new Map<string, Page>();
  async function signedIn(
    person: Person,
    language: Language,
    viewport: { width: number; height: number },
  ): Promise<Page> {
    const key = `${person.username} ${language.locale}`;
    const device = devices.get(key);
    if (device) {
      await device.setViewportSize(viewport);
      return device;
    }
    const context = await newContext(browser, { locale: language.locale, viewport });
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel(language.accounts.signIn.username, { exact: true }).fill(person.username);
    await page.getByLabel(language.accounts.signIn.password, { exact: true }).fill(person.password);
    await page.getByRole('button', { name: language.accounts.signIn.submit, exact: true }).click();
    await page.getByTestId('signed-in-as').waitFor();
    devices.set(key, page);
    return page;
  }

  async function onDialogue(page: Page, id: string, title: string): Promise<void> {
    await page.goto(`${server.url}/dialogues/${id}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 15_000 });
  }

  for (const language of LANGUAGES) {
    const { t, p, capture } = language;
    for (const { name: size, viewport } of SIZES) {
      const dimensions = `${viewport.width}×${viewport.height}`;
      it(`has no WCAG 2.1 AA violations on the capture screens in ${language.name} on ${size} (${dimensions})`, async () => {
        const axe = collector();
        const title = `Trygghet (${language.locale}, ${dimensions})`;
        const { id } = await dialogueByApi(server, staff.token, staff.tenantId, {
          title,
          question: 'Vad gör dig trygg?',
        });
        const page = await signedIn(ANNA, language, viewport);
        await onDialogue(page, id, title);

        // The join panel: the code and its QR code.
        await page.getByTestId('join-code').waitFor({ timeout: 15_000 });
        await page.getByTestId('join-qr').waitFor();
        await axe.check(page, 'an open dialogue with its join panel');

        // Kiosk set-up, opened and sent with a PIN that is too short.
        const kiosk = page.locator('section[aria-labelledby="kiosk-setup-heading"]');
        await kiosk.getByRole('button', { name: capture.kiosk.open }).click();
        await page.getByLabel(capture.kiosk.pin, { exact: true }).fill('12');
        await page.getByLabel(capture.kiosk.repeat, { exact: true }).fill('12');
        await page.getByRole('button', { name: capture.kiosk.start }).click();
        await kiosk.getByText(capture.kiosk.pinInvalid).waitFor();
        await axe.check(page, 'the kiosk set-up form with a PIN error');
        await kiosk.getByRole('button', { name: capture.cancel, exact: true }).click();
        await kiosk.getByRole('button', { name: capture.kiosk.open }).waitFor();

        // Paper entry: three lines, previewed before saving.
        await page.getByLabel(capture.paper.label, { exact: true }).fill(PAPER.join('\n'));
        await page.locator('.paper-lines li').nth(2).waitFor();
        expect(await page.locator('.paper-lines li').count()).toBe(3);
        await axe.check(page, 'paper entry with a 3-line preview');
        await page
          .locator('section[aria-labelledby="paper-heading"]')
          .getByRole('button', { name: /3|٣/ })
          .click();
        const list = contributionList(page, t);
        for (const text of PAPER) await list.getByText(text, { exact: true }).waitFor();

        // The hide-reason form, opened on one contribution; then that contribution hidden.
        const item = list.locator('li', { hasText: PAPER[0] });
        await item.getByRole('button', { name: capture.moderation.hide, exact: true }).click();
        await page.getByLabel(capture.moderation.reason, { exact: true }).waitFor();
        await axe.check(page, 'the hide-reason form on a contribution');
        await page.getByLabel(capture.moderation.reason, { exact: true }).fill('Nämner en person');
        await page.getByRole('button', { name: capture.moderation.confirm, exact: true }).click();
        await expect.poll(() => contributionTexts(page, t)).not.toContain(PAPER[0]);

        // The question-translation form, sent empty.
        const translations = page.locator('section[aria-labelledby="translation-heading"]');
        await translations.getByRole('button', { name: capture.translations.add, exact: true }).click();
        await translations.locator('#translation-error').waitFor();
        await translations.locator('#translation-text-error').waitFor();
        await axe.check(page, 'the question-translation form with an error');

        // An admin's view: the hidden contribution, expanded, with its reason.
        const admin = await signedIn(ADMIN, language, viewport);
        await onDialogue(admin, id, title);
        const hidden = admin.getByText(language.oneHidden, { exact: true });
        await hidden.waitFor({ timeout: 20_000 });
        await hidden.click();
        await admin.getByText(/Nämner en person/).waitFor();
        await axe.check(admin, "an admin's view with the hidden contributions expanded");

        // The kiosk screen: writing, thanks, and leaving with a wrong PIN.
        await kiosk.getByRole('button', { name: capture.kiosk.open }).click();
        await page.getByLabel(capture.kiosk.pin, { exact: true }).fill(PIN);
        await page.getByLabel(capture.kiosk.repeat, { exact: true }).fill(PIN);
        await page.getByRole('button', { name: capture.kiosk.start }).click();
        const answer = page.getByLabel(p.write.label, { exact: true });
        await answer.waitFor();
        await page.getByRole('heading', { level: 1, name: title }).waitFor();
        await axe.check(page, 'the kiosk screen, writing');

        await answer.fill('Mer ljus i parken');
        await page.getByRole('button', { name: p.write.send }).click();
        const thanks = page.getByRole('heading', { name: p.kiosk.thanks });
        await thanks.waitFor();
        // The thanks screen clears after five seconds without a touch: a key press restarts the wait.
        await page.keyboard.press('Shift');
        await axe.check(page, 'the kiosk thanks screen');
        expect(await thanks.isVisible(), 'still on the thanks screen after axe').toBe(true);
        await page.getByRole('button', { name: p.kiosk.next }).click();
        await answer.waitFor();

        await page.getByRole('button', { name: p.kiosk.exit }).click();
        await page.getByLabel(p.kiosk.pinLabel, { exact: true }).fill('1111');
        await page.getByRole('button', { name: p.kiosk.unlock }).click();
        await page.getByRole('alert').getByText(p.kiosk.wrongPin).waitFor();
        await axe.check(page, 'leaving the kiosk with a wrong PIN');
        // Out of the kiosk with the right PIN: the tablet is Anna's again for the next size.
        await page.getByLabel(p.kiosk.pinLabel, { exact: true }).fill(PIN);
        await page.getByRole('button', { name: p.kiosk.unlock }).click();
        await kiosk.getByRole('button', { name: capture.kiosk.open }).waitFor();

        expect(axe.findings, 'WCAG 2.1 A/AA violations per screen').toEqual({});
      });
    }
  }
});
