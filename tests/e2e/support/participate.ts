/**
 * What a participant does on a phone, and what a facilitator does to let them in, through the
 * visible texts of the locale files.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import arParticipate from '../../../locales/ar/participate.json' with { type: 'json' };
import svParticipate from '../../../locales/sv/participate.json' with { type: 'json' };
import svCapture from '../../../locales/sv/capture.json' with { type: 'json' };
import { TEXTS } from './app.ts';
import { newContext, PHONE } from './browser.ts';

export const P = { sv: svParticipate, ar: arParticipate } as const;
export const CAPTURE = svCapture;

/** Open the dialogue on its page and wait for the server's join code to arrive. Returns the code. */
export async function openForParticipants(page: Page): Promise<string> {
  await page.getByRole('button', { name: TEXTS.sv.commands.open }).click();
  const code = page.getByTestId('join-code');
  await code.waitFor({ timeout: 20_000 });
  return ((await code.textContent()) ?? '').replace(/\s/g, '');
}

/** A phone (360×740) that has joined by `code` and is on the writing step. */
export async function phoneJoins(
  browser: Browser,
  url: string,
  code: string,
  t: typeof svParticipate = svParticipate,
  languageButton = 'Svenska',
  locale = 'sv-SE',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, { viewport: PHONE, locale });
  const page = await context.newPage();
  await page.goto(`${url}/j/${code}`);
  await page.getByRole('button', { name: languageButton, exact: true }).click();
  await page.getByRole('button', { name: t.consent.agree }).click();
  await page.getByLabel(t.write.label, { exact: true }).waitFor();
  return { context, page };
}

/** Write one answer on a phone and send it. */
export async function phoneWrites(page: Page, text: string, t: typeof svParticipate = svParticipate): Promise<void> {
  await page.getByLabel(t.write.label, { exact: true }).fill(text);
  await page.getByRole('button', { name: t.write.send }).click();
  await page.getByRole('heading', { name: t.sent.heading }).waitFor();
}
