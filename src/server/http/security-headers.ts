import type { FastifyInstance } from 'fastify';

/**
 * Every resource comes from our own origin: the app must work offline, and a municipality must not
 * send young people's page views to third parties. So no CDN, no web font service, no analytics.
 * No 'unsafe-inline' either: Vite builds external scripts and styles, so none are needed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // data: and blob: for photos of flipcharts taken on the device, shown before upload.
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  'report-uri /api/csp-report',
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // For browsers older than frame-ancestors.
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  // The camera photographs flipcharts and post-it walls; nothing needs the microphone or location.
  'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
};

/**
 * onSend rather than onRequest: it runs for every reply, including errors, 404s and files sent by
 * @fastify/static, after any handler could have changed headers.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    // API answers are about one moment and may be personal: no proxy or browser keeps them.
    if (isApiPath(request.url) && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
    return payload;
  });
}

export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}
