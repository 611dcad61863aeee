/** Types shared by the app, the translation check (scripts/i18n) and the browser tests: no code. */

/** `locales/<code>/_locale.json`: who made a locale's text and whether a native speaker reviewed it. */
export interface LocaleMeta {
  /** True only when a native speaker has read the whole locale. */
  readonly reviewed: boolean;
  /** Who reviewed it (required when reviewed). */
  readonly reviewedBy: string | null;
  /** When, YYYY-MM-DD (required when reviewed). */
  readonly reviewedOn: string | null;
  /** Who made the text and how, for maintainers (English). */
  readonly translation: string;
}

/**
 * One text as the app gave it out: its key, the language it was asked in, and the language it came
 * from (null: in none, the key itself is shown). Recorded only when the page set `window.__i18nTrace`
 * before the app started (i18n.ts; tests/e2e/locales.test.ts does, to find texts that fell back).
 */
export interface TraceEntry {
  readonly key: string;
  readonly lng: string;
  readonly from: string | null;
}
