import type { FastifyInstance } from 'fastify';
import {
  CreateEnrolmentInputSchema,
  type DevicesResponse,
  type EnrolmentCode,
} from '../../../shared/domain/account.ts';
import { createEnrolmentCode } from '../../auth/enrolment.ts';
import { listSessions, revokeSession } from '../../auth/sessions.ts';
import type { Storage } from '../../storage/storage.ts';
import { ApiError } from '../api-error.ts';
import { authOf, type AuthGuards } from '../auth-guards.ts';
import { validateBody } from '../validate-body.ts';

/** Admins see and revoke their municipality's signed-in devices, and enrol shared tablets. */
export function deviceRoutes(app: FastifyInstance, deps: { storage: Storage; guards: AuthGuards }): void {
  const { db } = deps.storage;
  const adminOnly = { onRequest: deps.guards.role('admin') };

  app.get('/devices', adminOnly, async (request): Promise<DevicesResponse> => {
    const sessions = await listSessions(db, { municipalityId: authOf(request).municipalityId });
    return { devices: sessions.map(({ municipalityId: _, ...entry }) => entry) };
  });

  app.delete<{ Params: { id: string } }>('/devices/:id', adminOnly, async (request, reply) => {
    const revoked = await revokeSession(db, authOf(request).municipalityId, request.params.id);
    if (!revoked)
      throw new ApiError(404, 'not_found', 'There is no such device session in your municipality.');
    return reply.code(204).send();
  });

  app.post('/enrolment-codes', adminOnly, async (request, reply): Promise<EnrolmentCode> => {
    const { municipalityId, user } = authOf(request);
    const input = validateBody(CreateEnrolmentInputSchema, request.body);
    reply.code(201);
    return createEnrolmentCode(db, municipalityId, user.id, input);
  });
}
