/**
 * i18next set-up. Swedish is bundled (it is the source and last fallback); every other language is
 * its own chunk, loaded when chosen and precached by the service worker, so switching works offline.
 * No HTTP back end: locale files are part of the build, never fetched at run time by our code.
 */
import i18next, { type i18n as I18n } from 'i18next';
import sv from '../../../locales/sv/app.json';
import { findUiLanguage, SOURCE_LANGUAGE, UI_LANGUAGES } from './ui-languages.ts';

export const NAMESPACE = 'app';

const loaders = import.meta.glob<{ default: Record<string, unknown> }>([
  '../../../locales/*/app.json',
  '!../../../locales/sv/app.json',
]);

function loaderFor(code: string) {
  return loaders[`../../../locales/${code}/app.json`];
}

const fallbackLng: Record<string, string[]> = { default: [SOURCE_LANGUAGE] };
for (const language of UI_LANGUAGES) fallbackLng[language.code] = [...language.fallback, SOURCE_LANGUAGE];

export async function createI18n(language: string): Promise<I18n> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: SOURCE_LANGUAGE,
    fallbackLng,
    ns: [NAMESPACE],
    defaultNS: NAMESPACE,
    resources: { [SOURCE_LANGUAGE]: { [NAMESPACE]: sv } },
    interpolation: { escapeValue: false }, // Svelte escapes text itself.
    returnNull: false,
  });
  await loadLanguage(instance, language);
  await instance.changeLanguage(language);
  return instance;
}

/** Load a language and its fallbacks into `instance` (no-op for what is already there). */
export async function loadLanguage(instance: I18n, code: string): Promise<void> {
  const chain = [code, ...(findUiLanguage(code)?.fallback ?? [])];
  for (const lang of chain) {
    if (instance.hasResourceBundle(lang, NAMESPACE)) continue;
    const load = loaderFor(lang);
    if (!load) throw new Error(`No translation file for language "${lang}"`);
    const module = await load();
    instance.addResourceBundle(lang, NAMESPACE, module.default, true, true);
  }
}
