/**
 * `npm run languages:generate`: builds the language registry and the Ethiopic input-method tables
 * from maintained data on the npm registry (devDependencies, read from node_modules) and writes
 * them to src/client/i18n/generated/. Both files are committed; tests/integration/languages.test.ts
 * regenerates them into a temporary directory and fails when the committed ones differ.
 *
 * Sources, in order of trust (docs/languages.md has their licences):
 *   1. Unicode CLDR (cldr-localenames-full, cldr-core): Swedish and English names, each locale's own
 *      name for itself (autonym), likely scripts, speakers per territory, aliases.
 *   2. Wikimedia's language data as shipped in jquery.uls (MIT option): autonyms and scripts for
 *      languages CLDR has no locale for (Meänkieli, Lule and South Sami, Romani varieties, …).
 *   3. ISO 639-3 (iso-639-3): every language code with its English reference name, as a last resort.
 *   4. scripts/languages/supplement.json: a small reviewed list for what all of these lack.
 *   5. @keywrite/ethiopic-input-methods (MIT, generated from the Geʾez Frontier Foundation's
 *      keyboard specification): the Tigrinya and Amharic transliteration tables.
 * It also writes fonts.css, the @font-face rules of the bundled fonts (scripts/languages/fonts.ts).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { ALT_SEPARATOR, type RegistryFile, type RegistryRow } from '../../src/shared/languages/registry.ts';
import { buildFontsCss } from './fonts.ts';

const REPO = resolve(import.meta.dirname, '../..');
export const OUTPUT_DIR = join(REPO, 'src/client/i18n/generated');
export const REGISTRY_FILE = 'languages.json';
export const INPUT_METHODS_FILE = 'ethiopic-input.json';
export const FONTS_FILE = 'fonts.css';
const SUPPLEMENT = join(REPO, 'scripts/languages/supplement.json');

type Json = Record<string, unknown>;
const readJson = <T = Json>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

function packageDir(nodeModules: string, name: string): string {
  const dir = join(nodeModules, name);
  if (!existsSync(join(dir, 'package.json'))) {
    throw new Error(`${name} is not installed in ${nodeModules}: run npm ci first`);
  }
  return dir;
}

const versionOf = (nodeModules: string, name: string) =>
  readJson<{ version: string }>(join(packageDir(nodeModules, name), 'package.json')).version;

// ---------------------------------------------------------------------------------------------
// CLDR

interface Cldr {
  /** Locale directories of cldr-localenames-full ("sv", "sr-Latn", …). */
  readonly locales: ReadonlySet<string>;
  languageNames(locale: string): Readonly<Record<string, string>>;
  scriptNames(locale: string): Readonly<Record<string, string>>;
  localePattern(locale: string): string;
  /** "fit" → "Latn". */
  readonly likelyScript: ReadonlyMap<string, string>;
  /** Codes CLDR replaces by a longer tag for the same language ("prs" → "fa-AF"). */
  readonly overlong: ReadonlyMap<string, string>;
  /** A language CLDR files under its macrolanguage ("arb" → "ar"). */
  readonly macrolanguage: ReadonlyMap<string, string>;
  /** Speakers per language (BCP 47 with "-"), summed over territories. */
  readonly speakers: ReadonlyMap<string, number>;
}

function readCldr(nodeModules: string): Cldr {
  const names = join(packageDir(nodeModules, 'cldr-localenames-full'), 'main');
  const core = join(packageDir(nodeModules, 'cldr-core'), 'supplemental');
  const cache = new Map<string, Json>();
  const displayNames = (locale: string, file: string): Json => {
    const path = join(names, locale, `${file}.json`);
    let data = cache.get(path);
    if (!data) {
      // Locales with little data (e.g. "aa") have no file of display names at all.
      if (!existsSync(path)) return {};
      const main = readJson<{ main: Record<string, { localeDisplayNames: Json }> }>(path).main;
      data = main[locale]?.localeDisplayNames ?? {};
      cache.set(path, data);
    }
    return data;
  };

  const likely = readJson<{ supplemental: { likelySubtags: Record<string, string> } }>(
    join(core, 'likelySubtags.json'),
  ).supplemental.likelySubtags;
  const likelyScript = new Map<string, string>();
  for (const [from, to] of Object.entries(likely)) {
    const script = to.split('-').find((part) => /^[A-Z][a-z]{3}$/.test(part));
    if (script && !from.includes('-')) likelyScript.set(from, script);
  }

  const aliases = readJson<{
    supplemental: {
      metadata: { alias: { languageAlias: Record<string, { _reason: string; _replacement: string }> } };
    };
  }>(join(core, 'aliases.json')).supplemental.metadata.alias.languageAlias;
  const overlong = new Map<string, string>();
  const macrolanguage = new Map<string, string>();
  for (const [from, alias] of Object.entries(aliases)) {
    if (from.includes('_')) continue;
    if (alias._reason === 'overlong') overlong.set(from, alias._replacement);
    if (alias._reason === 'macrolanguage') macrolanguage.set(from, alias._replacement);
  }

  const territories = readJson<{
    supplemental: {
      territoryInfo: Record<
        string,
        { _population: string; languagePopulation?: Record<string, { _populationPercent: string }> }
      >;
    };
  }>(join(core, 'territoryInfo.json')).supplemental.territoryInfo;
  const speakers = new Map<string, number>();
  for (const territory of Object.values(territories)) {
    const population = Number(territory._population);
    for (const [lang, share] of Object.entries(territory.languagePopulation ?? {})) {
      const code = lang.replace(/_/g, '-');
      const count = (population * Number(share._populationPercent)) / 100;
      speakers.set(code, (speakers.get(code) ?? 0) + count);
    }
  }

  return {
    locales: new Set(readdirSync(names)),
    languageNames: (locale) => (displayNames(locale, 'languages').languages ?? {}) as Record<string, string>,
    scriptNames: (locale) => (displayNames(locale, 'scripts').scripts ?? {}) as Record<string, string>,
    localePattern: (locale) =>
      (
        displayNames(locale, 'localeDisplayNames').localeDisplayPattern as
          { localePattern: string } | undefined
      )?.localePattern ?? '{0} ({1})',
    likelyScript,
    overlong,
    macrolanguage,
    speakers,
  };
}

// ---------------------------------------------------------------------------------------------
// Wikimedia (jquery.uls)

interface UlsLanguage {
  readonly script: string;
  readonly autonym: string;
}

/** jquery.uls ships its data as a browserified script that sets jQuery.uls.data: run it in a sandbox. */
function readUls(nodeModules: string): ReadonlyMap<string, UlsLanguage> {
  const source = readFileSync(join(packageDir(nodeModules, 'jquery.uls'), 'src/jquery.uls.data.js'), 'utf8');
  const sandbox = { jQuery: {} as { uls?: { data?: { languages?: Record<string, unknown> } } } };
  runInNewContext(source, sandbox, { timeout: 5000 });
  const raw = sandbox.jQuery.uls?.data?.languages;
  if (!raw) throw new Error('jquery.uls: no languages in src/jquery.uls.data.js (has its layout changed?)');
  const resolveEntry = (code: string, depth = 0): UlsLanguage | undefined => {
    const entry = raw[code];
    if (!Array.isArray(entry) || depth > 3) return undefined;
    // A one-element entry redirects to another code ("ku" → ["ku-latn"]).
    if (entry.length === 1) return resolveEntry(String(entry[0]), depth + 1);
    const [script, , autonym] = entry as [string, string[], string];
    return { script, autonym };
  };
  const languages = new Map<string, UlsLanguage>();
  for (const code of Object.keys(raw)) {
    const entry = resolveEntry(code);
    if (entry) languages.set(code, entry);
  }
  return languages;
}

// ---------------------------------------------------------------------------------------------
// ISO 639-3

interface IsoLanguage {
  readonly name: string;
  readonly type: string;
  readonly scope: string;
  readonly iso6393: string;
}

async function readIso(
  nodeModules: string,
): Promise<{ languages: readonly IsoLanguage[]; to1: Readonly<Record<string, string>> }> {
  const dir = packageDir(nodeModules, 'iso-639-3');
  const { iso6393 } = (await import(join(dir, 'iso6393.js'))) as { iso6393: IsoLanguage[] };
  const { iso6393To1 } = (await import(join(dir, 'iso6393-to-1.js'))) as {
    iso6393To1: Record<string, string>;
  };
  return { languages: iso6393, to1: iso6393To1 };
}

// ---------------------------------------------------------------------------------------------
// The reviewed supplement

export interface SupplementEntry {
  readonly autonym?: string;
  readonly sv?: string;
  readonly en?: string;
  readonly script?: string;
  readonly alt?: readonly string[];
  /** Where the fact comes from. */
  readonly source: string;
  /** Who reviewed it; null while no language consultant has. */
  readonly reviewedBy: string | null;
}

interface Supplement {
  readonly languages: Readonly<Record<string, SupplementEntry>>;
}

// ---------------------------------------------------------------------------------------------
// Building

interface Draft {
  code: string;
  autonym?: string;
  sv?: string;
  en?: string;
  script?: string;
  alt: string[];
  speakers: number;
}

const SPECIAL_CODES = new Set(['mis', 'mul', 'und', 'zxx']);

/** Two significant digits: enough to rank, and the file does not change with every census. */
function roundSpeakers(count: number): number {
  if (count < 1) return 0;
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(count)) - 1);
  return Math.round(count / magnitude) * magnitude;
}

const sameName = (a: string, b: string) =>
  a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase();

function addAlt(draft: Draft, name: string | undefined): void {
  if (!name) return;
  const clean = name.normalize('NFC').trim();
  if (!clean || clean.includes(ALT_SEPARATOR)) return;
  const taken = [draft.autonym, draft.sv, draft.en, ...draft.alt];
  if (taken.some((other) => other !== undefined && sameName(other, clean))) return;
  draft.alt.push(clean);
}

export async function buildRegistry(nodeModules: string): Promise<RegistryFile> {
  const cldr = readCldr(nodeModules);
  const uls = readUls(nodeModules);
  const iso = await readIso(nodeModules);
  const supplement = readJson<Supplement>(SUPPLEMENT);
  const sv = cldr.languageNames('sv');
  const en = cldr.languageNames('en');

  const drafts = new Map<string, Draft>();
  const draftFor = (code: string): Draft => {
    let draft = drafts.get(code);
    if (!draft) {
      draft = { code, alt: [], speakers: 0 };
      drafts.set(code, draft);
    }
    return draft;
  };

  // Every ISO 639-3 language, under its two-letter code when it has one (as BCP 47 wants).
  const isoName = new Map<string, string>();
  for (const language of iso.languages) {
    if (language.scope === 'special' || SPECIAL_CODES.has(language.iso6393)) continue;
    const code = iso.to1[language.iso6393] ?? language.iso6393;
    draftFor(code);
    isoName.set(code, language.name);
  }
  const known = (code: string) => drafts.has(code);

  // Languages CLDR or Wikimedia name that this ISO 639-3 edition lacks ("tok"): only plain
  // language subtags, not Wikimedia's own codes ("be-tarask", "simple") or regional variants.
  for (const code of [...Object.keys(en), ...uls.keys()]) {
    if (/^[a-z]{2,3}$/.test(code) && !SPECIAL_CODES.has(code) && !known(code)) draftFor(code);
  }

  // Script variants CLDR has a locale for, when the script is not the language's usual one
  // ("sr-Latn" yes, "sr-Cyrl" no: Serbian is Cyrillic unless said otherwise).
  for (const locale of cldr.locales) {
    const match = /^([a-z]{2,3})-([A-Z][a-z]{3})$/.exec(locale);
    if (!match) continue;
    const [, base, script] = match as unknown as [string, string, string];
    if (known(base) && cldr.likelyScript.get(base) !== script) draftFor(locale);
  }

  // Regional variants CLDR names in Swedish ("brasiliansk portugisiska", "flamländska"), unless
  // another code stands for the same language ("fa-AF" is Dari, "prs").
  const overlongTargets = new Set(cldr.overlong.values());
  for (const code of Object.keys(sv)) {
    const match = /^([a-z]{2,3})-([A-Z]{2}|\d{3})$/.exec(code);
    if (match && known(match[1] as string) && !overlongTargets.has(code)) draftFor(code);
  }

  for (const draft of drafts.values()) {
    const { code } = draft;
    const [base, subtag] = code.split('-') as [string, string | undefined];
    const variantScript = subtag && /^[A-Z][a-z]{3}$/.test(subtag) ? subtag : undefined;
    const overlong = cldr.overlong.get(code);
    const ulsEntry = uls.get(code.toLowerCase());

    if (subtag && !variantScript) {
      // A regional variant: CLDR's names, the autonym from the language's own locale.
      draft.sv = sv[code];
      draft.en = en[code];
      draft.autonym = cldr.languageNames(base)[code];
      draft.script = cldr.likelyScript.get(base);
    } else if (variantScript) {
      // "serbiska (latinska)", "srpski (latinica)": CLDR's own pattern in each language.
      const compose = (locale: string, names: Record<string, string>) => {
        const language = names[base];
        const scriptName = cldr.scriptNames(locale)[variantScript];
        // Some locales' script names carry their own parentheses (bal-Latn): no readable name.
        return language && scriptName && !scriptName.includes('(')
          ? cldr.localePattern(locale).replace('{0}', language).replace('{1}', scriptName)
          : undefined;
      };
      draft.sv = compose('sv', sv);
      draft.en = compose('en', en);
      draft.autonym = compose(code, cldr.languageNames(code)) ?? ulsEntry?.autonym;
      draft.script = variantScript;
      addAlt(draft, ulsEntry?.autonym);
    } else {
      draft.sv = sv[code] ?? (overlong ? sv[overlong] : undefined);
      draft.en = en[code] ?? (overlong ? en[overlong] : undefined) ?? isoName.get(code);
      if (cldr.locales.has(code)) draft.autonym = cldr.languageNames(code)[code];
      else if (overlong && cldr.locales.has(overlong)) {
        draft.autonym = cldr.languageNames(overlong)[overlong];
      }
      draft.autonym ??= ulsEntry?.autonym;
      const macro = cldr.macrolanguage.get(code);
      draft.script =
        cldr.likelyScript.get(code) ?? ulsEntry?.script ?? (macro ? cldr.likelyScript.get(macro) : undefined);
      // Other names: CLDR's variants ("soranisk kurdiska"), ISO's reference name, Wikimedia's
      // spelling of the autonym.
      for (const kind of ['variant', 'menu', 'short', 'long', 'official']) {
        addAlt(draft, sv[`${code}-alt-${kind}`]);
        addAlt(draft, en[`${code}-alt-${kind}`]);
      }
      addAlt(draft, isoName.get(code));
      addAlt(draft, ulsEntry?.autonym);
    }
    draft.speakers = roundSpeakers(cldr.speakers.get(code) ?? 0);
  }

  for (const [code, entry] of Object.entries(supplement.languages)) {
    const draft = draftFor(code);
    if (entry.autonym) {
      if (draft.autonym && !sameName(draft.autonym, entry.autonym)) addAlt(draft, draft.autonym);
      draft.autonym = entry.autonym;
    }
    if (entry.sv) {
      if (draft.sv && !sameName(draft.sv, entry.sv)) addAlt(draft, draft.sv);
      draft.sv = entry.sv;
    }
    if (entry.en) {
      if (draft.en && !sameName(draft.en, entry.en)) addAlt(draft, draft.en);
      draft.en = entry.en;
    }
    if (entry.script) draft.script = entry.script;
    for (const name of entry.alt ?? []) addAlt(draft, name);
    // A name promoted from the alternatives is no longer an alternative.
    draft.alt = draft.alt.filter(
      (name) => ![draft.autonym, draft.sv, draft.en].some((n) => n !== undefined && sameName(n, name)),
    );
  }

  const rows = [...drafts.values()]
    .filter((draft) => draft.en || draft.sv || draft.autonym)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((draft): RegistryRow => {
      const row: (string | number)[] = [
        draft.code,
        draft.autonym?.normalize('NFC') ?? '',
        draft.sv?.normalize('NFC') ?? '',
        draft.en?.normalize('NFC') ?? '',
        draft.script ?? '',
        draft.alt.join(ALT_SEPARATOR),
        draft.speakers,
      ];
      while (row.length > 1 && (row.at(-1) === '' || row.at(-1) === 0)) row.pop();
      return row as unknown as RegistryRow;
    });

  // ISO 639-3 codes filed under another code: two-letter codes, and CLDR's macrolanguage aliases
  // for the usual form of a macrolanguage ("arb" → "ar"), which a language detector reports.
  const aliases: Record<string, string> = {};
  for (const language of iso.languages) {
    const two = iso.to1[language.iso6393];
    if (two && drafts.has(two)) aliases[language.iso6393] = two;
  }
  for (const [from, to] of cldr.macrolanguage) {
    if (/^[a-z]{3}$/.test(from) && drafts.has(to) && !aliases[from]) aliases[from] = to;
  }

  return {
    format: 1,
    sources: {
      cldr: versionOf(nodeModules, 'cldr-localenames-full'),
      'jquery.uls': versionOf(nodeModules, 'jquery.uls'),
      'iso-639-3': versionOf(nodeModules, 'iso-639-3'),
    },
    languages: rows,
    aliases: Object.fromEntries(Object.entries(aliases).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

// ---------------------------------------------------------------------------------------------
// Ethiopic input methods

/** Which keyboard of the Geʾez Frontier Foundation each language gets. */
const ETHIOPIC_KEYBOARDS = {
  // Most Tigrinya speakers in Sweden come from Eritrea: its writing conventions.
  ti: 'ti-ER',
  am: 'am-ET',
} as const;

interface TrieNode {
  readonly value: string | null;
  readonly next: Readonly<Record<string, TrieNode>> | null;
}

export interface InputMethodsFile {
  readonly source: string;
  /** Per language: typed Latin sequence → Ethiopic text ("se" → "ሰ"). */
  readonly methods: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export function buildInputMethods(nodeModules: string): InputMethodsFile {
  const dir = packageDir(nodeModules, '@keywrite/ethiopic-input-methods');
  const require = createRequire(join(dir, 'package.json'));
  const methods: Record<string, Record<string, string>> = {};
  for (const [lang, file] of Object.entries(ETHIOPIC_KEYBOARDS)) {
    const module = require(join(dir, 'dist', `${file}.js`)) as {
      default: { inputMethod: Readonly<Record<string, TrieNode>> };
    };
    const table: Record<string, string> = {};
    const walk = (trie: Readonly<Record<string, TrieNode>>, typed: string) => {
      for (const [key, node] of Object.entries(trie)) {
        if (node.value) table[typed + key] = node.value;
        if (node.next) walk(node.next, typed + key);
      }
    };
    walk(module.default.inputMethod, '');
    if (Object.keys(table).length < 100)
      throw new Error(`${file}: too few sequences (has its layout changed?)`);
    methods[lang] = Object.fromEntries(
      Object.entries(table).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  }
  return {
    source: `@keywrite/ethiopic-input-methods ${versionOf(nodeModules, '@keywrite/ethiopic-input-methods')} (MIT): ${Object.values(ETHIOPIC_KEYBOARDS).join(', ')}`,
    methods,
  };
}

// ---------------------------------------------------------------------------------------------

/** One language per line: small diffs when the data changes, still one JSON document. */
export function serializeRegistry(file: RegistryFile): string {
  const head = JSON.stringify({ format: file.format, sources: file.sources });
  const rows = file.languages.map((row) => JSON.stringify(row)).join(',\n');
  return `${head.slice(0, -1)},"languages":[\n${rows}\n],\n"aliases":${JSON.stringify(file.aliases)}}\n`;
}

export const serializeInputMethods = (file: InputMethodsFile) => `${JSON.stringify(file)}\n`;

export async function generate(outDir: string, nodeModules = join(REPO, 'node_modules')): Promise<void> {
  const registry = await buildRegistry(nodeModules);
  const inputMethods = buildInputMethods(nodeModules);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, REGISTRY_FILE), serializeRegistry(registry));
  writeFileSync(join(outDir, INPUT_METHODS_FILE), serializeInputMethods(inputMethods));
  writeFileSync(join(outDir, FONTS_FILE), buildFontsCss(nodeModules));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await generate(OUTPUT_DIR);
  console.log(`Written to ${OUTPUT_DIR}`);
}
