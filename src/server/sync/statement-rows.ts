/** Splitting many rows over several multi-row statements (the push's writes, the pull's lookups). */

/** Rows per multi-row statement: far below SQLite's and PostgreSQL's limits on bound parameters. */
const ROWS_PER_STATEMENT = 200;

export function chunks<T>(items: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
