import type { FastifyInstance } from 'fastify';
import type { HealthResponse } from '../../../shared/api.ts';
import type { Storage } from '../../storage/storage.ts';

/** For load balancers, monitoring and the client's "which server version is this?". */
export function healthRoutes(app: FastifyInstance, deps: { storage: Storage; version: string }): void {
  app.get('/health', async (_request, reply): Promise<HealthResponse> => {
    reply.header('cache-control', 'no-store');
    return {
      status: 'ok',
      version: deps.version,
      schemaVersion: deps.storage.schemaVersion(),
      storage: deps.storage.kind,
    };
  });
}
