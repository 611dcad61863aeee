/**
 * Every locale the app ships: the one list that says which languages the app's own text is in
 * (UI_LANGUAGES in ui-languages.ts is derived from it), how much of the app each covers, where a
 * missing text is taken from instead, and what its text is written in.
 *
 * - The translation check (scripts/i18n/check-locales.ts, part of `npm test`) requires every key of
 *   the locale's tier in `locales/<code>/`.
 * - The bundled fonts (scripts/languages/fonts.ts) must cover its script: tests/e2e/fonts.test.ts
 *   renders its autonym, the letters of its alphabet (CLDR exemplar characters) and every character
 *   of its translation files, and fails when any of it falls back to a system font.
 * - tests/e2e/locales.test.ts opens the home screen and the participant's flow in it, offline.
 *
 * Adding a locale: a line here, its files in `locales/<code>/` with `_locale.json` (docs/languages.md).
 * This module is part of the first visit: keep each entry short.
 */
export interface ShippedLocale {
  readonly code: string;
  /** The whole UI, or the participant's flow only. */
  readonly scope: 'full' | 'participant';
  /** ISO 15924. */
  readonly script: string;
  /** The locale's name in itself, as it starts a line in a list of languages. */
  readonly autonym: string;
  /**
   * The locales a text missing from this one is taken from, in order, before Swedish (always last).
   * Reasons in docs/languages.md ("Fallback chains").
   */
  readonly fallback?: readonly string[];
  /** The CLDR locale whose exemplar characters this locale's text uses, when it is not `code`. */
  readonly characters?: string;
  /** Text to render too, for a locale CLDR has no exemplar characters for. */
  readonly sample?: string;
}

export const SHIPPED_LOCALES: readonly ShippedLocale[] = [
  { code: 'sv', scope: 'full', script: 'Latn', autonym: 'Svenska' },
  // Easy-read Swedish (lättläst): its own folder, falling back to plain Swedish.
  { code: 'sv-x-easy', scope: 'full', script: 'Latn', autonym: 'Lättläst svenska', characters: 'sv' },
  { code: 'en', scope: 'full', script: 'Latn', autonym: 'English' },
  { code: 'ar', scope: 'full', script: 'Arab', autonym: 'العربية' },
  { code: 'so', scope: 'full', script: 'Latn', autonym: 'Soomaali' },
  { code: 'ti', scope: 'full', script: 'Ethi', autonym: 'ትግርኛ' },
  { code: 'fa', scope: 'full', script: 'Arab', autonym: 'فارسی' },
  // Dari is Persian as written in Afghanistan: Persian first.
  { code: 'prs', scope: 'full', script: 'Arab', autonym: 'دری', characters: 'fa-AF', fallback: ['fa'] },
  { code: 'ckb', scope: 'full', script: 'Arab', autonym: 'کوردی' },
  // CLDR files Kurmanji under "ku".
  { code: 'kmr', scope: 'full', script: 'Latn', autonym: 'Kurmancî', characters: 'ku' },
  { code: 'tr', scope: 'full', script: 'Latn', autonym: 'Türkçe' },
  { code: 'fi', scope: 'full', script: 'Latn', autonym: 'Suomi' },
  // Bosnian, Croatian and Serbian (Latin) are read by each other's speakers: each other first.
  { code: 'bs', scope: 'participant', script: 'Latn', autonym: 'Bosanski', fallback: ['hr', 'sr-Latn'] },
  { code: 'hr', scope: 'participant', script: 'Latn', autonym: 'Hrvatski', fallback: ['bs', 'sr-Latn'] },
  { code: 'sr-Latn', scope: 'participant', script: 'Latn', autonym: 'Srpski', fallback: ['bs', 'hr'] },
  { code: 'pl', scope: 'participant', script: 'Latn', autonym: 'Polski' },
  { code: 'uk', scope: 'participant', script: 'Cyrl', autonym: 'Українська' },
  { code: 'th', scope: 'participant', script: 'Thai', autonym: 'ไทย' },
  { code: 'es', scope: 'participant', script: 'Latn', autonym: 'Español' },
  { code: 'am', scope: 'participant', script: 'Ethi', autonym: 'አማርኛ' },
  // Most Pashto speakers from Afghanistan read Dari, the country's common language, in the same script.
  { code: 'ps', scope: 'participant', script: 'Arab', autonym: 'پښتو', fallback: ['prs', 'fa'] },
  // Meänkieli is written with the Finnish alphabet, and its speakers read Finnish.
  {
    code: 'fit',
    scope: 'participant',
    script: 'Latn',
    autonym: 'Meänkieli',
    characters: 'fi',
    fallback: ['fi'],
  },
  { code: 'se', scope: 'participant', script: 'Latn', autonym: 'Davvisámegiella' },
  { code: 'sma', scope: 'participant', script: 'Latn', autonym: 'Åarjelsaemien gïele' },
  { code: 'smj', scope: 'participant', script: 'Latn', autonym: 'Julevsámegiella' },
  // CLDR has no characters for Vlax Romani: its name as written in Sweden's minority-language texts.
  { code: 'rmy', scope: 'participant', script: 'Latn', autonym: 'Romani', sample: 'romani čhib' },
  { code: 'yi', scope: 'participant', script: 'Hebr', autonym: 'ייִדיש' },
];
