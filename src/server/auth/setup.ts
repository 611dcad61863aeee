/**
 * "Set up this server": the first municipality and its first admin, made from the app while no
 * admin exists, guarded by a one-time code that only someone who can read the server's log knows.
 */
import type * as v from 'valibot';
import type { SessionResponse, SetupInputSchema } from '../../shared/domain/account.ts';
import { ApiError } from '../http/api-error.ts';
import type { Db } from '../storage/storage.ts';
import { createMunicipality } from './municipalities.ts';
import { nowIso } from './rows.ts';
import { formatCode, newCode, normaliseCode, sha256 } from './secrets.ts';
import { sessionResponse } from './session-response.ts';
import { issueSession } from './sessions.ts';
import { adminExists, insertUser } from './users.ts';

export type SetupInput = v.InferOutput<typeof SetupInputSchema>;

/**
 * A new setup code, stored hashed; null when an admin exists. Every server process that starts
 * before setup adds its own (two processes on one PostgreSQL each print a valid one); setup
 * deletes them all.
 */
export async function issueSetupCode(db: Db): Promise<string | null> {
  if (await adminExists(db)) return null;
  const code = newCode();
  await db
    .insertInto('setup_codes')
    .values({ code_hash: sha256(code), created_at: nowIso() })
    .execute();
  return formatCode(code);
}

export async function isSetupCode(db: Db, typed: string): Promise<boolean> {
  const row = await db
    .selectFrom('setup_codes')
    .select('code_hash')
    .where('code_hash', '=', sha256(normaliseCode(typed)))
    .executeTakeFirst();
  return row !== undefined;
}

export function setupDone(): ApiError {
  return new ApiError(409, 'setup_done', 'This server is set up already: sign in instead.');
}

export function wrongSetupCode(): ApiError {
  return new ApiError(403, 'wrong_setup_code', 'The setup code is wrong: it is in the server log.');
}

/** Creates the municipality, its admin and the admin's device session, using up the setup code. */
export async function runSetup(db: Db, input: SetupInput, passwordHash: string): Promise<SessionResponse> {
  return db.transaction().execute(async (trx) => {
    if (await adminExists(trx)) throw setupDone();
    // Deleting the code is the check: of two setups at once, the second finds nothing to delete
    // (on PostgreSQL it waits for the first's row lock) and is refused.
    const used = await trx
      .deleteFrom('setup_codes')
      .where('code_hash', '=', sha256(normaliseCode(input.setupCode)))
      .executeTakeFirst();
    if (used.numDeletedRows === 0n) throw (await adminExists(trx)) ? setupDone() : wrongSetupCode();
    await trx.deleteFrom('setup_codes').execute();
    const municipality = await createMunicipality(trx, {
      name: input.municipalityName,
      timeZone: input.timeZone,
    });
    const user = await insertUser(trx, {
      municipalityId: municipality.id,
      username: input.username,
      displayName: input.displayName,
      role: 'admin',
      kind: 'person',
      passwordHash,
    });
    const issued = await issueSession(trx, {
      userId: user.id,
      municipalityId: municipality.id,
      deviceId: input.deviceId,
      deviceLabel: input.deviceLabel ?? '',
    });
    return sessionResponse(trx, user, issued);
  });
}
