/**
 * Joining a dialogue by its code, as a participant with no account: the server gives this phone an
 * anonymous session (the same one again when it has one) and a receipt code; both are kept on the
 * phone, so it can take part offline from then on.
 */
import { v4 as uuidv4 } from 'uuid';
import { JOIN_CODE_LENGTH, normalizeCode } from '../../../shared/domain/join-code.ts';
import type { JoinResponse } from '../../../shared/domain/participation.ts';
import type { ParticipationRow, Repositories } from '../../db/index.ts';
import { apiRequest } from '../../sync/api-client.ts';

/** The code is not one a server could have given (wrong length, look-alike characters). */
export class MalformedCodeError extends Error {
  constructor(typed: string) {
    super(`Not a join code: ${typed}`);
    this.name = 'MalformedCodeError';
  }
}

/** The participation for `typed` already on this phone, if any (works offline). */
export async function knownParticipation(
  repos: Repositories,
  typed: string,
): Promise<ParticipationRow | undefined> {
  const code = normalizeCode(typed, JOIN_CODE_LENGTH);
  return code ? repos.participations.byCode(code) : undefined;
}

/** Join on the server and keep what it answered. Throws OfflineError, ApiError (unknown_code, 429), MalformedCodeError. */
export async function join(repos: Repositories, typed: string): Promise<ParticipationRow> {
  const code = normalizeCode(typed, JOIN_CODE_LENGTH);
  if (!code) throw new MalformedCodeError(typed);
  const session = await repos.participations.session();
  const answer = await apiRequest<JoinResponse>('POST', '/api/join', {
    token: session?.token ?? null,
    body: { code },
  });
  const before = await repos.participations.get(answer.dialogueId);
  const row: ParticipationRow = {
    dialogueId: answer.dialogueId,
    tenantId: answer.municipalityId,
    municipalityName: answer.municipalityName,
    code: answer.code,
    receipt: answer.receipt,
    participantKey: before?.participantKey ?? uuidv4(),
    joinedAt: before?.joinedAt ?? new Date().toISOString(),
  };
  // The session's scope now names one more dialogue: its sync cursor starts again from 0, so the
  // dialogue's earlier changes are read too (a participant's pull holds only its dialogues).
  await repos.participations.joined(row, { token: answer.token, tenantId: answer.municipalityId });
  return (await repos.participations.get(answer.dialogueId)) ?? row;
}
