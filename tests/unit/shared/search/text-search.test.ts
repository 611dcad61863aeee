import { describe, expect, it } from 'vitest';
import { searchQuery } from '../../../../src/shared/search/text-search.ts';

const finds = (query: string, text: string, lang: string) => searchQuery(query).matches(text, lang);

describe('searching texts in their own language', () => {
  it('finds a Swedish word typed without its diacritics, and in any case', () => {
    expect(finds('forslag', 'Vårt förslag om busskort', 'sv')).toBe(true);
    expect(finds('FÖRSLAG', 'Vårt förslag om busskort', 'sv')).toBe(true);
    expect(finds('var', 'Vårt förslag', 'sv')).toBe(true);
  });

  it('keeps a Swedish letter with diacritics apart from its base letter when they are typed', () => {
    expect(finds('för', 'for a while', 'sv')).toBe(false);
    expect(finds('öl', 'olika', 'sv')).toBe(false);
  });

  it('matches whole words from their start, never in the middle, and needs every word', () => {
    expect(finds('buss', 'Gratis busskort', 'sv')).toBe(true);
    expect(finds('kort', 'Gratis busskort', 'sv')).toBe(false);
    expect(finds('gratis sommar', 'Gratis busskort på sommaren', 'sv')).toBe(true);
    expect(finds('gratis vinter', 'Gratis busskort på sommaren', 'sv')).toBe(false);
  });

  it('finds Arabic with and without harakat, either way round', () => {
    const plain = 'نريد مكتبة مفتوحة في المدرسة';
    const voweled = 'نُرِيدُ مَكْتَبَةً مَفْتُوحَةً فِي المَدْرَسَةِ';
    expect(finds('مكتبة', plain, 'ar')).toBe(true);
    expect(finds('مكتبة', voweled, 'ar')).toBe(true);
    expect(finds('مَكْتَبَة', plain, 'ar')).toBe(true);
    expect(finds('المدرسة', voweled, 'ar')).toBe(true);
    expect(finds('ملعب', plain, 'ar')).toBe(false);
  });

  it('treats the Turkish dotted and dotless i as Turkish does', () => {
    expect(finds('KIZ', 'kız kulesi', 'tr')).toBe(true);
    expect(finds('kiz', 'kız kulesi', 'tr')).toBe(false);
    expect(finds('İstanbul', 'istanbul gezisi', 'tr')).toBe(true);
    expect(finds('ılık', 'ilik', 'tr')).toBe(false);
  });

  it('matches everything with an empty query, and survives a language code Intl does not know', () => {
    expect(searchQuery('  ,. ').empty).toBe(true);
    expect(finds('', 'anything', 'sv')).toBe(true);
    expect(finds('forslag', 'förslag', 'not a code!')).toBe(true);
  });
});
