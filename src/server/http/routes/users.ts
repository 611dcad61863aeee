import type { FastifyInstance } from 'fastify';
import {
  CreateUserInputSchema,
  ResetPasswordInputSchema,
  UpdateUserInputSchema,
  type User,
  type UsersResponse,
} from '../../../shared/domain/account.ts';
import { hashPassword } from '../../auth/password.ts';
import {
  findByUsername,
  getUserRow,
  insertUser,
  listUsers,
  mapUsernameTaken,
  noSuchUser,
  setPassword,
  updateUser,
  usernameTaken,
} from '../../auth/users.ts';
import type { Storage } from '../../storage/storage.ts';
import { authOf, type AuthGuards } from '../auth-guards.ts';
import { validateBody } from '../validate-body.ts';

interface ById {
  Params: { id: string };
}

/** Admins manage the accounts of their own municipality; an id from another one is not found. */
export function userRoutes(app: FastifyInstance, deps: { storage: Storage; guards: AuthGuards }): void {
  const { storage } = deps;
  const { db } = storage;
  const adminOnly = { onRequest: deps.guards.role('admin') };

  app.get('/users', adminOnly, async (request): Promise<UsersResponse> => {
    return { users: await listUsers(db, authOf(request).municipalityId) };
  });

  app.post('/users', adminOnly, async (request, reply): Promise<User> => {
    const { municipalityId } = authOf(request);
    const input = validateBody(CreateUserInputSchema, request.body);
    // Before hashing, so a taken name costs no scrypt; the unique index settles a race.
    if (await findByUsername(db, input.username)) throw usernameTaken();
    const passwordHash = await hashPassword(input.password);
    const user = await mapUsernameTaken(() =>
      insertUser(db, {
        municipalityId,
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        kind: 'person',
        passwordHash,
      }),
    );
    reply.code(201);
    return user;
  });

  app.patch<ById>('/users/:id', adminOnly, async (request): Promise<User> => {
    const { municipalityId } = authOf(request);
    const input = validateBody(UpdateUserInputSchema, request.body);
    return updateUser(storage, municipalityId, request.params.id, input);
  });

  app.post<ById>('/users/:id/password', adminOnly, async (request, reply) => {
    const { municipalityId } = authOf(request);
    const input = validateBody(ResetPasswordInputSchema, request.body);
    if (!(await getUserRow(db, municipalityId, request.params.id))) throw noSuchUser();
    await setPassword(storage, municipalityId, request.params.id, await hashPassword(input.password));
    return reply.code(204).send();
  });
}
