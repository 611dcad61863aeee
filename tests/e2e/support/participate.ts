/**
 * What a participant does on a phone, and what a facilitator does to let them in, through the
 * visible texts of the locale files.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { formatHlc } from '../../../src/shared/sync/hlc.ts';
import { api } from './accounts.ts';
import arParticipate from '../../../locales/ar/participate.json' with { type: 'json' };
import svParticipate from '../../../locales/sv/participate.json' with { type: 'json' };
import enParticipate from '../../../locales/en/participate.json' with { type: 'json' };
import svCapture from '../../../locales/sv/capture.json' with { type: 'json' };
import { TEXTS } from './app.ts';
import { newContext, PHONE } from './browser.ts';

export const P = { sv: svParticipate, en: enParticipate, ar: arParticipate } as const;
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
export async function phoneWrites(
  page: Page,
  text: string,
  t: typeof svParticipate = svParticipate,
): Promise<void> {
  await page.getByLabel(t.write.label, { exact: true }).fill(text);
  await page.getByRole('button', { name: t.write.send }).click();
  await page.getByRole('heading', { name: t.sent.heading }).waitFor();
}

/** Sign in through the API as a device would; returns the bearer token and the municipality. */
export async function apiSignIn(
  server: { url: string },
  who: { username: string; password: string },
): Promise<{ token: string; tenantId: string }> {
  const answer = await api<{ token: string; municipality: { id: string } }>(
    server,
    'POST',
    '/api/auth/login',
    {
      username: who.username,
      password: who.password,
      deviceId: crypto.randomUUID(),
    },
  );
  if (answer.status !== 200) throw new Error(`Signing in answered ${answer.status}`);
  return { token: answer.body.token, tenantId: answer.body.municipality.id };
}

let clock = Date.now();
function change(
  tenantId: string,
  entity: string,
  recordId: string,
  fields: Record<string, unknown>,
  command?: string,
) {
  clock += 1;
  return {
    changeId: uuidv7(),
    entity,
    recordId,
    tenantId,
    fields,
    hlc: formatHlc({ ms: clock, counter: 0 }, 'e2e-api'),
    deviceId: 'e2e-api',
    userId: null,
    ...(command ? { command } : {}),
  };
}

/**
 * A dialogue made through the sync API (as a facilitator's device would push it) and opened, with
 * `fields` beside title and question; `status` 'closed' closes it again. Returns its id and join code.
 */
export async function dialogueByApi(
  server: { url: string },
  token: string,
  tenantId: string,
  fields: Record<string, unknown>,
  status: 'open' | 'closed' = 'open',
): Promise<{ id: string; code: string }> {
  const id = uuidv7();
  const changes = [
    change(tenantId, 'dialogue', id, { status: 'planned', createdAt: new Date().toISOString(), ...fields }),
    change(tenantId, 'dialogue', id, { status: 'open' }, 'open'),
    ...(status === 'closed' ? [change(tenantId, 'dialogue', id, { status: 'closed' }, 'close')] : []),
  ];
  const pushed = await api(server, 'POST', '/api/sync/push', { changes }, token);
  if (pushed.status !== 200) throw new Error(`Pushing the dialogue answered ${pushed.status}`);
  const pulled = await api<{ changes: { recordId: string; fields: Record<string, unknown> }[] }>(
    server,
    'GET',
    '/api/sync/pull?after=0',
    undefined,
    token,
  );
  const code = pulled.body.changes.find((c) => c.recordId === id && typeof c.fields.joinCode === 'string')
    ?.fields.joinCode as string | undefined;
  if (!code) throw new Error('The server gave the dialogue no join code');
  return { id, code };
}

/** Push status commands for a dialogue through the sync API, e.g. close (with when) and report. */
export async function commandsByApi(
  server: { url: string },
  token: string,
  tenantId: string,
  dialogueId: string,
  commands: readonly { command: string; status: string; fields?: Record<string, unknown> }[],
): Promise<void> {
  const changes = commands.map(({ command, status, fields }) =>
    change(tenantId, 'dialogue', dialogueId, { status, ...fields }, command),
  );
  const pushed = await api<{ notices: unknown[] }>(server, 'POST', '/api/sync/push', { changes }, token);
  if (pushed.status !== 200 || pushed.body.notices.length > 0) {
    throw new Error(`Pushing ${commands.map((c) => c.command).join(', ')} answered ${pushed.status}`);
  }
}

/**
 * Push records of any entity through the sync API as a staff device would (feedback, translations,
 * …). Fails unless every change took effect.
 */
export async function recordsByApi(
  server: { url: string },
  token: string,
  tenantId: string,
  records: readonly {
    entity: string;
    id: string;
    fields: Record<string, unknown>;
    command?: string;
  }[],
): Promise<void> {
  const changes = records.map(({ entity, id, fields, command }) =>
    change(tenantId, entity, id, fields, command),
  );
  const pushed = await api<{ notices?: unknown[] }>(server, 'POST', '/api/sync/push', { changes }, token);
  if (pushed.status !== 200 || (pushed.body.notices ?? []).length > 0) {
    throw new Error(
      `Pushing ${records.length} record(s) answered ${pushed.status}: ${JSON.stringify(pushed.body)}`,
    );
  }
}
