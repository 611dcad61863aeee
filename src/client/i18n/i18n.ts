/**
 * i18next set-up. Swedish is bundled (it is the source and last fallback); every other language is
 * its own chunks, loaded when chosen and precached by the service worker, so switching works offline.
 * The map of those chunks is itself a chunk (locale-files.ts), so the first visit carries none of it.
 * No HTTP back end: locale files are part of the build, never fetched at run time by our code.
 *
 * Each feature has its own namespace file, `locales/<lang>/<namespace>.json` ("app" is the shell).
 * Keys from another namespace are written `namespace:key`.
 */
import i18next, { type i18n as I18n, type Resource } from 'i18next';
import type { TraceEntry } from './locale-types.ts';
import { fallbackChain, SOURCE_LANGUAGE, UI_LANGUAGES } from './ui-languages.ts';

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
/** Swedish feature namespaces: in the first visit's map (a few entries), each file its own chunk. */
const swedishLoaders = import.meta.glob<LocaleModule>([
  '../../../locales/sv/*.json',
  '!../../../locales/sv/app.json',
  '!../../../locales/sv/session.json',
  '!../../../locales/sv/sync.json',
  '!../../../locales/sv/_*.json',
]);

/** Every other language's files: the map is loaded the first time one is needed. */
let otherLoaders: Promise<Record<string, () => Promise<LocaleModule>>> | null = null;
function loadersOf(lang: string): Promise<Record<string, () => Promise<LocaleModule>>> {
  if (lang === SOURCE_LANGUAGE) return Promise.resolve(swedishLoaders);
  otherLoaders ??= import('./locale-files.ts').then(
    (m) => m.LOCALE_FILES,
    (error: unknown) => {
      otherLoaders = null; // Try again next time (a chunk the cache did not have yet).
      throw error;
    },
  );
  return otherLoaders;
}

const FILE = /\/locales\/([^/]+)\/([^/]+)\.json$/;

function parsePath(path: string): { lang: string; namespace: string } {
  const match = FILE.exec(path);
  if (!match) throw new Error(`Not a locale file: ${path}`);
  return { lang: match[1] as string, namespace: match[2] as string };
}

export const NAMESPACES = [
  ...new Set(
    [...Object.keys(swedish), ...Object.keys(swedishLoaders)].map((path) => parsePath(path).namespace),
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
  const trace = (globalThis as { __i18nTrace?: TraceEntry[] }).__i18nTrace;
  // Tests only (i18n-trace.ts): which language each text came from.
  const tracing = trace ? await import('./i18n-trace.ts') : null;
  if (trace && tracing) instance.use(tracing.tracer(instance, trace));
  await instance.init({
    ...tracing?.TRACE_OPTIONS,
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
  for (const lang of fallbackChain(code)) {
    const files = Object.entries(await loadersOf(lang)).filter(([path]) => parsePath(path).lang === lang);
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
