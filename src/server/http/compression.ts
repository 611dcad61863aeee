/**
 * Gzip for API answers a client accepts it for: a first sync of a busy dialogue pulls megabytes of
 * JSON, which gzip makes a fifth of that on a school's slow network or a phone's data plan. Small
 * answers are sent as they are (gzip would add more than it saves), and so is the event stream
 * (it is written by hand, never through onSend).
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

const gzipAsync = promisify(gzip);
const MIN_BYTES = 1024;

export function registerCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/api/') || typeof payload !== 'string' || payload.length < MIN_BYTES)
      return payload;
    if (!/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return payload;
    if (reply.getHeader('content-encoding')) return payload;
    const compressed = await gzipAsync(payload, { level: 6 });
    reply.header('content-encoding', 'gzip');
    reply.header('vary', 'accept-encoding');
    reply.removeHeader('content-length');
    return compressed;
  });
}
