import { describe, expect, it } from 'vitest';
import { findUiLanguage, pickUiLanguage } from '../../../../src/client/i18n/ui-languages.ts';
import { textDirection } from '../../../../src/shared/domain/language.ts';

describe('UI language choice', () => {
  it('follows the device language when the app ships it', () => {
    expect(pickUiLanguage(['ar-SA', 'en'])).toBe('ar');
    expect(pickUiLanguage(['en-GB'])).toBe('en');
  });

  it('falls back to Swedish when the device language is not shipped', () => {
    expect(pickUiLanguage(['so-SO', 'ti'])).toBe('sv');
    expect(pickUiLanguage([])).toBe('sv');
  });

  it('takes the first shipped language in the device’s order of preference', () => {
    expect(pickUiLanguage(['ti-ER', 'en-US', 'ar'])).toBe('en');
  });

  it('knows which languages are written right to left', () => {
    expect(findUiLanguage('ar')?.dir).toBe('rtl');
    expect(findUiLanguage('sv')?.dir).toBe('ltr');
    expect(textDirection('fa')).toBe('rtl');
    expect(textDirection('prs')).toBe('rtl');
    expect(textDirection('ckb')).toBe('rtl');
    expect(textDirection('yi')).toBe('rtl');
    expect(textDirection('ti')).toBe('ltr');
    expect(textDirection('not a tag')).toBe('ltr');
  });
});
