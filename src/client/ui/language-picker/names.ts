/**
 * Language names for the UI. `languageName` names a code in the UI language, and shows a code the
 * registry does not know (or any code before the registry has loaded) as the code itself.
 */
import { NATIONAL_MINORITY_LANGUAGES } from '../../../shared/languages/sweden.ts';
import { languageNameIn } from '../../../shared/languages/registry.ts';
import { UI_LANGUAGES } from '../../i18n/ui-languages.ts';
import { languages } from './languages.svelte.ts';

const displayNames = new Map<string, Intl.DisplayNames | null>();

/** The browser's name for a language in a UI language other than Swedish and English, if it has one. */
function browserName(code: string, uiLang: string): string | undefined {
  let names = displayNames.get(uiLang);
  if (names === undefined) {
    const candidate = new Intl.DisplayNames([uiLang], { type: 'language', fallback: 'none' });
    // A browser without data for uiLang answers in its default language: not what the reader reads.
    const resolved = new Intl.Locale(candidate.resolvedOptions().locale).language;
    names = resolved === new Intl.Locale(uiLang).language ? candidate : null;
    displayNames.set(uiLang, names);
  }
  return names?.of(code) ?? undefined;
}

/** `code`'s name for a reader of `uiLang`; the code itself when it is unknown (or not loaded yet). */
export function languageName(code: string, uiLang: string): string {
  return languageNameIn(languages.registry, code, uiLang, browserName);
}

/**
 * The languages a picker suggests, in order: the app's own languages, Sweden's national minority
 * languages, then the languages the device is set to.
 */
export function suggestedLanguages(deviceLanguages: readonly string[] = navigator.languages): string[] {
  const registry = languages.registry;
  const device = deviceLanguages.flatMap((tag) => {
    const exact = registry?.get(tag);
    if (exact) return [exact.code];
    const base = registry?.get(tag.split('-')[0] ?? tag);
    return base ? [base.code] : [];
  });
  const all = [...UI_LANGUAGES.map((l) => l.code), ...NATIONAL_MINORITY_LANGUAGES, ...device];
  return all.filter((code, index) => all.indexOf(code) === index);
}
