// Reads the locale files from disk, so it runs with the Node-side tests.
/**
 * Every shipped locale has every key of the Swedish source its tier needs (the whole UI, or the
 * participant's flow), in every plural form its language needs (Intl.PluralRules), with the same
 * {{variables}}, no empty text, no keys the source lacks, and says whether it was reviewed.
 * The same check runs on its own in `npm test` (scripts/i18n/check-locales.ts).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../../src/client/i18n/ui-languages.ts';
import { SHIPPED_LOCALES } from '../../src/client/i18n/shipped-locales.ts';
import { checkLocale } from '../../scripts/i18n/locale-check.ts';

const shipped = readdirSync('locales').filter((lang) => lang !== 'sv');

describe('translations', () => {
  it('ships a translation file for every UI language, and no file without a UI language', () => {
    expect([...shipped, 'sv'].sort()).toEqual(UI_LANGUAGES.map((l) => l.code).sort());
  });

  for (const lang of shipped) {
    const tier = SHIPPED_LOCALES.find((l) => l.code === lang)?.scope ?? 'full';
    it(`${lang} (${tier}): every key of its tier, the same variables, nothing extra or empty`, () => {
      expect(checkLocale('locales', lang, tier)).toEqual({
        missing: [],
        extra: [],
        empty: [],
        variables: [],
        missingNamespaces: [],
        meta: [],
      });
    });
  }
});
