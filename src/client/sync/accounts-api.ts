/**
 * The accounts endpoints of the server, as functions: one per call, through api-client.ts (so every
 * failure is an ApiError with the server's code, or an OfflineError). Calls that need a signed-in
 * person take the bearer token; views get it through `session.authed`, which also notices a
 * revoked or expired session.
 */
import type {
  DeviceListEntry,
  DevicesResponse,
  EnrolInput,
  EnrolmentCode,
  LoginInput,
  MeResponse,
  Municipality,
  Role,
  SessionResponse,
  SetupInput,
  SetupStatus,
  User,
  UsersResponse,
} from '../../shared/domain/account.ts';
import { apiRequest } from './api-client.ts';

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly password: string;
}

export interface UserChanges {
  readonly displayName?: string;
  readonly role?: Role;
  readonly disabled?: boolean;
}

export interface MunicipalityChanges {
  readonly name?: string;
  readonly timeZone?: string;
  readonly committees?: readonly { readonly id?: string; readonly name: string }[];
}

// Anonymous calls -------------------------------------------------------------------------------

export function setupStatus(): Promise<SetupStatus> {
  return apiRequest<SetupStatus>('GET', '/api/setup');
}

export function setup(input: SetupInput): Promise<SessionResponse> {
  return apiRequest<SessionResponse>('POST', '/api/setup', { body: input });
}

export function login(input: LoginInput): Promise<SessionResponse> {
  return apiRequest<SessionResponse>('POST', '/api/auth/login', { body: input });
}

export function enrol(input: EnrolInput): Promise<SessionResponse> {
  return apiRequest<SessionResponse>('POST', '/api/auth/enrol', { body: input });
}

// A signed-in person ----------------------------------------------------------------------------

export function logout(token: string): Promise<void> {
  return apiRequest<void>('POST', '/api/auth/logout', { token });
}

export function me(token: string): Promise<MeResponse> {
  return apiRequest<MeResponse>('GET', '/api/auth/me', { token });
}

// Admins ----------------------------------------------------------------------------------------

export async function listUsers(token: string): Promise<readonly User[]> {
  return (await apiRequest<UsersResponse>('GET', '/api/users', { token })).users;
}

export function createUser(token: string, input: NewUser): Promise<User> {
  return apiRequest<User>('POST', '/api/users', { token, body: input });
}

export function updateUser(token: string, id: string, changes: UserChanges): Promise<User> {
  return apiRequest<User>('PATCH', `/api/users/${encodeURIComponent(id)}`, { token, body: changes });
}

export function resetPassword(token: string, id: string, password: string): Promise<void> {
  return apiRequest<void>('POST', `/api/users/${encodeURIComponent(id)}/password`, {
    token,
    body: { password },
  });
}

export async function listDevices(token: string): Promise<readonly DeviceListEntry[]> {
  return (await apiRequest<DevicesResponse>('GET', '/api/devices', { token })).devices;
}

export function revokeDevice(token: string, sessionId: string): Promise<void> {
  return apiRequest<void>('DELETE', `/api/devices/${encodeURIComponent(sessionId)}`, { token });
}

export function createEnrolmentCode(
  token: string,
  input: { deviceLabel: string; role: Role; validMinutes?: number },
): Promise<EnrolmentCode> {
  return apiRequest<EnrolmentCode>('POST', '/api/enrolment-codes', { token, body: input });
}

export function getMunicipality(token: string): Promise<Municipality> {
  return apiRequest<Municipality>('GET', '/api/municipality', { token });
}

export function updateMunicipality(token: string, changes: MunicipalityChanges): Promise<Municipality> {
  return apiRequest<Municipality>('PATCH', '/api/municipality', { token, body: changes });
}
