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

/**
 * The namespaces every screen may use (the shell, who is signed in, sync status): loaded with the app.
 * A feature's own namespace (e.g. "participate") is loaded with the feature's screens
 * (`locale.ensure`, which ui/Lazy.svelte calls), so its strings cost nothing on a first visit.
 */
export const SHELL_NAMESPACES = ['app', 'session', 'sync'];

type LocaleModule = { default: Record<string, unknown> };

const swedish = import.meta.glob<LocaleModule>(
  ['../../../locales/sv/app.json', '../../../locales/sv/session.json', '../../../locales/sv/sync.json'],
  { eager: true },
);
const loaders = import.meta.glob<LocaleModule>([
  '../../../locales/*/*.json',
  '!../../../locales/sv/app.json',
  '!../../../locales/sv/session.json',
  '!../../../locales/sv/sync.json',
  // `_locale.json`: who translated and whether it was reviewed (scripts/i18n/locale-check.ts).
  '!../../../locales/*/_*.json',
]);

const FILE = /\/locales\/([^/]+)\/([^/]+)\.json$/;

function parsePath(path: string): { lang: string; namespace: string } {
  const match = FILE.exec(path);
  if (!match) throw new Error(`Not a locale file: ${path}`);
  return { lang: match[1] as string, namespace: match[2] as string };
}

export const NAMESPACES = [
  ...new Set(
    [...Object.keys(swedish), ...Object.keys(loaders)]
      .map(parsePath)
      .filter((file) => file.lang === SOURCE_LANGUAGE)
      .map((file) => file.namespace),
  ),
];

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
    // Feature namespaces arrive later (loadNamespaces): i18next must not warn about them meanwhile.
    partialBundledLanguages: true,
  });
  await loadLanguage(instance, language, SHELL_NAMESPACES);
  await instance.changeLanguage(language);
  return instance;
}

/**
 * Load `namespaces` of a language and of its fallbacks, Swedish included, into `instance` (no-op for
 * what is already there). Throws when the language has no files at all.
 */
export async function loadLanguage(
  instance: I18n,
  code: string,
  namespaces: readonly string[],
): Promise<void> {
  const chain = [...new Set([code, ...(findUiLanguage(code)?.fallback ?? []), SOURCE_LANGUAGE])];
  for (const lang of chain) {
    const files = Object.entries(loaders).filter(([path]) => parsePath(path).lang === lang);
    if (files.length === 0 && lang !== SOURCE_LANGUAGE)
      throw new Error(`No translation files for language "${lang}"`);
    await Promise.all(
      files
        .filter(([path]) => {
          const namespace = parsePath(path).namespace;
          return namespaces.includes(namespace) && !instance.hasResourceBundle(lang, namespace);
        })
        .map(async ([path, load]) => {
          const module = await load();
          instance.addResourceBundle(lang, parsePath(path).namespace, module.default, true, true);
        }),
    );
  }
}
