/**
 * Facts about languages that both browser and server need: writing direction and a safe tag.
 * The full language registry (names, autonyms, every ISO 639-3 language) is src/shared/languages/.
 */

/** Scripts written right to left (ISO 15924). */
const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr', 'Yezi']);

export function isRtlScript(script: string): boolean {
  return RTL_SCRIPTS.has(script);
}

/**
 * Sweden's national minority languages (lag 2009:724 om nationella minoriteter och
 * minoritetsspråk): Finnish, Meänkieli, the Sami languages spoken in Sweden (North, Lule, South,
 * Pite, Ume), Romani chib and Yiddish. The language picker suggests them after the app's own.
 */
export const NATIONAL_MINORITY_LANGUAGES: readonly string[] = [
  'fi',
  'fit',
  'se',
  'smj',
  'sma',
  'sje',
  'sju',
  'rom',
  'yi',
];

/** The script a language tag is most likely written in (CLDR likely subtags, through Intl). */
export function likelyScript(tag: string): string | undefined {
  try {
    return new Intl.Locale(tag).maximize().script;
  } catch {
    return undefined; // A malformed or unknown tag has no known script: callers fall back to ltr.
  }
}

export function textDirection(tag: string): 'ltr' | 'rtl' {
  const script = likelyScript(tag);
  return script !== undefined && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
}

/** The primary language subtag, lower case: "sv-FI" → "sv". */
export function baseLanguage(tag: string): string {
  return (tag.split('-')[0] ?? tag).toLowerCase();
}
