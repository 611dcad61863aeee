/**
 * Finding a language by what someone types: its Swedish or English name, its name in itself, an
 * alternative name or its code; by the whole name, the start of a word in it, or anywhere inside
 * it; tolerating one typo. Works in any script, offline, in a few milliseconds for the ~8,000
 * languages of the registry (docs/languages.md has the figure).
 *
 * Ranking: exact > prefix > inside > one typo; then the suggested languages (in their order); then
 * the number of speakers; then the code.
 */
import type { Language } from './registry.ts';

export const MatchKind = { Exact: 0, Prefix: 1, Inside: 2, Typo: 3 } as const;
export type MatchKind = (typeof MatchKind)[keyof typeof MatchKind];

export interface LanguageMatch {
  readonly language: Language;
  readonly kind: MatchKind;
  /** The name (as written in the registry) that matched; the code when the code did. */
  readonly matched: string;
}

export interface SearchOptions {
  /** Codes to put first among equally good matches, and to list for an empty query. */
  readonly suggested?: readonly string[];
  /** At most this many results (default 50). */
  readonly limit?: number;
}

/** Typos are forgiven only in words at least this long: "dari" may be "dary", "so" is not "se". */
const TYPO_MIN_LENGTH = 4;
const DEFAULT_LIMIT = 50;

// Marks that only decorate a letter in these scripts (accents, Arabic vowel signs, Hebrew points):
// dropped, so "Soomaali" finds "Sōomaali" and "יידיש" finds "ייִדיש". In other scripts (Ethiopic,
// Indic, Thai) marks are letters' vowels and stay.
const DECORATING_MARKS =
  /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hebrew}])\p{Mn}+/gu;

/** Letters that NFKD leaves alone but that people type without their stroke or ligature. */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ŋ: 'n',
  ŧ: 't',
  ı: 'i',
  þ: 'th',
  // Arabic-script letters typed with another keyboard's variant: Arabic yeh and alef maksura are
  // Persian/Kurdish yeh, Arabic kaf is keheh, heh goal and doachashmee are heh, teh marbuta is heh.
  ي: 'ی',
  ى: 'ی',
  ك: 'ک',
  ۀ: 'ه',
  ھ: 'ه',
  ہ: 'ه',
  ة: 'ه',
};
const FOLDABLE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'gu');

/** Tatweel, zero-width (non-)joiners and direction marks: invisible, and never part of a match. */
const INVISIBLE = /[\u0640\u200B-\u200F\u2060\uFEFF]/g;
const SEPARATORS = /[\p{P}\p{S}\p{Z}\s]+/gu;

/** The form in which names and queries are compared. */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(DECORATING_MARKS, '$1')
    .toLowerCase()
    .replace(FOLDABLE, (letter) => LETTER_FOLDS[letter] ?? letter)
    .replace(INVISIBLE, '')
    .replace(SEPARATORS, ' ')
    .trim()
    .normalize('NFC');
}

/** Damerau–Levenshtein (optimal string alignment) distance of at most one, in linear time. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const lengthDifference = a.length - b.length;
  if (lengthDifference > 1 || lengthDifference < -1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (lengthDifference === 1) return a.slice(i + 1) === b.slice(i); // one letter too many
  if (lengthDifference === -1) return a.slice(i) === b.slice(i + 1); // one letter missing
  if (a.slice(i + 1) === b.slice(i + 1)) return true; // one letter wrong
  // Two neighbours swapped.
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** `word` starts with `typed`, give or take one typo (someone still typing "somalsk"). */
function prefixWithinOneEdit(typed: string, word: string): boolean {
  for (const length of [typed.length, typed.length - 1, typed.length + 1]) {
    if (
      length >= TYPO_MIN_LENGTH - 1 &&
      length <= word.length &&
      withinOneEdit(typed, word.slice(0, length))
    ) {
      return true;
    }
  }
  return false;
}

interface IndexedName {
  readonly original: string;
  readonly normalized: string;
  readonly words: readonly string[];
}

interface IndexedLanguage {
  readonly language: Language;
  readonly code: string;
  readonly names: readonly IndexedName[];
}

function indexName(original: string): IndexedName {
  const normalized = normalizeName(original);
  return { original, normalized, words: normalized.split(' ') };
}

function matchName(query: string, queryWords: readonly string[], name: IndexedName): MatchKind | undefined {
  const { normalized } = name;
  if (normalized === query) return MatchKind.Exact;
  if (normalized.startsWith(query) || normalized.includes(` ${query}`)) return MatchKind.Prefix;
  if (normalized.includes(query)) return MatchKind.Inside;
  if (query.length < TYPO_MIN_LENGTH) return undefined;
  if (withinOneEdit(query, normalized) || prefixWithinOneEdit(query, normalized)) return MatchKind.Typo;
  // Every word typed matches a word of the name, one of them with one typo at most.
  if (
    queryWords.length > 0 &&
    queryWords.every((typed) =>
      name.words.some((word) =>
        typed.length >= TYPO_MIN_LENGTH
          ? word.startsWith(typed) || withinOneEdit(typed, word) || prefixWithinOneEdit(typed, word)
          : word.startsWith(typed),
      ),
    )
  ) {
    return MatchKind.Typo;
  }
  return undefined;
}

export class LanguageSearch {
  readonly #index: readonly IndexedLanguage[];
  readonly #byCode: ReadonlyMap<string, Language>;

  constructor(languages: readonly Language[]) {
    this.#index = languages.map((language) => ({
      language,
      code: language.code.toLowerCase(),
      names: [language.autonym, language.sv, language.en, ...language.alt]
        .filter((name): name is string => !!name)
        .map(indexName),
    }));
    this.#byCode = new Map(languages.map((language) => [language.code.toLowerCase(), language]));
  }

  search(text: string, options: SearchOptions = {}): LanguageMatch[] {
    const suggested = (options.suggested ?? []).map((code) => code.toLowerCase());
    const limit = options.limit ?? DEFAULT_LIMIT;
    const query = normalizeName(text);
    if (!query) {
      return [...new Set(suggested)]
        .map((code) => this.#byCode.get(code))
        .filter((language): language is Language => !!language)
        .slice(0, limit)
        .map((language) => ({ language, kind: MatchKind.Exact, matched: language.code }));
    }
    const queryWords = query.split(' ').filter(Boolean);
    const code = text.trim().toLowerCase();
    const matches: LanguageMatch[] = [];
    for (const entry of this.#index) {
      let best: LanguageMatch | undefined =
        entry.code === code
          ? { language: entry.language, kind: MatchKind.Exact, matched: entry.language.code }
          : undefined;
      for (const name of entry.names) {
        if (best?.kind === MatchKind.Exact) break;
        const kind = matchName(query, queryWords, name);
        if (kind !== undefined && (best === undefined || kind < best.kind)) {
          best = { language: entry.language, kind, matched: name.original };
        }
      }
      if (best) matches.push(best);
    }
    const rank = (code: string) => {
      const at = suggested.indexOf(code.toLowerCase());
      return at === -1 ? suggested.length : at;
    };
    matches.sort(
      (a, b) =>
        a.kind - b.kind ||
        rank(a.language.code) - rank(b.language.code) ||
        b.language.speakers - a.language.speakers ||
        (a.language.code < b.language.code ? -1 : a.language.code > b.language.code ? 1 : 0),
    );
    return matches.slice(0, limit);
  }
}
