/**
 * What a facilitator does in the app and what the tests read back, in any engine: elements found by
 * the Swedish texts people see (from the locale files), state read in the page.
 */
import svAccounts from '../../../locales/sv/accounts.json' with { type: 'json' };
import svSession from '../../../locales/sv/session.json' with { type: 'json' };
import sv from '../../../locales/sv/app.json' with { type: 'json' };
import svSync from '../../../locales/sv/sync.json' with { type: 'json' };
import type { EnginePage } from './browsers.ts';
import { savedDraftInPage } from '../../support/saved-draft.ts';

export { sv, svAccounts, svSync };

const POLL_MS = 150;

/** An XPath string literal (the texts used here contain no double quote). */
function literal(text: string): string {
  if (text.includes('"')) throw new Error(`No double quotes in XPath texts: ${text}`);
  return `"${text}"`;
}

export const xpath = {
  link: (text: string) => `//a[normalize-space()=${literal(text)}]`,
  button: (text: string) => `//button[normalize-space()=${literal(text)}]`,
  /** The input or textarea a <label for> with exactly this text names. */
  field: (label: string) => `//*[@id=//label[normalize-space()=${literal(label)}]/@for]`,
};

/**
 * Poll `fn(arg)` in the page until `accept` takes its result; fail with the last value seen. Errors
 * while the page is being replaced (a reload, a navigation) count as "not yet".
 */
export async function waitUntil<A, T>(
  page: EnginePage,
  what: string,
  fn: (arg: A) => T | Promise<T>,
  arg: A,
  accept: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = 'nothing yet';
  for (;;) {
    try {
      const value = await page.evaluate(fn, arg);
      if (accept(value)) return value;
      last = JSON.stringify(value);
    } catch (error) {
      last = `error: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs / 1000} s for ${what}; last seen ${last}`);
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
}

// Page functions: sent to the browser as source, so they use nothing but their argument.

export const read = {
  languages: () => [document.documentElement.lang, ...navigator.languages],
  serviceWorkerControls: () => !!navigator.serviceWorker?.controller,
  heading: () => document.querySelector('main h1')?.textContent?.trim() ?? null,
  path: () => location.pathname,
  /** The text of the element with this data-testid, or null while there is none. */
  testId: (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? null,
  /** The value of the field a <label> with exactly this text names. */
  fieldValue: (label: string) => {
    const labelElement = Array.from(document.querySelectorAll('label')).find(
      (l) => l.textContent?.trim() === label,
    );
    const field = labelElement ? document.getElementById(labelElement.htmlFor) : null;
    return field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement ? field.value : null;
  },
  contributions: (listLabel: string) =>
    Array.from(document.querySelectorAll(`ol[aria-label="${listLabel}"] > li > p[lang]`), (p) =>
      (p.textContent ?? '').trim(),
    ),
  bodyText: () => document.body.innerText,
  updatePrompt: () => document.querySelector('[role="alertdialog"]')?.textContent?.trim() ?? null,
  /** Leave a mark on this document: after a real reload it is gone. */
  mark: () => {
    Object.assign(window, { delaktigEnginesMark: true });
    return true;
  },
  marked: () => 'delaktigEnginesMark' in window,
  /** The values of the form draft with this key as the app autosaved them, or null while there is none. */
  draft: savedDraftInPage,
};

/** "N ändringar väntar på att synkas", as the status bar says it. */
export function waitingText(count: number): string {
  const template = count === 1 ? sv.status.waiting_one : sv.status.waiting_other;
  return template.replace('{{count}}', String(count));
}

/** A first visit installs the service worker; it then takes control of the page (clientsClaim). */
export async function waitForServiceWorker(page: EnginePage): Promise<void> {
  await waitUntil(
    page,
    'a service worker controlling the page',
    read.serviceWorkerControls,
    null,
    Boolean,
    30_000,
  );
}

export async function waitForHeading(page: EnginePage, text: string, timeoutMs?: number): Promise<void> {
  await waitUntil(page, `the heading “${text}”`, read.heading, null, (h) => h === text, timeoutMs);
}

export async function waitForWaiting(page: EnginePage, text: string, timeoutMs?: number): Promise<void> {
  await waitUntil(page, `the sync status “${text}”`, read.testId, 'waiting', (w) => w === text, timeoutMs);
}

/** Reload, and make sure it was one: the page's own mark is gone and the app has started again. */
export async function reload(page: EnginePage): Promise<void> {
  await page.evaluate(read.mark, null);
  await page.reload();
  await waitUntil(page, 'a reloaded page', read.marked, null, (marked) => !marked);
}

export function contributionTexts(page: EnginePage): Promise<string[]> {
  return page.evaluate(read.contributions, sv.contributions.listLabel);
}

/** From any screen: "Logga in" in the header, then the form. Waits until the header names the person. */
export async function signIn(
  page: EnginePage,
  who: { username: string; password: string; displayName: string },
): Promise<void> {
  await page.click(xpath.link(svSession.header.signIn));
  await page.fill(xpath.field(svAccounts.signIn.username), who.username);
  await page.fill(xpath.field(svAccounts.signIn.password), who.password);
  await page.click(xpath.button(svAccounts.signIn.submit));
  await waitUntil(page, `“${who.displayName}” signed in`, read.testId, 'signed-in-as', (s) =>
    (s ?? '').includes(who.displayName),
  );
}

/** From the home screen: "Ny dialog", fill the form, "Skapa dialog"; waits for the dialogue's page. */
export async function createDialogue(
  page: EnginePage,
  dialogue: { title: string; question: string },
): Promise<void> {
  await page.click(xpath.link(sv.dialogues.new));
  await page.fill(xpath.field(sv.newDialogue.titleLabel), dialogue.title);
  await page.fill(xpath.field(sv.newDialogue.questionLabel), dialogue.question);
  await page.click(xpath.button(sv.newDialogue.create));
  await waitForHeading(page, dialogue.title);
}

/** On a dialogue's page: write a contribution, add it, and wait until the list shows it. */
export async function addContribution(page: EnginePage, text: string): Promise<void> {
  await page.fill(xpath.field(sv.contributions.label), text);
  await page.click(xpath.button(sv.contributions.add));
  await waitUntil(
    page,
    `the contribution “${text}” listed`,
    read.contributions,
    sv.contributions.listLabel,
    (list) => list.includes(text),
  );
}
