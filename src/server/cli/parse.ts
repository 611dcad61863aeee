import * as v from 'valibot';
import { toFieldErrors } from '../../shared/validation/fields.ts';
import { StartupError } from '../startup-error.ts';

/** A command-line value checked with the same shared schema the API uses, or a one-line refusal. */
export function parseOption<S extends v.GenericSchema>(
  option: string,
  schema: S,
  value: unknown,
): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const error = toFieldErrors(result.issues)[0];
  const detail =
    error?.code === 'tooShort'
      ? `at least ${error.min} characters`
      : error?.code === 'tooLong'
        ? `at most ${error.max} characters`
        : error?.code === 'required'
          ? 'it is empty'
          : 'it is not valid';
  throw new StartupError(`Delaktig cannot use ${option}: ${detail}.`);
}

/** An option the command needs. */
export function required(option: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`${option} is required.`);
  return value;
}

/** The command line itself is wrong: main prints the usage and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
