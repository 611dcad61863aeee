/**
 * The report ("underlag") against the real server. A facilitator's other device pushes a dialogue
 * with contributions in Swedish, Arabic, Tigrinya and with emoji, one of them hidden, two themes
 * (one with a summary), a translation of a contribution and of the question, background answers and
 * dot votes. On a tablet in another time zone the report shows every visible contribution and not
 * the hidden one; printing leaves the app around the document out, "Skriv ut" prints, and page.pdf()
 * makes a PDF with the question in it, a theme per page. The CSV has a BOM, one row per visible
 * contribution and the texts intact; the JSON the same rows. With no network the report opens and
 * exports again. axe finds nothing on the report in Swedish and Arabic on a phone and a desktop.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import arAccounts from '../../locales/ar/accounts.json' with { type: 'json' };
import arReport from '../../locales/ar/report.json' with { type: 'json' };
import svAccounts from '../../locales/sv/accounts.json' with { type: 'json' };
import svReport from '../../locales/sv/report.json' with { type: 'json' };
import { formatHlc } from '../../src/shared/sync/hlc.ts';
import { TextFieldDoc } from '../../src/shared/sync/text-merge.ts';
import { api, createPerson, setUpServer, type Person } from './support/accounts.ts';
import { collector, DESKTOP, goOffline, launchBrowser, PHONE } from './support/browser.ts';
import { APP_V1 } from './support/paths.ts';
import { apiSignIn, dialogueByApi } from './support/participate.ts';
import { noisePng } from './support/images.ts';
import { pdfText } from './support/pdf-text.ts';
import { startServer, type AppServer } from './support/server.ts';

const ADMIN: Person = { username: 'admin', password: 'hemligt-lösen-1', displayName: 'Åsa Admin' };
const FIA: Person = { username: 'fia', password: 'fias-lösenord-1', displayName: 'Fia Berg' };

const TITLE = 'Trygghet i centrum';
const QUESTION = 'Vad kan kommunen göra för att du ska känna dig trygg i centrum?';

const SWEDISH = 'Fler lampor längs cykelvägen, och "trygga" busshållplatser';
const ARABIC = 'مرحبا بالجميع';
const ARABIC_IN_SWEDISH = 'Hej allihop';
const TIGRINYA = 'ሰላም ንኹሉ';
const EMOJI = '👍🏽 mer ljus';
const FORMULA = '=1+1 är vad matteläraren säger';
const HIDDEN = 'Kalle i 8B är taskig mot alla';
const VISIBLE = [SWEDISH, ARABIC, TIGRINYA, EMOJI, FORMULA];

const LIGHT = 'Belysning';
const PLACES = 'Platser att vara på';
const LIGHT_SUMMARY = 'Många vill ha mer ljus på vägen hem, särskilt vintertid.';

const CAPTION = 'Post-it-väggen efter passet';
const DECISION = 'Nämnden beslutade att sätta upp fler lampor längs cykelvägen.';
const DECISION_IN_ARABIC = 'قررت اللجنة تركيب مزيد من المصابيح على طول مسار الدراجات.';

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/{{(\w+)}}/g, (_, name: string) => String(values[name]));

let clock = Date.now() + 1_000;
function change(tenantId: string, entity: string, recordId: string, fields: Record<string, unknown>) {
  clock += 1;
  return {
    changeId: uuidv7(),
    entity,
    recordId,
    tenantId,
    fields,
    hlc: formatHlc({ ms: clock, counter: 0 }, 'e2e-report'),
    deviceId: 'e2e-report',
    userId: null,
  };
}

interface Seeded {
  readonly id: string;
  readonly hiddenId: string;
}

/** What a facilitator's other device pushes: the dialogue and all that a report is made from. */
async function seed(server: AppServer, staff: { token: string; tenantId: string }): Promise<Seeded> {
  const { id } = await dialogueByApi(server, staff.token, staff.tenantId, {
    title: TITLE,
    question: QUESTION,
    method: 'school',
    place: 'Aulan, Forsbackaskolan',
    startsAt: '2026-05-14T16:30:00.000Z',
    targetGroup: 'Årskurs 8',
    focusAreas: ['equalSafety'],
    articles: [12, 31],
    backgroundQuestions: ['ageBand', 'gender'],
    votingOpen: true,
    dotsPerParticipant: 3,
  });
  const t = staff.tenantId;
  const light = uuidv7();
  const places = uuidv7();
  const ids = { swedish: uuidv7(), arabic: uuidv7(), tigrinya: uuidv7(), emoji: uuidv7(), formula: uuidv7() };
  const hiddenId = uuidv7();
  const contribution = (
    recordId: string,
    text: string,
    lang: string,
    channel: string,
    createdAt: string,
    participantKey?: string,
  ) =>
    change(t, 'contribution', recordId, {
      dialogueId: id,
      text,
      lang,
      channel,
      createdAt,
      ...(participantKey ? { participantKey } : {}),
    });
  const [k1, k2, k3, k4] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];
  const png = noisePng(32, 24);
  const feedbackId = uuidv7();
  const changes = [
    change(t, 'theme', light, { dialogueId: id, name: LIGHT, order: 0, createdAt: new Date().toISOString() }),
    change(t, 'theme', light, { summary: { y: new TextFieldDoc().replace(LIGHT_SUMMARY) } }),
    change(t, 'theme', places, {
      dialogueId: id,
      name: PLACES,
      order: 1,
      createdAt: new Date().toISOString(),
    }),
    contribution(ids.swedish, SWEDISH, 'sv', 'phone', '2026-05-14T16:40:00.000Z', k1),
    // The night the clocks go forward: 01:15 UTC is 03:15 in Stockholm.
    contribution(ids.arabic, ARABIC, 'ar', 'phone', '2026-03-29T01:15:00.000Z', k2),
    contribution(ids.tigrinya, TIGRINYA, 'ti', 'kiosk', '2026-05-14T16:45:00.000Z', k3),
    contribution(ids.emoji, EMOJI, 'sv', 'paper', '2026-05-14T17:00:00.000Z'),
    contribution(ids.formula, FORMULA, 'sv', 'phone', '2026-05-14T17:05:00.000Z', k1),
    contribution(hiddenId, HIDDEN, 'sv', 'phone', '2026-05-14T17:10:00.000Z', k4),
    change(t, 'contribution', ids.swedish, { themeId: light }),
    change(t, 'contribution', ids.emoji, { themeId: light }),
    change(t, 'contribution', ids.tigrinya, { themeId: places }),
    change(t, 'contribution', hiddenId, { themeId: light }),
    change(t, 'contribution', hiddenId, {
      hidden: true,
      hiddenReason: 'Nämner en person',
      hiddenAt: new Date().toISOString(),
      hiddenBy: FIA.displayName,
    }),
    change(t, 'translation', uuidv7(), {
      dialogueId: id,
      targetEntity: 'contribution',
      targetId: ids.arabic,
      field: 'text',
      lang: 'sv',
      text: ARABIC_IN_SWEDISH,
      translatedBy: 'Amal Översättare',
      createdAt: new Date().toISOString(),
    }),
    change(t, 'translation', uuidv7(), {
      dialogueId: id,
      targetEntity: 'contribution',
      targetId: hiddenId,
      field: 'text',
      lang: 'en',
      text: 'Hidden translation must not show',
      translatedBy: FIA.displayName,
      createdAt: new Date().toISOString(),
    }),
    change(t, 'translation', uuidv7(), {
      dialogueId: id,
      targetEntity: 'dialogue',
      targetId: id,
      field: 'question',
      lang: 'en',
      text: 'What can the municipality do to make you feel safe in the centre?',
      translatedBy: FIA.displayName,
      createdAt: new Date().toISOString(),
    }),
    change(t, 'respondent', uuidv7(), {
      dialogueId: id,
      participantKey: k1,
      ageBand: '13to15',
      gender: 'girl',
      createdAt: new Date().toISOString(),
    }),
    change(t, 'respondent', uuidv7(), {
      dialogueId: id,
      participantKey: k2,
      ageBand: '13to15',
      createdAt: new Date().toISOString(),
    }),
    change(t, 'vote', uuidv7(), {
      dialogueId: id,
      participantKey: k1,
      dots: { [light]: 2, [places]: 1 },
      channel: 'phone',
      createdAt: new Date().toISOString(),
    }),
    change(t, 'photo', uuidv7(), {
      dialogueId: id,
      sha256: createHash('sha256').update(png).digest('hex'),
      mime: 'image/png',
      bytes: png.length,
      width: 32,
      height: 24,
      thumbnail: `data:image/png;base64,${png.toString('base64')}`,
      caption: CAPTION,
      createdAt: new Date().toISOString(),
    }),
    change(t, 'feedback', feedbackId, {
      dialogueId: id,
      committeeId: 'kultur-och-fritid',
      committeeName: 'Kultur- och fritidsnämnden',
      decidedOn: '2026-06-10',
      text: DECISION,
      createdAt: new Date().toISOString(),
    }),
    change(t, 'translation', uuidv7(), {
      dialogueId: id,
      targetEntity: 'feedback',
      targetId: feedbackId,
      field: 'text',
      lang: 'ar',
      text: DECISION_IN_ARABIC,
      translatedBy: 'Amal Översättare',
      createdAt: new Date().toISOString(),
    }),
    change(t, 'vote', uuidv7(), {
      dialogueId: id,
      participantKey: k2,
      dots: { [places]: 3 },
      channel: 'phone',
      createdAt: new Date().toISOString(),
    }),
  ];
  const pushed = await api<{ notices?: unknown[] }>(
    server,
    'POST',
    '/api/sync/push',
    { changes },
    staff.token,
  );
  // 200: every change took effect (a 422 names the refused ones, and nothing was applied).
  if (pushed.status !== 200 || (pushed.body.notices ?? []).length > 0)
    throw new Error(`Pushing the report's data answered ${pushed.status}: ${JSON.stringify(pushed.body)}`);
  return { id, hiddenId };
}

describe('the report', () => {
  let browser: Browser;
  let server: AppServer;
  let seeded: Seeded;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(APP_V1, { env: { LOGIN_LIMIT_PER_IP: '1000' } });
    const adminToken = await setUpServer(server, 'Borlänge', ADMIN);
    await createPerson(server, adminToken, FIA, 'facilitator');
    seeded = await seed(server, await apiSignIn(server, FIA));
  });
  afterAll(async () => {
    await browser.close();
    await server.dispose();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  /**
   * A tablet signed in as Fia, in `locale` at `viewport`, its clock in New York: times in the report
   * must follow the municipality (Stockholm), not the device.
   */
  async function signedIn(
    locale: string,
    viewport: { width: number; height: number },
    accounts: typeof svAccounts = svAccounts,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale, viewport, timezoneId: 'America/New_York' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel(accounts.signIn.username, { exact: true }).fill(FIA.username);
    await page.getByLabel(accounts.signIn.password, { exact: true }).fill(FIA.password);
    await page.getByRole('button', { name: accounts.signIn.submit, exact: true }).click();
    await page.getByTestId('signed-in-as').waitFor();
    return { context, page };
  }

  /** The report, once everything pushed has arrived on the device. */
  async function openReport(page: Page): Promise<void> {
    await page.goto(`${server.url}/dialogues/${seeded.id}/report`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: 20_000 });
    for (const text of VISIBLE) await page.getByText(text, { exact: true }).waitFor({ timeout: 20_000 });
    await page.getByText(ARABIC_IN_SWEDISH, { exact: true }).waitFor({ timeout: 20_000 });
    await page.getByTestId('vote-table').waitFor({ timeout: 20_000 });
    await page.getByText(CAPTION, { exact: true }).waitFor({ timeout: 20_000 });
  }

  const quoteTexts = (page: Page) =>
    page.locator('[data-testid="report-quote"] > .original > blockquote').allTextContents();

  async function downloadCsv(page: Page): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: svReport.actions.csv }).click(),
    ]);
    const path = await download.path();
    return { name: download.suggestedFilename(), bytes: await readFile(path) };
  }

  it('has every visible contribution and not the hidden one; prints, makes a PDF, and exports CSV and JSON', async () => {
    const { context, page } = await signedIn('sv-SE', DESKTOP);
    // From the dialogue page, by its link.
    await page.goto(`${server.url}/dialogues/${seeded.id}`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: svReport.link }).click();
    await page.waitForURL(`${server.url}/dialogues/${seeded.id}/report`);
    await openReport(page);

    expect((await quoteTexts(page)).sort()).toEqual([...VISIBLE].sort());
    expect(await page.content()).not.toContain(HIDDEN);
    expect(await page.content()).not.toContain('Hidden translation must not show');
    expect(await page.getByTestId('count-contributions').textContent()).toBe('5');
    // k1 (two contributions), k2, k3 and the paper note; the hidden one's k4 is not counted.
    expect(await page.getByTestId('count-participants').textContent()).toBe('4');

    // Themes in order, each with its contributions; the summary; the Arabic one ungrouped.
    const themes = page.getByTestId('report-theme');
    expect(await themes.locator('h3').allTextContents()).toEqual([LIGHT, PLACES]);
    expect(await themes.nth(0).getByText(LIGHT_SUMMARY).count()).toBe(1);
    expect((await themes.nth(0).locator('blockquote[lang]').allTextContents()).sort()).toEqual(
      [SWEDISH, EMOJI].sort(),
    );
    expect(await themes.nth(1).locator('.original blockquote').allTextContents()).toEqual([TIGRINYA]);
    const ungrouped = page.getByRole('region', { name: svReport.ungrouped.heading });
    expect(await ungrouped.locator('.original blockquote').allTextContents()).toEqual([ARABIC, FORMULA]);

    // The original in its language, the translation beside it with who made it.
    const arabic = page.getByTestId('report-quote').filter({ hasText: ARABIC });
    expect(await arabic.locator('.original blockquote').getAttribute('lang')).toBe('ar');
    expect(await arabic.locator('.original blockquote').getAttribute('dir')).toBe('auto');
    expect(await arabic.getByText('arabiska', { exact: true }).count()).toBe(1);
    expect(await arabic.getByText('29 mars 2026 03:15').count()).toBe(1);
    const translation = arabic.getByTestId('report-translation');
    expect(await translation.locator('blockquote').getAttribute('lang')).toBe('sv');
    expect(await translation.locator('blockquote').textContent()).toBe(ARABIC_IN_SWEDISH);
    expect((await translation.textContent())?.replace(/\s+/g, ' ')).toContain(
      fill(svReport.quote.translatedBy, { name: 'Amal Översättare' }),
    );
    expect(
      await page.getByText('What can the municipality do to make you feel safe in the centre?').count(),
    ).toBe(1);

    // Votes: places 4 dots, light 2; two voters.
    const votes = page.getByTestId('vote-table');
    expect(
      await votes
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent?.trim()))),
    ).toEqual([
      [PLACES, '4', '67\u00a0%'],
      [LIGHT, '2', '33\u00a0%'],
    ]);
    // Background: two respondents, both 13–15.
    const background = page.getByRole('region', { name: svReport.background.heading });
    await background.getByText(fill(svReport.background.respondents_other, { count: 2 })).waitFor();
    expect(
      await background
        .locator('table')
        .first()
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent?.trim()))),
    ).toContainEqual(['13–15 år', '2']);

    // Feedback with its translation, and the photo with its caption.
    const feedback = page.getByRole('region', { name: svReport.feedback.heading });
    await feedback.getByText(DECISION).waitFor();
    expect(await feedback.getByText(DECISION_IN_ARABIC).getAttribute('lang')).toBe('ar');
    const photos = page.getByRole('region', { name: svReport.photos.heading });
    expect(await photos.locator('figcaption').textContent()).toBe(CAPTION);
    expect(await photos.getByRole('img', { name: fill(svReport.photos.alt, { number: 1 }) }).count()).toBe(1);

    // Print: the button prints (an installed app has no browser menu) ...
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.getByRole('button', { name: svReport.actions.print }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    // ... and on paper only the document shows: no header, navigation, status bar or buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isHidden()).toBe(true);
    expect(await page.locator('.status-bar').isHidden()).toBe(true);
    expect(await page.getByRole('button', { name: svReport.actions.print }).isHidden()).toBe(true);
    expect(await page.getByRole('link', { name: svReport.back }).isHidden()).toBe(true);
    expect(await page.getByTestId('report-question').isVisible()).toBe(true);
    expect(await page.getByTestId('report-question').textContent()).toContain(QUESTION);
    expect(await page.getByTestId('report-question').evaluate((el) => getComputedStyle(el).color)).toBe(
      'rgb(0, 0, 0)',
    );
    // Each theme starts a page.
    expect(await themes.nth(1).evaluate((el) => getComputedStyle(el).breakBefore)).toBe('page');
    // Back to no emulation: page.pdf() then prints as the browser's print does (screen emulation
    // would make a PDF of the screen, app and all).
    await page.emulateMedia({ media: null });
    expect(await page.locator('.app-header').isVisible()).toBe(true);

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    const inPdf = pdfText(pdf);
    expect(inPdf.pages, 'the second theme starts a new page').toBeGreaterThanOrEqual(2);
    expect(inPdf.text.replace(/\s+/g, ' ')).toContain(QUESTION);
    expect(inPdf.text).toContain(TITLE);
    expect(inPdf.text).not.toContain(HIDDEN);
    expect(inPdf.text).not.toContain(svReport.actions.print);

    // CSV: BOM, a header row and one row per visible contribution, the texts intact.
    const csv = await downloadCsv(page);
    expect(csv.name).toMatch(/^underlag-trygghet-i-centrum-\d{4}-\d{2}-\d{2}\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(csv.bytes);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines).toHaveLength(1 + VISIBLE.length);
    expect(lines[0]).toBe(
      [
        svReport.csv.time,
        svReport.csv.langCode,
        svReport.csv.language,
        svReport.csv.theme,
        svReport.csv.channel,
        svReport.csv.text,
        svReport.csv.translations,
      ].join(','),
    );
    for (const visible of [ARABIC, TIGRINYA, EMOJI]) {
      expect(csv.bytes.includes(Buffer.from(visible, 'utf8')), visible).toBe(true);
    }
    expect(text).toContain(`"${SWEDISH.replaceAll('"', '""')}"`);
    expect(text).toContain(`'${FORMULA}`);
    expect(text).not.toContain(HIDDEN);
    const arabicRow = lines.find((line) => line.includes(ARABIC));
    expect(arabicRow).toBe(
      `2026-03-29 03:15,ar,arabiska,,${svReport.channels.phone},${ARABIC},svenska: ${ARABIC_IN_SWEDISH} (översatt av Amal Översättare)`,
    );
    expect(lines.find((line) => line.includes(TIGRINYA))).toBe(
      `2026-05-14 18:45,ti,tigrinja,${PLACES},${svReport.channels.kiosk},${TIGRINYA},`,
    );
    await page
      .getByTestId('export-status')
      .getByText(fill(svReport.actions.downloaded, { file: csv.name }))
      .waitFor();

    // JSON: the same rows.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: svReport.actions.json }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^underlag-trygghet-i-centrum-\d{4}-\d{2}-\d{2}\.json$/);
    const json = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      dialogue: { question: string };
      contributions: { text: string; lang: string; localTime: string }[];
      counts: { contributions: number; participants: number };
    };
    expect(json.dialogue.question).toBe(QUESTION);
    expect(json.contributions.map((c) => c.text).sort()).toEqual([...VISIBLE].sort());
    expect(json.counts).toMatchObject({ contributions: 5, participants: 4 });

    // Offline: the report opens from the device and exports again.
    // Once the service worker is active it holds the whole app (it precaches before it activates).
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await goOffline(context, server);
    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    await openReport(page);
    expect((await quoteTexts(page)).sort()).toEqual([...VISIBLE].sort());
    const offline = await downloadCsv(page);
    expect(offline.bytes.toString('utf8').split('\r\n').slice(0, -1)).toHaveLength(1 + VISIBLE.length);
  });
});

describe('accessibility of the report', () => {
  let browser: Browser;
  let server: AppServer;
  let seeded: Seeded;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(APP_V1, { env: { LOGIN_LIMIT_PER_IP: '1000' } });
    const adminToken = await setUpServer(server, 'Borlänge', ADMIN);
    await createPerson(server, adminToken, FIA, 'facilitator');
    seeded = await seed(server, await apiSignIn(server, FIA));
  });
  afterAll(async () => {
    await browser.close();
    await server.dispose();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  for (const { name, locale, accounts, report } of [
    { name: 'Swedish', locale: 'sv-SE', accounts: svAccounts, report: svReport },
    { name: 'Arabic', locale: 'ar', accounts: arAccounts, report: arReport as unknown as typeof svReport },
  ]) {
    it(`has no WCAG 2.1 AA violations on the report in ${name}, on a phone and a desktop`, async () => {
      const axe = collector();
      const context = await browser.newContext({ locale, viewport: PHONE });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${server.url}/sign-in`);
      await page.getByLabel(accounts.signIn.username, { exact: true }).fill(FIA.username);
      await page.getByLabel(accounts.signIn.password, { exact: true }).fill(FIA.password);
      await page.getByRole('button', { name: accounts.signIn.submit, exact: true }).click();
      await page.getByTestId('signed-in-as').waitFor();
      await page.goto(`${server.url}/dialogues/${seeded.id}/report`);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: 20_000 });
      for (const text of VISIBLE) await page.getByText(text, { exact: true }).waitFor({ timeout: 20_000 });
      await page.getByTestId('vote-table').waitFor({ timeout: 20_000 });
      await page.getByText(CAPTION, { exact: true }).waitFor({ timeout: 20_000 });
      await page.getByText(DECISION_IN_ARABIC, { exact: true }).waitFor({ timeout: 20_000 });
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
      // The action buttons speak the UI language.
      await page.getByRole('button', { name: report.actions.print }).waitFor();

      for (const viewport of [PHONE, DESKTOP]) {
        await page.setViewportSize(viewport);
        await axe.check(page, `the report at ${viewport.width}×${viewport.height}`);
      }
      // After an export, with its message.
      await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: report.actions.csv }).click(),
      ]);
      await page.getByTestId('export-status').filter({ hasText: /\S/ }).waitFor();
      await axe.check(page, 'the report after a download');
      expect(axe.findings, 'WCAG 2.1 A/AA violations per screen').toEqual({});
    });
  }
});
