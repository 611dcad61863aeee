import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiErrorBody } from '../../shared/api.ts';
import { ApiError } from './api-error.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

interface Mapped {
  readonly status: number;
  readonly body: ApiErrorBody;
}

// Fastify's own errors (node_modules/fastify/lib/errors.js), in our words and body shape.
const FASTIFY_ERRORS: Record<string, Mapped> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    body: { code: 'invalid_json', message: 'The request body is not valid JSON.' },
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    body: { code: 'invalid_json', message: 'The request body is not valid JSON.' },
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    body: { code: 'body_too_large', message: 'The request body is larger than this endpoint accepts.' },
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    body: { code: 'unsupported_media_type', message: 'This endpoint does not accept this Content-Type.' },
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    body: { code: 'bad_request', message: 'The request body does not match its Content-Length.' },
  },
  FST_ERR_BAD_URL: {
    status: 400,
    body: { code: 'bad_request', message: 'The address of the request is not valid.' },
  },
};

export const NOT_FOUND: ApiErrorBody = { code: 'not_found', message: 'There is nothing at this address.' };
const FORBIDDEN: ApiErrorBody = { code: 'forbidden', message: 'This address is not served.' };

const INTERNAL: Mapped = {
  status: 500,
  body: { code: 'internal', message: 'Something went wrong on the server.' },
};

/** Turns any error into an ApiErrorBody; what the client sees never depends on a stack or a library's wording. */
export function mapError(error: unknown): Mapped {
  if (error instanceof ApiError) return { status: error.statusCode, body: error.body };
  const { code, statusCode } = (error ?? {}) as Partial<FastifyError>;
  const known = code === undefined ? undefined : FASTIFY_ERRORS[code];
  if (known) return known;
  // Another 4xx from Fastify or @fastify/static (a path send refuses, a malformed range…).
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    if (statusCode === 404) return { status: 404, body: NOT_FOUND };
    if (statusCode === 403) return { status: 403, body: FORBIDDEN };
    return {
      status: statusCode,
      body: { code: 'bad_request', message: 'The request cannot be handled as sent.' },
    };
  }
  return INTERNAL;
}

export function sendApiError(reply: FastifyReply, status: number, body: ApiErrorBody): FastifyReply {
  // Bearer: what a 401 asks for (RFC 6750); browsers show no password dialog for this scheme.
  if (status === 401) reply.header('www-authenticate', 'Bearer');
  if (body.retryAfterSeconds !== undefined) reply.header('retry-after', String(body.retryAfterSeconds));
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = mapError(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.code, status }, 'request refused');
    return sendApiError(reply, status, body);
  });
}

/**
 * For Fastify's `frameworkErrors` (a URL it cannot decode), which come before routing: neither
 * setErrorHandler nor the onSend hook sees them, so the security headers are set here too.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const { status, body } = mapError(error);
  request.log.info({ code: body.code, status }, 'request refused');
  reply.headers(SECURITY_HEADERS);
  void sendApiError(reply, status, body);
}
