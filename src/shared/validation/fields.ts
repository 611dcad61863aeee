/**
 * Field validation shared by forms, repositories and the server. Errors are codes, not sentences:
 * the client translates them (`errors.<code>`), the server answers them in its JSON error body.
 */
import * as v from 'valibot';
import { graphemeCount, isBlank, normalizeText } from './text.ts';

export type FieldErrorCode = 'required' | 'tooLong' | 'invalid';

export interface FieldError {
  readonly field: string;
  readonly code: FieldErrorCode;
  /** For `tooLong`: the limit in characters (graphemes). */
  readonly max?: number;
}

export class ValidationError extends Error {
  readonly errors: readonly FieldError[];
  constructor(errors: readonly FieldError[]) {
    super(`Invalid input: ${errors.map((e) => `${e.field} ${e.code}`).join(', ')}`);
    this.name = 'ValidationError';
    this.errors = errors;
  }
}

/**
 * A required, human-written text of at most `max` graphemes. Stored NFC and trimmed. The codes in
 * the messages are the FieldErrorCode values; `toFieldErrors` turns them back into FieldErrors.
 */
export function requiredText(max: number) {
  return v.pipe(
    v.string('invalid'),
    v.transform((s) => normalizeText(s).trim()),
    v.check((s) => !isBlank(s), 'required'),
    v.check((s) => graphemeCount(s) <= max, `tooLong:${max}`),
  );
}

export function toFieldErrors(issues: readonly v.BaseIssue<unknown>[]): FieldError[] {
  return issues.map((issue) => {
    const field = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    const [code, max] = issue.message.split(':');
    if (code === 'required' || code === 'tooLong') {
      return max ? { field, code, max: Number(max) } : { field, code };
    }
    return { field, code: 'invalid' };
  });
}

/** Parse `input` with `schema`, or throw a ValidationError listing every field that is wrong. */
export function parseOrThrow<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (!result.success) throw new ValidationError(toFieldErrors(result.issues));
  return result.output;
}
