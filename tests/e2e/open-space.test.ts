/**
 * The youth council's Open Space, in real Chromium against the real server and service worker:
 * a meeting made on a council tablet; topics posted (one with no title refused); the grid by
 * keyboard alone, a slot already taken refused with a message and nothing moved, a clash two
 * offline tablets made shown; two tablets offline typing different sentences into the same session
 * notes, both sentences in both tablets and on the server once online; notes of 100,000 characters;
 * a recommendation turned into an action with a due date in the past (saved, flagged); the
 * proceedings with every session's notes and the actions as CSV; the open action listed at the next
 * meeting; an official moving it on from the follow-up view with its chart; axe on every screen in
 * Swedish and Arabic.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { TextFieldDoc } from '../../src/shared/sync/text-merge.ts';
import { api, createPerson, setUpServer, signedInDevice, type Person } from './support/accounts.ts';
import { collector, launchBrowser, newContext } from './support/browser.ts';
import { APP_V1 } from './support/paths.ts';
import { apiSignIn } from './support/participate.ts';
import { startServer, type AppServer } from './support/server.ts';
import svAccounts from '../../locales/sv/accounts.json' with { type: 'json' };
import arAccounts from '../../locales/ar/accounts.json' with { type: 'json' };
import svOs from '../../locales/sv/openSpace.json' with { type: 'json' };
import svApp from '../../locales/sv/app.json' with { type: 'json' };
import arOs from '../../locales/ar/openSpace.json' with { type: 'json' };

const ADMIN: Person = { username: 'admin', password: 'hemligt-lösen-1', displayName: 'Åsa Admin' };
const TABLET_A: Person = { username: 'ungdomsradet-a', password: 'surfplatta-a-1', displayName: 'Platta A' };
const TABLET_B: Person = { username: 'ungdomsradet-b', password: 'surfplatta-b-1', displayName: 'Platta B' };
const EVA: Person = { username: 'eva', password: 'evas-lösen-1', displayName: 'Eva Tjänsteperson' };

const T = svOs;

/** Text with {{variables}} as a pattern matching anything in their place. */
function pattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(escaped.replace(/\\\{\\\{\w+\\\}\\\}/g, '[\\s\\S]*'));
}

/** Press Tab until the focused button's text matches `name` (keyboard only). */
async function tabTo(page: Page, name: RegExp, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => {
      // Only controls: a scrolling region's text holds every button inside it.
      const el = document.activeElement as HTMLElement | null;
      return el?.tagName === 'BUTTON' ? (el.textContent ?? '').replace(/\s+/g, ' ') : '';
    });
    if (name.test(text)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

const notes = (page: Page) => page.getByLabel(T.session.notes, { exact: true });

describe('Open Space', () => {
  let browser: Browser;
  let server: AppServer;
  let a: { context: BrowserContext; page: Page };
  let b: { context: BrowserContext; page: Page };
  let eventUrl = '';
  let eventId = '';
  const topicUrls: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(APP_V1, { env: { LOGIN_LIMIT_PER_IP: '1000' } });
    const adminToken = await setUpServer(server, 'Borlänge', ADMIN);
    await createPerson(server, adminToken, TABLET_A, 'youthCouncil');
    await createPerson(server, adminToken, TABLET_B, 'youthCouncil');
    await createPerson(server, adminToken, EVA, 'official');
    a = await signedInDevice(browser, server, TABLET_A);
    b = await signedInDevice(browser, server, TABLET_B);
  });
  afterAll(async () => {
    await browser.close();
    await server.dispose();
  });

  it('makes a meeting, refuses a topic with no title, and places topics in the grid by keyboard alone', async () => {
    const { page } = a;
    await page.getByRole('link', { name: 'Open Space', exact: true }).click();
    await page.getByRole('link', { name: T.new }).click();
    await page.getByLabel(T.event.title, { exact: true }).fill('Open Space våren');
    await page.getByLabel(T.event.date, { exact: true }).fill('2026-03-12');
    await page.getByLabel(T.event.rooms, { exact: true }).fill('Sal A\nSal B');
    await page.getByLabel(T.event.slots, { exact: true }).fill('13.00\n14.00');
    await page.getByRole('button', { name: T.event.create }).click();
    await page.getByRole('heading', { level: 1, name: 'Open Space våren' }).waitFor();
    eventUrl = new URL(page.url()).pathname;
    eventId = eventUrl.split('/').pop()!;

    // No title: refused with a message, nothing posted.
    await page.getByRole('button', { name: T.topic.post }).click();
    await page.locator('#topic-title-error').getByText(svApp.errors.required).waitFor();
    await expect.poll(() => page.locator('[data-topic]').count()).toBe(0);

    for (const title of ['Bussar på kvällen', 'Fritidsgårdens öppettider']) {
      await page.getByLabel(T.topic.title, { exact: true }).fill(title);
      await page.getByRole('button', { name: T.topic.post }).click();
      await page.locator('[data-topic]').getByText(title).waitFor();
    }

    // Keyboard alone: Tab to the first topic's Move, Enter; Tab to "Place here: Sal A, 13.00", Enter.
    await page.getByLabel(T.topic.description, { exact: true }).focus();
    await tabTo(page, new RegExp(`^${T.grid.move}`));
    await page.keyboard.press('Enter');
    await page
      .getByTestId('open-space-announcement')
      .getByText(/Bussar på kvällen/)
      .waitFor();
    await tabTo(page, /Placera här\s*:\s*Sal A, 13\.00/);
    await page.keyboard.press('Enter');
    const cellA13 = page.locator('td[data-cell="Sal A|13.00"]');
    await cellA13.getByText('Bussar på kvällen').waitFor();
    await page
      .getByTestId('open-space-announcement')
      .getByText(/placerades i/)
      .waitFor();
    // Focus followed the card.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-move'))).not.toBeNull();

    // A slot already taken: refused, named, nothing moved.
    await page.locator('[data-topic]', { hasText: 'Fritidsgårdens öppettider' }).getByRole('button').focus();
    await page.keyboard.press('Enter');
    await tabTo(page, /Placera här\s*:\s*Sal A, 13\.00/);
    await page.keyboard.press('Enter');
    await page
      .getByTestId('grid-error')
      .getByText(/redan upptagen av/)
      .waitFor();
    expect(await cellA13.locator('[data-topic]').count()).toBe(1);
    // Escape puts a picked-up topic back; then it goes to Sal B, 13.00.
    await page.locator('[data-topic]', { hasText: 'Fritidsgårdens öppettider' }).getByRole('button').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page
      .getByTestId('open-space-announcement')
      .getByText(/avbröts/)
      .waitFor();
    await page.keyboard.press('Enter');
    await tabTo(page, /Placera här\s*:\s*Sal B, 13\.00/);
    await page.keyboard.press('Enter');
    await page.locator('td[data-cell="Sal B|13.00"]').getByText('Fritidsgårdens öppettider').waitFor();

    for (const link of await page.locator('section[aria-labelledby="sessions-heading"] a').all())
      topicUrls.push((await link.getAttribute('href'))!);
    expect(topicUrls).toHaveLength(2);
  });

  it('shows a clash two tablets made offline, on the grid and the wall, instead of hiding a topic', async () => {
    const staff = await apiSignIn(server, TABLET_B);
    type Pulled = { recordId: string; fields: { rooms?: { id: string }[]; slots?: { id: string }[] } };
    const eventOnServer = async () =>
      (
        await api<{ changes: Pulled[] }>(
          server,
          'GET',
          '/api/sync/pull?after=0&limit=1000',
          undefined,
          staff.token,
        )
      ).body.changes.find((c) => c.recordId === eventId && c.fields.rooms);
    await expect.poll(eventOnServer, { timeout: 20_000 }).toBeTruthy();
    const event = (await eventOnServer())!;
    const pushed = await api(
      server,
      'POST',
      '/api/sync/push',
      {
        changes: [
          {
            changeId: uuidv7(),
            entity: 'openSpaceTopic',
            recordId: uuidv7(),
            tenantId: staff.tenantId,
            fields: {
              eventId,
              title: 'Skolmaten',
              convener: '',
              description: '',
              roomId: event.fields.rooms![0]!.id,
              slotId: event.fields.slots![0]!.id,
              createdAt: new Date().toISOString(),
            },
            hlc: `${String(Date.now() + 5000).padStart(15, '0')}-0000-offline-tablet`,
            deviceId: 'offline-tablet',
            userId: null,
          },
        ],
      },
      staff.token,
    );
    expect(pushed.status).toBe(200);
    const cell = a.page.locator('td[data-cell="Sal A|13.00"]');
    await cell.getByText('Skolmaten').waitFor({ timeout: 20_000 });
    await cell.getByText('Bussar på kvällen').waitFor();
    await a.page.getByTestId('grid-clash').first().waitFor();
    await b.page.goto(`${server.url}${eventUrl}/wall`);
    const wall = b.page.getByTestId('wall-grid');
    await wall.locator('td[data-cell="Sal A|13.00"]').getByText('Skolmaten').waitFor({ timeout: 20_000 });
    await expect.poll(() => wall.locator('td[data-cell="Sal A|13.00"] p').count()).toBe(2);
  });

  it('keeps both sentences when two tablets write the same notes offline, on both tablets and the server', async () => {
    const url = `${server.url}${topicUrls[0]}`;
    await a.page.goto(url);
    await b.page.goto(url);
    for (const { page } of [a, b])
      await notes(page).and(page.locator(':enabled')).waitFor({ timeout: 20_000 });
    await a.context.setOffline(true);
    await b.context.setOffline(true);
    for (const [{ page }, sentence] of [
      [a, 'Platta A: fler kvällsturer till Tjärna.'],
      [b, 'Platta B: billigare busskort för unga.'],
    ] as const) {
      await notes(page).click();
      await notes(page).pressSequentially(sentence);
      await page.getByTestId('session-notes-status').getByText(svApp.notes.saved).waitFor();
    }
    await a.context.setOffline(false);
    await b.context.setOffline(false);
    for (const { page } of [a, b]) {
      await expect
        .poll(() => notes(page).inputValue(), { timeout: 30_000 })
        .toMatch(
          /Platta A: fler kvällsturer till Tjärna\.[\s\S]*Platta B|Platta B: billigare busskort för unga\.[\s\S]*Platta A/,
        );
    }
    expect(await notes(a.page).inputValue()).toBe(await notes(b.page).inputValue());
    // On the server: the merged updates hold both sentences.
    const staff = await apiSignIn(server, EVA);
    const { body } = await api<{ changes: { recordId: string; fields: { notes?: { y: string } } }[] }>(
      server,
      'GET',
      '/api/sync/pull?after=0&limit=1000',
      undefined,
      staff.token,
    );
    const doc = new TextFieldDoc();
    for (const change of body.changes) if (change.fields.notes) doc.apply(change.fields.notes.y);
    expect(doc.text).toContain('Platta A: fler kvällsturer till Tjärna.');
    expect(doc.text).toContain('Platta B: billigare busskort för unga.');
  });

  it('takes notes of 100,000 characters and goes on taking typing', async () => {
    const { page } = a;
    await page.goto(`${server.url}${topicUrls[1]}`);
    const field = notes(page);
    await field.and(page.locator(':enabled')).waitFor();
    const long = 'Vi pratade länge om öppettiderna. '.repeat(3000).slice(0, 100_000);
    await field.fill(long);
    await page.getByTestId('session-notes-status').getByText(svApp.notes.saved).waitFor({ timeout: 15_000 });
    await field.press('End');
    const started = Date.now();
    await field.pressSequentially(' Slut.');
    await page.getByTestId('session-notes-status').getByText(svApp.notes.saved).waitFor({ timeout: 15_000 });
    expect(Date.now() - started).toBeLessThan(8_000);
    expect((await field.inputValue()).length).toBe(100_006);
  });

  it('turns a recommendation into an action due in the past (flagged), prints proceedings with every session and exports CSV', async () => {
    const { page } = a;
    await page.goto(`${server.url}${topicUrls[0]}`);
    const recommendations = page.getByLabel(T.session.recommendations, { exact: true });
    await recommendations.and(page.locator(':enabled')).waitFor();
    await recommendations.fill('Kvällsbuss varje timme\nBilligare kort');
    await page.getByTestId('session-recommendations-status').getByText(svApp.notes.saved).waitFor();
    await page.getByLabel(T.actions.recommendation, { exact: true }).selectOption('Kvällsbuss varje timme');
    expect(await page.getByLabel(T.actions.title, { exact: true }).inputValue()).toBe(
      'Kvällsbuss varje timme',
    );
    await page.getByLabel(T.actions.ownerKinds.committee).check();
    await page.getByLabel(T.actions.ownerName, { exact: true }).fill('Tekniska nämnden');
    await page.getByLabel(T.actions.dueDate, { exact: true }).fill('2020-01-31');
    await page.getByRole('button', { name: T.actions.create }).click();
    await page.getByTestId('action-past-due').getByText(T.actions.pastDue).waitFor();
    await page.getByTestId('action-card').getByTestId('action-overdue').waitFor();

    await page.goto(`${server.url}${eventUrl}/proceedings`);
    const sessions = page.getByTestId('proceedings-session');
    await expect.poll(() => sessions.count()).toBe(3);
    const text = await page.locator('article').innerText();
    expect(text).toContain('Platta A: fler kvällsturer till Tjärna.');
    expect(text).toContain('Platta B: billigare busskort för unga.');
    expect(text).toContain('Vi pratade länge om öppettiderna.');
    expect(text).toContain('Kvällsbuss varje timme');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: T.proceedings.print }).isHidden()).toBe(true);
    expect(await page.locator('header.app-header').isHidden()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: T.proceedings.csv }).click(),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('Kvällsbuss varje timme');
    expect(csv).toContain('Tekniska nämnden');
    expect(csv).toContain(T.proceedings.yes);
  });

  it("keeps a session's notes language, picked beside them, and shows the notes in it on both tablets and in the proceedings", async () => {
    const { page } = a;
    await page.goto(`${server.url}${eventUrl}`);
    await page.getByLabel(T.topic.title, { exact: true }).fill('Kvällsbussar');
    await page.getByRole('button', { name: T.topic.post }).click();
    const link = page.locator('[data-topic]', { hasText: 'Kvällsbussar' }).getByRole('link');
    const url = `${server.url}${await link.getAttribute('href')}`;
    await page.goto(url);
    const field = notes(page);
    await field.and(page.locator(':enabled')).waitFor({ timeout: 20_000 });
    // Until a language is chosen the picker shows the UI language.
    expect(await field.getAttribute('lang')).toBe('sv');
    const picker = page.getByRole('combobox', { name: T.session.language, exact: true });
    await picker.fill('arabiska');
    await expect
      .poll(() => page.locator('#session-lang-listbox [role="option"]').first().getAttribute('data-code'))
      .toBe('ar');
    await page.keyboard.press('Enter');
    await expect.poll(() => field.getAttribute('lang')).toBe('ar');
    expect(await field.getAttribute('dir')).toBe('rtl');
    // The three texts share it.
    expect(await page.getByLabel(T.session.keyPoints, { exact: true }).getAttribute('dir')).toBe('rtl');
    await field.fill('نريد حافلات مسائية كل ساعة إلى تيارنا');
    await page.getByTestId('session-notes-status').getByText(svApp.notes.saved).waitFor();

    // The other tablet takes the language with the notes.
    await b.page.goto(url);
    await expect.poll(() => notes(b.page).getAttribute('lang'), { timeout: 30_000 }).toBe('ar');
    expect(await notes(b.page).getAttribute('dir')).toBe('rtl');

    // The proceedings: the notes in Arabic, right to left; a session written before in Swedish
    // took the UI language with its first save.
    await page.goto(`${server.url}${eventUrl}/proceedings`);
    const arabic = page.locator('p.text', { hasText: 'نريد حافلات مسائية' });
    await arabic.waitFor();
    expect(await arabic.getAttribute('lang')).toBe('ar');
    expect(await arabic.getAttribute('dir')).toBe('rtl');
    const swedish = page.locator('p.text', { hasText: 'Platta A: fler kvällsturer' });
    expect(await swedish.getAttribute('lang')).toBe('sv');
    expect(await swedish.getAttribute('dir')).toBe('ltr');
  });

  it('lists the open action at the next meeting, and an official moves it on from the follow-up view', async () => {
    const { page } = a;
    await page.goto(`${server.url}/open-space/new`);
    await page.getByLabel(T.event.title, { exact: true }).fill('Open Space hösten');
    await page.getByLabel(T.event.date, { exact: true }).fill('2026-09-17');
    await page.getByRole('button', { name: T.event.create }).click();
    await page.getByRole('heading', { level: 1, name: 'Open Space hösten' }).waitFor();
    const earlier = page.getByTestId('earlier-actions');
    await earlier.getByRole('heading', { name: 'Kvällsbuss varje timme' }).waitFor({ timeout: 20_000 });
    expect(await earlier.getByText(pattern(T.actions.fromEvent)).innerText()).toContain('Open Space våren');
    // The council's tablet may not move actions on: no status buttons.
    expect(await earlier.getByRole('button', { name: new RegExp(T.actions.commands.begin) }).count()).toBe(0);

    const eva = await signedInDevice(browser, server, EVA);
    await eva.page.goto(`${server.url}/open-space/follow-up`);
    await eva.page.getByTestId('follow-up-table').waitFor({ timeout: 20_000 });
    await eva.page
      .getByTestId('overdue-list')
      .getByText(/Kvällsbuss varje timme/)
      .waitFor();
    await eva.page.getByTestId('follow-up-chart').waitFor();
    await eva.page.getByRole('button', { name: new RegExp(`^${T.actions.commands.begin}`) }).click();
    await eva.page.getByTestId('action-status').getByText(T.actions.status.inProgress).waitFor();
    await eva.page.getByLabel(T.actions.comment, { exact: true }).fill('Utreds med Dalatrafik i april.');
    await eva.page.getByRole('button', { name: new RegExp(`^${T.actions.addComment}`) }).click();
    await eva.page.getByText('Utreds med Dalatrafik i april.').waitFor();
    // The tablet sees the new status at the next meeting.
    await earlier.getByText(T.actions.status.inProgress).waitFor({ timeout: 20_000 });
    await eva.context.close();
  });

  it('has no axe violations on any Open Space screen, in Swedish and in Arabic', async () => {
    const axe = collector();
    for (const language of [
      { name: 'sv', locale: 'sv-SE', accounts: svAccounts, os: svOs },
      { name: 'ar', locale: 'ar', accounts: arAccounts, os: arOs },
    ]) {
      const context = await newContext(browser, { locale: language.locale });
      const page = await context.newPage();
      await page.goto(`${server.url}/sign-in`);
      await page.getByLabel(language.accounts.signIn.username, { exact: true }).fill(TABLET_A.username);
      await page.getByLabel(language.accounts.signIn.password, { exact: true }).fill(TABLET_A.password);
      await page.getByRole('button', { name: language.accounts.signIn.submit, exact: true }).click();
      await page.getByTestId('signed-in-as').waitFor();
      const screens: [string, string, () => Promise<void>][] = [
        [
          'list',
          '/open-space',
          () => page.getByRole('link', { name: 'Open Space våren' }).waitFor({ timeout: 20_000 }),
        ],
        ['new', '/open-space/new', () => page.getByLabel(language.os.event.title, { exact: true }).waitFor()],
        [
          'event',
          eventUrl,
          () => page.locator('td[data-cell="Sal B|13.00"] [data-topic]').waitFor({ timeout: 20_000 }),
        ],
        ['topic', topicUrls[0]!, () => page.getByTestId('action-card').first().waitFor({ timeout: 20_000 })],
        ['wall', `${eventUrl}/wall`, () => page.getByTestId('wall-grid').waitFor()],
        ['proceedings', `${eventUrl}/proceedings`, () => page.getByTestId('proceedings-actions').waitFor()],
        ['followUp', '/open-space/follow-up', () => page.getByTestId('follow-up-chart').waitFor()],
      ];
      for (const [name, path, ready] of screens) {
        await page.goto(`${server.url}${path}`);
        await ready();
        await axe.check(page, `${name} (${language.name})`);
      }
      // A topic picked up: the Place here buttons are on screen.
      await page.goto(`${server.url}${eventUrl}`);
      await page.locator('[data-move]').first().click();
      await page.locator('.drop-here').first().waitFor();
      await axe.check(page, `event, topic picked up (${language.name})`);
      if (language.name === 'ar') {
        expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
        await page.goto(`${server.url}/open-space/follow-up`);
        await expect
          .poll(() => page.getByTestId('follow-up-chart').getAttribute('data-mirrored'))
          .toBe('true');
      }
      await context.close();
    }
    expect(axe.findings).toEqual({});
  });
});
