/**
 * Languages in the bundle and on the device: the registry chunk, the bundled fonts against their
 * budget (450 KB), and how long the language search takes over the whole registry (in Node on this
 * machine; a cheap phone is several times slower). Part of `npm run bench`; on its own, after
 * `npm run build`: `npx tsx scripts/bench/languages-bench.ts`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { decodeRegistry, type RegistryFile } from '../../src/shared/languages/registry.ts';
import { LanguageSearch } from '../../src/shared/languages/search.ts';
import { REQUIRED_QUERIES } from '../../tests/support/language-queries.ts';
import { FONT_BUDGET_BYTES } from '../languages/fonts.ts';
import { OUTPUT_DIR, REGISTRY_FILE } from '../languages/generate.ts';

const REPO = join(import.meta.dirname, '../..');
const RUNS = 20;

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const gzipSize = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;
const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export function runLanguagesBench(dist = join(REPO, 'dist')): string {
  const assets = join(dist, 'assets');
  const files = readdirSync(assets);
  const chunk = files.find((f) => /^languages-.*\.js$/.test(f));
  if (!chunk) throw new Error(`No languages-*.js chunk in ${assets}: run npm run build first`);
  const chunkBytes = readFileSync(join(assets, chunk));
  const fonts = files.filter((f) => f.endsWith('.woff2'));
  const fontBytes = fonts.reduce((sum, f) => sum + statSync(join(assets, f)).size, 0);
  const fontVerdict = fontBytes <= FONT_BUDGET_BYTES ? 'OK' : 'OVER';

  const json = readFileSync(join(OUTPUT_DIR, REGISTRY_FILE), 'utf8');
  let started = performance.now();
  const registry = decodeRegistry(JSON.parse(json) as RegistryFile);
  const search = new LanguageSearch(registry.languages);
  const loadMs = performance.now() - started;
  const named = registry.languages.filter((l) => l.autonym || l.sv).length;

  for (const [query] of REQUIRED_QUERIES) search.search(query); // warm-up, not timed
  const perQuery: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    for (const [query] of REQUIRED_QUERIES) {
      started = performance.now();
      search.search(query, { suggested: ['sv', 'en', 'ar'] });
      perQuery.push(performance.now() - started);
    }
  }

  return `## Languages

- **Registry**: ${registry.size.toLocaleString('en')} languages, ${named} of them with an autonym or a
  Swedish name. Its chunk (\`assets/${chunk}\`, loaded when a screen with a language picker first opens, precached)
  is ${kb(chunkBytes.length)} KB, ${kb(gzipSize(chunkBytes))} KB gzipped; not part of the first visit.
- **Fonts**: ${fonts.length} WOFF2 files, **${kb(fontBytes)} KB** in all (budget ${kb(FONT_BUDGET_BYTES)} KB:
  ${fontVerdict}). A page downloads only the subsets its text needs (\`unicode-range\`); the service
  worker precaches all of them.
- **Search** over the whole registry, in Node on this machine: decoding and indexing
  ${loadMs.toFixed(0)} ms once; then a query ${median(perQuery).toFixed(1)} ms (median of ${perQuery.length}: the
  issue's ${REQUIRED_QUERIES.length} queries × ${RUNS}), slowest ${Math.max(...perQuery).toFixed(1)} ms.
`;
}

if (process.argv[1] && join(process.argv[1]) === join(import.meta.filename)) {
  console.log(runLanguagesBench());
}
