/**
 * The one way the app talks to its server. JSON in and out, the sync schema version on every
 * request, the device session's bearer token when there is one. Failures become typed errors:
 * `OfflineError` when the server cannot be reached (nothing is lost: the caller retries later),
 * `ApiError` with the server's `{code, message}` otherwise.
 */
import type { ApiErrorBody } from '../../shared/api.ts';
import { SCHEMA_HEADER, SYNC_SCHEMA_VERSION } from '../../shared/sync/schema-version.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly body: ApiErrorBody & Record<string, unknown>;

  constructor(status: number, body: ApiErrorBody & Record<string, unknown>) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.body = body;
  }
}

export class OfflineError extends Error {
  constructor(cause: unknown) {
    super('The server cannot be reached', { cause });
    this.name = 'OfflineError';
  }
}

export interface RequestOptions {
  readonly body?: unknown;
  readonly token?: string | null;
  readonly signal?: AbortSignal;
  /**
   * Send the body gzip-compressed (`Content-Encoding: gzip`) where the browser has
   * `CompressionStream` (Chromium, Firefox, Safari 16.4+), as it is elsewhere. Only for endpoints
   * that inflate request bodies (push, src/server/http/push-body.ts).
   */
  readonly gzip?: boolean;
  /** A body already encoded by `encodeBody` (made while an earlier request was on its way). */
  readonly encoded?: EncodedBody;
}

/** A request body as it goes on the wire. */
export interface EncodedBody {
  readonly data: string | Uint8Array;
  readonly gzip: boolean;
}

/** Smaller bodies are sent as they are: gzip would save less than its header costs. */
const GZIP_MIN_CHARS = 1024;

async function gzipBody(json: string): Promise<Uint8Array | null> {
  if (typeof CompressionStream !== 'function') return null;
  const compressed = new Blob([json]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(compressed).arrayBuffer());
}

/** JSON, gzip-compressed when asked for, the body is large enough and the browser can. */
export async function encodeBody(value: unknown, gzip = false): Promise<EncodedBody> {
  const json = JSON.stringify(value);
  if (gzip && json.length >= GZIP_MIN_CHARS) {
    const compressed = await gzipBody(json);
    if (compressed) return { data: compressed, gzip: true };
  }
  return { data: json, gzip: false };
}

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION),
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const encoded =
    options.encoded ??
    (options.body === undefined ? undefined : await encodeBody(options.body, options.gzip));
  if (encoded) headers['content-type'] = 'application/json';
  if (encoded?.gzip) headers['content-encoding'] = 'gzip';
  const body = encoded?.data;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body as BodyInit | undefined,
      signal: options.signal,
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new OfflineError(error);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // A proxy's HTML error page, or a captive portal at a school: not our server speaking.
    throw new ApiError(response.status, {
      code: 'bad_response',
      message: `Unexpected response (${response.status})`,
    });
  }
  if (!response.ok) {
    const body = parsed as Partial<ApiErrorBody> | undefined;
    throw new ApiError(response.status, {
      ...(body as Record<string, unknown>),
      code: typeof body?.code === 'string' ? body.code : 'http_error',
      message: typeof body?.message === 'string' ? body.message : `HTTP ${response.status}`,
    });
  }
  return parsed as T;
}
