import { resolve } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Storage } from '../storage/storage.ts';
import { frameworkErrorHandler, registerErrorHandler } from './error-handler.ts';
import { registerGracefulClose } from './graceful-close.ts';
import { cspReportRoutes } from './routes/csp-report.ts';
import { healthRoutes } from './routes/health.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerStaticApp } from './static-app.ts';

export interface AppOptions {
  readonly storage: Storage;
  /** The built PWA; need not exist (the server then answers 503 app_not_built for the app). */
  readonly staticDir: string;
  /** Reported by /api/health; the package version. */
  readonly version: string;
  /** Fastify's logger option; off unless given, so tests stay quiet. */
  readonly logger?: FastifyServerOptions['logger'];
}

/** The whole HTTP side, not yet listening: main listens on PORT, tests on port 0. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    frameworkErrors: frameworkErrorHandler,
    // Answer a request that arrives while we shut down with 503, so a load balancer retries elsewhere.
    return503OnClosing: true,
  });

  registerSecurityHeaders(app);
  registerGracefulClose(app);
  registerErrorHandler(app);
  // The API speaks JSON only; Fastify's default text/plain parser would hand handlers a string body.
  app.removeContentTypeParser('text/plain');

  await app.register(
    async (api) => {
      healthRoutes(api, { storage: options.storage, version: options.version });
      await api.register(async (scope) => cspReportRoutes(scope));
    },
    { prefix: '/api' },
  );

  await registerStaticApp(app, resolve(options.staticDir));

  return app;
}
