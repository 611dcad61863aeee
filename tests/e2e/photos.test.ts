/**
 * Photos of flipcharts, in Chromium against the real server: a photo taken with no network and no
 * server is kept on the tablet (also through a reload), counted as waiting in the status bar, and
 * arrives on the server, byte for byte, once the tablet is back online; another device of the
 * municipality then shows it. A 30 MB photo is refused with the limit said plainly, and nothing of
 * it is stored. axe finds nothing on the
 * dialogue page with photos, nor on the full-size view, in Swedish and Arabic, on a phone and a
 * tablet. A JPEG with an EXIF GPS position reaches the server without it, still upright.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import arPhotos from '../../locales/ar/photos.json' with { type: 'json' };
import svPhotos from '../../locales/sv/photos.json' with { type: 'json' };
import svSync from '../../locales/sv/sync.json' with { type: 'json' };
import { api, createPerson, setUpServer, signedInDevice, type Person } from './support/accounts.ts';
import { createDialogue, TEXTS } from './support/app.ts';
import { axeViolations, goOffline, launchBrowser, PHONE, type AxeFinding } from './support/browser.ts';
import { CAMERA_SERIAL, GPS_LATITUDE, minimalExifSegment, noisePng, withExifGps } from './support/images.ts';
import { APP_V1 } from './support/paths.ts';
import { startServer, type AppServer } from './support/server.ts';

const sv = TEXTS.sv;
type PhotoTexts = typeof svPhotos;
const TABLET = { width: 768, height: 1024 } as const;
const ADMIN: Person = { username: 'admin', password: 'hemligt-lösen-1', displayName: 'Åsa Admin' };
const ANNA: Person = { username: 'anna', password: 'annas-lösen-1', displayName: 'Anna' };
const OLLE: Person = { username: 'olle', password: 'olles-lösen-1', displayName: 'Olle' };

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function photoList(page: Page, p: PhotoTexts = svPhotos) {
  return page.getByRole('list', { name: p.listLabel });
}

/** Photo `n`'s thumbnail button, when it has no caption (its name is the image's alternative text). */
function numberedThumbnail(page: Page, n: number, p: PhotoTexts = svPhotos) {
  return photoList(page, p).getByRole('button', { name: p.alt.replace('{{number}}', String(n)) });
}

/** What the device holds, straight from IndexedDB: photo records and images. */
function storedOnDevice(page: Page): Promise<{ photos: number; images: number }> {
  return page.evaluate(
    () =>
      new Promise<{ photos: number; images: number }>((resolve, reject) => {
        const open = indexedDB.open('delaktig');
        open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['photos', 'photoBlobs']);
          const photos = tx.objectStore('photos').count();
          const images = tx.objectStore('photoBlobs').count();
          tx.oncomplete = () => {
            resolve({ photos: photos.result, images: images.result });
            db.close();
          };
          tx.onerror = () => reject(tx.error ?? new Error('count failed'));
        };
      }),
  );
}

interface PhotoRecord {
  dialogueId: string;
  sha256: string;
  bytes: number;
  width: number;
  height: number;
  thumbnail: string;
}

/** The photo records on the device, straight from IndexedDB. */
function photoRecords(page: Page): Promise<PhotoRecord[]> {
  return page.evaluate(
    () =>
      new Promise<PhotoRecord[]>((resolve, reject) => {
        const open = indexedDB.open('delaktig');
        open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('photos').objectStore('photos').getAll();
          all.onsuccess = () => {
            resolve(all.result as PhotoRecord[]);
            db.close();
          };
          all.onerror = () => reject(all.error ?? new Error('getAll failed'));
        };
      }),
  );
}

describe('photos of flipcharts', () => {
  let browser: Browser;
  let server: AppServer;
  let files: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(APP_V1, { env: { LOGIN_LIMIT_PER_IP: '1000' } });
    const adminToken = await setUpServer(server, 'Borlänge', ADMIN);
    await createPerson(server, adminToken, ANNA, 'facilitator');
    await createPerson(server, adminToken, OLLE, 'official');
    files = mkdtempSync(join(tmpdir(), 'delaktig-photos-'));
  });
  afterAll(async () => {
    await browser.close();
    await server.dispose();
    rmSync(files, { recursive: true, force: true });
  });

  it('keeps a photo taken offline through a reload, uploads it when back online, and another device shows it; refuses 30 MB; axe finds nothing', async () => {
    const anna = await signedInDevice(browser, server, ANNA);
    const { page } = anna;
    const id = await createDialogue(page, { title: 'Trygghet', question: 'Vad gör dig trygg?' });
    await page.getByTestId('waiting').getByText(sv.status.allSynced).waitFor({ timeout: 20_000 });

    // No network, no server: whatever works now works from the tablet alone.
    await goOffline(anna.context, server);
    const photo = noisePng(900, 700); // about 1.9 MB: several upload chunks
    await page.getByLabel(svPhotos.captionLabel, { exact: true }).fill('Post-it-väggen, grupp 2');
    await page
      .getByLabel(svPhotos.chooseFiles, { exact: true })
      .setInputFiles({ name: 'flipchart.png', mimeType: 'image/png', buffer: photo });
    const thumbnail = photoList(page).getByRole('button', { name: 'Post-it-väggen, grupp 2' });
    await thumbnail.waitFor();
    expect(await thumbnail.locator('img').getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    await page.getByTestId('photo-status').getByText(svPhotos.saved).waitFor();
    const listed = photoList(page).getByRole('listitem');
    await listed.getByText(svPhotos.waiting, { exact: true }).waitFor();
    // The status bar counts the photo's image with its record's change: the tablet is not all sent.
    await page
      .getByTestId('waiting')
      .getByText(
        svSync.status.waitingBoth
          .replace('{{changes}}', svSync.status.changes_one.replace('{{count}}', '1'))
          .replace('{{photos}}', svSync.status.photos_one.replace('{{count}}', '1')),
      )
      .waitFor();

    // A second photo without a caption gets "Photo 2 of the dialogue" as its text.
    await page
      .getByLabel(svPhotos.chooseFiles, { exact: true })
      .setInputFiles({ name: 'wall.png', mimeType: 'image/png', buffer: noisePng(300, 200) });
    await numberedThumbnail(page, 2).waitFor();

    // 30 MB: refused before anything is read, the limit said plainly, nothing stored.
    const big = join(files, 'whiteboard.jpg');
    writeFileSync(big, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(30_000_000 - 4)]));
    await page.getByLabel(svPhotos.chooseFiles, { exact: true }).setInputFiles(big);
    const refusal = page.getByTestId('photo-errors');
    await refusal.waitFor();
    expect(await refusal.getAttribute('role')).toBe('alert');
    expect((await refusal.textContent())?.replace(/\s/g, ' ')).toMatch(
      /whiteboard\.jpg: Fotot är 30 MB; det största som går är 20 MB\./,
    );
    expect(await storedOnDevice(page)).toEqual({ photos: 2, images: 2 });
    await page.getByRole('heading', { level: 2, name: `${svPhotos.heading} (2)` }).waitFor();

    // The full-size view works offline from the tablet's own copy, by keyboard.
    await thumbnail.focus();
    await page.keyboard.press('Enter');
    const viewer = page.getByRole('dialog', { name: 'Post-it-väggen, grupp 2' });
    await viewer.getByText(svPhotos.fromDevice).waitFor();
    await expect
      .poll(() => viewer.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBe(900);
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden' });
    expect(await thumbnail.evaluate((button) => button === document.activeElement)).toBe(true);

    // Reloaded with no network: still there, still waiting.
    await page.reload();
    await thumbnail.waitFor();
    expect(await listed.getByText(svPhotos.waiting, { exact: true }).count()).toBe(2);
    expect(await storedOnDevice(page)).toEqual({ photos: 2, images: 2 });

    // Back online: both images go up, and the tablet keeps only markers.
    await server.restart(APP_V1);
    await anna.context.setOffline(false);
    await expect
      .poll(() => listed.getByText(svPhotos.uploaded, { exact: true }).count(), { timeout: 30_000 })
      .toBe(2);
    await page.getByTestId('waiting').getByText(sv.status.allSynced).waitFor({ timeout: 20_000 });
    const login = await api<{ token: string }>(server, 'POST', '/api/auth/login', {
      username: ANNA.username,
      password: ANNA.password,
      deviceId: crypto.randomUUID(),
    });
    expect(login.status).toBe(200);
    const response = await fetch(`${server.url}/api/blobs/${sha256(photo)}`, {
      headers: { authorization: `Bearer ${login.body.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const stored = Buffer.from(await response.arrayBuffer());
    expect(stored.length).toBe(photo.length);
    expect(sha256(stored)).toBe(sha256(photo));

    // Another device of the municipality (an official, who may look but not add) shows it.
    const olle = await signedInDevice(browser, server, OLLE);
    await olle.page.goto(`${server.url}/dialogues/${id}`);
    const seen = photoList(olle.page).getByRole('button', { name: 'Post-it-väggen, grupp 2' });
    await seen.waitFor({ timeout: 20_000 });
    expect(await seen.locator('img').getAttribute('src')).toBe(
      await thumbnail.locator('img').getAttribute('src'),
    );
    expect(await olle.page.getByLabel(svPhotos.chooseFiles, { exact: true }).count()).toBe(0);
    await seen.click();
    const full = olle.page.getByRole('dialog', { name: 'Post-it-väggen, grupp 2' });
    await expect
      .poll(() => full.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth), {
        timeout: 15_000,
      })
      .toBe(900);
    expect(await full.getByText(svPhotos.fromDevice).count()).toBe(0);
    await olle.context.close();

    // axe on the dialogue page with photos and on the full-size view, sv and ar, phone and tablet.
    const findings: Record<string, AxeFinding[]> = {};
    const check = async (where: string) => {
      const violations = await axeViolations(page);
      if (violations.length > 0) findings[where] = violations;
    };
    for (const { lang, p } of [
      { lang: 'sv', p: svPhotos },
      { lang: 'ar', p: arPhotos },
    ] as const) {
      if (lang !== 'sv') {
        await page.getByRole('link', { name: TEXTS.sv.nav.settings, exact: true }).click();
        await page.locator('select#ui-language').selectOption(lang);
        await page.waitForFunction((code) => document.documentElement.lang === code, lang);
        await page.goto(`${server.url}/dialogues/${id}`);
        await page.waitForFunction(
          (code) => document.documentElement.dir === 'rtl' && document.documentElement.lang === code,
          lang,
        );
      }
      await photoList(page, p).waitFor();
      for (const [size, viewport] of [
        ['phone', PHONE],
        ['tablet', TABLET],
      ] as const) {
        await page.setViewportSize(viewport);
        await check(`dialogue page with photos (${lang}, ${size})`);
        await numberedThumbnail(page, 2, p).click();
        await page.getByRole('dialog').locator('img').waitFor();
        await check(`full-size photo (${lang}, ${size})`);
        await page.getByRole('button', { name: p.close, exact: true }).click();
      }
    }
    expect(findings, 'WCAG 2.1 A/AA violations per screen').toEqual({});
    await anna.context.close();
  });

  it('strips a JPEG of its EXIF GPS position and serial on the tablet: the server gets only the orientation', async () => {
    const anna = await signedInDevice(browser, server, ANNA);
    const { page } = anna;
    const id = await createDialogue(page, { title: 'Platsen', question: 'Var känner du dig trygg?' });
    // A real JPEG, 64 × 48, from the browser's own encoder; then EXIF with GPS and Orientation 6
    // (turned a quarter clockwise to be upright), as a tablet's camera writes it.
    const encoded = Buffer.from(
      await page.evaluate(async () => {
        const canvas = new OffscreenCanvas(64, 48);
        const context = canvas.getContext('2d')!;
        context.fillStyle = '#c03';
        context.fillRect(0, 0, 64, 48);
        context.fillStyle = '#fff';
        context.fillRect(0, 0, 32, 24);
        const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
        return Array.from(new Uint8Array(await blob.arrayBuffer()));
      }),
    );
    const camera = withExifGps(encoded, 6);
    expect(camera.includes(GPS_LATITUDE)).toBe(true);
    await page
      .getByLabel(svPhotos.chooseFiles, { exact: true })
      .setInputFiles({ name: 'IMG_0412.jpg', mimeType: 'image/jpeg', buffer: camera });
    const listed = photoList(page).getByRole('listitem');
    await expect
      .poll(() => listed.getByText(svPhotos.uploaded, { exact: true }).count(), { timeout: 30_000 })
      .toBe(1);

    // What the device stored, hashed and described: the stripped image, shown upright (48 × 64).
    const records = (await photoRecords(page)).filter((r) => r.dialogueId === id);
    expect(records).toHaveLength(1);
    const record = records[0]!;
    const expected = Buffer.concat([encoded.subarray(0, 2), minimalExifSegment(6), encoded.subarray(2)]);
    expect(record).toMatchObject({ sha256: sha256(expected), bytes: expected.length, width: 48, height: 64 });
    const thumbnail = Buffer.from(record.thumbnail.replace(/^data:image\/jpeg;base64,/, ''), 'base64');
    expect(thumbnail.includes('Exif')).toBe(false);

    // What the server keeps.
    const login = await api<{ token: string }>(server, 'POST', '/api/auth/login', {
      username: ANNA.username,
      password: ANNA.password,
      deviceId: crypto.randomUUID(),
    });
    const response = await fetch(`${server.url}/api/blobs/${record.sha256}`, {
      headers: { authorization: `Bearer ${login.body.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    const stored = Buffer.from(await response.arrayBuffer());
    expect(stored.includes(GPS_LATITUDE)).toBe(false);
    expect(stored.includes(CAMERA_SERIAL)).toBe(false);
    expect(stored.equals(expected)).toBe(true);
    // Nothing of the original is on the server under its own hash either.
    const original = await fetch(`${server.url}/api/blobs/${sha256(camera)}`, {
      headers: { authorization: `Bearer ${login.body.token}` },
    });
    expect(original.status).toBe(404);
    await anna.context.close();
  });
});
