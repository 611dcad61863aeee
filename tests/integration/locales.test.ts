// Reads the locale files from disk, so it runs with the Node-side tests.
/**
 * Every shipped locale has every key of the Swedish source, in every plural form its language needs
 * (Intl.PluralRules), with the same {{variables}}, and no keys the source does not have.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../../src/client/i18n/ui-languages.ts';

type Tree = { [key: string]: string | Tree };
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** All namespace files of a language as one tree, keyed `namespace:key`. */
function load(lang: string): Tree {
  const tree: Tree = {};
  for (const file of readdirSync(`locales/${lang}`).filter((f) => f.endsWith('.json'))) {
    tree[`${file.replace(/\.json$/, '')}:`] = JSON.parse(
      readFileSync(`locales/${lang}/${file}`, 'utf8'),
    ) as Tree;
  }
  return tree;
}

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix && !prefix.endsWith(':') ? `${prefix}.${key}` : `${prefix}${key}`;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The keys a language must have: plural keys of the source expand to the language's categories. */
function expectedKeys(source: Map<string, string>, lang: string): Set<string> {
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  const keys = new Set<string>();
  for (const key of source.keys()) {
    if (PLURAL_SUFFIX.test(key)) {
      const base = key.replace(PLURAL_SUFFIX, '');
      for (const category of categories) keys.add(`${base}_${category}`);
    } else keys.add(key);
  }
  return keys;
}

function variables(text: string): string[] {
  return [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]!).sort();
}

const source = flatten(load('sv'));
const shipped = readdirSync('locales').filter((lang) => lang !== 'sv');
const namespaces = (lang: string) => readdirSync(`locales/${lang}`).sort();

describe('translations', () => {
  it('ships a translation file for every UI language, and no file without a UI language', () => {
    expect([...shipped, 'sv'].sort()).toEqual(UI_LANGUAGES.map((l) => l.code).sort());
  });

  for (const lang of shipped) {
    describe(lang, () => {
      const target = flatten(load(lang));
      const expected = expectedKeys(source, lang);

      it('has the same namespace files as the Swedish source', () => {
        expect(namespaces(lang)).toEqual(namespaces('sv'));
      });

      it('has every key of the Swedish source in every plural form the language needs', () => {
        const missing = [...expected].filter((key) => !target.has(key));
        expect(missing).toEqual([]);
      });

      it('has no key the Swedish source lacks', () => {
        const extra = [...target.keys()].filter((key) => {
          if (expected.has(key)) return false;
          // Extra plural forms (Arabic "zero") are allowed when the source has the base key.
          return !(
            PLURAL_SUFFIX.test(key) &&
            [...expected].some((k) => k.replace(PLURAL_SUFFIX, '') === key.replace(PLURAL_SUFFIX, ''))
          );
        });
        expect(extra).toEqual([]);
      });

      it('uses the same {{variables}} as the source, and no empty strings', () => {
        for (const [key, text] of target) {
          expect(text.trim(), key).not.toBe('');
          const sourceKey = source.has(key) ? key : `${key.replace(PLURAL_SUFFIX, '')}_other`;
          const sourceText = source.get(sourceKey);
          if (sourceText === undefined) continue;
          // Plural forms for one/two may spell the number out instead of using {{count}}.
          const drop = (vars: string[]) =>
            PLURAL_SUFFIX.test(key) ? vars.filter((v) => v !== 'count') : vars;
          expect(drop(variables(text)), key).toEqual(drop(variables(sourceText)));
        }
      });
    });
  }
});
