import type { ApiErrorBody } from '../../shared/api.ts';

/**
 * An error a handler throws on purpose: the error handler answers its status and body as they are.
 * Its message goes to the client, so it must say what is wrong with the request, not with the server.
 */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly body: ApiErrorBody;

  constructor(
    statusCode: number,
    code: string,
    message: string,
    errors?: ApiErrorBody['errors'],
    extra: Pick<ApiErrorBody, 'retryAfterSeconds'> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.body = errors === undefined ? { code, message, ...extra } : { code, message, errors, ...extra };
  }
}
