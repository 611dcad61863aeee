/** The picker queries and the language each must find first (unit and browser tests). */
export const REQUIRED_QUERIES: readonly (readonly [query: string, code: string])[] = [
  ['somaliska', 'so'],
  ['Soomaali', 'so'],
  ['ትግርኛ', 'ti'],
  ['dari', 'prs'],
  ['کوردی', 'ckb'],
  ['meänkieli', 'fit'],
  ['tigrinja', 'ti'],
  ['arabiska', 'ar'],
  ['suomi', 'fi'],
];
