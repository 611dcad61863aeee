import type { DeviceSession, SessionResponse, User } from '../../shared/domain/account.ts';
import type { Db } from '../storage/storage.ts';
import { getMunicipality } from './municipalities.ts';

/** What signing in, setting up and enrolling answer: the token once, and who the device now is. */
export async function sessionResponse(
  db: Db,
  user: User,
  issued: { readonly token: string; readonly session: DeviceSession },
): Promise<SessionResponse> {
  const municipality = await getMunicipality(db, user.municipalityId);
  // A user's municipality_id references municipalities(id): a missing row is a broken database.
  if (!municipality) throw new Error(`User ${user.id} belongs to a municipality that does not exist.`);
  return { token: issued.token, session: issued.session, user, municipality };
}
