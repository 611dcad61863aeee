/**
 * The data lives on the device: closing the browser, as a tablet does when its battery runs flat or
 * the app is swiped away, loses nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addContribution, contributionTexts, createDialogue } from './support/app.ts';
import { launchPersistent } from './support/browser.ts';
import { APP_V1 } from './support/paths.ts';
import { startServer, type AppServer } from './support/server.ts';

describe('persistence', () => {
  let server: AppServer;
  let profile: string;
  let browser: BrowserContext | null = null;

  beforeEach(async () => {
    server = await startServer(APP_V1);
    profile = mkdtempSync(join(tmpdir(), 'delaktig-e2e-profile-'));
  });
  afterEach(async () => {
    await browser?.close();
    browser = null;
    await server.dispose();
    rmSync(profile, { recursive: true, force: true });
  });

  it('still has the dialogue and its contributions after the browser is closed and started again', async () => {
    browser = await launchPersistent(profile);
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(server.url);
    const id = await createDialogue(page, {
      title: 'Fritid i Ytterby',
      question: 'Vad saknar du att göra på fritiden?',
    });
    await addContribution(page, 'En skatepark');
    await addContribution(page, 'Längre öppettider i simhallen');
    await browser.close();
    browser = null;

    browser = await launchPersistent(profile);
    const again = browser.pages()[0] ?? (await browser.newPage());
    await again.goto(server.url);
    const card = again.getByRole('list', { name: 'Alla dialoger' }).getByRole('listitem');
    await card.getByRole('link', { name: 'Fritid i Ytterby' }).waitFor();
    expect(await card.textContent()).toContain('2 bidrag');

    await card.getByRole('link', { name: 'Fritid i Ytterby' }).click();
    await again.waitForURL(`${server.url}/dialogues/${id}`);
    await expect.poll(() => contributionTexts(again)).toHaveLength(2);
    expect((await contributionTexts(again)).toSorted()).toEqual(
      ['En skatepark', 'Längre öppettider i simhallen'].toSorted(),
    );
    // Nothing was synced, so the changes still wait in the outbox: one dialogue, two contributions.
    await expect
      .poll(() => again.getByTestId('waiting').textContent())
      .toContain('3 ändringar väntar på att synkas');
  });
});
