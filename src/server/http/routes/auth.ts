import type { FastifyInstance } from 'fastify';
import {
  EnrolInputSchema,
  LoginInputSchema,
  type MeResponse,
  type SessionResponse,
} from '../../../shared/domain/account.ts';
import { redeemEnrolmentCode } from '../../auth/enrolment.ts';
import { login } from '../../auth/login.ts';
import { getMunicipality } from '../../auth/municipalities.ts';
import type { LoginLimiter } from '../../auth/rate-limit.ts';
import { revokeSession } from '../../auth/sessions.ts';
import type { Storage } from '../../storage/storage.ts';
import { authOf, type AuthGuards } from '../auth-guards.ts';
import { validateBody } from '../validate-body.ts';

/** Signing in (person or enrolled tablet), signing out, and "who am I". */
export function authRoutes(
  app: FastifyInstance,
  deps: { storage: Storage; guards: AuthGuards; limiter: LoginLimiter },
): void {
  const { db } = deps.storage;

  app.post('/auth/login', async (request): Promise<SessionResponse> => {
    const input = validateBody(LoginInputSchema, request.body);
    return login(db, deps.limiter, input, request.ip);
  });

  app.post('/auth/enrol', async (request): Promise<SessionResponse> => {
    const input = validateBody(EnrolInputSchema, request.body);
    // Unknown and expired codes count against the address: codes are short enough to guess at.
    const attempt = deps.limiter.take(request.ip);
    const response = await redeemEnrolmentCode(db, input);
    attempt.succeeded();
    return response;
  });

  app.post('/auth/logout', { onRequest: deps.guards.signedIn }, async (request, reply) => {
    const { municipalityId, sessionId } = authOf(request);
    await revokeSession(db, municipalityId, sessionId);
    return reply.code(204).send();
  });

  app.get('/auth/me', { onRequest: deps.guards.signedIn }, async (request): Promise<MeResponse> => {
    const { user, municipalityId, session } = authOf(request);
    const municipality = await getMunicipality(db, municipalityId);
    if (!municipality)
      throw new Error(`Session ${session.id} belongs to a municipality that does not exist.`);
    return { user, municipality, session };
  });
}
