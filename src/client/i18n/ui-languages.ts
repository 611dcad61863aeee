/**
 * The languages the app's own text ships in, derived from SHIPPED_LOCALES (shipped-locales.ts, the
 * one list). Swedish is the source and the last fallback; each language has its own fallback chain
 * (e.g. Dari → Persian → Swedish) for keys it lacks.
 */
import { SHIPPED_LOCALES, type ShippedLocale } from './shipped-locales.ts';

export interface UiLanguage {
  readonly code: string;
  /** The language's name in itself. */
  readonly autonym: string;
  readonly dir: 'ltr' | 'rtl';
  /** The whole app, or the participant's flow only (staff screens partly in the fallbacks). */
  readonly scope: ShippedLocale['scope'];
  /** Languages to fall back on, in order, before Swedish. */
  readonly fallback: readonly string[];
}

export const SOURCE_LANGUAGE = 'sv';

/** Scripts of the shipped locales written right to left. */
const RTL_SCRIPTS = ['Arab', 'Hebr'];

export const UI_LANGUAGES: readonly UiLanguage[] = SHIPPED_LOCALES.map((l) => ({
  code: l.code,
  autonym: l.autonym,
  dir: RTL_SCRIPTS.includes(l.script) ? 'rtl' : 'ltr',
  scope: l.scope,
  fallback: l.fallback ?? [],
}));

export function findUiLanguage(code: string): UiLanguage | undefined {
  return UI_LANGUAGES.find((l) => l.code === code);
}

/** The whole fallback chain of a UI language: itself, its fallbacks, Swedish last. */
export function fallbackChain(code: string): string[] {
  return [...new Set([code, ...(findUiLanguage(code)?.fallback ?? []), SOURCE_LANGUAGE])];
}

/**
 * The UI languages in the order a list of them shows: Swedish and easy-read Swedish first (the
 * municipality's own), then by autonym in the Unicode root order, which keeps each script together
 * (Latin, Cyrillic, Hebrew, Arabic, Ethiopic, Thai) and each alphabetical.
 */
export function uiLanguagesInOrder(): UiLanguage[] {
  const collator = new Intl.Collator('und');
  const first = (l: UiLanguage) => (l.code === SOURCE_LANGUAGE ? 0 : l.code.startsWith('sv-') ? 1 : 2);
  return [...UI_LANGUAGES].sort((a, b) => first(a) - first(b) || collator.compare(a.autonym, b.autonym));
}

/** Device language tags that mean a UI language under another code. */
const ALIASES: Readonly<Record<string, string>> = {
  'fa-af': 'prs', // Persian of Afghanistan is Dari.
  ku: 'kmr', // CLDR's "ku" is Kurmanji in Latin script ...
  'ku-arab': 'ckb', // ... and in Arabic script, as used in Sweden, mostly Sorani.
  'ku-iq': 'ckb',
  sr: 'sr-Latn', // The app has Serbian in Latin script only; Serbian readers read both.
};

/** The first of the device's preferred languages that the app ships, else Swedish. */
export function pickUiLanguage(preferred: readonly string[]): string {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    const exact = UI_LANGUAGES.find((l) => l.code.toLowerCase() === lower);
    if (exact) return exact.code;
    const parts = lower.split('-');
    const alias = ALIASES[parts.slice(0, 2).join('-')] ?? ALIASES[parts[0] ?? ''];
    if (alias) return alias;
    const base = findUiLanguage(parts[0] ?? '');
    if (base) return base.code;
  }
  return SOURCE_LANGUAGE;
}
