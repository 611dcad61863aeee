/**
 * What a facilitator does in the app, step by step, through its visible texts. The texts come from
 * the locale files, so the same steps work in any language of the app.
 */
import type { Page } from 'playwright-core';
import { savedDraftInPage } from '../../support/saved-draft.ts';
import ar from '../../../locales/ar/app.json' with { type: 'json' };
import sv from '../../../locales/sv/app.json' with { type: 'json' };

export type Texts = typeof sv;

export const TEXTS = { sv, ar } as const satisfies Record<string, Texts>;

const DIALOGUE_PATH = /\/dialogues\/([0-9a-f-]{36})$/;

/** From the home screen: "Ny dialog", fill the form, "Skapa dialog". Returns the new dialogue's id. */
export async function createDialogue(
  page: Page,
  dialogue: { title: string; question: string },
  t: Texts = sv,
): Promise<string> {
  await page.getByRole('link', { name: t.dialogues.new, exact: true }).click();
  await page.getByLabel(t.newDialogue.titleLabel, { exact: true }).fill(dialogue.title);
  await page.getByLabel(t.newDialogue.questionLabel, { exact: true }).fill(dialogue.question);
  await page.getByRole('button', { name: t.newDialogue.create }).click();
  await page.waitForURL(DIALOGUE_PATH);
  await page.getByRole('heading', { level: 1, name: dialogue.title }).waitFor();
  return dialogueIdOf(page);
}

/** On a dialogue page: type a contribution, add it, and wait until the list shows it. */
export async function addContribution(page: Page, text: string, t: Texts = sv): Promise<void> {
  await page.getByLabel(t.contributions.label, { exact: true }).fill(text);
  await page.getByRole('button', { name: t.contributions.add }).click();
  await contributionList(page, t).getByText(text, { exact: true }).waitFor();
}

export function contributionList(page: Page, t: Texts = sv) {
  return page.getByRole('list', { name: t.contributions.listLabel });
}

/** The texts of the contributions listed on a dialogue page, in the order shown. */
export function contributionTexts(page: Page, t: Texts = sv): Promise<string[]> {
  return contributionList(page, t).locator('li > p[lang]').allTextContents();
}

export function dialogueIdOf(page: Page): string {
  const id = DIALOGUE_PATH.exec(new URL(page.url()).pathname)?.[1];
  if (!id) throw new Error(`Not on a dialogue page: ${page.url()}`);
  return id;
}

/** The values of the form draft `key` as the app last autosaved them (tests/support/saved-draft.ts). */
export function savedDraft(page: Page, key: string): Promise<Record<string, string> | null> {
  return page.evaluate(savedDraftInPage, key);
}
