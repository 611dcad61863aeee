import * as v from 'valibot';
import { toFieldErrors } from '../../shared/validation/fields.ts';
import { ApiError } from './api-error.ts';

/** Checks a request body against its shared schema; a wrong body is the client's 400, never our 500. */
export function validateBody<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> {
  // One error per field, the first rule it breaks: a blank username is `required`, not also `invalid`.
  const result = v.safeParse(schema, body, { abortPipeEarly: true });
  if (result.success) return result.output;
  throw new ApiError(
    400,
    'invalid_body',
    'The request body does not have the expected fields.',
    toFieldErrors(result.issues),
  );
}
