// Reads the locale files from disk, so it runs with the Node-side tests.
/**
 * Every shipped locale has every key of the Swedish source its tier needs (the whole UI, or the
 * participant's flow), in every plural form its language needs (Intl.PluralRules), with the same
 * {{variables}}, no empty text, no keys the source lacks, and says whether it was reviewed.
 * The same check runs on its own in `npm test` (scripts/i18n/check-locales.ts).
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../../src/client/i18n/ui-languages.ts';
import { SHIPPED_LOCALES } from '../../src/client/i18n/shipped-locales.ts';
import { checkLocale } from '../../scripts/i18n/locale-check.ts';

describe('translations', () => {
  it('ships a translation file for every UI language, and no file without a UI language', () => {
    expect(readdirSync('locales').sort()).toEqual(UI_LANGUAGES.map((l) => l.code).sort());
  });

  for (const { code: lang, scope: tier } of SHIPPED_LOCALES.filter((l) => l.code !== 'sv')) {
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

  it('fails a locale marked reviewed without who reviewed it and when, and one missing a key', () => {
    const root = mkdtempSync(join(tmpdir(), 'locales-'));
    try {
      cpSync('locales/sv', join(root, 'sv'), { recursive: true });
      cpSync('locales/en', join(root, 'en'), { recursive: true });
      const meta = { reviewed: true, reviewedBy: null, reviewedOn: null, translation: 'test' };
      writeFileSync(join(root, 'en', '_locale.json'), JSON.stringify(meta));
      expect(checkLocale(root, 'en', 'full').meta).toHaveLength(1);
      writeFileSync(
        join(root, 'en', '_locale.json'),
        JSON.stringify({ ...meta, reviewedBy: 'A. Reviewer', reviewedOn: '2026-12-01' }),
      );
      expect(checkLocale(root, 'en', 'full').meta).toEqual([]);
      writeFileSync(join(root, 'en', 'voting.json'), '{}');
      expect(checkLocale(root, 'en', 'full').missing.length).toBeGreaterThan(0);
      // A participant-tier locale needs the participant's namespaces only.
      rmSync(join(root, 'en', 'report.json'));
      cpSync('locales/en/voting.json', join(root, 'en', 'voting.json'));
      expect(checkLocale(root, 'en', 'participant').missingNamespaces).toEqual([]);
      expect(checkLocale(root, 'en', 'full').missingNamespaces).toEqual(['report']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
