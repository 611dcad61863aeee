/**
 * Bad input in the browser: the form says what is wrong in the user's language, keeps what was
 * typed, and saves nothing until it is right.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contributionTexts, createDialogue } from './support/app.ts';
import { launchBrowser, newContext } from './support/browser.ts';
import { APP_V1 } from './support/paths.ts';
import { startServer, type AppServer } from './support/server.ts';

const TOO_LONG = 'Texten är för lång: högst 2000 tecken. Din text finns kvar – korta den och försök igen.';

function waiting(page: Page): Promise<string | null> {
  return page.getByTestId('waiting').textContent();
}

describe('bad input', () => {
  let browser: Browser;
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(APP_V1);
  });
  afterAll(async () => {
    await browser.close();
    await server.dispose();
  });
  beforeEach(async () => {
    context = await newContext(browser);
    page = await context.newPage();
    await page.goto(server.url);
  });
  afterEach(async () => {
    await context.close();
  });

  it('refuses a dialogue with an empty or blank title, says “Fältet får inte vara tomt.” and creates nothing', async () => {
    await page.getByRole('link', { name: 'Ny dialog', exact: true }).click();
    const title = page.getByLabel('Rubrik', { exact: true });
    const question = page.getByLabel('Fråga till deltagarna', { exact: true });
    await question.fill('Vad vill du ändra i din stadsdel?');

    for (const blank of ['', '   ']) {
      await title.fill(blank);
      await page.getByRole('button', { name: 'Skapa dialog' }).click();
      await page.getByRole('alert').getByText('Rätta felen i formuläret.').waitFor();
      expect(await page.locator('#dialogue-title-error').textContent()).toBe('Fältet får inte vara tomt.');
      expect(await title.getAttribute('aria-invalid')).toBe('true');
      // The message is read out with the field it belongs to.
      expect(await title.getAttribute('aria-describedby')).toContain('dialogue-title-error');
      expect(await question.getAttribute('aria-invalid')).toBeNull();
      expect(await question.inputValue()).toBe('Vad vill du ändra i din stadsdel?');
      expect(new URL(page.url()).pathname).toBe('/dialogues/new');
    }

    expect(await waiting(page)).toContain('Allt är sparat');
    await page.getByRole('link', { name: 'Dialoger', exact: true }).click();
    await page.getByText('Inga dialoger än.').waitFor();
  });

  it('refuses a contribution over 2000 characters, says so, keeps the text in the field and saves nothing', async () => {
    await createDialogue(page, { title: 'Ungdomsrådet', question: 'Vad ska rådet ta upp i höst?' });
    await expect.poll(() => waiting(page)).toContain('1 ändring väntar på att synkas');

    const field = page.getByLabel('Skriv ett bidrag', { exact: true });
    const long = 'Mer pengar till fritidsgården. '.repeat(65).slice(0, 2001);
    await field.fill(long);
    expect(await page.locator('#contribution-text-count').textContent()).toBe('2001 av 2000 tecken');
    await page.getByRole('button', { name: 'Lägg till bidrag' }).click();

    await page.locator('#contribution-text-error').getByText(TOO_LONG).waitFor();
    expect(await field.inputValue()).toBe(long);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Inga bidrag än. Skriv det första!').waitFor();
    expect(await waiting(page)).toContain('1 ändring väntar på att synkas');

    // Exactly at the limit is fine: the user shortens the text and it is saved.
    await field.fill(long.slice(0, 2000));
    await page.getByRole('button', { name: 'Lägg till bidrag' }).click();
    await expect.poll(() => contributionTexts(page)).toEqual([long.slice(0, 2000).trim()]);
    expect(await field.inputValue()).toBe('');
    expect(await page.locator('#contribution-text-error').count()).toBe(0);
    await expect.poll(() => waiting(page)).toContain('2 ändringar väntar på att synkas');
  });

  it('counts the limit in characters as a reader sees them, so 2000 emoji with a skin tone fit', async () => {
    await createDialogue(page, { title: 'Idrott', question: 'Vilken sport saknar du?' });
    const field = page.getByLabel('Skriv ett bidrag', { exact: true });
    // Each is two code points and four UTF-16 units, but one character on screen.
    const emoji = '👍🏽'.repeat(2000);
    await field.fill(emoji);
    expect(await page.locator('#contribution-text-count').textContent()).toBe('2000 av 2000 tecken');
    await page.getByRole('button', { name: 'Lägg till bidrag' }).click();
    await expect.poll(() => contributionTexts(page)).toEqual([emoji]);

    await field.fill(`${emoji}👍🏽`);
    await page.getByRole('button', { name: 'Lägg till bidrag' }).click();
    await page.locator('#contribution-text-error').getByText(TOO_LONG).waitFor();
    expect(await contributionTexts(page)).toEqual([emoji]);
  });
});
