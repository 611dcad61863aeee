import { describe, expect, it } from 'vitest';
import {
  fallbackChain,
  findUiLanguage,
  pickUiLanguage,
  UI_LANGUAGES,
  uiLanguagesInOrder,
} from '../../../../src/client/i18n/ui-languages.ts';
import { SHIPPED_LOCALES } from '../../../../src/client/i18n/shipped-locales.ts';
import { textDirection } from '../../../../src/shared/domain/language.ts';

const FULL = ['sv', 'sv-x-easy', 'en', 'ar', 'so', 'ti', 'fa', 'prs', 'ckb', 'kmr', 'tr', 'fi'];
const PARTICIPANT = [
  ...['bs', 'hr', 'sr-Latn', 'pl', 'uk', 'th', 'es', 'am', 'ps', 'fit', 'se', 'sma', 'smj', 'rmy', 'yi'],
];

describe('UI languages', () => {
  it('are the shipped locales, all 27 of issue 10, each in its tier', () => {
    expect(UI_LANGUAGES.map((l) => l.code)).toEqual(SHIPPED_LOCALES.map((l) => l.code));
    expect(UI_LANGUAGES.filter((l) => l.scope === 'full').map((l) => l.code)).toEqual(FULL);
    expect(UI_LANGUAGES.filter((l) => l.scope === 'participant').map((l) => l.code)).toEqual(PARTICIPANT);
  });

  it('falls back along chains of shipped locales, Swedish last, full-tier locales on full-tier ones', () => {
    for (const language of UI_LANGUAGES) {
      const chain = fallbackChain(language.code);
      expect(chain[0]).toBe(language.code);
      expect(chain.at(-1)).toBe('sv');
      expect(new Set(chain).size).toBe(chain.length);
      for (const code of chain.slice(1)) {
        const fallback = findUiLanguage(code);
        expect(fallback, `${language.code} → ${code}`).toBeDefined();
        if (language.scope === 'full') expect(fallback?.scope, `${language.code} → ${code}`).toBe('full');
      }
    }
    expect(fallbackChain('prs')).toEqual(['prs', 'fa', 'sv']);
    expect(fallbackChain('fit')).toEqual(['fit', 'fi', 'sv']);
    expect(fallbackChain('sv-x-easy')).toEqual(['sv-x-easy', 'sv']);
    expect(fallbackChain('ps')).toEqual(['ps', 'prs', 'fa', 'sv']);
    expect(fallbackChain('bs')).toEqual(['bs', 'hr', 'sr-Latn', 'sv']);
    expect(fallbackChain('smj')).toEqual(['smj', 'sv']);
    // Not a UI language: Swedish only.
    expect(fallbackChain('de')).toEqual(['de', 'sv']);
  });

  it('knows which languages are written right to left', () => {
    const rtl = UI_LANGUAGES.filter((l) => l.dir === 'rtl').map((l) => l.code);
    expect(rtl.sort()).toEqual(['ar', 'ckb', 'fa', 'prs', 'ps', 'yi']);
    // The same as the browser's likely script says, for every UI language.
    for (const language of UI_LANGUAGES)
      expect(language.dir, language.code).toBe(textDirection(language.code));
    expect(textDirection('not a tag')).toBe('ltr');
  });

  it('lists Swedish first, then by autonym, one script after another', () => {
    const order = uiLanguagesInOrder().map((l) => l.code);
    expect(order.slice(0, 2)).toEqual(['sv', 'sv-x-easy']);
    expect(order).toHaveLength(27);
    // Latin autonyms alphabetically, Å as an A ("Åarjelsaemien gïele", "Bosanski", "Davvisámegiella", …),
    // then the others.
    expect(order.slice(2, 6)).toEqual(['sma', 'bs', 'se', 'en']);
    expect(order.indexOf('uk')).toBeGreaterThan(order.indexOf('tr'));
    expect(order.indexOf('ar')).toBeGreaterThan(order.indexOf('yi'));
    expect(order.indexOf('ti')).toBeGreaterThan(order.indexOf('ar'));
  });
});

describe('UI language choice', () => {
  it('follows the device language when the app ships it', () => {
    expect(pickUiLanguage(['ar-SA', 'en'])).toBe('ar');
    expect(pickUiLanguage(['en-GB'])).toBe('en');
    expect(pickUiLanguage(['so-SO', 'ti'])).toBe('so');
    expect(pickUiLanguage(['uk-UA'])).toBe('uk');
    expect(pickUiLanguage(['se-NO'])).toBe('se');
  });

  it('maps device languages filed under another code', () => {
    expect(pickUiLanguage(['fa-AF'])).toBe('prs');
    expect(pickUiLanguage(['fa-IR'])).toBe('fa');
    expect(pickUiLanguage(['sr-Cyrl-RS'])).toBe('sr-Latn');
    expect(pickUiLanguage(['sr-Latn'])).toBe('sr-Latn');
    expect(pickUiLanguage(['ku-Arab-IQ'])).toBe('ckb');
    expect(pickUiLanguage(['ku-TR'])).toBe('kmr');
  });

  it('falls back to Swedish when no device language is shipped', () => {
    expect(pickUiLanguage(['de-DE', 'zh'])).toBe('sv');
    expect(pickUiLanguage([])).toBe('sv');
  });

  it('takes the first shipped language in the device’s order of preference', () => {
    expect(pickUiLanguage(['de', 'ti-ER', 'en-US', 'ar'])).toBe('ti');
  });
});
