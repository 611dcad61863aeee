/**
 * Field validation shared by forms, repositories and the server. Errors are codes, not sentences:
 * the client translates them (`errors.<code>`), the server answers them in its JSON error body.
 */
import * as v from 'valibot';
import { graphemeCount, isBlank, normalizeText } from './text.ts';

import { ValidationError, type FieldError } from './errors.ts';

export { ValidationError, type FieldError, type FieldErrorCode } from './errors.ts';

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

/** An optional human-written text (may be empty) of at most `max` graphemes, stored NFC and trimmed. */
export function boundedText(max: number) {
  return v.pipe(
    v.string('invalid'),
    v.transform((s) => normalizeText(s).trim()),
    v.check((s) => graphemeCount(s) <= max, `tooLong:${max}`),
  );
}

export function toFieldErrors(issues: readonly v.BaseIssue<unknown>[]): FieldError[] {
  return issues.map((issue) => {
    const field = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    const [code, limit] = issue.message.split(':');
    if (code === 'tooLong' && limit) return { field, code, max: Number(limit) };
    if (code === 'tooShort' && limit) return { field, code, min: Number(limit) };
    if (code === 'required') return { field, code };
    return { field, code: 'invalid' };
  });
}

/** Parse `input` with `schema`, or throw a ValidationError listing every field that is wrong. */
export function parseOrThrow<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (!result.success) throw new ValidationError(toFieldErrors(result.issues));
  return result.output;
}
