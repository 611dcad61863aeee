/**
 * Languages offered where staff name the language of content (post-its typed in, translations):
 * the municipality's most spoken ones, named in the app's language. The full registry and its
 * search (the languages feature) replaces this list where a picker fits.
 */
export const COMMON_CONTENT_LANGUAGES = [
  'sv',
  'en',
  'ar',
  'so',
  'ti',
  'fa',
  'prs',
  'ckb',
  'kmr',
  'tr',
  'fi',
  'bs',
  'hr',
  'sr-Latn',
  'pl',
  'uk',
  'th',
  'es',
  'am',
  'ps',
  'fit',
  'se',
  'sma',
  'smj',
  'rmy',
  'yi',
] as const;

export interface NamedLanguage {
  readonly code: string;
  readonly name: string;
}

/** The list, each named in `uiLang` (the code itself where the browser knows no name). */
export function contentLanguages(uiLang: string): NamedLanguage[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([uiLang], { type: 'language', fallback: 'code' });
  } catch (error) {
    console.warn('No language names in this browser', error);
  }
  return COMMON_CONTENT_LANGUAGES.map((code) => ({ code, name: names?.of(code) ?? code }));
}
