/**
 * Who made a locale's text and whether a native speaker has reviewed it: `locales/<code>/_locale.json`
 * (checked by scripts/i18n/locale-check.ts). Each file is a chunk of its own, loaded when Settings
 * asks, never on the first visit.
 */
import type { LocaleMeta } from './locale-types.ts';

export type { LocaleMeta };

const META = import.meta.glob<LocaleMeta>('../../../locales/*/_locale.json', { import: 'default' });

/** The `_locale.json` of a UI language, or null when it has none. */
export async function localeMeta(code: string): Promise<LocaleMeta | null> {
  const load = META[`../../../locales/${code}/_locale.json`];
  return load ? load() : null;
}
