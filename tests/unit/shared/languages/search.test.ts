/**
 * Finding a language in the committed registry as a participant types: the queries, in
 * Swedish, English, the language itself and other scripts, each find their language first.
 */
import { describe, expect, it } from 'vitest';
import { NATIONAL_MINORITY_LANGUAGES } from '../../../../src/shared/languages/sweden.ts';
import { decodeRegistry } from '../../../../src/shared/languages/registry.ts';
import {
  LanguageSearch,
  MatchKind,
  normalizeName,
  withinOneEdit,
} from '../../../../src/shared/languages/search.ts';
import { REQUIRED_QUERIES } from '../../../support/language-queries.ts';
import { REGISTRY_FILE } from './registry-data.ts';

const registry = decodeRegistry(REGISTRY_FILE);
const search = new LanguageSearch(registry.languages);
const SUGGESTED = ['sv', 'en', 'ar', ...NATIONAL_MINORITY_LANGUAGES];

const first = (query: string, suggested: readonly string[] = SUGGESTED) =>
  search.search(query, { suggested })[0]?.language.code;

describe('language search', () => {
  for (const [query, code] of REQUIRED_QUERIES) {
    it(`finds ${code} first for “${query}”`, () => {
      expect(first(query)).toBe(code);
      // Not only thanks to the suggestions.
      expect(first(query, [])).toBe(code);
    });
  }

  it('finds a language by code, by alternative name and by a word inside its name', () => {
    expect(first('SO')).toBe('so');
    expect(first('sr-latn')).toBe('sr-Latn');
    expect(first('tornedalsfinska')).toBe('fit');
    expect(first('sorani')).toBe('ckb');
    expect(first('kurmanji')).toBe('kmr');
    expect(search.search('kurdiska').map((m) => m.language.code)).toEqual(
      expect.arrayContaining(['ku', 'ckb', 'kmr', 'sdh']),
    );
    const inside = search.search('amhar').find((m) => m.language.code === 'am');
    expect(inside?.kind).toBe(MatchKind.Prefix);
    expect(search.search('rdkurdiska').find((m) => m.language.code === 'kmr')?.kind).toBe(MatchKind.Inside);
  });

  it('tolerates one typo (a letter missing, extra, wrong or two swapped) in words of four letters or more', () => {
    for (const typo of ['somalska', 'somaliiska', 'somaleska', 'somailska', 'tigrnija']) {
      const [match] = search.search(typo);
      expect(match?.language.code, typo).toMatch(/^(so|ti)$/);
      expect(match?.kind, typo).toBe(MatchKind.Typo);
    }
    // Two typos are not one.
    expect(first('smoalsika')).not.toBe('so');
    // Short words are not guessed at: "sa" is not "so".
    expect(search.search('sx').some((m) => m.kind === MatchKind.Typo)).toBe(false);
  });

  it('ranks exact before prefix before inside before typo, then suggested languages, then speakers', () => {
    const results = search.search('arabiska', { suggested: SUGGESTED });
    const kinds = results.map((m) => m.kind);
    expect(kinds).toEqual(kinds.toSorted((a, b) => a - b));
    // "romani" is the Swedish name of Romani (a national minority language) and Wikimedia's
    // autonym of Vlax Romani: both exact, the suggested one first; without suggestions, the
    // larger one first.
    expect(search.search('romani', { suggested: ['rmy'] })[0]?.language.code).toBe('rmy');
    expect(search.search('romani', { suggested: ['rom'] })[0]?.language.code).toBe('rom');
  });

  it('ignores accents, case, Arabic letter variants and Hebrew points', () => {
    expect(normalizeName('Davvisámegiella')).toBe('davvisamegiella');
    expect(normalizeName('كوردي')).toBe(normalizeName('کوردی'));
    expect(normalizeName('ייִדיש')).toBe('יידיש');
    expect(first('davvisamegiella')).toBe('se');
    expect(first('יידיש')).toBe('yi');
    expect(first('كوردي')).toBe('ckb');
    expect(first('SUOMI')).toBe('fi');
  });

  it('lists the suggested languages, in order, for an empty query, and skips unknown codes', () => {
    expect(
      search.search('  ', { suggested: ['so', 'xx-unknown', 'ti', 'so'] }).map((m) => m.language.code),
    ).toEqual(['so', 'ti']);
  });

  it('finds nothing for text that names no language, and does not throw on odd input', () => {
    expect(search.search('qqqqqqqq')).toEqual([]);
    expect(search.search('%%%')).toEqual([]);
    expect(search.search('\u200f\u0640')).toEqual([]);
  });

  it('answers each query in well under 50 ms over the whole registry', () => {
    const queries = REQUIRED_QUERIES.map(([query]) => query);
    for (const query of queries) search.search(query); // warm up
    const started = performance.now();
    for (const query of queries) search.search(query, { suggested: SUGGESTED });
    const perQuery = (performance.now() - started) / queries.length;
    expect(perQuery).toBeLessThan(50);
  });
});

describe('one edit', () => {
  it('is Damerau–Levenshtein distance at most one', () => {
    expect(withinOneEdit('somali', 'somali')).toBe(true);
    expect(withinOneEdit('somli', 'somali')).toBe(true);
    expect(withinOneEdit('somaali', 'somali')).toBe(true);
    expect(withinOneEdit('someli', 'somali')).toBe(true);
    expect(withinOneEdit('smoali', 'somali')).toBe(true);
    expect(withinOneEdit('smoail', 'somali')).toBe(false);
    expect(withinOneEdit('som', 'somali')).toBe(false);
  });
});
