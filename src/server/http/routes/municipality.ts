import type { FastifyInstance } from 'fastify';
import { type Municipality, UpdateMunicipalityInputSchema } from '../../../shared/domain/account.ts';
import { getMunicipality, updateMunicipality } from '../../auth/municipalities.ts';
import type { Storage } from '../../storage/storage.ts';
import { authOf, type AuthGuards } from '../auth-guards.ts';
import { validateBody } from '../validate-body.ts';

/** The admin's own municipality: name, time zone and committees (nämnder). */
export function municipalityRoutes(
  app: FastifyInstance,
  deps: { storage: Storage; guards: AuthGuards },
): void {
  const { db } = deps.storage;
  const adminOnly = { onRequest: deps.guards.role('admin') };

  app.get('/municipality', adminOnly, async (request): Promise<Municipality> => {
    const { municipalityId } = authOf(request);
    const municipality = await getMunicipality(db, municipalityId);
    if (!municipality) throw new Error(`Municipality ${municipalityId} of a valid session does not exist.`);
    return municipality;
  });

  app.patch('/municipality', adminOnly, async (request): Promise<Municipality> => {
    const input = validateBody(UpdateMunicipalityInputSchema, request.body);
    return updateMunicipality(db, authOf(request).municipalityId, input);
  });
}
