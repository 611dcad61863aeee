import type * as v from 'valibot';
import type { LoginInputSchema, SessionResponse } from '../../shared/domain/account.ts';
import { ApiError } from '../http/api-error.ts';
import type { Db } from '../storage/storage.ts';
import { verifyNobody, verifyPassword } from './password.ts';
import type { LoginLimiter } from './rate-limit.ts';
import { toUser } from './rows.ts';
import { sessionResponse } from './session-response.ts';
import { issueSession } from './sessions.ts';
import { findByUsername } from './users.ts';

export type LoginInput = v.InferOutput<typeof LoginInputSchema>;

/**
 * A person signs in on a device. A wrong username and a wrong password get the same answer after
 * the same work (one scrypt), so the answer does not tell which usernames exist.
 */
export async function login(
  db: Db,
  limiter: LoginLimiter,
  input: LoginInput,
  ip: string,
): Promise<SessionResponse> {
  const attempt = limiter.take(ip, input.username);
  const row = await findByUsername(db, input.username);
  const ok =
    row?.password_hash != null
      ? await verifyPassword(input.password, row.password_hash)
      : await verifyNobody(input.password);
  if (!row || !ok) throw new ApiError(401, 'wrong_credentials', 'The username or the password is wrong.');
  attempt.succeeded();
  // Told only to someone who knows the password, so it reveals nothing to a guesser.
  if (row.disabled === 1)
    throw new ApiError(
      401,
      'account_disabled',
      'This account is disabled: ask an admin of your municipality.',
    );
  const user = toUser(row);
  const issued = await issueSession(db, {
    userId: user.id,
    municipalityId: user.municipalityId,
    deviceId: input.deviceId,
    deviceLabel: input.deviceLabel ?? '',
  });
  return sessionResponse(db, user, issued);
}
