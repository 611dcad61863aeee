/**
 * Facts about languages that both browser and server need: writing direction and a safe tag.
 * The full language registry (names, autonyms, ~800 languages) comes with the languages feature.
 */

/** Scripts written right to left (ISO 15924). */
const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr', 'Yezi']);

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
