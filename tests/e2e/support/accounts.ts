/**
 * People on the real server, for browser tests: the server's HTTP API called as a device would, a
 * server set up with its log's setup code, people created by its admin, and signing in on a page.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import svAccounts from '../../../locales/sv/accounts.json' with { type: 'json' };
import { SCHEMA_HEADER, SYNC_SCHEMA_VERSION } from '../../../src/shared/sync/protocol.ts';
import type { AppServer } from './server.ts';
import { newContext, waitForServiceWorker, type ContextOptions } from './browser.ts';

export interface Person {
  readonly username: string;
  readonly password: string;
  readonly displayName: string;
}

/** The server's HTTP API from the test, as a device would call it. */
export async function api<T>(
  server: { readonly url: string },
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Set the server up through its API (municipality and first admin); returns the admin's token. */
export async function setUpServer(
  server: AppServer,
  municipalityName: string,
  admin: Person,
): Promise<string> {
  const { status, body } = await api<{ token: string }>(server, 'POST', '/api/setup', {
    setupCode: await server.setupCode(),
    municipalityName,
    username: admin.username,
    displayName: admin.displayName,
    password: admin.password,
    deviceId: crypto.randomUUID(),
  });
  if (status !== 200) throw new Error(`Setting up the server answered ${status}`);
  return body.token;
}

export async function createPerson(
  server: AppServer,
  adminToken: string,
  person: Person,
  role: string,
): Promise<void> {
  const { status } = await api(server, 'POST', '/api/users', { ...person, role }, adminToken);
  if (status !== 201 && status !== 200) throw new Error(`Creating ${person.username} answered ${status}`);
}

/** Fill in and send the sign-in form that is on `page`. */
export async function signIn(page: Page, who: Pick<Person, 'username' | 'password'>): Promise<void> {
  await page.getByLabel(svAccounts.signIn.username, { exact: true }).fill(who.username);
  await page.getByLabel(svAccounts.signIn.password, { exact: true }).fill(who.password);
  await page.getByRole('button', { name: svAccounts.signIn.submit, exact: true }).click();
}

/**
 * A device (its own browser context) on which `person` has signed in, with the service worker in
 * control, so that it can go offline.
 */
export async function signedInDevice(
  browser: Browser,
  server: Pick<AppServer, 'url'>,
  person: Pick<Person, 'username' | 'password'>,
  options: ContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, options);
  const page = await context.newPage();
  await page.goto(`${server.url}/sign-in`);
  await signIn(page, person);
  await page.getByTestId('signed-in-as').waitFor();
  await waitForServiceWorker(page);
  return { context, page };
}
