/**
 * The registry as the app reads it: names in Swedish and English, direction from the script, and a
 * code it does not know shown as the code itself.
 */
import { describe, expect, it } from 'vitest';
import { SHIPPED_LOCALES } from '../../../../src/client/i18n/shipped-locales.ts';
import { UI_LANGUAGES } from '../../../../src/client/i18n/ui-languages.ts';
import { decodeRegistry, languageNameIn } from '../../../../src/shared/languages/registry.ts';
import { REGISTRY_FILE } from './registry-data.ts';

const registry = decodeRegistry(REGISTRY_FILE);

describe('language registry', () => {
  it('has at least 780 languages with an autonym or a Swedish name, and every ISO 639-3 language', () => {
    const named = registry.languages.filter((l) => l.autonym || l.sv);
    expect(named.length).toBeGreaterThanOrEqual(780);
    expect(registry.size).toBeGreaterThan(7800);
    expect(registry.get('aaa')?.en).toBe('Ghotuo');
  });

  it('knows the languages spoken in Sweden with autonym, Swedish name, script and direction', () => {
    expect(registry.get('so')).toMatchObject({
      autonym: 'Soomaali',
      sv: 'somaliska',
      en: 'Somali',
      dir: 'ltr',
    });
    expect(registry.get('ti')).toMatchObject({ autonym: 'ትግርኛ', sv: 'tigrinja', script: 'Ethi' });
    expect(registry.get('ckb')).toMatchObject({ sv: 'centralkurdiska', script: 'Arab', dir: 'rtl' });
    expect(registry.get('ckb')?.alt).toContain('sorani');
    expect(registry.get('fit')).toMatchObject({ autonym: 'meänkieli', sv: 'meänkieli' });
    expect(registry.get('fit')?.alt).toContain('tornedalsfinska');
    expect(registry.get('prs')).toMatchObject({ sv: 'dari', dir: 'rtl' });
    expect(registry.get('yi')).toMatchObject({ script: 'Hebr', dir: 'rtl' });
    for (const code of ['sma', 'smj', 'se', 'rmy', 'sdh', 'kmr', 'sr-Latn']) {
      expect(registry.get(code)?.autonym, code).toBeTruthy();
    }
  });

  it('finds a language by a code in any case, and by its ISO 639-3 code', () => {
    expect(registry.get('SR-LATN')?.code).toBe('sr-Latn');
    expect(registry.get('som')?.code).toBe('so');
    expect(registry.fromIso6393('arb')?.code).toBe('ar');
    expect(registry.fromIso6393('pes')?.code).toBe('fa');
    expect(registry.fromIso6393('prs')?.code).toBe('prs');
    expect(registry.fromIso6393('tir')?.code).toBe('ti');
  });

  it('names a language in Swedish, in English, and in another UI language through the browser', () => {
    expect(languageNameIn(registry, 'so', 'sv')).toBe('somaliska');
    expect(languageNameIn(registry, 'so', 'en')).toBe('Somali');
    expect(languageNameIn(registry, 'so', 'ar', () => 'الصومالية')).toBe('الصومالية');
    // No name in that language: English.
    expect(languageNameIn(registry, 'so', 'ti', () => undefined)).toBe('Somali');
    // No Swedish name: English.
    expect(languageNameIn(registry, 'aaa', 'sv')).toBe('Ghotuo');
  });

  it('shows an unknown code, a malformed one, or any code before the registry is loaded, as the code', () => {
    expect(languageNameIn(registry, 'xx-unknown', 'sv')).toBe('xx-unknown');
    expect(languageNameIn(registry, 'not a tag!', 'sv')).toBe('not a tag!');
    expect(languageNameIn(registry, '', 'sv')).toBe('');
    expect(languageNameIn(null, 'so', 'sv')).toBe('so');
  });
});

describe('shipped locales', () => {
  it('lists every UI language, once', () => {
    const codes = SHIPPED_LOCALES.map((l) => l.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const language of UI_LANGUAGES) expect(codes, language.code).toContain(language.code);
  });

  it('gives each locale an autonym the registry knows for that language, and the script it is written in', () => {
    for (const shipped of SHIPPED_LOCALES) {
      const language = registry.get(shipped.code) ?? registry.get(shipped.characters ?? '');
      expect(language, shipped.code).toBeDefined();
      if (shipped.code === 'sv-x-easy') continue; // Easy Swedish is Swedish: not a language of its own.
      const names = [language?.autonym, ...(language?.alt ?? [])].map((n) => n?.toLowerCase());
      expect(names, shipped.code).toContain(shipped.autonym.toLowerCase());
      expect(language?.script, shipped.code).toBe(shipped.script);
    }
  });
});
