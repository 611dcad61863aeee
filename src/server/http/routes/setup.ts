import type { FastifyInstance } from 'fastify';
import { SetupInputSchema, type SessionResponse, type SetupStatus } from '../../../shared/domain/account.ts';
import { hashPassword } from '../../auth/password.ts';
import type { LoginLimiter } from '../../auth/rate-limit.ts';
import { isSetupCode, runSetup, setupDone, wrongSetupCode } from '../../auth/setup.ts';
import { adminExists, mapUsernameTaken } from '../../auth/users.ts';
import type { Storage } from '../../storage/storage.ts';
import { validateBody } from '../validate-body.ts';

/** "Set up this server": open to anyone, but only while no admin exists, and only with the log's code. */
export function setupRoutes(app: FastifyInstance, deps: { storage: Storage; limiter: LoginLimiter }): void {
  const { db } = deps.storage;

  app.get('/setup', async (): Promise<SetupStatus> => ({ needed: !(await adminExists(db)) }));

  app.post('/setup', async (request): Promise<SessionResponse> => {
    const input = validateBody(SetupInputSchema, request.body);
    if (await adminExists(db)) throw setupDone();
    // Wrong codes count against the address, as wrong passwords do: the code is guessable otherwise.
    const attempt = deps.limiter.take(request.ip);
    // Checked before hashing the password, so a wrong code costs no scrypt; runSetup checks again.
    if (!(await isSetupCode(db, input.setupCode))) throw wrongSetupCode();
    const passwordHash = await hashPassword(input.password);
    const response = await mapUsernameTaken(() => runSetup(db, input, passwordHash));
    attempt.succeeded();
    return response;
  });
}
