/**
 * Shared tablets: an admin makes a one-time code (shown as XXXX-XXXX and as a QR code); the tablet
 * redeems it and becomes a device account of the municipality, in the role the admin chose, with a
 * device session and no password.
 */
import { randomBytes } from 'node:crypto';
import type * as v from 'valibot';
import type {
  CreateEnrolmentInputSchema,
  EnrolInputSchema,
  EnrolmentCode,
  Role,
  SessionResponse,
} from '../../shared/domain/account.ts';
import { ApiError } from '../http/api-error.ts';
import type { Db } from '../storage/storage.ts';
import { nowIso } from './rows.ts';
import { formatCode, newCode, normaliseCode, sha256 } from './secrets.ts';
import { sessionResponse } from './session-response.ts';
import { issueSession } from './sessions.ts';
import { insertUser } from './users.ts';

export type CreateEnrolmentInput = v.InferOutput<typeof CreateEnrolmentInputSchema>;
export type EnrolInput = v.InferOutput<typeof EnrolInputSchema>;

export async function createEnrolmentCode(
  db: Db,
  municipalityId: string,
  createdBy: string,
  input: CreateEnrolmentInput,
  now = Date.now(),
): Promise<EnrolmentCode> {
  const code = newCode();
  const expiresAt = nowIso(now + input.validMinutes * 60_000);
  await db
    .insertInto('enrolment_codes')
    .values({
      code_hash: sha256(code),
      municipality_id: municipalityId,
      created_by: createdBy,
      device_label: input.deviceLabel,
      role: input.role,
      created_at: nowIso(now),
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  return { code: formatCode(code), expiresAt };
}

/** Redeems a code once: a second tablet with the same code, or one after it expired, is refused. */
export async function redeemEnrolmentCode(
  db: Db,
  input: EnrolInput,
  now = Date.now(),
): Promise<SessionResponse> {
  const codeHash = sha256(normaliseCode(input.code));
  return db.transaction().execute(async (trx) => {
    const code = await trx
      .selectFrom('enrolment_codes')
      .selectAll()
      .where('code_hash', '=', codeHash)
      .executeTakeFirst();
    if (!code || code.used_at !== null) throw unknownCode();
    if (code.expires_at <= nowIso(now)) {
      throw new ApiError(
        410,
        'enrolment_expired',
        'This enrolment code has expired: ask an admin for a new one.',
      );
    }
    // Conditional on used_at, so that of two tablets redeeming at once exactly one wins.
    const taken = await trx
      .updateTable('enrolment_codes')
      .set({ used_at: nowIso(now) })
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (taken.numUpdatedRows === 0n) throw unknownCode();
    const user = await insertUser(trx, {
      municipalityId: code.municipality_id,
      // Device accounts never sign in by name; this only has to be unique and recognisable.
      username: `device-${randomBytes(6).toString('hex')}`,
      displayName: code.device_label,
      role: code.role as Role,
      kind: 'device',
      passwordHash: null,
    });
    const issued = await issueSession(
      trx,
      {
        userId: user.id,
        municipalityId: user.municipalityId,
        deviceId: input.deviceId,
        deviceLabel: code.device_label,
      },
      now,
    );
    return sessionResponse(trx, user, issued);
  });
}

function unknownCode(): ApiError {
  return new ApiError(404, 'enrolment_unknown', 'This enrolment code is unknown or already used.');
}
