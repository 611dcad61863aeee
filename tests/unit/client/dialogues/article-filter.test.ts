/** Narrowing the 54 articles by number or words, with the real Swedish and Arabic titles. */
import { describe, expect, it } from 'vitest';
import ar from '../../../../locales/ar/crc.json' with { type: 'json' };
import sv from '../../../../locales/sv/crc.json' with { type: 'json' };
import { CRC_ARTICLES_ORDERED } from '../../../../src/shared/domain/crc.ts';
import {
  filterArticles,
  fold,
  westernDigits,
  type ArticleOption,
} from '../../../../src/client/features/dialogues/form/article-filter.ts';

function options(texts: Record<string, unknown>, word: string): ArticleOption[] {
  return CRC_ARTICLES_ORDERED.map((number) => ({
    number,
    label: `${word} ${number} – ${String(texts[`a${number}`])}`,
  }));
}

const SV = options(sv, 'Artikel');
const AR = options(ar, 'المادة');
const numbers = (list: readonly ArticleOption[]) => list.map((o) => o.number);

describe('article filter', () => {
  it('shows all 54, guiding principles first, when nothing is typed', () => {
    expect(numbers(filterArticles(SV, ''))).toEqual([...CRC_ARTICLES_ORDERED]);
    expect(numbers(filterArticles(SV, '   '))).toHaveLength(54);
    expect(numbers(filterArticles(SV, '')).slice(0, 4)).toEqual([2, 3, 6, 12]);
  });

  it('finds an article by its number, narrowing digit by digit', () => {
    expect(numbers(filterArticles(SV, '12'))).toEqual([12]);
    expect(numbers(filterArticles(SV, ' 31 '))).toEqual([31]);
    expect(numbers(filterArticles(SV, '1'))).toEqual([12, 1, 10, 11, 13, 14, 15, 16, 17, 18, 19]);
    expect(numbers(filterArticles(SV, 'artikel 6'))).toEqual([6]);
    expect(numbers(filterArticles(SV, '55'))).toEqual([]);
  });

  it('finds articles by words of the title, in any order and any case', () => {
    expect(numbers(filterArticles(SV, 'lek'))).toEqual([31]);
    expect(numbers(filterArticles(SV, 'åsikt hörd'))).toEqual([12]);
    expect(numbers(filterArticles(SV, 'HÖRD åsikt'))).toEqual([12]);
    expect(numbers(filterArticles(SV, 'skydd mot'))).toEqual([11, 19, 32, 33, 34, 35, 36, 37]);
    expect(numbers(filterArticles(SV, 'utbildning'))).toEqual([28, 29]);
  });

  it('needs every word to match', () => {
    expect(numbers(filterArticles(SV, 'lek 12'))).toEqual([]);
    expect(numbers(filterArticles(SV, 'lek vila'))).toEqual([31]);
    expect(numbers(filterArticles(SV, 'cykel'))).toEqual([]);
  });

  it('forgives missing accents and Arabic vowel marks, and reads Arabic-Indic digits', () => {
    expect(numbers(filterArticles(SV, 'halsa'))).toEqual([24]);
    expect(numbers(filterArticles(AR, '١٢'))).toEqual([12]);
    expect(numbers(filterArticles(AR, '۳۱'))).toEqual([31]);
    // آراء written without the madda.
    expect(numbers(filterArticles(AR, 'اراء'))).toEqual([12]);
    expect(numbers(filterArticles(AR, 'اللعب'))).toEqual([31]);
  });

  it('folds text for matching', () => {
    expect(westernDigits('المادة ١٢ و۴٥')).toBe('المادة 12 و45');
    expect(fold('Åsikt')).toBe('asikt');
    expect(fold('المتبنَّون')).toBe('المتبنون');
  });
});
