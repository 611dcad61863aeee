/** People and device accounts of a municipality. Every function takes the municipality to scope by. */
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import {
  DEVICE_ROLES,
  type Role,
  type UpdateUserInputSchema,
  type User,
} from '../../shared/domain/account.ts';
import { ApiError } from '../http/api-error.ts';
import { isUniqueViolation } from '../storage/db-errors.ts';
import { lockMunicipality } from '../storage/locks.ts';
import type { UserRow } from '../storage/schema.ts';
import type { Db, Storage } from '../storage/storage.ts';
import { nowIso, toUser } from './rows.ts';
import { revokeUserSessions } from './sessions.ts';

export interface NewUser {
  readonly municipalityId: string;
  /** Already normalised by UsernameSchema: NFC, trimmed, lower case. */
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly kind: User['kind'];
  readonly passwordHash: string | null;
}

export const usernameTaken = () =>
  new ApiError(409, 'username_taken', 'This username is taken: choose another.');

/** Runs `work`; a unique violation on the username (two requests at once) becomes 409 username_taken. */
export async function mapUsernameTaken<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw usernameTaken();
    throw error;
  }
}

export async function findByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function insertUser(db: Db, input: NewUser): Promise<User> {
  const now = nowIso();
  const row = {
    id: randomUUID(),
    municipality_id: input.municipalityId,
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    kind: input.kind,
    password_hash: input.passwordHash,
    disabled: 0,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('users').values(row).execute();
  return toUser(row);
}

export async function getUserRow(db: Db, municipalityId: string, id: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .where('municipality_id', '=', municipalityId)
    .executeTakeFirst();
}

export async function listUsers(db: Db, municipalityId: string): Promise<User[]> {
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where('municipality_id', '=', municipalityId)
    .orderBy('kind')
    .orderBy('display_name')
    .orderBy('id')
    .execute();
  return rows.map(toUser);
}

/** Whether any admin exists on this server: until one does, the server offers "set up". */
export async function adminExists(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export type UserUpdate = v.InferOutput<typeof UpdateUserInputSchema>;

/**
 * An admin's edit of an account of their municipality. The last active admin can be neither
 * demoted nor disabled (nobody could then manage the municipality); disabling ends the account's
 * sessions at once.
 */
export async function updateUser(storage: Storage, municipalityId: string, id: string, update: UserUpdate) {
  return storage.db.transaction().execute(async (trx) => {
    await lockMunicipality(trx, storage.kind, municipalityId);
    const row = await getUserRow(trx, municipalityId, id);
    if (!row) throw noSuchUser();
    if (row.kind === 'device' && update.role && !(DEVICE_ROLES as readonly Role[]).includes(update.role)) {
      throw new ApiError(400, 'invalid_body', 'A shared tablet cannot act in this role.', [
        { field: 'role', code: 'invalid' },
      ]);
    }
    const losesAdmin =
      row.role === 'admin' &&
      row.disabled === 0 &&
      ((update.role !== undefined && update.role !== 'admin') || update.disabled === true);
    if (losesAdmin && (await activeAdmins(trx, municipalityId, id)) === 0) {
      throw new ApiError(
        409,
        'last_admin',
        'This is the last admin of the municipality: make another admin first.',
      );
    }
    const changed = {
      ...(update.displayName !== undefined && { display_name: update.displayName }),
      ...(update.role !== undefined && { role: update.role }),
      ...(update.disabled !== undefined && { disabled: update.disabled ? 1 : 0 }),
      updated_at: nowIso(),
    };
    await trx
      .updateTable('users')
      .set(changed)
      .where('id', '=', id)
      .where('municipality_id', '=', municipalityId)
      .execute();
    if (update.disabled === true) await revokeUserSessions(trx, municipalityId, id);
    return toUser({ ...row, ...changed });
  });
}

/** A new password for a person; every session of theirs ends, so a lost tablet is signed out too. */
export async function setPassword(
  storage: Storage,
  municipalityId: string,
  id: string,
  passwordHash: string,
) {
  await storage.db.transaction().execute(async (trx) => {
    const row = await getUserRow(trx, municipalityId, id);
    if (!row) throw noSuchUser();
    if (row.kind === 'device') {
      throw new ApiError(409, 'device_account', 'A shared tablet has no password: enrol it again instead.');
    }
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: nowIso() })
      .where('id', '=', id)
      .where('municipality_id', '=', municipalityId)
      .execute();
    await revokeUserSessions(trx, municipalityId, id);
  });
}

async function activeAdmins(db: Db, municipalityId: string, exceptId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('municipality_id', '=', municipalityId)
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export function noSuchUser(): ApiError {
  return new ApiError(404, 'not_found', 'There is no such user in your municipality.');
}
