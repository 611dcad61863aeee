/**
 * Every locale the app ships or is going to ship, with what its text is written in. The bundled
 * fonts (scripts/languages/fonts.ts) must cover all of them; tests/e2e/fonts.test.ts renders each
 * locale's autonym, the letters of its alphabet (CLDR exemplar characters) and every character of
 * its translation files (once they exist) and fails when any of it falls back to a system font.
 * Add a locale here when adding it to UI_LANGUAGES (a unit test checks that every UI language is
 * listed).
 */
export interface ShippedLocale {
  readonly code: string;
  /** The whole UI, or the participant's flow only. */
  readonly scope: 'full' | 'participant';
  /** ISO 15924. */
  readonly script: string;
  /** The locale's name in itself. */
  readonly autonym: string;
  /** The CLDR locale whose exemplar characters this locale's text uses, when it is not `code`. */
  readonly characters?: string;
  /** Text to render too, for a locale CLDR has no exemplar characters for. */
  readonly sample?: string;
}

export const SHIPPED_LOCALES: readonly ShippedLocale[] = [
  { code: 'sv', scope: 'full', script: 'Latn', autonym: 'svenska' },
  { code: 'sv-x-easy', scope: 'full', script: 'Latn', autonym: 'lättläst svenska', characters: 'sv' },
  { code: 'en', scope: 'full', script: 'Latn', autonym: 'English' },
  { code: 'ar', scope: 'full', script: 'Arab', autonym: 'العربية' },
  { code: 'so', scope: 'full', script: 'Latn', autonym: 'Soomaali' },
  { code: 'ti', scope: 'full', script: 'Ethi', autonym: 'ትግርኛ' },
  { code: 'fa', scope: 'full', script: 'Arab', autonym: 'فارسی' },
  { code: 'prs', scope: 'full', script: 'Arab', autonym: 'دری', characters: 'fa-AF' },
  { code: 'ckb', scope: 'full', script: 'Arab', autonym: 'کوردی' },
  // CLDR files Kurmanji under "ku".
  { code: 'kmr', scope: 'full', script: 'Latn', autonym: 'kurmancî', characters: 'ku' },
  { code: 'tr', scope: 'full', script: 'Latn', autonym: 'Türkçe' },
  { code: 'fi', scope: 'full', script: 'Latn', autonym: 'suomi' },
  { code: 'bs', scope: 'participant', script: 'Latn', autonym: 'bosanski' },
  { code: 'hr', scope: 'participant', script: 'Latn', autonym: 'hrvatski' },
  { code: 'sr-Latn', scope: 'participant', script: 'Latn', autonym: 'srpski' },
  { code: 'pl', scope: 'participant', script: 'Latn', autonym: 'polski' },
  { code: 'uk', scope: 'participant', script: 'Cyrl', autonym: 'українська' },
  { code: 'th', scope: 'participant', script: 'Thai', autonym: 'ไทย' },
  { code: 'es', scope: 'participant', script: 'Latn', autonym: 'español' },
  { code: 'am', scope: 'participant', script: 'Ethi', autonym: 'አማርኛ' },
  { code: 'ps', scope: 'participant', script: 'Arab', autonym: 'پښتو' },
  // Meänkieli is written with the Finnish alphabet.
  { code: 'fit', scope: 'participant', script: 'Latn', autonym: 'meänkieli', characters: 'fi' },
  { code: 'se', scope: 'participant', script: 'Latn', autonym: 'davvisámegiella' },
  { code: 'sma', scope: 'participant', script: 'Latn', autonym: 'Åarjelsaemien gïele' },
  { code: 'smj', scope: 'participant', script: 'Latn', autonym: 'julevsámegiella' },
  // CLDR has no characters for Vlax Romani: its name as written in Sweden's minority-language texts.
  { code: 'rmy', scope: 'participant', script: 'Latn', autonym: 'Romani', sample: 'romani čhib' },
  { code: 'yi', scope: 'participant', script: 'Hebr', autonym: 'ייִדיש' },
];
