/**
 * Shapes of the HTTP API shared by client and server. Every error body is an ApiErrorBody: a stable
 * `code` the client translates, and an English `message` for logs and people reading raw responses.
 */
import * as v from 'valibot';

export interface ApiErrorBody {
  readonly code: string;
  readonly message: string;
  /** For validation errors: which fields, and what is wrong with each. */
  readonly errors?: readonly { field: string; code: string; max?: number }[];
  /** For 429 `too_many_attempts`: seconds until the next attempt may succeed (also in Retry-After). */
  readonly retryAfterSeconds?: number;
}

export interface HealthResponse {
  readonly status: 'ok';
  readonly version: string;
  /** The database schema version the server runs (numbered migrations applied). */
  readonly schemaVersion: number;
  readonly storage: 'sqlite' | 'postgres';
}

/**
 * A Content-Security-Policy violation report as browsers send it (`report-uri`, content type
 * application/csp-report). Only the fields we log are kept; nothing identifies a person.
 */
export const CspReportSchema = v.object({
  'csp-report': v.object({
    'document-uri': v.optional(v.pipe(v.string(), v.maxLength(2000))),
    'violated-directive': v.optional(v.pipe(v.string(), v.maxLength(500))),
    'effective-directive': v.optional(v.pipe(v.string(), v.maxLength(500))),
    'blocked-uri': v.optional(v.pipe(v.string(), v.maxLength(2000))),
  }),
});
