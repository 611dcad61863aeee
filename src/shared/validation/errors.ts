/**
 * What bad input is, as both sides report it: codes, not sentences (the client translates them as
 * `errors.<code>`). Apart from fields.ts so that code which only catches a ValidationError does
 * not load the schemas library.
 */

export type FieldErrorCode = 'required' | 'tooLong' | 'tooShort' | 'invalid';

export interface FieldError {
  readonly field: string;
  readonly code: FieldErrorCode;
  /** For `tooLong`: the limit in characters (graphemes). */
  readonly max?: number;
  /** For `tooShort`: the minimum in characters (graphemes). */
  readonly min?: number;
}

export class ValidationError extends Error {
  readonly errors: readonly FieldError[];
  constructor(errors: readonly FieldError[]) {
    super(`Invalid input: ${errors.map((e) => `${e.field} ${e.code}`).join(', ')}`);
    this.name = 'ValidationError';
    this.errors = errors;
  }
}
