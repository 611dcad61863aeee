/**
 * Two tablets of one municipality, both offline: A adds contributions, B edits the dialogue's title
 * and A its question, both type into the same notes. Back online, both show the merged result: the
 * title from B, the question from A, every contribution, and both sentences in the notes; of two
 * closes made offline, the second to arrive is refused with a notice. With the network up but the
 * server gone, the status bar does not say "connected".
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import svSync from '../../locales/sv/sync.json' with { type: 'json' };
import { createPerson, setUpServer, signedInDevice, type Person } from './support/accounts.ts';
import { addContribution, contributionTexts, createDialogue, TEXTS } from './support/app.ts';
import { launchBrowser } from './support/browser.ts';
import { APP_V1 } from './support/paths.ts';
import { startServer, type AppServer } from './support/server.ts';

const sv = TEXTS.sv;
const ADMIN: Person = { username: 'admin', password: 'hemligt-lösen-1', displayName: 'Åsa Admin' };
const ANNA: Person = { username: 'anna', password: 'annas-lösen-1', displayName: 'Anna' };
const BO: Person = { username: 'bo', password: 'bos-lösenord-1', displayName: 'Bo' };

const notes = (page: Page) => page.getByLabel(sv.notes.label, { exact: true });

/** Type at the end of the notes and wait until the device has saved them. */
async function appendToNotes(page: Page, sentence: string): Promise<void> {
  const field = notes(page);
  await field.click();
  await field.press('End');
  await field.pressSequentially(` ${sentence}`);
  await page.getByTestId('notes-status').getByText(sv.notes.saved).waitFor();
}

describe('two tablets offline', () => {
  let browser: Browser;
  let server: AppServer;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(APP_V1, { env: { LOGIN_LIMIT_PER_IP: '1000' } });
    const adminToken = await setUpServer(server, 'Borlänge', ADMIN);
    await createPerson(server, adminToken, ANNA, 'facilitator');
    await createPerson(server, adminToken, BO, 'facilitator');
  });
  afterAll(async () => {
    await browser.close();
    await server.dispose();
  });

  it('merge their work when they come back online: nothing lost, nothing overwritten', async () => {
    const a = await signedInDevice(browser, server, ANNA);
    const b = await signedInDevice(browser, server, BO);

    // Online: A creates the dialogue and starts the notes; B gets both through sync.
    const id = await createDialogue(a.page, { title: 'Trygghet', question: 'Vad gör dig trygg?' });
    await appendToNotes(a.page, 'Vi började med ljuset.');
    await b.page.goto(`${server.url}/dialogues/${id}`);
    await b.page.getByRole('heading', { level: 1, name: 'Trygghet' }).waitFor({ timeout: 15_000 });
    await expect
      .poll(() => notes(b.page).inputValue(), { timeout: 15_000 })
      .toContain('Vi började med ljuset.');

    // A opens the dialogue; B sees it open.
    await a.page.getByRole('button', { name: sv.commands.open }).click();
    await b.page.locator('.badge').getByText(sv.dialogueStatus.open).waitFor({ timeout: 15_000 });

    // Both offline.
    await a.context.setOffline(true);
    await b.context.setOffline(true);
    await a.page.getByText(sv.status.offline).waitFor();

    await addContribution(a.page, 'Mer belysning i parken');
    await addContribution(a.page, 'Vuxna ute på kvällarna');
    await a.page.getByRole('button', { name: sv.dialogueEdit.edit }).click();
    await a.page
      .getByLabel(sv.newDialogue.questionLabel, { exact: true })
      .fill('Vad får dig att känna dig trygg?');
    await a.page.getByRole('button', { name: sv.dialogueEdit.save }).click();
    await appendToNotes(a.page, 'Anna skrev om parken.');

    await b.page.getByRole('button', { name: sv.dialogueEdit.edit }).click();
    await b.page.getByLabel(sv.newDialogue.titleLabel, { exact: true }).fill('Trygghet i Borlänge');
    await b.page.getByRole('button', { name: sv.dialogueEdit.save }).click();
    await appendToNotes(b.page, 'Bo skrev om bussarna.');
    // Both close the dialogue: whichever tablet's close reaches the server second is refused.
    await a.page.getByRole('button', { name: sv.commands.close }).click();
    await b.page.getByRole('button', { name: sv.commands.close }).click();

    // What A pushes once online: a batch of several changes, which Chromium gzips (CompressionStream).
    const pushes: Promise<{ encoding: string | undefined; status: number | undefined }>[] = [];
    a.page.on('requestfinished', (request) => {
      // The device's cursor travels in the address (`?after=`).
      if (new URL(request.url()).pathname !== '/api/sync/push') return;
      pushes.push(
        (async () => ({
          encoding: (await request.allHeaders())['content-encoding'],
          status: (await request.response())?.status(),
        }))(),
      );
    });

    // Both online again: each shows the merged result.
    await a.context.setOffline(false);
    await b.context.setOffline(false);
    for (const { page } of [a, b]) {
      await page.getByRole('heading', { level: 1, name: 'Trygghet i Borlänge' }).waitFor({ timeout: 20_000 });
      await page.getByText('Vad får dig att känna dig trygg?', { exact: true }).waitFor({ timeout: 20_000 });
      await expect
        .poll(() => contributionTexts(page), { timeout: 20_000 })
        .toEqual(['Vuxna ute på kvällarna', 'Mer belysning i parken']);
      await expect
        .poll(() => notes(page).inputValue(), { timeout: 20_000 })
        .toContain('Anna skrev om parken.');
      const merged = await notes(page).inputValue();
      expect(merged).toContain('Bo skrev om bussarna.');
      expect(merged).toContain('Vi började med ljuset.');
      await page.getByTestId('waiting').getByText(sv.status.allSynced).waitFor({ timeout: 20_000 });
    }
    expect(await notes(a.page).inputValue()).toBe(await notes(b.page).inputValue());
    expect(await Promise.all(pushes)).toContainEqual({ encoding: 'gzip', status: 200 });
    for (const { page } of [a, b]) await page.locator('.badge').getByText(sv.dialogueStatus.closed).waitFor();
    // The refused close is said, on exactly one tablet, never silently dropped.
    await expect
      .poll(
        async () =>
          (await a.page.getByTestId('sync-notice').count()) +
          (await b.page.getByTestId('sync-notice').count()),
        { timeout: 20_000 },
      )
      .toBe(1);
    await a.context.close();
    await b.context.close();
  });

  it('does not say "connected" while the network is up but the server cannot be reached', async () => {
    const { context, page } = await signedInDevice(browser, server, ANNA);
    const connection = page.locator('.status[data-state]');
    await page.getByTestId('waiting').getByText(sv.status.allSynced).waitFor({ timeout: 20_000 });
    expect(await connection.getAttribute('data-state')).toBe('online');
    expect(await connection.textContent()).toContain(sv.status.online);

    // A school wifi with no route to the server: the browser is online, nothing answers.
    await server.stop();
    await createDialogue(page, { title: 'Utan server', question: 'Hörs vi?' });
    await page.getByRole('button', { name: svSync.status.syncNow }).click();
    await page.locator('.status[data-state="unreachable"]').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => navigator.onLine)).toBe(true);
    const said = (await connection.textContent()) ?? '';
    expect(said).not.toContain(sv.status.online);
    expect(said).toContain(svSync.status.unreachable.replace(/\s*\{\{time\}\}/, ''));
    expect(await page.getByTestId('waiting').textContent()).not.toContain(sv.status.allSynced);

    // The server is back: the next sync says connected again, and nothing waits.
    await server.restart(APP_V1);
    await page.getByRole('button', { name: svSync.status.syncNow }).click();
    await page.locator('.status[data-state="online"]').waitFor({ timeout: 20_000 });
    await page.getByTestId('waiting').getByText(sv.status.allSynced).waitFor({ timeout: 20_000 });
    await context.close();
  });
});
