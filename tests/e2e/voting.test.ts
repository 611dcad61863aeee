/**
 * Dot voting in real Chromium against the real server: the facilitator opens voting on the dialogue
 * page, two phones (360×740) spread their dots, and the results come in live as a table and a bar
 * chart (Chart.js, loaded only then; mirrored in Arabic). Bad input: a phone cannot give more dots
 * than it has, and the server refuses too many dots and votes after closing (a phone that voted
 * offline before the close still counts; one that voted offline after is told it did not). A kiosk
 * turn votes too. axe finds no WCAG 2.1 A/AA violation on the voting screens and the results, in
 * Swedish and Arabic, on a phone and a tablet.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import arVoting from '../../locales/ar/voting.json' with { type: 'json' };
import svVoting from '../../locales/sv/voting.json' with { type: 'json' };
import { formatHlc } from '../../src/shared/sync/hlc.ts';
import { api, createPerson, setUpServer, signIn, type Person } from './support/accounts.ts';
import {
  collector,
  DESKTOP,
  launchBrowser,
  newContext,
  PHONE,
  waitForServiceWorker,
} from './support/browser.ts';
import { APP_V1 } from './support/paths.ts';
import { apiSignIn, CAPTURE, dialogueByApi, P } from './support/participate.ts';
import { startServer, type AppServer } from './support/server.ts';

const ADMIN: Person = { username: 'admin', password: 'hemligt-lösen-1', displayName: 'Åsa Admin' };
const ANNA: Person = { username: 'anna', password: 'annas-lösen-1', displayName: 'Anna' };
const V = { sv: svVoting, ar: arVoting } as const;
const THEMES = ['Ljus i parken', 'Fritidsgården', 'Bussarna'] as const;
type ThemeName = (typeof THEMES)[number];

/** `text` with {{name}} replaced, as i18next does. */
function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/{{\s*(\w+)\s*}}/g, (_, name: string) => String(values[name]));
}

let stamp = 0;
/** A change as a staff device or a phone pushes it, stamped with the wall clock (like the app's). */
function apiChange(tenantId: string, entity: string, recordId: string, fields: Record<string, unknown>) {
  stamp += 1;
  return {
    changeId: uuidv7(),
    entity,
    recordId,
    tenantId,
    fields,
    hlc: formatHlc({ ms: Date.now(), counter: stamp }, 'e2e-voting'),
    deviceId: 'e2e-voting',
    userId: null,
  };
}

describe('dot voting', () => {
  let browser: Browser;
  let server: AppServer;
  let staff: { token: string; tenantId: string };
  let facilitator: { context: BrowserContext; page: Page };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(APP_V1, { env: { LOGIN_LIMIT_PER_IP: '1000' } });
    const adminToken = await setUpServer(server, 'Borlänge', ADMIN);
    await createPerson(server, adminToken, ANNA, 'facilitator');
    staff = await apiSignIn(server, ANNA);
    facilitator = await signedIn(ANNA);
  });
  afterAll(async () => {
    for (const context of contexts.splice(0)) await context.close();
    await browser.close();
    await server.dispose();
  });

  async function signedIn(person: Person): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await signIn(page, person);
    await page.getByTestId('signed-in-as').waitFor();
    await waitForServiceWorker(page);
    return { context, page };
  }

  /** An open dialogue with the three themes, made through the sync API; `voting` opens voting too. */
  async function votingDialogue(voting?: {
    dots: number;
  }): Promise<{ id: string; code: string; themes: Record<ThemeName, string> }> {
    const { id, code } = await dialogueByApi(server, staff.token, staff.tenantId, {
      title: 'Fritid och trygghet',
      question: 'Vad gör dig trygg?',
    });
    const themes = Object.fromEntries(THEMES.map((name) => [name, uuidv7()])) as Record<ThemeName, string>;
    const changes = THEMES.map((name, order) =>
      apiChange(staff.tenantId, 'theme', themes[name], {
        dialogueId: id,
        name,
        order,
        createdAt: new Date().toISOString(),
      }),
    );
    if (voting)
      changes.push(
        apiChange(staff.tenantId, 'dialogue', id, { votingOpen: true, dotsPerParticipant: voting.dots }),
      );
    const pushed = await api(server, 'POST', '/api/sync/push', { changes }, staff.token);
    if (pushed.status !== 200) throw new Error(`Pushing the themes answered ${pushed.status}`);
    return { id, code, themes };
  }

  /** The facilitator's dialogue page, once the dialogue and its themes have arrived by sync. */
  async function dialoguePage(page: Page, id: string): Promise<void> {
    await page.goto(`${server.url}/dialogues/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Fritid och trygghet' }).waitFor({ timeout: 20_000 });
  }

  /** A phone (or tablet) that joined by `code`, chose its language, agreed, and is on the vote. */
  async function phoneArrives(
    code: string,
    {
      lang = 'sv',
      viewport = PHONE,
    }: { lang?: 'sv' | 'ar'; viewport?: { width: number; height: number } } = {},
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext(browser, { viewport, locale: lang === 'ar' ? 'ar' : 'sv-SE' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/j/${code}`);
    await page.getByRole('button', { name: lang === 'ar' ? 'العربية' : 'Svenska', exact: true }).click();
    await page.getByRole('button', { name: P[lang].consent.agree }).click();
    await page.getByRole('heading', { name: V[lang].vote.heading }).waitFor({ timeout: 20_000 });
    return { context, page };
  }

  function addButton(page: Page, theme: string, t = V.sv) {
    return page.getByRole('button', { name: fill(t.vote.add, { theme }), exact: true });
  }

  /** Spread `dots` on the phone's voting screen and give them. */
  async function give(page: Page, dots: Partial<Record<ThemeName, number>>, t = V.sv): Promise<void> {
    for (const [theme, n] of Object.entries(dots)) {
      for (let i = 0; i < n; i++) await addButton(page, theme, t).click();
    }
    await page.getByRole('button', { name: t.vote.submit }).click();
    const thanks = page.getByRole('heading', { name: t.voted.heading });
    const alert = page.getByRole('alert');
    await thanks.or(alert).first().waitFor();
    expect(await alert.count(), `the vote was not saved: ${await alert.allTextContents()}`).toBe(0);
  }

  /** The results table as [theme, dots] rows, in the order shown. */
  async function resultRows(page: Page): Promise<string[][]> {
    const rows = page.getByTestId('vote-table').locator('tbody tr');
    return rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? '')),
    );
  }

  async function chooseLanguage(page: Page, lang: 'sv' | 'ar'): Promise<void> {
    await page.evaluate((code) => localStorage.setItem('delaktig.language', code), lang);
    await page.reload();
    await page.waitForFunction((code) => document.documentElement.lang === code, lang);
  }

  it('takes dots from two phones, shows the totals live as a table and a lazily loaded chart, mirrored in Arabic', async () => {
    const dialogue = await votingDialogue();
    const { page } = facilitator;
    const charts: string[] = [];
    page.on('request', (request) => {
      if (/bar-chart/.test(request.url())) charts.push(request.url());
    });
    await dialoguePage(page, dialogue.id);
    await page.getByTestId('voting-state').getByText(V.sv.controls.isClosed).waitFor();
    // A number of dots outside 1–20 is refused with a message, and voting stays closed.
    await page.getByLabel(V.sv.controls.dots, { exact: true }).fill('25');
    await page.getByRole('button', { name: V.sv.controls.open }).click();
    await page.locator('#voting-dots-error').getByText(V.sv.controls.dotsInvalid).waitFor();
    await page.getByLabel(V.sv.controls.dots, { exact: true }).fill('3');
    await page.getByRole('button', { name: V.sv.controls.open }).click();
    await page.getByTestId('voting-state').getByText(V.sv.controls.isOpen).waitFor();
    await page.getByTestId('no-votes').waitFor();
    expect(charts, 'chart.js is not loaded before there are results').toEqual([]);

    const [one, two] = await Promise.all([phoneArrives(dialogue.code), phoneArrives(dialogue.code)]);
    await give(one.page, { 'Ljus i parken': 2, Fritidsgården: 1 });
    await one.page
      .getByTestId('vote-delivery')
      .getByText(V.sv.delivery.delivered)
      .waitFor({ timeout: 20_000 });

    // The second phone puts all three on one theme; a fourth dot is not given.
    for (let i = 0; i < 3; i++) await addButton(two.page, 'Bussarna').click();
    expect(await two.page.getByTestId('dots-left').textContent()).toContain(
      fill(V.sv.vote.left_other, { count: 0 }),
    );
    const more = addButton(two.page, 'Fritidsgården');
    expect(await more.getAttribute('aria-disabled')).toBe('true');
    await more.click({ force: true });
    await two.page.getByTestId('dots-left').getByText(V.sv.vote.noneLeft).waitFor();
    const rowOf = (theme: string) => two.page.locator('li', { hasText: theme }).getByTestId('theme-dots');
    expect(await rowOf('Fritidsgården').textContent()).toBe(fill(V.sv.vote.onTheme_other, { count: 0 }));
    expect(await rowOf('Bussarna').textContent()).toBe(fill(V.sv.vote.onTheme_other, { count: 3 }));
    await two.page.getByRole('button', { name: V.sv.vote.submit }).click();
    await two.page.getByRole('heading', { name: V.sv.voted.heading }).waitFor();
    await two.page
      .getByTestId('vote-delivery')
      .getByText(V.sv.delivery.delivered)
      .waitFor({ timeout: 20_000 });
    // One vote per phone: after a reload it shows the dots given, not the vote again.
    await two.page.reload();
    await two.page.getByTestId('my-vote').getByText('Bussarna').waitFor();
    expect(await two.page.getByRole('heading', { name: V.sv.vote.heading }).count()).toBe(0);

    // The facilitator's results, live.
    await expect
      .poll(() => resultRows(page), { timeout: 20_000 })
      .toEqual([
        ['Bussarna', '3'],
        ['Ljus i parken', '2'],
        ['Fritidsgården', '1'],
      ]);
    expect(await page.getByTestId('vote-table').locator('caption').textContent()).toBe(
      fill(V.sv.results.caption_other, { count: 2 }),
    );
    const chart = page.getByTestId('vote-chart');
    await expect.poll(() => chart.getAttribute('data-mirrored')).toBe('false');
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.getAttribute('aria-label')).toContain('Bussarna');
    expect(await chart.getAttribute('data-labels-at')).toBe('left');
    expect(charts.length, 'chart.js is loaded once there are results').toBeGreaterThan(0);
    expect(await chart.evaluate((canvas: HTMLCanvasElement) => canvas.width)).toBeGreaterThan(0);

    // In Arabic the page is right-to-left and so is the chart.
    await chooseLanguage(page, 'ar');
    await page.getByTestId('vote-table').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => page.getByTestId('vote-chart').getAttribute('data-mirrored')).toBe('true');
    expect(await page.getByTestId('vote-chart').getAttribute('data-labels-at')).toBe('right');
    expect(await page.getByTestId('vote-table').locator('thead th').first().textContent()).toBe(
      V.ar.results.theme,
    );
    await chooseLanguage(page, 'sv');
  });

  it('refuses more dots than allowed, and a theme of another dialogue, when pushed past the app', async () => {
    const dialogue = await votingDialogue({ dots: 3 });
    const other = await votingDialogue({ dots: 3 });
    const joined = await api<{ token: string }>(server, 'POST', '/api/join', { code: dialogue.code });
    expect(joined.status).toBe(200);
    const vote = (dots: Record<string, number>) =>
      apiChange(staff.tenantId, 'vote', uuidv7(), {
        dialogueId: dialogue.id,
        participantKey: uuidv4(),
        dots,
        channel: 'phone',
        createdAt: new Date().toISOString(),
      });
    const tooMany = await api<{ rejected: { code: string }[] }>(
      server,
      'POST',
      '/api/sync/push',
      { changes: [vote({ [dialogue.themes.Bussarna]: 3, [dialogue.themes.Fritidsgården]: 1 })] },
      joined.body.token,
    );
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.rejected[0]?.code).toBe('too_many_dots');
    const elsewhere = await api<{ rejected: { code: string }[] }>(
      server,
      'POST',
      '/api/sync/push',
      { changes: [vote({ [other.themes.Bussarna]: 1 })] },
      joined.body.token,
    );
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.rejected[0]?.code).toBe('invalid_value');
  });

  it('closes voting: a vote cast offline before still counts, one cast offline after is refused and says so', async () => {
    const dialogue = await votingDialogue();
    const { page } = facilitator;
    await dialoguePage(page, dialogue.id);
    await page.getByLabel(V.sv.controls.dots, { exact: true }).fill('3');
    await page.getByRole('button', { name: V.sv.controls.open }).click();
    await page.getByTestId('voting-state').getByText(V.sv.controls.isOpen).waitFor();
    const joined = await api<{ token: string }>(server, 'POST', '/api/join', { code: dialogue.code });

    const [before, after, watching] = await Promise.all([
      phoneArrives(dialogue.code),
      phoneArrives(dialogue.code),
      phoneArrives(dialogue.code),
    ]);
    // Both go offline with the app precached, as a phone that opened it once has it.
    await Promise.all([waitForServiceWorker(before.page), waitForServiceWorker(after.page)]);
    // One phone loses the network and votes while voting is still open: it waits on the phone.
    await before.context.setOffline(true);
    await give(before.page, { Fritidsgården: 2 });
    await before.page.getByTestId('vote-delivery').getByText(V.sv.delivery.waiting).waitFor();
    // Another loses the network before voting closes, and votes after, not knowing.
    await after.context.setOffline(true);

    await page.getByRole('button', { name: V.sv.controls.close }).click();
    await page.getByTestId('voting-state').getByText(V.sv.controls.isClosed).waitFor();
    // Once the server has the close, a vote pushed past the app is refused.
    await expect
      .poll(
        async () => {
          const pulled = await api<{ changes: { recordId: string; fields: Record<string, unknown> }[] }>(
            server,
            'GET',
            '/api/sync/pull?after=0',
            undefined,
            staff.token,
          );
          return pulled.body.changes.some((c) => c.recordId === dialogue.id && c.fields.votingOpen === false);
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    const late = await api<{ rejected: { code: string }[] }>(
      server,
      'POST',
      '/api/sync/push',
      {
        changes: [
          apiChange(staff.tenantId, 'vote', uuidv7(), {
            dialogueId: dialogue.id,
            participantKey: uuidv4(),
            dots: { [dialogue.themes.Bussarna]: 1 },
            channel: 'phone',
            createdAt: new Date().toISOString(),
          }),
        ],
      },
      joined.body.token,
    );
    expect(late.status).toBe(422);
    expect(late.body.rejected[0]?.code).toBe('voting_closed');

    // The phone that is online hears of it at once: voting is closed.
    await watching.page.getByTestId('voting-closed').getByText(V.sv.vote.closed).waitFor({ timeout: 20_000 });
    expect(await watching.page.getByRole('button', { name: V.sv.vote.submit }).count()).toBe(0);

    await give(after.page, { Bussarna: 3 });
    await after.page.getByTestId('vote-delivery').getByText(V.sv.delivery.waiting).waitFor();

    await before.context.setOffline(false);
    await before.page
      .getByTestId('vote-delivery')
      .getByText(V.sv.delivery.delivered)
      .waitFor({ timeout: 30_000 });
    await after.context.setOffline(false);
    await after.page
      .getByTestId('vote-delivery')
      .getByText(V.sv.delivery.closed)
      .waitFor({ timeout: 30_000 });
    // Not offered to vote again once the phone has heard that voting is closed.
    await expect.poll(() => after.page.getByRole('button', { name: V.sv.mine.again }).count()).toBe(0);

    await expect
      .poll(() => resultRows(page), { timeout: 20_000 })
      .toEqual([
        ['Fritidsgården', '2'],
        ['Ljus i parken', '0'],
        ['Bussarna', '0'],
      ]);
    expect(await page.getByTestId('vote-table').locator('caption').textContent()).toBe(
      fill(V.sv.results.caption_one, { count: 1 }),
    );
  });

  it('lets a kiosk turn only vote, once, and clears it for the next person', async () => {
    const dialogue = await votingDialogue({ dots: 2 });
    const tablet = await signedIn(ANNA);
    await dialoguePage(tablet.page, dialogue.id);
    await tablet.page.getByRole('button', { name: CAPTURE.kiosk.open }).click();
    await tablet.page.getByLabel(CAPTURE.kiosk.pin, { exact: true }).fill('2468');
    await tablet.page.getByLabel(CAPTURE.kiosk.repeat, { exact: true }).fill('2468');
    await tablet.page.getByRole('button', { name: CAPTURE.kiosk.start }).click();
    await tablet.page.getByRole('button', { name: V.sv.vote.kioskStart }).click();
    await give(tablet.page, { 'Ljus i parken': 2 });
    await tablet.page.getByTestId('vote-delivery').waitFor();
    await tablet.page.getByRole('button', { name: P.sv.kiosk.next }).click();
    await tablet.page.getByLabel(P.sv.write.label, { exact: true }).waitFor();
    await tablet.page.getByRole('button', { name: V.sv.vote.kioskStart }).click();
    // The next person starts with all their dots.
    expect(await tablet.page.getByTestId('dots-left').textContent()).toContain(
      fill(V.sv.vote.left_other, { count: 2 }),
    );
    await dialoguePage(facilitator.page, dialogue.id);
    await expect
      .poll(() => resultRows(facilitator.page), { timeout: 20_000 })
      .toEqual([
        ['Ljus i parken', '2'],
        ['Fritidsgården', '0'],
        ['Bussarna', '0'],
      ]);
  });

  const LANGUAGES = ['sv', 'ar'] as const;
  const SIZES = [
    { name: 'a phone', viewport: PHONE },
    { name: 'a tablet', viewport: DESKTOP },
  ] as const;
  for (const lang of LANGUAGES) {
    for (const { name: size, viewport } of SIZES) {
      it(`has no WCAG 2.1 AA violations on the voting screens and the results in ${lang} on ${size}`, async () => {
        const dialogue = await votingDialogue({ dots: 3 });
        const axe = collector();
        const t = V[lang];
        const { page } = await phoneArrives(dialogue.code, { lang, viewport });
        await addButton(page, 'Bussarna', t).click();
        await axe.check(page, 'the voting screen, one dot given');
        await page.getByRole('button', { name: t.vote.submit }).click();
        await page.getByRole('heading', { name: t.voted.heading }).waitFor();
        await page.getByTestId('vote-delivery').waitFor();
        await axe.check(page, 'thanks for the dots');

        const results = facilitator.page;
        await results.setViewportSize(viewport);
        await dialoguePage(results, dialogue.id);
        await chooseLanguage(results, lang);
        await expect
          .poll(() => resultRows(results), { timeout: 20_000 })
          .toEqual([
            ['Bussarna', '1'],
            ['Ljus i parken', '0'],
            ['Fritidsgården', '0'],
          ]);
        await expect
          .poll(() => results.getByTestId('vote-chart').getAttribute('data-mirrored'))
          .toBe(String(lang === 'ar'));
        await axe.check(results, 'the results');
        await chooseLanguage(results, 'sv');
        await results.setViewportSize(DESKTOP);
        expect(axe.findings, 'WCAG 2.1 A/AA violations per screen').toEqual({});
      });
    }
  }
});
