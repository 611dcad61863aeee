/**
 * The translation check (issue 10): every shipped locale has every key of its tier, in every plural
 * form its language needs (Intl.PluralRules), with the same {{variables}} as the Swedish source, no
 * empty strings and no key the source lacks. Runs on Node 20 with no tool of its own: the test command
 * runs it (scripts/i18n/check-locales.ts) and tests/integration/locales.test.ts uses it per locale.
 *
 * A locale's files are `locales/<code>/<namespace>.json`; `locales/<code>/_locale.json` says who made
 * the translation and whether a native speaker has reviewed it (not a namespace).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocaleMeta } from '../../src/client/i18n/locale-types.ts';

export type Tree = { [key: string]: string | Tree };
export const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** The namespaces a participant-flow locale must translate: the shell and the participant's screens. */
export const PARTICIPANT_NAMESPACES = ['app', 'session', 'sync', 'participate', 'voting'] as const;

export type { LocaleMeta };

export function namespaceFiles(root: string, lang: string): string[] {
  return readdirSync(join(root, lang))
    .filter((file) => file.endsWith('.json') && !file.startsWith('_'))
    .sort();
}

export function readMeta(root: string, lang: string): LocaleMeta | null {
  const path = join(root, lang, '_locale.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as LocaleMeta) : null;
}

/** All namespace files of a language, flattened to `namespace:key` → text. */
export function loadFlat(root: string, lang: string, only?: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of namespaceFiles(root, lang)) {
    const namespace = file.replace(/\.json$/, '');
    if (only && !only.includes(namespace)) continue;
    const tree = JSON.parse(readFileSync(join(root, lang, file), 'utf8')) as Tree;
    for (const [key, text] of flatten(tree)) out.set(`${namespace}:${key}`, text);
  }
  return out;
}

export function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The keys a language must have: plural keys of the source expand to the language's categories. */
export function expectedKeys(source: Map<string, string>, lang: string): Set<string> {
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

export function variables(text: string): string[] {
  return [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]!).sort();
}

export interface LocaleProblems {
  readonly missing: string[];
  readonly extra: string[];
  readonly empty: string[];
  /** Keys whose {{variables}} differ from the source's. */
  readonly variables: string[];
  readonly missingNamespaces: string[];
  readonly meta: string[];
}

/**
 * What is wrong with `lang` for its tier: `full` must have every namespace of the source,
 * `participant` the PARTICIPANT_NAMESPACES (it may have more; those are checked too).
 */
export function checkLocale(root: string, lang: string, tier: 'full' | 'participant'): LocaleProblems {
  const sourceNamespaces = namespaceFiles(root, 'sv').map((f) => f.replace(/\.json$/, ''));
  const own = existsSync(join(root, lang))
    ? namespaceFiles(root, lang).map((f) => f.replace(/\.json$/, ''))
    : [];
  const required = tier === 'full' ? sourceNamespaces : [...PARTICIPANT_NAMESPACES];
  const checked = [...new Set([...required, ...own.filter((n) => sourceNamespaces.includes(n))])];
  const source = loadFlat(root, 'sv', checked);
  const target = own.length ? loadFlat(root, lang) : new Map<string, string>();
  const expected = expectedKeys(source, lang);
  const bases = new Set(
    [...expected].filter((k) => PLURAL_SUFFIX.test(k)).map((k) => k.replace(PLURAL_SUFFIX, '')),
  );
  const missing = [...expected].filter((key) => !target.has(key));
  // Extra plural forms (Arabic "zero") are allowed when the source has the base key.
  const extra = [...target.keys()].filter(
    (key) => !expected.has(key) && !(PLURAL_SUFFIX.test(key) && bases.has(key.replace(PLURAL_SUFFIX, ''))),
  );
  const empty: string[] = [];
  const wrongVariables: string[] = [];
  for (const [key, text] of target) {
    if (text.trim() === '') empty.push(key);
    const sourceText = source.get(source.has(key) ? key : `${key.replace(PLURAL_SUFFIX, '')}_other`);
    if (sourceText === undefined) continue;
    // Plural forms for one/two may spell the number out instead of using {{count}}.
    const drop = (vars: string[]) => (PLURAL_SUFFIX.test(key) ? vars.filter((v) => v !== 'count') : vars);
    if (drop(variables(text)).join() !== drop(variables(sourceText)).join()) wrongVariables.push(key);
  }
  const meta: string[] = [];
  const m = own.length ? readMeta(root, lang) : null;
  if (lang !== 'sv') {
    if (!m) meta.push(`locales/${lang}/_locale.json is missing`);
    else if (typeof m.reviewed !== 'boolean' || typeof m.translation !== 'string')
      meta.push(`locales/${lang}/_locale.json needs "reviewed" (boolean) and "translation" (text)`);
    // A review is marked with who did it and when (docs/languages.md): Settings names them.
    else if (m.reviewed && (!m.reviewedBy || !/^\d{4}-\d{2}-\d{2}$/.test(m.reviewedOn ?? '')))
      meta.push(
        `locales/${lang}/_locale.json: "reviewed": true needs "reviewedBy" and "reviewedOn" (YYYY-MM-DD)`,
      );
  }
  return {
    missing,
    extra,
    empty,
    variables: wrongVariables,
    missingNamespaces: required.filter((n) => !own.includes(n)),
    meta,
  };
}

export function problemCount(p: LocaleProblems): number {
  return Object.values(p).reduce((n, list: string[]) => n + list.length, 0);
}
