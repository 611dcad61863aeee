import { resolve } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter, type LoginLimits } from '../auth/rate-limit.ts';
import type { Storage } from '../storage/storage.ts';
import { LiveHub } from '../sync/live-hub.ts';
import { registerAuth } from './auth-guards.ts';
import { registerCompression } from './compression.ts';
import { frameworkErrorHandler, registerErrorHandler } from './error-handler.ts';
import { registerGracefulClose } from './graceful-close.ts';
import { authRoutes } from './routes/auth.ts';
import { blobRoutes } from './routes/blobs.ts';
import { cspReportRoutes } from './routes/csp-report.ts';
import { deviceRoutes } from './routes/devices.ts';
import { healthRoutes } from './routes/health.ts';
import { municipalityRoutes } from './routes/municipality.ts';
import { setupRoutes } from './routes/setup.ts';
import { syncRoutes } from './routes/sync.ts';
import { participationRoutes } from './routes/participation.ts';
import { ParticipantLimiter } from '../participants/limits.ts';
import type { ParticipantLimits } from '../../shared/domain/participation.ts';
import { userRoutes } from './routes/users.ts';
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
  /** Failed sign-ins allowed per account and per address (LOGIN_LIMIT_PER_ACCOUNT, LOGIN_LIMIT_PER_IP). */
  readonly loginLimits?: LoginLimits;
  /** Participants' limits (PARTICIPANT_LIMIT_PER_DEVICE, PARTICIPANT_LIMIT_PER_CODE, JOIN_LIMIT_PER_IP). */
  readonly participantLimits?: ParticipantLimits;
  /** Fastify's trustProxy (TRUST_PROXY): behind a reverse proxy, the address limits count is the client's. */
  readonly trustProxy?: FastifyServerOptions['trustProxy'];
  /** Told of every route as it is added: the authorisation matrix test checks that it covers them all. */
  readonly onRoute?: (route: RouteOptions) => void;
}

/** The whole HTTP side, not yet listening: main listens on PORT, tests on port 0. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    frameworkErrors: frameworkErrorHandler,
    // Answer a request that arrives while we shut down with 503, so a load balancer retries elsewhere.
    return503OnClosing: true,
    trustProxy: options.trustProxy ?? false,
  });

  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  registerSecurityHeaders(app);
  registerGracefulClose(app);
  registerErrorHandler(app);
  registerCompression(app);
  // The API speaks JSON only; Fastify's default text/plain parser would hand handlers a string body.
  app.removeContentTypeParser('text/plain');

  const { storage } = options;
  const guards = registerAuth(app, storage.db);
  const limiter = new LoginLimiter(options.loginLimits ?? DEFAULT_LOGIN_LIMITS);
  const hub = new LiveHub(storage);
  const participantLimiter = new ParticipantLimiter(options.participantLimits);
  app.addHook('onClose', async () => hub.close());

  await app.register(
    async (api) => {
      healthRoutes(api, { storage, version: options.version });
      await api.register(async (scope) => cspReportRoutes(scope));
      setupRoutes(api, { storage, limiter });
      authRoutes(api, { storage, guards, limiter });
      userRoutes(api, { storage, guards });
      deviceRoutes(api, { storage, guards });
      municipalityRoutes(api, { storage, guards });
      syncRoutes(api, { storage, guards, hub, participantLimiter });
      participationRoutes(api, { storage, limiter: participantLimiter });
      await api.register(async (scope) => blobRoutes(scope, { storage, guards }));
    },
    { prefix: '/api' },
  );

  await registerStaticApp(app, resolve(options.staticDir));

  return app;
}
