/** Database errors that handlers turn into answers, recognised the same way on both dialects. */

// better-sqlite3 puts SQLite's extended result code on `code`; pg puts the SQLSTATE there.
const UNIQUE_VIOLATIONS = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505']);

/** A unique or primary key constraint refused the write (e.g. two admins took one username at once). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNIQUE_VIOLATIONS.has(code);
}
