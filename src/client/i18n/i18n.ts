/**
 * i18next set-up. Swedish is bundled (it is the source and last fallback); every other language is
 * its own chunks, loaded when chosen and precached by the service worker, so switching works offline.
 * No HTTP back end: locale files are part of the build, never fetched at run time by our code.
 *
 * Each feature has its own namespace file, `locales/<lang>/<namespace>.json` ("app" is the shell).
 * Keys from another namespace are written `namespace:key`.
 */
import i18next, { type i18n as I18n, type Resource } from 'i18next';
import { findUiLanguage, SOURCE_LANGUAGE, UI_LANGUAGES } from './ui-languages.ts';

export const DEFAULT_NAMESPACE = 'app';

type LocaleModule = { default: Record<string, unknown> };

const swedish = import.meta.glob<LocaleModule>('../../../locales/sv/*.json', { eager: true });
const loaders = import.meta.glob<LocaleModule>(['../../../locales/*/*.json', '!../../../locales/sv/*.json']);

const FILE = /\/locales\/([^/]+)\/([^/]+)\.json$/;

function parsePath(path: string): { lang: string; namespace: string } {
  const match = FILE.exec(path);
  if (!match) throw new Error(`Not a locale file: ${path}`);
  return { lang: match[1] as string, namespace: match[2] as string };
}

export const NAMESPACES = Object.keys(swedish).map((path) => parsePath(path).namespace);

const fallbackLng: Record<string, string[]> = { default: [SOURCE_LANGUAGE] };
for (const language of UI_LANGUAGES) fallbackLng[language.code] = [...language.fallback, SOURCE_LANGUAGE];

export async function createI18n(language: string): Promise<I18n> {
  const resources: Resource = { [SOURCE_LANGUAGE]: {} };
  for (const [path, module] of Object.entries(swedish)) {
    (resources[SOURCE_LANGUAGE] as Record<string, unknown>)[parsePath(path).namespace] = module.default;
  }
  const instance = i18next.createInstance();
  await instance.init({
    lng: SOURCE_LANGUAGE,
    fallbackLng,
    ns: NAMESPACES,
    defaultNS: DEFAULT_NAMESPACE,
    resources,
    interpolation: { escapeValue: false }, // Svelte escapes text itself.
    returnNull: false,
  });
  await loadLanguage(instance, language);
  await instance.changeLanguage(language);
  return instance;
}

/** Load a language and its fallbacks into `instance` (no-op for what is already there). */
export async function loadLanguage(instance: I18n, code: string): Promise<void> {
  const chain = [code, ...(findUiLanguage(code)?.fallback ?? [])].filter((lang) => lang !== SOURCE_LANGUAGE);
  for (const lang of chain) {
    if (instance.hasResourceBundle(lang, DEFAULT_NAMESPACE)) continue;
    const files = Object.entries(loaders).filter(([path]) => parsePath(path).lang === lang);
    if (files.length === 0) throw new Error(`No translation files for language "${lang}"`);
    await Promise.all(
      files.map(async ([path, load]) => {
        const module = await load();
        instance.addResourceBundle(lang, parsePath(path).namespace, module.default, true, true);
      }),
    );
  }
}
