/**
 * The youth developers' proposals on the server, for every device (docs/proposals.md):
 *
 * - rules a change must keep (record-rules.ts calls `checkProposalRules`): a decision carries a
 *   valid outcome, text, body and date; lifecycle fields change only through commands; a proposal's
 *   text is fixed once it is submitted (admins excepted); a response answers a proposal that exists;
 *   an attachment is an image or a PDF, by its hash, of at most 20 MB, on a proposal that exists;
 * - what the server adds itself (change-log.ts calls `proposalFollowUps`): a history event for
 *   every accepted step, with the session's user and the server's time, and a response's author.
 *   Devices cannot write either (entities.ts: proposalEvent has no creators, authorName is
 *   serverOnly), so the history shows who did what as the server saw it.
 */
import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Change, JsonValue } from '../../shared/sync/change.ts';
import { formatHlc, parseHlc, tick } from '../../shared/sync/hlc.ts';
import type { RecordState } from '../../shared/sync/merge.ts';
import type { RejectionCode } from '../../shared/sync/protocol.ts';
import { isBlobMime } from '../../shared/domain/blob-types.ts';
import { PHOTO_MAX_BYTES, SHA256_HEX } from '../../shared/domain/photo.ts';
import { PROPOSAL_MACHINE } from '../../shared/domain/proposal-lifecycle.ts';
import { decisionProblems, LIFECYCLE_FIELDS } from '../../shared/domain/proposal-decision.ts';
import type { Schema } from '../storage/schema.ts';
import type { Actor } from './actor.ts';

type Tx = Transaction<Schema>;
type Problem = { code: RejectionCode; field?: string } | null;

export async function checkProposalRules(
  change: Change,
  existing: RecordState | undefined,
  role: string,
  stateOf: (entity: string, id: string) => Promise<RecordState | undefined>,
): Promise<Problem> {
  if (change.entity === 'proposalResponse' && !existing) {
    const id = change.fields.proposalId;
    const proposal = typeof id === 'string' ? await stateOf('proposal', id) : undefined;
    if (!proposal || proposal.values.deleted === true) return { code: 'invalid_value', field: 'proposalId' };
    return null;
  }
  if (change.entity === 'proposalAttachment') return existing ? null : attachmentProblem(change, stateOf);
  if (change.entity !== 'proposal') return null;
  if (change.command === 'decide') {
    const [problem] = decisionProblems(change.fields);
    if (problem)
      return { code: problem.code === 'required' ? 'missing_value' : 'invalid_value', field: problem.field };
    return null;
  }
  if (change.command !== undefined) return null; // The machine decides (commands.ts).
  const fields = Object.keys(change.fields);
  // The status at creation is the machine's business (checkChange); every other lifecycle field
  // changes only under a command, so no device can write "decided" or a decision by itself.
  const lifecycle = fields.find((f) => LIFECYCLE_FIELDS.includes(f) && f !== PROPOSAL_MACHINE.field);
  if (lifecycle) return { code: 'forbidden', field: lifecycle };
  if (change.fields.imported === true && role !== 'admin') return { code: 'forbidden', field: 'imported' };
  const status = existing?.values.status;
  if (existing && status !== 'draft' && role !== 'admin') return { code: 'proposal_locked' };
  return null;
}

/**
 * A new attachment names a file the blob store may keep (an image or a PDF: the type the uploader
 * declares and the server checks against the bytes), by a SHA-256, within the size limit, on a
 * proposal that exists.
 */
async function attachmentProblem(
  change: Change,
  stateOf: (entity: string, id: string) => Promise<RecordState | undefined>,
): Promise<Problem> {
  const { mime, sha256, bytes, proposalId } = change.fields;
  if (!isBlobMime(mime)) return { code: 'invalid_value', field: 'mime' };
  if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256))
    return { code: 'invalid_value', field: 'sha256' };
  if (typeof bytes !== 'number' || !Number.isInteger(bytes) || bytes < 1 || bytes > PHOTO_MAX_BYTES)
    return { code: 'invalid_value', field: 'bytes' };
  const proposal = typeof proposalId === 'string' ? await stateOf('proposal', proposalId) : undefined;
  if (!proposal || proposal.values.deleted === true) return { code: 'invalid_value', field: 'proposalId' };
  return null;
}

/** The user's name as the server knows it (cached per push). */
async function nameOf(tx: Tx, actor: Actor, cache: Map<string, string>): Promise<string> {
  const id = actor.userId;
  if (!id) return '';
  const known = cache.get(id);
  if (known !== undefined) return known;
  const row = await tx.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst();
  const name = row?.display_name ?? '';
  cache.set(id, name);
  return name;
}

function serverChange(
  source: Change,
  entity: Change['entity'],
  recordId: string,
  fields: Record<string, JsonValue>,
  counter: number,
  actor: Actor,
): Change {
  return {
    changeId: uuidv7(),
    entity,
    recordId,
    tenantId: source.tenantId,
    fields,
    hlc: (() => {
      const next = tick(parseHlc(source.hlc), 0);
      return formatHlc({ ms: next.ms, counter: next.counter + counter }, 'server');
    })(),
    deviceId: 'server',
    userId: actor.userId,
  };
}

/**
 * The changes the server adds after accepting `change` as sent (`applied`: the record after it):
 * a proposal's history event, a response's author. Empty for everything else.
 */
export async function proposalFollowUps(
  tx: Tx,
  actor: Actor,
  change: Change,
  before: RecordState | undefined,
  applied: RecordState,
  receivedAt: string,
  names: Map<string, string>,
): Promise<Change[]> {
  if (actor.role === 'participant') return [];
  if (change.entity === 'proposalResponse' && !before) {
    const fields = { authorName: await nameOf(tx, actor, names), authorRole: actor.role };
    return [serverChange(change, 'proposalResponse', change.recordId, fields, 1, actor)];
  }
  if (change.entity !== 'proposal') return [];
  const imported = applied.values.imported === true;
  const command = change.command ?? (before ? null : imported ? 'import' : 'create');
  // An imported proposal's steps happened years ago: its history says when it was imported, by whom.
  if (command === null || (imported && change.command !== undefined)) return [];
  const fields: Record<string, JsonValue> = {
    proposalId: change.recordId,
    command,
    status: typeof applied.values.status === 'string' ? applied.values.status : 'draft',
    actorName: await nameOf(tx, actor, names),
    actorRole: actor.role,
    at: receivedAt,
    deviceAt: new Date(parseHlc(change.hlc).ms).toISOString(),
    createdAt: receivedAt,
  };
  return [serverChange(change, 'proposalEvent', uuidv7(), fields, 2, actor)];
}
