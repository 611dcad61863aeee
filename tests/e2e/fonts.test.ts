/**
 * No tofu: every shipped locale renders with the fonts the app bundles, with no network, in
 * regular and bold. For each locale of SHIPPED_LOCALES the page renders its autonym, the letters
 * of its alphabet (CLDR's exemplar characters), its sample, and every character of its translation
 * files, and asks Chromium (DevTools protocol, CSS.getPlatformFontsForNode) which fonts drew them:
 * anything drawn by a font of the system rather than a bundled web font fails.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FONT_FAMILIES, FONT_WEIGHTS } from '../../scripts/languages/fonts.ts';
import { SHIPPED_LOCALES } from '../../src/client/i18n/shipped-locales.ts';
import { goOffline, launchBrowser, newContext, waitForServiceWorker } from './support/browser.ts';
import { APP_V1, REPO } from './support/paths.ts';
import { startServer, type AppServer } from './support/server.ts';

/** The bundled family each script is drawn with. */
const FAMILY_OF_SCRIPT: Readonly<Record<string, string>> = {
  Latn: 'Noto Sans',
  Cyrl: 'Noto Sans',
  Arab: 'Noto Sans Arabic',
  Hebr: 'Noto Sans Hebrew',
  Ethi: 'Noto Sans Ethiopic',
  Thai: 'Noto Sans Thai',
};

/** The items of a CLDR UnicodeSet such as "[a b c {dž} å-ä]": single characters and sequences. */
function unicodeSetItems(set: string): string[] {
  const body = set.trim().replace(/^\[/, '').replace(/\]$/, '');
  const tokens = body.match(/\{[^}]*\}|\\u[0-9a-fA-F]{4}|\\.|\S/gu) ?? [];
  const items: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (token === '-' && items.length > 0 && i + 1 < tokens.length) {
      const from = (items.at(-1) as string).codePointAt(0) as number;
      const to = (tokens[++i] as string).codePointAt(0) as number;
      for (let code = from + 1; code <= to; code++) items.push(String.fromCodePoint(code));
    } else if (token.startsWith('{')) items.push(token.slice(1, -1));
    else if (token.startsWith('\\u')) items.push(String.fromCharCode(parseInt(token.slice(2), 16)));
    else if (token.startsWith('\\')) items.push(token.slice(1));
    else items.push(token);
  }
  return items;
}

function exemplarCharacters(locale: string): string[] {
  const path = join(REPO, 'node_modules/cldr-misc-full/main', locale, 'characters.json');
  if (!existsSync(path)) return [];
  const data = JSON.parse(readFileSync(path, 'utf8')) as {
    main: Record<string, { characters: { exemplarCharacters: string } }>;
  };
  const set = data.main[locale]?.characters.exemplarCharacters;
  if (!set) throw new Error(`CLDR has no exemplar characters in ${path}`);
  return unicodeSetItems(set);
}

function translationText(code: string): string {
  const dir = join(REPO, 'locales', code);
  if (!existsSync(dir)) return '';
  const strings: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') strings.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    walk(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  }
  // Each character (with its marks) once is enough. String by string, with the space that joined
  // them: V8's segmenter slows down with the length of the text (quadratically: all the strings of
  // a full-UI locale as one text took 5 to 12 s of CPU, beside the browser, against 50 ms this way).
  const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });
  const graphemes = new Set<string>();
  strings.forEach((string, i) => {
    if (i > 0) graphemes.add(' ');
    for (const { segment } of segmenter.segment(string)) graphemes.add(segment);
  });
  return [...graphemes].join('');
}

/** What a locale's text can contain: a mark stands on a letter, as it would in a word. */
function sampleText(locale: (typeof SHIPPED_LOCALES)[number]): string {
  const letters = exemplarCharacters(locale.characters ?? locale.code);
  if (letters.length === 0 && !locale.sample) {
    throw new Error(`No characters for ${locale.code}: give it "characters" or a "sample"`);
  }
  const base = letters.find((item) => !/^\p{M}/u.test(item)) ?? '';
  const items = letters.map((item) => (/^\p{M}/u.test(item) ? base + item : item));
  return [locale.autonym, items.join(' '), locale.sample ?? '', translationText(locale.code)].join(' ');
}

interface PlatformFont {
  readonly familyName: string;
  readonly isCustomFont: boolean;
  readonly glyphCount: number;
}

describe('bundled fonts', () => {
  let browser: Browser;
  let server: AppServer;
  let context: BrowserContext;
  let page: Page;
  let cdp: CDPSession;
  let sampleId = 0;

  /** Render `text` on the page and return the fonts Chromium drew it with. */
  async function fontsFor(text: string, lang: string, weight: number): Promise<PlatformFont[]> {
    const id = `font-sample-${++sampleId}`;
    await page.evaluate(
      async ({ id, text, lang, weight }) => {
        const paragraph = document.createElement('p');
        paragraph.id = id;
        paragraph.lang = lang;
        paragraph.dir = 'auto';
        paragraph.textContent = text;
        paragraph.style.fontWeight = String(weight);
        document.querySelector('main')?.append(paragraph);
        // Load every face this text needs (from the service worker's cache), then let it draw.
        await document.fonts.load(`${weight} 16px ${getComputedStyle(paragraph).fontFamily}`, text);
        await document.fonts.ready;
      },
      { id, text, lang, weight },
    );
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: `#${id}` });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    // Measured: taken away again, so the page stays small for the next locale.
    await page.evaluate((id) => document.getElementById(id)?.remove(), id);
    return fonts;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(APP_V1);
    context = await newContext(browser);
    page = await context.newPage();
    await page.goto(server.url);
    await waitForServiceWorker(page);
    // With no network, every font must come from the service worker's precache.
    await goOffline(context, server);
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
  });
  afterAll(async () => {
    await context.close();
    await browser.close();
    await server.dispose();
  });

  it('notices text a bundled font does not cover (the check can fail)', async () => {
    const fonts = await fontsFor('中文 ✓', 'zh', 400);
    expect(fonts.some((font) => !font.isCustomFont)).toBe(true);
  });

  for (const locale of SHIPPED_LOCALES) {
    it(`draws ${locale.code} (${locale.autonym}) with bundled fonts only, regular and bold`, async () => {
      const text = sampleText(locale);
      const expected = FAMILY_OF_SCRIPT[locale.script];
      expect(expected, `a bundled family for ${locale.script}`).toBeDefined();
      expect(FONT_FAMILIES.map((f) => f.family)).toContain(expected);
      for (const weight of FONT_WEIGHTS) {
        const fonts = await fontsFor(text, locale.code, weight);
        const fromSystem = fonts.filter((font) => !font.isCustomFont).map((font) => font.familyName);
        expect(fromSystem, `${locale.code} ${weight}: drawn with system fonts`).toEqual([]);
        // The name inside the font file, which may carry a style ("Noto Sans Hebrew Thin").
        const families = fonts.map((font) => font.familyName);
        const named = new RegExp(`^${expected} ?(Thin|Light|Regular|Medium|SemiBold|Bold|Black)?$`);
        expect(
          families.some((family) => named.test(family)),
          `${locale.code} ${weight}: ${families.join(', ')}`,
        ).toBe(true);
      }
    });
  }
});
