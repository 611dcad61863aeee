/**
 * Summer youth developers' proposals in real Chromium against the real server and service worker:
 * a youth developer drafts and submits offline, the proposal arrives when the tablet is online; an
 * official on another device receives, reviews and decides it (a decision without a date is refused
 * with a message); the author sees the decision and the official's response. The archive's search
 * finds a proposal by a word typed without its diacritics, and one written in Arabic. axe finds no
 * violation on any of the feature's screens. A PDF attached on one tablet (known by its bytes; an
 * HTML page named .pdf is refused) is uploaded and opened on another as a download; a cohort
 * member's consent to be named in reports is edited.
 */
import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createPerson, setUpServer, signedInDevice, type Person } from './support/accounts.ts';
import { collector, goOffline, launchBrowser } from './support/browser.ts';
import { APP_V1 } from './support/paths.ts';
import { apiSignIn } from './support/participate.ts';
import { startServer, type AppServer } from './support/server.ts';
import { formatHlc } from '../../src/shared/sync/hlc.ts';
import sv from '../../locales/sv/proposals.json' with { type: 'json' };
import svApp from '../../locales/sv/app.json' with { type: 'json' };

const ADMIN: Person = { username: 'admin', password: 'hemligt-lösen-1', displayName: 'Åsa Admin' };
const YLVA: Person = { username: 'ylva', password: 'ylvas-lösen-1', displayName: 'Ylva' };
const OLLE: Person = { username: 'olle', password: 'olles-lösen-1', displayName: 'Olle Official' };
const TITLE = 'Gratis busskort på sommaren';
const DECISION = 'Fritidsnämnden bifaller förslaget för juli och augusti.';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const svDownloaded = (name: string) => sv.attachments.downloaded.replace('{{name}}', name);

describe('proposals of summer youth developers', () => {
  let browser: Browser;
  let server: AppServer;
  const contexts: BrowserContext[] = [];
  let ylva: Page;
  let olle: Page;
  let admin: Page;

  async function device(person: Person): Promise<Page> {
    const { context, page } = await signedInDevice(browser, server, person);
    contexts.push(context);
    return page;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(APP_V1, { env: { LOGIN_LIMIT_PER_IP: '1000' } });
    const adminToken = await setUpServer(server, 'Borlänge', ADMIN);
    await createPerson(server, adminToken, YLVA, 'youthDeveloper');
    await createPerson(server, adminToken, OLLE, 'official');
    const committees = await api(
      server,
      'PATCH',
      '/api/municipality',
      { committees: [{ name: 'Fritidsnämnden' }, { name: 'Kommunstyrelsen' }] },
      adminToken,
    );
    expect(committees.status).toBe(200);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser.close();
    await server.dispose();
  });

  it('goes from an offline draft to a decision the author reads', async () => {
    ylva = await device(YLVA);
    await ylva.getByRole('link', { name: svApp.nav.proposals }).click();
    await ylva.getByRole('link', { name: sv.archive.new }).click();
    await ylva.getByLabel(sv.form.title, { exact: true }).waitFor();

    // Offline from here: written, saved and submitted on the tablet alone.
    await goOffline(contexts[0]!, server);
    await ylva.getByLabel(sv.form.title, { exact: true }).fill(TITLE);
    await ylva
      .getByLabel(sv.form.proposal, { exact: true })
      .fill('Alla unga under 20 åker gratis buss i juli och augusti.');
    await ylva.getByLabel(sv.form.committee).selectOption({ label: 'Fritidsnämnden' });
    await ylva.getByRole('button', { name: sv.form.save }).click();
    await ylva.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await ylva.getByRole('button', { name: sv.command.submit }).click();
    await expect.poll(() => ylva.getByTestId('proposal-status').textContent()).toBe(sv.status.submitted);
    await ylva.getByText(sv.history.unconfirmed).waitFor();
    // A youth developer is offered no official's step.
    expect(await ylva.getByRole('button', { name: sv.command.receive }).count()).toBe(0);

    // Online again: the server takes it and writes the history with Ylva's name.
    await server.restart(APP_V1);
    await contexts[0]!.setOffline(false);
    const history = ylva.getByTestId('history');
    await history.getByText('Inlämnat av Ylva (ung kommunutvecklare)').waitFor({ timeout: 30_000 });

    // An official on another device receives, reviews and decides.
    olle = await device(OLLE);
    await olle.goto(`${server.url}/proposals`);
    await olle.getByRole('link', { name: TITLE }).click({ timeout: 30_000 });
    await olle.getByRole('button', { name: sv.command.receive }).click();
    await olle.getByRole('button', { name: sv.command.review }).click();
    await olle.getByLabel(sv.decision.outcome, { exact: true }).selectOption({ label: sv.outcome.yes });
    await olle.getByLabel(sv.decision.text, { exact: true }).fill(DECISION);
    await olle.getByLabel(sv.decision.body, { exact: true }).selectOption({ label: 'Fritidsnämnden' });
    // Without a date: refused, with the field's message, and nothing changes.
    await olle.getByRole('button', { name: sv.decision.save }).click();
    await olle.locator('#decision-date-error').getByText(svApp.errors.required).waitFor();
    expect(await olle.getByTestId('proposal-status').textContent()).toBe(sv.status.inReview);
    await olle.getByLabel(sv.decision.date, { exact: true }).fill('2026-09-14');
    await olle.getByRole('button', { name: sv.decision.save }).click();
    await expect.poll(() => olle.getByTestId('proposal-status').textContent()).toBe(sv.status.decided);
    await olle.getByLabel(sv.responses.write, { exact: true }).fill('Tack! Vi börjar redan i sommar.');
    await olle.getByRole('button', { name: sv.responses.send }).click();

    // The author sees the decision and the response, signed by the server with Olle's name.
    await ylva.getByTestId('decision').getByText(DECISION).waitFor({ timeout: 30_000 });
    expect(await ylva.getByTestId('proposal-status').textContent()).toBe(sv.status.decided);
    await ylva
      .getByTestId('response')
      .getByText('Olle Official (tjänsteperson)')
      .waitFor({ timeout: 30_000 });
    await history.getByText('Beslutat av Olle Official (tjänsteperson)').waitFor();
  });

  it('finds a proposal by a word typed without its diacritics, and one written in Arabic', async () => {
    const { token, tenantId } = await apiSignIn(server, YLVA);
    let ms = Date.now();
    const create = (fields: Record<string, unknown>) => ({
      changeId: uuidv7(),
      entity: 'proposal',
      recordId: uuidv7(),
      tenantId,
      fields: {
        year: 2019,
        committeeId: 'x',
        committeeName: 'Kommunstyrelsen',
        status: 'draft',
        createdAt: new Date().toISOString(),
        ...fields,
      },
      hlc: formatHlc({ ms: (ms += 1), counter: 0 }, 'e2e-api'),
      deviceId: 'e2e-api',
      userId: null,
    });
    const pushed = await api(
      server,
      'POST',
      '/api/sync/push',
      {
        changes: [
          create({ title: 'Fler bänkar i parken', proposal: 'Vårt förslag är fler bänkar.', lang: 'sv' }),
          create({ title: 'مكتبة مفتوحة في المساء', proposal: 'نريد أن تبقى المكتبة مفتوحة', lang: 'ar' }),
        ],
      },
      token,
    );
    expect(pushed.status).toBe(200);

    await olle.goto(`${server.url}/proposals`);
    const search = olle.getByLabel(sv.archive.search, { exact: true });
    const cards = olle.getByTestId('proposal-card');
    await cards.filter({ hasText: 'Fler bänkar' }).waitFor({ timeout: 30_000 });
    await search.fill('BANKAR');
    await expect
      .poll(() => cards.allTextContents())
      .toEqual([expect.stringContaining('Fler bänkar i parken')]);
    await search.fill('المكتبة');
    await expect.poll(() => cards.allTextContents()).toEqual([expect.stringContaining('مكتبة مفتوحة')]);
    await search.fill('stadion');
    await olle.getByText(sv.archive.empty).waitFor();
  });

  it('has no axe violation on any screen of the feature', async () => {
    const axe = collector();
    admin = await device(ADMIN);
    await olle.goto(`${server.url}/proposals`);
    await olle.getByTestId('proposal-card').first().waitFor();
    await axe.check(olle, 'archive');
    await olle.getByRole('link', { name: TITLE }).click();
    await olle.getByTestId('history').waitFor();
    await axe.check(olle, 'proposal page (official)');
    await ylva.goto(`${server.url}/proposals`);
    await ylva.getByRole('link', { name: sv.archive.new }).click();
    await ylva.getByLabel(sv.form.title, { exact: true }).waitFor();
    await axe.check(ylva, 'new proposal');
    await olle.getByRole('link', { name: sv.page.print }).click();
    await olle.getByRole('button', { name: sv.print.button }).waitFor();
    await axe.check(olle, 'print');
    await olle.goto(`${server.url}/proposals/follow-up`);
    await olle.getByTestId('outcome-table').waitFor();
    await expect.poll(() => olle.getByTestId('outcome-chart').getAttribute('data-mirrored')).toBe('false');
    await axe.check(olle, 'follow-up');
    await admin.goto(`${server.url}/cohorts`);
    await admin.getByRole('heading', { level: 1, name: sv.cohorts.heading }).waitFor();
    await admin.getByLabel(sv.cohorts.memberName, { exact: true }).fill('Amira');
    await admin.getByRole('button', { name: sv.cohorts.addMember }).click();
    await axe.check(admin, 'cohorts');
    await admin.goto(`${server.url}/proposals/import`);
    await admin.getByLabel(sv.import.file).setInputFiles({
      name: 'tidigare.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        '\uFEFFår;rubrik;nämnd;beslut;beslutsdatum\r\n2012;Ungdomens hus;Kommunstyrelsen;ja;2012-11-02\r\n2009;För tidigt;Kommunstyrelsen;;\r\n',
        'utf8',
      ),
    });
    await admin.getByTestId('import-preview').waitFor();
    await admin.getByTestId('import-problems').getByText('Rad 3').waitFor();
    await axe.check(admin, 'import preview');
    await admin.getByRole('button', { name: sv.import.run }).click();
    await admin.getByText('1 förslag importerades.').waitFor();
    expect(axe.findings).toEqual({});
  });

  it('takes a PDF known by its bytes, which another device opens from the server; a member’s consent is edited', async () => {
    const axe = collector();
    // Ylva drafts a proposal and attaches a survey summary as PDF; an HTML page named .pdf is refused.
    await ylva.goto(`${server.url}/proposals/new`);
    await ylva.getByLabel(sv.form.title, { exact: true }).fill('Karta över trygga platser');
    await ylva.getByLabel(sv.form.proposal, { exact: true }).fill('Fler lampor längs gång- och cykelvägar.');
    await ylva.getByLabel(sv.form.committee).selectOption({ label: 'Kommunstyrelsen' });
    await ylva.getByRole('button', { name: sv.form.save }).click();
    await ylva.getByRole('heading', { level: 1, name: 'Karta över trygga platser' }).waitFor();
    const file = ylva.getByLabel(sv.attachments.addFile);
    await file.setInputFiles({
      name: 'karta.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<!doctype html><script>alert(1)</script>'),
    });
    await ylva.getByRole('alert').getByText(sv.attachments.notAllowed).waitFor();
    await file.setInputFiles({ name: 'enkät.pdf', mimeType: 'application/pdf', buffer: PDF });
    await ylva.getByText(sv.attachments.added).waitFor();
    const openOn = (page: Page) =>
      page.getByTestId('attachments').getByRole('button', { name: `${sv.attachments.open} enkät.pdf` });
    await openOn(ylva).waitFor();
    await axe.check(ylva, 'proposal page with an attachment');

    // Once the server has the whole file, Olle's device opens it: a download of the same bytes.
    const { token } = await apiSignIn(server, OLLE);
    const hash = createHash('sha256').update(PDF).digest('hex');
    await expect
      .poll(
        async () =>
          (
            await fetch(`${server.url}/api/blobs/${hash}`, { headers: { authorization: `Bearer ${token}` } })
          ).headers.get('content-type'),
        { timeout: 30_000 },
      )
      .toBe('application/pdf');
    await olle.goto(ylva.url());
    await openOn(olle).waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([olle.waitForEvent('download'), openOn(olle).click()]);
    expect(download.suggestedFilename()).toBe('enkät.pdf');
    const saved = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of saved) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(PDF)).toBe(true);
    await olle.getByText(svDownloaded('enkät.pdf')).waitFor();

    // The admin edits a cohort: Amira now consents to her name in reports.
    await admin.goto(`${server.url}/cohorts`);
    await admin.getByLabel(sv.cohorts.memberName, { exact: true }).fill('Amira');
    await admin.getByRole('button', { name: sv.cohorts.addMember }).click();
    await admin.getByRole('button', { name: sv.cohorts.save }).click();
    const cohort = admin.getByTestId('cohort').first();
    await cohort.getByText(`Amira: ${sv.cohorts.notNamedInReports}`).waitFor();
    await cohort.getByRole('button', { name: sv.cohorts.edit }).click();
    const consent = cohort.getByLabel(sv.cohorts.consentFor.replace('{{name}}', 'Amira'));
    await expect.poll(() => consent.isChecked()).toBe(false);
    await axe.check(admin, 'cohort edit');
    await consent.check();
    await cohort.getByRole('button', { name: sv.cohorts.saveChanges }).click();
    await cohort.getByText(`Amira: ${sv.cohorts.namedInReports}`).waitFor();
    await cohort.getByText(sv.cohorts.saved).waitFor();
    expect(axe.findings).toEqual({});
  });
});
