/**
 * Who made a locale's text and whether a native speaker has reviewed it: `locales/<code>/_locale.json`
 * (checked by scripts/i18n/locale-check.ts). Each file is a chunk of its own, loaded when Settings
 * asks, never on the first visit.
 */
export interface LocaleMeta {
  /** True only when a native speaker has read the whole locale. */
  readonly reviewed: boolean;
  readonly reviewedBy: string | null;
  /** ISO date. */
  readonly reviewedOn: string | null;
  /** Who made the text and how, for maintainers (English). */
  readonly translation: string;
}

const META = import.meta.glob<LocaleMeta>('../../../locales/*/_locale.json', { import: 'default' });

/** The `_locale.json` of a UI language, or null when it has none. */
export async function localeMeta(code: string): Promise<LocaleMeta | null> {
  const load = META[`../../../locales/${code}/_locale.json`];
  return load ? load() : null;
}
