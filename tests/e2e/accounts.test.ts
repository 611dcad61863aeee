/**
 * Accounts in the browser, against the real server process: setting up the server with the code
 * from its log, signing in, an admin managing people and devices, a revoked device, and a shared
 * tablet passed from one person to the next without leaking or losing anything.
 *
 * The tests run in order and share one server: the first sets it up, later ones use its admin.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import arAccounts from '../../locales/ar/accounts.json' with { type: 'json' };
import svAccounts from '../../locales/sv/accounts.json' with { type: 'json' };
import svSession from '../../locales/sv/session.json' with { type: 'json' };
import arSession from '../../locales/ar/session.json' with { type: 'json' };
import { createDialogue, TEXTS } from './support/app.ts';
import {
  DESKTOP,
  expectNoAxeViolations,
  launchBrowser,
  newContext,
  PHONE,
  waitForServiceWorker,
} from './support/browser.ts';
import { api, signIn } from './support/accounts.ts';
import { APP_V1, REPO, SERVER_MAIN } from './support/paths.ts';
import { startServer } from './support/server.ts';

const sv = { ...svAccounts, ...svSession };
const ADMIN = { username: 'admin', password: 'hemligt-lösen-1', displayName: 'Åsa Admin' };
const FIA = { username: 'fia', password: 'fias-lösenord-1', displayName: 'Fia Facilitator' };
const MUNICIPALITY = 'Borlänge';

// ---------------------------------------------------------------------------------------------
// The server, started as an operator starts it, with its log kept: the setup code is printed there.

interface AccountServer {
  readonly url: string;
  readonly dataDir: string;
  readonly setupCode: string;
  dispose(): Promise<void>;
}

async function startAccountServer(): Promise<AccountServer> {
  const server = await startServer(APP_V1, {
    // Every browser here is one loopback address: the per-address limit is not what is tested.
    env: { LOGIN_LIMIT_PER_IP: '1000' },
  });
  return {
    url: server.url,
    dataDir: server.dataDir,
    setupCode: await server.setupCode(),
    dispose: () => server.dispose(),
  };
}

async function adminToken(server: AccountServer): Promise<string> {
  const { status, body } = await api<{ token: string }>(server, 'POST', '/api/auth/login', {
    username: ADMIN.username,
    password: ADMIN.password,
    deviceId: crypto.randomUUID(),
    deviceLabel: 'Testets dator',
  });
  expect(status).toBe(200);
  return body.token;
}

// ---------------------------------------------------------------------------------------------
// What people do in the app

async function heading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

async function signedInAs(page: Page, name: string, role: string): Promise<void> {
  await page.getByTestId('signed-in-as').getByText(`${name}, ${role}`).waitFor();
}

function waiting(page: Page) {
  return page.getByTestId('waiting');
}

/** The dialogues' tenants as IndexedDB holds them: what is on the device, not just what is shown. */
function storedTenants(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('delaktig');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('dialogues').objectStore('dialogues').getAll();
          request.onsuccess = () => {
            resolve((request.result as { tenantId: string }[]).map((d) => d.tenantId));
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

describe('accounts', () => {
  let browser: Browser;
  let server: AccountServer;
  const contexts: BrowserContext[] = [];

  async function open(options: { locale?: string; viewport?: { width: number; height: number } } = {}) {
    const context = await newContext(browser, options);
    contexts.push(context);
    const page = await context.newPage();
    return { context, page };
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startAccountServer();
  });
  afterAll(async () => {
    await browser.close();
    await server.dispose();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  it('has no WCAG 2.1 AA violations on the setup form, in Swedish and Arabic, on a phone and a desktop', async () => {
    for (const [locale, t] of [
      ['sv-SE', sv],
      ['ar', { ...arAccounts, ...arSession }],
    ] as const) {
      // One device per language, checked at each size (the layout is CSS alone).
      const { page } = await open({ locale, viewport: PHONE });
      await page.goto(`${server.url}/setup`);
      await heading(page, t.setup.heading);
      await page.getByLabel(t.setup.setupCode, { exact: true }).waitFor();
      await page.getByRole('button', { name: t.setup.submit }).click();
      await page.getByRole('alert').first().waitFor();
      for (const viewport of [PHONE, DESKTOP]) {
        await page.setViewportSize(viewport);
        await expectNoAxeViolations(page, `the setup form with errors (${locale}, ${viewport.width})`);
      }
    }
  });

  it('sets up the server with the code from its log, after refusing a wrong code, keeping what was typed', async () => {
    const { page } = await open();
    await page.goto(server.url);
    await page.getByText(sv.banner.setupNeeded).waitFor();
    await page.getByRole('link', { name: sv.signIn.setupLink }).click();
    await heading(page, sv.setup.heading);

    await page.getByLabel(sv.setup.setupCode, { exact: true }).fill('AAAA-AAAA');
    await page.getByLabel(sv.setup.municipalityName, { exact: true }).fill(MUNICIPALITY);
    await page.getByLabel(sv.setup.displayName, { exact: true }).fill(ADMIN.displayName);
    await page.getByLabel(sv.setup.username, { exact: true }).fill(ADMIN.username);
    await page.getByLabel(sv.setup.password, { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: sv.setup.submit }).click();
    const alert = page.getByRole('alert').filter({ hasText: sv.errors.wrong_setup_code });
    await alert.waitFor();
    // The message takes focus, so a screen reader reads it at once.
    expect(await alert.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await page.getByLabel(sv.setup.municipalityName, { exact: true }).inputValue()).toBe(MUNICIPALITY);
    expect(await page.getByLabel(sv.setup.password, { exact: true }).inputValue()).toBe(ADMIN.password);

    await page.getByLabel(sv.setup.setupCode, { exact: true }).fill(server.setupCode.toLowerCase());
    await page.getByRole('button', { name: sv.setup.submit }).click();
    await heading(page, TEXTS.sv.dialogues.title);
    await signedInAs(page, ADMIN.displayName, sv.roles.admin);
    expect(await page.getByRole('link', { name: sv.header.admin }).count()).toBe(1);

    // Once an admin exists, the server refuses a second setup and the app says it is set up.
    const again = await api(server, 'POST', '/api/setup', {
      setupCode: server.setupCode,
      municipalityName: 'Falun',
      username: 'other',
      displayName: 'Other',
      password: 'lösenord-123',
      deviceId: crypto.randomUUID(),
    });
    expect(again.status).toBe(409);
    const fresh = await open();
    await fresh.page.goto(`${server.url}/setup`);
    await fresh.page.getByText(sv.setup.notNeeded).waitFor();
  });

  it('lets an admin create a person, who then signs in (after a wrong password) but may not administer', async () => {
    const { page: adminPage } = await open();
    await adminPage.goto(`${server.url}/sign-in`);
    await signIn(adminPage, ADMIN);
    await signedInAs(adminPage, ADMIN.displayName, sv.roles.admin);
    await adminPage.getByRole('link', { name: sv.header.admin }).click();
    await heading(adminPage, sv.users.heading);
    await adminPage.getByLabel(sv.users.displayName, { exact: true }).fill(FIA.displayName);
    await adminPage.getByLabel(sv.users.username, { exact: true }).fill(FIA.username);
    await adminPage.getByLabel(sv.users.role, { exact: true }).selectOption('facilitator');
    await adminPage.getByLabel(sv.users.password, { exact: true }).fill(FIA.password);
    await adminPage.getByRole('button', { name: sv.users.create }).click();
    await adminPage.getByText(`${FIA.displayName} har fått ett konto.`).waitFor();
    await adminPage.getByRole('heading', { level: 2, name: FIA.displayName }).waitFor();

    // The same username again: the server says it is taken, beside the field.
    await adminPage.getByLabel(sv.users.displayName, { exact: true }).fill('Fia Två');
    await adminPage.getByLabel(sv.users.username, { exact: true }).fill(FIA.username);
    await adminPage.getByLabel(sv.users.password, { exact: true }).fill(FIA.password);
    await adminPage.getByRole('button', { name: sv.users.create }).click();
    await adminPage.locator('#create-user-username-error').getByText(sv.errors.username_taken).waitFor();
    expect(await adminPage.getByLabel(sv.users.displayName, { exact: true }).inputValue()).toBe('Fia Två');

    const { page } = await open();
    await page.goto(`${server.url}/sign-in`);
    expect(await page.getByLabel(sv.signIn.deviceLabel, { exact: true }).inputValue()).toBe(
      sv.signIn.deviceLabelDefault,
    );
    await signIn(page, { username: FIA.username, password: 'fel-lösenord-1' });
    await page.getByRole('alert').getByText(sv.errors.wrong_credentials).waitFor();
    expect(await page.getByLabel(sv.signIn.username, { exact: true }).inputValue()).toBe(FIA.username);

    await signIn(page, FIA);
    await heading(page, TEXTS.sv.dialogues.title);
    await signedInAs(page, FIA.displayName, sv.roles.facilitator);
    expect(await page.getByRole('link', { name: sv.header.admin }).count()).toBe(0);
    await page.goto(`${server.url}/admin/users`);
    await page.getByTestId('admin-refused').getByText('Bara administratörer').waitFor();
    expect(await page.getByRole('list', { name: sv.users.listLabel }).count()).toBe(0);
  });

  it('enrols a shared tablet with a one-time code shown as XXXX-XXXX and as a QR code of the enrol link', async () => {
    const { page: adminPage } = await open();
    await adminPage.goto(`${server.url}/sign-in`);
    await signIn(adminPage, ADMIN);
    await signedInAs(adminPage, ADMIN.displayName, sv.roles.admin);
    await adminPage.goto(`${server.url}/admin/devices`);
    await heading(adminPage, sv.devices.heading);
    await adminPage.getByLabel(sv.devices.enrolLabel, { exact: true }).fill('Surfplatta 3');
    await adminPage.getByLabel(sv.devices.enrolRole, { exact: true }).selectOption('youthCouncil');
    await adminPage.getByRole('button', { name: sv.devices.enrolSubmit }).click();
    const shown = (await adminPage.getByTestId('enrolment-code').textContent()) ?? '';
    expect(shown).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const qr = adminPage.getByTestId('enrolment-qr');
    expect(await qr.getAttribute('aria-label')).toContain(shown);
    expect(await qr.locator('path').getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);

    // The tablet's camera opens the link: the code is filled in.
    const { page: tablet } = await open({ viewport: PHONE });
    await tablet.goto(`${server.url}/enrol?code=${shown.replace('-', '')}`);
    await heading(tablet, sv.enrol.heading);
    expect(await tablet.getByLabel(sv.enrol.code, { exact: true }).inputValue()).toBe(shown);
    await tablet.getByRole('button', { name: sv.enrol.submit }).click();
    await signedInAs(tablet, 'Surfplatta 3', sv.roles.youthCouncil);

    // One time only: a second tablet with the same code is told so.
    const { page: second } = await open();
    await second.goto(`${server.url}/enrol?code=${shown}`);
    await second.getByRole('button', { name: sv.enrol.submit }).click();
    await second
      .getByRole('alert')
      .getByText(/Koden har gått ut|Koden finns inte/)
      .waitFor();
  });

  it('shows “sign in again” on a revoked device, keeps the change waiting, and syncs it after signing in', async () => {
    const { page } = await open();
    await page.goto(`${server.url}/sign-in`);
    await signIn(page, FIA);
    await signedInAs(page, FIA.displayName, sv.roles.facilitator);
    await createDialogue(page, { title: 'Före återkallningen', question: 'Syncs?' });
    await waiting(page).getByText(TEXTS.sv.status.allSynced).waitFor();

    // The admin revokes the tablet's session.
    const token = await adminToken(server);
    const { body } = await api<{ devices: { id: string; username: string; deviceLabel: string }[] }>(
      server,
      'GET',
      '/api/devices',
      undefined,
      token,
    );
    const fias = body.devices.filter((d) => d.username === FIA.username);
    expect(fias.length).toBeGreaterThan(0);
    for (const device of fias) {
      expect((await api(server, 'DELETE', `/api/devices/${device.id}`, undefined, token)).status).toBe(204);
    }

    await page.getByRole('link', { name: TEXTS.sv.nav.home, exact: true }).click();
    await createDialogue(page, { title: 'Efter återkallningen', question: 'Waits?' });
    await page.getByTestId('session-invalid').getByText(sv.banner.sessionInvalid).waitFor();
    await waiting(page).getByText('1 ändring väntar på att synkas').waitFor();
    await page.getByRole('link', { name: TEXTS.sv.nav.home, exact: true }).click();
    await page.getByRole('link', { name: 'Efter återkallningen' }).waitFor();
    await page.getByRole('link', { name: 'Före återkallningen' }).waitFor();
    await expectNoAxeViolations(page, 'the sign-in-again banner');

    // After a reload too (the app opens as Fia from IndexedDB; the server still says no).
    await page.reload();
    await page.getByTestId('session-invalid').waitFor();
    await waiting(page).getByText('1 ändring väntar på att synkas').waitFor();

    await page.getByRole('link', { name: sv.banner.signInAgain }).click();
    await heading(page, sv.signIn.heading);
    expect(await page.getByLabel(sv.signIn.username, { exact: true }).inputValue()).toBe(FIA.username);
    await page.getByLabel(sv.signIn.password, { exact: true }).fill(FIA.password);
    await page.getByRole('button', { name: sv.signIn.submit, exact: true }).click();
    await heading(page, TEXTS.sv.dialogues.title);
    await waiting(page).getByText(TEXTS.sv.status.allSynced).waitFor();
    expect(await page.getByTestId('session-invalid').count()).toBe(0);
  });

  it('refuses sign-out while changes wait, signs out after they are exported, and the next person sees nothing of it', async () => {
    // Falun: another municipality on the same server, with its own admin (the operator's CLI).
    await runCli(['create-municipality', '--name', 'Falun']);
    await runCli(
      ['create-admin', '--municipality', 'Falun', '--username', 'bo', '--display-name', 'Bo Berg'],
      'bos-lösenord-123\n',
    );

    const { context, page } = await open();
    await page.goto(`${server.url}/sign-in`);
    await signIn(page, FIA);
    await signedInAs(page, FIA.displayName, sv.roles.facilitator);
    await waiting(page).getByText(TEXTS.sv.status.allSynced).waitFor();
    // As a facilitator does before leaving for a school without wifi: the app is on the device.
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await createDialogue(page, { title: 'Fias hemliga anteckningar', question: 'Offline?' });
    await waiting(page).getByText('1 ändring väntar på att synkas').waitFor();

    await page.getByRole('link', { name: sv.header.signOut, exact: true }).click();
    await heading(page, sv.signOut.heading);
    await page
      .getByTestId('sign-out-waiting')
      .getByText(/^1 ändring har inte synkats än/)
      .waitFor();
    expect(await page.getByRole('button', { name: sv.signOut.submit, exact: true }).count()).toBe(0);
    await expectNoAxeViolations(page, 'sign-out refused while a change waits');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: sv.signOut.export }).click(),
    ]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      format: string;
      version: number;
      changes: { entity: string; tenantId: string; fields: { title?: string } }[];
    };
    expect(exported).toMatchObject({ format: 'delaktig-changes', version: 1 });
    expect(exported.changes.map((c) => c.fields.title)).toEqual(['Fias hemliga anteckningar']);

    const confirm = page.getByLabel(sv.signOut.confirm);
    const submit = page.getByRole('button', { name: sv.signOut.submitDiscard });
    expect(await submit.isDisabled()).toBe(true);
    await confirm.check();
    await expectNoAxeViolations(page, 'sign-out after export');
    await submit.click();
    await heading(page, sv.signIn.heading);
    await page.getByText(sv.signIn.signedOutOffline).waitFor();
    expect(await storedTenants(page)).toEqual([]);
    expect(await page.getByRole('link', { name: sv.header.signIn }).count()).toBe(1);

    // Bo of Falun takes the tablet: nothing of Fia's is on it, and nothing of Borlänge is pulled.
    await context.setOffline(false);
    await signIn(page, { username: 'bo', password: 'bos-lösenord-123' });
    await signedInAs(page, 'Bo Berg', sv.roles.admin);
    await waiting(page).getByText(TEXTS.sv.status.allSynced).waitFor();
    await page.getByText(TEXTS.sv.dialogues.empty).waitFor();
    expect(await page.getByText('Fias hemliga anteckningar').count()).toBe(0);
    expect(await page.getByText('Före återkallningen').count()).toBe(0);
    expect(await storedTenants(page)).not.toContain(exported.changes[0]!.tenantId);

    // Fia, on another device, imports the file: the change syncs and nothing was lost.
    const { page: laptop } = await open();
    await laptop.goto(`${server.url}/sign-in`);
    await signIn(laptop, FIA);
    await signedInAs(laptop, FIA.displayName, sv.roles.facilitator);
    await laptop.getByRole('link', { name: TEXTS.sv.nav.settings, exact: true }).click();
    await laptop.getByLabel(sv.transfer.import, { exact: true }).setInputFiles((await download.path())!);
    await laptop.getByText('1 ändring har importerats och väntar på att synkas.').waitFor();
    await laptop.getByRole('link', { name: TEXTS.sv.nav.home, exact: true }).click();
    await laptop.getByRole('link', { name: 'Fias hemliga anteckningar' }).waitFor();
    await waiting(laptop).getByText(TEXTS.sv.status.allSynced).waitFor();

    // Bo cannot import Borlänge's changes into Falun.
    await page.getByRole('link', { name: TEXTS.sv.nav.settings, exact: true }).click();
    await page.getByLabel(sv.transfer.import, { exact: true }).setInputFiles((await download.path())!);
    await page
      .getByRole('alert')
      .getByText(/Filen innehåller ändringar för Borlänge/)
      .waitFor();
  });

  it('on a shared tablet: refuses sign-out while offline work waits, syncs it, signs out, and the next person finds none of it', async () => {
    const { context, page } = await open({ viewport: PHONE });
    await page.goto(`${server.url}/sign-in`);
    await signIn(page, FIA);
    await signedInAs(page, FIA.displayName, sv.roles.facilitator);
    await waiting(page).getByText(TEXTS.sv.status.allSynced).waitFor();
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await createDialogue(page, { title: 'Fias offlinedialog', question: 'Vad händer sen?' });
    await page.getByRole('link', { name: sv.header.signOut, exact: true }).click();
    await page.getByTestId('sign-out-waiting').waitFor();
    expect(await page.getByRole('button', { name: sv.signOut.submit, exact: true }).count()).toBe(0);

    // Back online, the change syncs, and sign-out is offered.
    await context.setOffline(false);
    await page.getByRole('button', { name: sv.signOut.submit, exact: true }).click();
    await page.getByText(sv.signIn.signedOut).waitFor();
    expect(await storedTenants(page)).toEqual([]);

    await signIn(page, { username: 'bo', password: 'bos-lösenord-123' });
    await signedInAs(page, 'Bo Berg', sv.roles.admin);
    await waiting(page).getByText(TEXTS.sv.status.allSynced).waitFor();
    expect(await page.getByText('Fias offlinedialog').count()).toBe(0);
    expect(await storedTenants(page)).toEqual([]);

    // And Fia's dialogue reached the server: she finds it on another device.
    const { page: other } = await open();
    await other.goto(`${server.url}/sign-in`);
    await signIn(other, FIA);
    await other.getByRole('link', { name: 'Fias offlinedialog' }).waitFor();
  });

  it('asks the first person to sign in whether to move the dialogues made before, and moves them on “yes”', async () => {
    const { page } = await open();
    await page.goto(server.url);
    await heading(page, TEXTS.sv.dialogues.title);
    await createDialogue(page, { title: 'Gjord före inloggning', question: 'Vems?' });
    await page.getByRole('link', { name: sv.header.signIn }).click();
    await signIn(page, FIA);
    const prompt = page.getByTestId('adopt-prompt');
    await prompt.getByText(`Flytta 1 dialog som skapats på den här enheten till ${MUNICIPALITY}?`).waitFor();
    await expectNoAxeViolations(page, 'the adoption question');
    await prompt.getByRole('button', { name: sv.adopt.yes }).click();
    await page.getByText(`1 dialog har flyttats till ${MUNICIPALITY}.`).waitFor();
    await page.getByRole('link', { name: 'Gjord före inloggning' }).waitFor();
    await waiting(page).getByText(TEXTS.sv.status.allSynced).waitFor();
    expect((await storedTenants(page)).includes('local')).toBe(false);
  });

  for (const [locale, t] of [
    ['sv-SE', sv],
    ['ar', { ...arAccounts, ...arSession }],
  ] as const) {
    for (const viewport of [PHONE, DESKTOP]) {
      it(`has no WCAG 2.1 AA violations on the account screens in ${locale} at ${viewport.width}×${viewport.height}`, async () => {
        const { page } = await open({ locale, viewport });
        await page.goto(`${server.url}/sign-in`);
        await heading(page, t.signIn.heading);
        await page.getByLabel(t.signIn.username, { exact: true }).fill(ADMIN.username);
        await page.getByLabel(t.signIn.password, { exact: true }).fill('fel-lösenord-1');
        await page.getByRole('button', { name: t.signIn.submit, exact: true }).click();
        await page.getByRole('alert').getByText(t.errors.wrong_credentials).waitFor();
        await expectNoAxeViolations(page, `sign-in with an error (${locale})`);

        await page.goto(`${server.url}/enrol`);
        await heading(page, t.enrol.heading);
        await page.getByLabel(t.enrol.code, { exact: true }).fill('ZZZZ-ZZZZ');
        await page.getByRole('button', { name: t.enrol.submit, exact: true }).click();
        await page.getByRole('alert').first().waitFor();
        await expectNoAxeViolations(page, `enrol with an error (${locale})`);

        await page.goto(`${server.url}/sign-in`);
        await page.getByLabel(t.signIn.username, { exact: true }).fill(ADMIN.username);
        await page.getByLabel(t.signIn.password, { exact: true }).fill(ADMIN.password);
        await page.getByRole('button', { name: t.signIn.submit, exact: true }).click();
        await page.getByTestId('signed-in-as').waitFor();
        await expectNoAxeViolations(page, `home, signed in (${locale})`);

        await page.goto(`${server.url}/admin/users`);
        await page.getByRole('list', { name: t.users.listLabel }).waitFor();
        await expectNoAxeViolations(page, `admin users (${locale})`);
        await page
          .getByRole('button', { name: t.users.resetPasswordOf.replace('{{name}}', FIA.displayName) })
          .click();
        await expectNoAxeViolations(page, `admin users, new password form (${locale})`);

        await page.goto(`${server.url}/admin/devices`);
        await page.getByRole('list', { name: t.devices.listLabel }).waitFor();
        await page.getByLabel(t.devices.enrolLabel, { exact: true }).fill('Surfplatta 9');
        await page.getByRole('button', { name: t.devices.enrolSubmit }).click();
        await page.getByTestId('enrolment-qr').waitFor();
        await expectNoAxeViolations(page, `admin devices with an enrolment code (${locale})`);

        await page.goto(`${server.url}/admin/municipality`);
        await page.getByLabel(t.municipality.name, { exact: true }).waitFor();
        await page.getByRole('button', { name: t.municipality.addCommittee }).click();
        await page.getByRole('button', { name: t.municipality.save }).click();
        await page.getByRole('alert').first().waitFor();
        await expectNoAxeViolations(page, `admin municipality with an error (${locale})`);

        await page.goto(`${server.url}/settings`);
        await page.getByRole('heading', { level: 2, name: t.transfer.heading }).waitFor();
        await expectNoAxeViolations(page, `settings with export and import (${locale})`);

        await page.goto(`${server.url}/sign-out`);
        await heading(page, t.signOut.heading);
        await page.getByRole('button', { name: t.signOut.submit, exact: true }).waitFor();
        await expectNoAxeViolations(page, `sign-out (${locale})`);
      });
    }
  }

  /** The operator's command line, on the running server's data directory. */
  async function runCli(args: string[], input = ''): Promise<void> {
    const child = spawn(process.execPath, [SERVER_MAIN, ...args], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: server.dataDir, LOG_LEVEL: 'warn' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.end(input);
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    if (code !== 0) throw new Error(`${args.join(' ')} failed (${code}):\n${output}`);
  }
});
