/**
 * Where every locale file but the bundled Swedish ones is: a map from path to a loader, one chunk per
 * file. This map (some 250 entries once every locale is in) is a chunk of its own, imported the first
 * time a file is needed, so that it is not part of the first visit (i18n.ts). The service worker
 * precaches it and every file, so each language loads offline.
 */
type LocaleModule = { default: Record<string, unknown> };

export const LOCALE_FILES = import.meta.glob<LocaleModule>([
  '../../../locales/*/*.json',
  '!../../../locales/sv/*.json',
  // `_locale.json`: who translated and whether it was reviewed (locale-meta.ts), not a namespace.
  '!../../../locales/*/_*.json',
]);
