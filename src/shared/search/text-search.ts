/**
 * Full-text search over texts in any language and script, offline: a query matches a text when
 * every word of the query matches the start of some word of the text, compared by collation
 * (Intl.Collator, usage "search", sensitivity "base"), never by code units:
 *
 * - A query word typed with diacritics or harakat is compared as **the text's own language** reads
 *   it: in Swedish "för" is not "for" (ö is its own letter there), in Turkish "kiz" is not "kız"
 *   (dotless ı is its own letter) but "KIZ" is "kız"; in Arabic a word with harakat finds it without.
 * - A query word typed without any diacritics is also compared with the root collation, which
 *   ignores them: "forslag" finds "förslag", as someone typing on a keyboard without ö expects.
 *   Base letters stay distinct (root collation keeps ı apart from i).
 *
 * The comparison runs over windows of the text as long (in graphemes) as the query word, starting
 * at each word of the text, so "buss" finds "busskort" and a query never matches mid-word.
 */

/**
 * The root collation, by a locale that uses it unchanged (CLDR: English tailors nothing). Not
 * 'und': browsers resolve that to their own default locale, so in a Swedish browser "o" and "ö"
 * would differ again.
 */
const ROOT = 'en';

const collators = new Map<string, Intl.Collator>();

function collator(lang: string): Intl.Collator {
  let found = collators.get(lang);
  if (!found) {
    try {
      found = new Intl.Collator(lang, { usage: 'search', sensitivity: 'base' });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      found = collator(ROOT); // A code Intl does not know: compare as the root collation does.
    }
    collators.set(lang, found);
  }
  return found;
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
const words = new Intl.Segmenter('und', { granularity: 'word' });

const hasMarks = (word: string): boolean => /\p{M}/u.test(word.normalize('NFD'));

/** The query's words (letters and digits), each as its graphemes' count and text. */
function queryWords(query: string): { text: string; length: number; plain: boolean }[] {
  return [...words.segment(query.normalize('NFC'))]
    .filter((s) => s.isWordLike)
    .map((s) => ({
      text: s.segment,
      length: [...graphemes.segment(s.segment)].length,
      plain: !hasMarks(s.segment),
    }));
}

/** Where each word of `text` starts, and the text's graphemes (with their code-unit offsets). */
function windowsOf(text: string) {
  const clusters = [...graphemes.segment(text)];
  const starts = new Set([...words.segment(text)].filter((s) => s.isWordLike).map((s) => s.index));
  return { clusters, starts };
}

export interface SearchQuery {
  readonly empty: boolean;
  /** Does `text`, written in `lang` (BCP 47), hold every word of the query? */
  matches(text: string, lang: string): boolean;
}

export function searchQuery(query: string): SearchQuery {
  const terms = queryWords(query);
  return {
    empty: terms.length === 0,
    matches(text, lang) {
      if (terms.length === 0) return true;
      const { clusters, starts } = windowsOf(text.normalize('NFC'));
      const own = collator(lang);
      const root = collator(ROOT);
      return terms.every((term) =>
        clusters.some((cluster, i) => {
          if (!starts.has(cluster.index) || i + term.length > clusters.length) return false;
          const window = clusters
            .slice(i, i + term.length)
            .map((c) => c.segment)
            .join('');
          return (
            own.compare(window, term.text) === 0 || (term.plain && root.compare(window, term.text) === 0)
          );
        }),
      );
    },
  };
}
