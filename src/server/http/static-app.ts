import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NOT_FOUND, sendApiError } from './error-handler.ts';
import { isApiPath } from './security-headers.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
// Revalidate every time: index.html, sw.js and the manifest name the hashed files of the current
// version, and a stale service worker would keep old clients on an old build for a day or more.
const REVALIDATE = 'no-cache';

/**
 * Serves the built PWA from `staticDir`, and index.html for any other page address the app routes
 * itself (deep links such as /dialogues/<id>), so a reload or a shared link opens the app.
 */
export async function registerStaticApp(app: FastifyInstance, staticDir: string): Promise<void> {
  const assetsDir = join(staticDir, 'assets') + sep;
  await app.register(fastifyStatic, {
    root: staticDir,
    // Cache-Control is ours (setHeaders); send's default would cache index.html too.
    cacheControl: false,
    dotfiles: 'ignore',
    // Nothing in the build may ever answer for the API.
    allowedPath: (pathName) => !isApiPath(pathName),
    setHeaders: (res, path) => {
      // Vite names everything under assets/ by content hash, so a changed file gets a new name.
      res.setHeader('cache-control', path.startsWith(assetsDir) ? IMMUTABLE : REVALIDATE);
    },
  });
  app.setNotFoundHandler((request, reply) => notFound(request, reply, staticDir));
}

function notFound(request: FastifyRequest, reply: FastifyReply, staticDir: string): FastifyReply {
  if (isAppRoute(request)) {
    if (!existsSync(join(staticDir, 'index.html'))) {
      request.log.warn({ staticDir }, 'no built app to serve');
      return sendApiError(reply, 503, {
        code: 'app_not_built',
        message:
          'The app is not built on this server: run npm run build (or set STATIC_DIR to the built app).',
      });
    }
    return reply
      .code(200)
      .header('cache-control', REVALIDATE)
      .type('text/html; charset=utf-8')
      .sendFile('index.html');
  }
  return sendApiError(reply, 404, NOT_FOUND);
}

/**
 * A page the app routes itself: a browser navigation (Accept names text/html) to a path that is not
 * the API, not a build asset and has no file extension. A missing /assets/app-1a2b.js or sw.js
 * must stay a 404: answered with HTML it would fail in confusing ways (a MIME error, a broken worker).
 */
function isAppRoute(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '';
  if (path === '/') return true;
  if (!(request.headers.accept ?? '').includes('text/html')) return false;
  if (isApiPath(path) || path === '/assets' || path.startsWith('/assets/')) return false;
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  return !lastSegment.includes('.');
}
