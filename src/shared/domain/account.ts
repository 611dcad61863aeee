/**
 * People, roles, municipalities and device sessions: the shapes client and server share, and the
 * rules for what a person may type (usernames, passwords, names).
 *
 * A municipality (kommun) is a tenant: every row and every query is scoped by it. A person acts in
 * one role. A device signs in once and keeps a long-lived, revocable device session, so the app
 * keeps working offline as that person for days. A shared tablet can be enrolled by an admin with a
 * one-time code: it then acts as a device account (no password) in the role the admin chose.
 */
import * as v from 'valibot';
import { requiredText } from '../validation/fields.ts';
import { graphemeCount } from '../validation/text.ts';

import { DEVICE_ROLES, ROLES, type Role } from './roles.ts';

export { DEVICE_ROLES, ROLES, type Role } from './roles.ts';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
/** Days a device session lives without being used; each use renews it. */
export const DEVICE_SESSION_DAYS = 60;

export interface Municipality {
  readonly id: string;
  readonly name: string;
  /** IANA time zone: times are stored in UTC and shown in this zone. */
  readonly timeZone: string;
  /** The municipality's committees (nämnder), to which proposals and reports are addressed. */
  readonly committees: readonly Committee[];
}

export interface Committee {
  readonly id: string;
  readonly name: string;
}

export interface User {
  readonly id: string;
  readonly municipalityId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** 'device' for an enrolled shared tablet's account, which has no password. */
  readonly kind: 'person' | 'device';
  readonly disabled: boolean;
}

export interface DeviceSession {
  readonly id: string;
  readonly userId: string;
  readonly deviceId: string;
  readonly deviceLabel: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
}

/** What signing in (or setting up, or enrolling) gives a device. */
export interface SessionResponse {
  /** The bearer token: sent as `Authorization: Bearer <token>`; stored only on this device. */
  readonly token: string;
  readonly session: DeviceSession;
  readonly user: User;
  readonly municipality: Municipality;
}

/** A username: letters, digits, dot, dash, underscore, @; compared in lower case. */
export const UsernameSchema = v.pipe(
  v.string('invalid'),
  v.transform((s) => s.normalize('NFC').trim().toLowerCase()),
  v.check((s) => s.length > 0, 'required'),
  v.check((s) => graphemeCount(s) <= 64, 'tooLong:64'),
  v.check((s) => /^[\p{L}\p{N}._@-]+$/u.test(s), 'invalid'),
);

export const PasswordSchema = v.pipe(
  v.string('invalid'),
  v.check((s) => s.trim().length > 0, 'required'),
  v.check((s) => graphemeCount(s) >= PASSWORD_MIN_LENGTH, `tooShort:${PASSWORD_MIN_LENGTH}`),
  v.check((s) => graphemeCount(s) <= PASSWORD_MAX_LENGTH, `tooLong:${PASSWORD_MAX_LENGTH}`),
);

const DeviceSchema = {
  deviceId: v.pipe(v.string('invalid'), v.uuid('invalid')),
  deviceLabel: v.optional(requiredText(80)),
};

export const TimeZoneSchema = v.pipe(
  v.string('invalid'),
  v.check((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false; // Intl throws RangeError for an unknown zone: that is the answer "invalid".
    }
  }, 'invalid'),
);

export const RoleSchema = v.picklist(ROLES, 'invalid');

/** POST /api/setup: only while the server has no admin, with the setup code from the server log. */
export const SetupInputSchema = v.object({
  setupCode: v.pipe(
    v.string('invalid'),
    v.transform((s) => s.trim()),
    v.check((s) => s.length > 0, 'required'),
  ),
  municipalityName: requiredText(120),
  timeZone: v.optional(TimeZoneSchema, 'Europe/Stockholm'),
  username: UsernameSchema,
  displayName: requiredText(80),
  password: PasswordSchema,
  ...DeviceSchema,
});
export type SetupInput = v.InferInput<typeof SetupInputSchema>;

/** POST /api/auth/login */
export const LoginInputSchema = v.object({
  username: UsernameSchema,
  password: v.pipe(
    v.string('invalid'),
    v.check((s) => s.length > 0, 'required'),
  ),
  ...DeviceSchema,
});
export type LoginInput = v.InferInput<typeof LoginInputSchema>;

/** POST /api/auth/enrol: a shared tablet redeems a one-time enrolment code. */
export const EnrolInputSchema = v.object({
  code: v.pipe(
    v.string('invalid'),
    v.transform((s) => s.replace(/[\s-]/g, '').toUpperCase()),
    v.check((s) => s.length > 0, 'required'),
  ),
  ...DeviceSchema,
});
export type EnrolInput = v.InferInput<typeof EnrolInputSchema>;

/** POST /api/users (admin) */
export const CreateUserInputSchema = v.object({
  username: UsernameSchema,
  displayName: requiredText(80),
  role: RoleSchema,
  password: PasswordSchema,
});
export type CreateUserInput = v.InferInput<typeof CreateUserInputSchema>;

/** PATCH /api/users/:id (admin) */
export const UpdateUserInputSchema = v.object({
  displayName: v.optional(requiredText(80)),
  role: v.optional(RoleSchema),
  disabled: v.optional(v.boolean('invalid')),
});

/** POST /api/users/:id/password (admin): sets a new password and revokes the user's sessions. */
export const ResetPasswordInputSchema = v.object({ password: PasswordSchema });

/** POST /api/enrolment-codes (admin): a one-time code for a shared tablet. */
export const CreateEnrolmentInputSchema = v.object({
  deviceLabel: requiredText(80),
  role: v.picklist(DEVICE_ROLES, 'invalid'),
  /** Minutes the code stays valid: 1 to 1440 (a day). */
  validMinutes: v.optional(
    v.pipe(v.number('invalid'), v.integer('invalid'), v.minValue(1, 'invalid'), v.maxValue(1440, 'invalid')),
    30,
  ),
});

export interface EnrolmentCode {
  /** Eight characters from an alphabet without look-alikes, shown as XXXX-XXXX and as a QR code. */
  readonly code: string;
  readonly expiresAt: string;
}

/** PATCH /api/municipality (admin) */
export const UpdateMunicipalityInputSchema = v.object({
  name: v.optional(requiredText(120)),
  timeZone: v.optional(TimeZoneSchema),
  committees: v.optional(
    v.array(v.object({ id: v.optional(v.pipe(v.string(), v.uuid())), name: requiredText(120) })),
  ),
});

/** GET /api/setup: whether this server still waits for "set up this server" (no admin yet). */
export interface SetupStatus {
  readonly needed: boolean;
}

/** GET /api/auth/me: who this device is signed in as. */
export interface MeResponse {
  readonly user: User;
  readonly municipality: Municipality;
  readonly session: DeviceSession;
}

/** GET /api/users (admin): the people and device accounts of the admin's municipality. */
export interface UsersResponse {
  readonly users: readonly User[];
}

/** A signed-in device as the admin's device list shows it: the session and whose it is. */
export interface DeviceListEntry extends DeviceSession {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly kind: User['kind'];
}

/** GET /api/devices (admin): the municipality's active device sessions, most recently seen first. */
export interface DevicesResponse {
  readonly devices: readonly DeviceListEntry[];
}
