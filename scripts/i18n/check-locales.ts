/**
 * `tsx scripts/i18n/check-locales.ts [code ...]`: checks every shipped locale (or the ones named)
 * for its tier (scripts/i18n/locale-check.ts) and exits 1 when any key is missing. Part of `npm test`.
 */
import { SHIPPED_LOCALES } from '../../src/client/i18n/shipped-locales.ts';
import { checkLocale, problemCount } from './locale-check.ts';

const wanted = process.argv.slice(2);
const locales = SHIPPED_LOCALES.filter((l) => l.code !== 'sv' && (!wanted.length || wanted.includes(l.code)));
let failed = 0;
for (const locale of locales) {
  const problems = checkLocale('locales', locale.code, locale.scope);
  const count = problemCount(problems);
  if (count === 0) {
    console.log(`ok   ${locale.code} (${locale.scope})`);
    continue;
  }
  failed++;
  console.log(`FAIL ${locale.code} (${locale.scope}): ${count} problem(s)`);
  for (const [kind, list] of Object.entries(problems) as [string, string[]][]) {
    if (list.length)
      console.log(`  ${kind}: ${list.slice(0, 20).join(', ')}${list.length > 20 ? ', …' : ''}`);
  }
}
process.exit(failed ? 1 : 0);
