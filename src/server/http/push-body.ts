/**
 * Gzip-compressed push bodies (`Content-Encoding: gzip`). The client compresses a push with
 * `CompressionStream` where the browser has it: a batch of 500 contributions is about 280 KB of
 * JSON and a sixth of that gzipped, which is what a school's slow network or a phone's data plan
 * notices. Bodies without Content-Encoding (or `identity`) pass through untouched.
 *
 * The compressed body is read whole (it is below the route's body limit, checked here too), then
 * inflated with a hard cap on the result: inflating stops as soon as it would pass the cap, so a
 * "zip bomb" (a few KB that inflate to gigabytes) costs the server almost nothing and gets a 413
 * `{code, message}`. Fastify's own limit would only stop reading the inflated stream, not the
 * inflating.
 */
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest, RequestPayload } from 'fastify';
import { ApiError } from './api-error.ts';

const gunzipAsync = promisify(gunzip);

/** zlib's codes for input that is not a gzip stream, or a truncated one. */
const CORRUPT = new Set(['Z_DATA_ERROR', 'Z_BUF_ERROR', 'Z_NEED_DICT']);

async function readCapped(payload: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of payload) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    length += buffer.length;
    if (length > maxBytes) {
      payload.destroy();
      throw new ApiError(413, 'body_too_large', `A push body may be at most ${maxBytes} bytes.`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, length);
}

/**
 * A preParsing hook that inflates a gzip push body to at most `maxBytes`. Unknown encodings are
 * refused with 415 `unsupported_encoding`, corrupt gzip with 400 `invalid_encoding`.
 */
export function inflatePushBody(maxBytes: number) {
  return async function inflate(
    request: FastifyRequest,
    _reply: FastifyReply,
    payload: RequestPayload,
  ): Promise<RequestPayload> {
    const header = request.headers['content-encoding'];
    const encoding = (Array.isArray(header) ? header.join(',') : (header ?? '')).trim().toLowerCase();
    if (encoding === '' || encoding === 'identity') return payload;
    if (encoding !== 'gzip') {
      throw new ApiError(
        415,
        'unsupported_encoding',
        `A push body may be sent as it is or gzip-compressed, not "${encoding}".`,
      );
    }
    const compressed = await readCapped(payload, maxBytes);
    let json: Buffer;
    try {
      json = await gunzipAsync(compressed, { maxOutputLength: maxBytes });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') {
        throw new ApiError(
          413,
          'body_too_large',
          `The gzip push body inflates to more than ${maxBytes} bytes: send fewer changes at a time.`,
        );
      }
      if (code !== undefined && CORRUPT.has(code))
        throw new ApiError(400, 'invalid_encoding', 'The push body is not valid gzip.');
      throw error;
    }
    // Fastify compares Content-Length with what it reads: the compressed length is what was sent.
    const inflated = Readable.from([json], { objectMode: false }) as RequestPayload;
    inflated.receivedEncodedLength = compressed.length;
    return inflated;
  };
}
