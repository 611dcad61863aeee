/**
 * Participant sessions: a phone that joins a dialogue by its code gets a bearer token (prefixed
 * PARTICIPANT_TOKEN_PREFIX) stored only as its SHA-256, with no person behind it. Joining more
 * dialogues of the same municipality adds grants to the same session; each grant has its receipt.
 */
import { randomUUID } from 'node:crypto';
import { JOIN_CODE_LENGTH, normalizeCode } from '../../shared/domain/join-code.ts';
import { PARTICIPANT_TOKEN_PREFIX, type JoinResponse } from '../../shared/domain/participation.ts';
import { newToken, sha256 } from '../auth/secrets.ts';
import { ApiError } from '../http/api-error.ts';
import type { Db } from '../storage/storage.ts';
import { newReceipt } from './codes.ts';

export interface ParticipantContext {
  readonly sessionId: string;
  readonly municipalityId: string;
  /** The dialogues this phone joined. */
  readonly dialogueIds: readonly string[];
}

// Renewing last_seen_at on every request would make each read a write; once a minute is enough.
const RENEW_AFTER_MS = 60_000;

export function isParticipantToken(token: string): boolean {
  return token.startsWith(PARTICIPANT_TOKEN_PREFIX);
}

export async function authenticateParticipant(db: Db, token: string): Promise<ParticipantContext | null> {
  if (!isParticipantToken(token)) return null;
  const session = await db
    .selectFrom('participant_sessions')
    .selectAll()
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!session) return null;
  const grants = await db
    .selectFrom('participant_grants')
    .select('dialogue_id')
    .where('session_id', '=', session.id)
    .execute();
  const now = Date.now();
  if (now - Date.parse(session.last_seen_at) > RENEW_AFTER_MS) {
    await db
      .updateTable('participant_sessions')
      .set({ last_seen_at: new Date(now).toISOString() })
      .where('id', '=', session.id)
      .execute();
  }
  return {
    sessionId: session.id,
    municipalityId: session.municipality_id,
    dialogueIds: grants.map((g) => g.dialogue_id),
  };
}

const unknownCode = () =>
  new ApiError(404, 'unknown_code', 'There is no dialogue with this code: check the code and try again.');

/**
 * Join the dialogue of `typedCode`. A phone that already has a session of the same municipality
 * (`token`) keeps it and gets one more grant; otherwise it gets a new session. Joining a closed
 * dialogue works too: it shows what came of it, and the server refuses new contributions.
 */
export async function joinDialogue(
  db: Db,
  typedCode: string,
  token: string | undefined,
): Promise<JoinResponse> {
  const code = normalizeCode(typedCode, JOIN_CODE_LENGTH);
  if (!code) throw unknownCode();
  const target = await db
    .selectFrom('join_codes')
    .innerJoin('municipalities', 'municipalities.id', 'join_codes.municipality_id')
    .select(['join_codes.dialogue_id', 'join_codes.municipality_id', 'municipalities.name'])
    .where('join_codes.code', '=', code)
    .executeTakeFirst();
  if (!target) throw unknownCode();

  const known = token ? await authenticateParticipant(db, token) : null;
  const now = new Date().toISOString();
  let sessionToken = token ?? '';
  let sessionId = known?.sessionId ?? '';
  if (!known || known.municipalityId !== target.municipality_id) {
    sessionToken = PARTICIPANT_TOKEN_PREFIX + newToken();
    sessionId = randomUUID();
    await db
      .insertInto('participant_sessions')
      .values({
        id: sessionId,
        token_hash: sha256(sessionToken),
        municipality_id: target.municipality_id,
        created_at: now,
        last_seen_at: now,
      })
      .execute();
  }
  const grant = await db
    .selectFrom('participant_grants')
    .select('receipt')
    .where('session_id', '=', sessionId)
    .where('dialogue_id', '=', target.dialogue_id)
    .executeTakeFirst();
  let receipt = grant?.receipt;
  if (!receipt) {
    receipt = await newReceipt(db);
    await db
      .insertInto('participant_grants')
      .values({ session_id: sessionId, dialogue_id: target.dialogue_id, receipt, created_at: now })
      .execute();
  }
  return {
    token: sessionToken,
    municipalityId: target.municipality_id,
    municipalityName: target.name,
    dialogueId: target.dialogue_id,
    code,
    receipt,
  };
}
