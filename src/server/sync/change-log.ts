/**
 * The server's half of sync that writes: applying a pushed batch (reading by cursor is change-pull.ts).
 *
 * Push, in one database transaction:
 * 1. Lock the municipality's sequence row first (PostgreSQL `SELECT … FOR UPDATE`; SQLite runs one
 *    writer at a time anyway). Every later step of a concurrent push for the same municipality waits
 *    here, so sequence numbers are handed out in commit order and a pull can never skip a change
 *    that committed late (the trap of database sequences: numbers taken in one order, committed in
 *    another).
 * 2. Changes already in the log (a retried batch) are acknowledged with their old sequence number and
 *    change nothing.
 * 3. Every new change is checked (municipality, entity, fields, append-only, who may write): if any
 *    is refused, the whole batch is refused (422) and nothing is written; the device marks those
 *    changes and sends the others again.
 * 4. The new changes get the next sequence numbers, go into the log, and are merged into the
 *    records with the shared merge rule.
 */
import type { Insertable, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Change, JsonValue } from '../../shared/sync/change.ts';
import { entityDefinition, scopeOf, type EntityName } from '../../shared/sync/entities.ts';
import { formatHlc, parseHlc, tick } from '../../shared/sync/hlc.ts';
import { applyChange, checkChange, hasTextFields, type RecordState } from '../../shared/sync/merge.ts';
import { STATUS_MACHINES } from '../../shared/domain/status-machines.ts';
import type { PushResponse, Rejection } from '../../shared/sync/protocol.ts';
import { yjsTextMerger } from '../../shared/sync/text-merge.ts';
import type { Schema } from '../storage/schema.ts';
import type { Storage } from '../storage/storage.ts';
import { ChangesRejected, rejection, type Actor } from './actor.ts';
import { runCommand, SERVER_DEVICE } from './commands.ts';
import { checkParticipantChange } from '../participants/rules.ts';
import { joinCodeFor } from '../participants/codes.ts';
import { checkRecordRules, storedThemes } from './record-rules.ts';
import { proposalFollowUps } from './proposal-rules.ts';
import { cursorPastOwnChanges } from './own-changes.ts';
import { compactTexts } from './text-compaction.ts';
import { chunks } from './statement-rows.ts';

export { ChangesRejected, type Actor } from './actor.ts';
export { SERVER_DEVICE } from './commands.ts';

/**
 * Called with the batch's new changes before anything is written: throws (an ApiError 429) when
 * the actor has written too much lately. Retried changes are not counted again.
 */
export type Admission = (fresh: readonly Change[]) => void;

type Tx = Transaction<Schema>;

async function lockSequence(tx: Tx, storage: Storage, municipalityId: string): Promise<number> {
  await tx
    .insertInto('sequences')
    .values({ municipality_id: municipalityId, last_seq: 0 })
    .onConflict((oc) => oc.column('municipality_id').doNothing())
    .execute();
  let query = tx.selectFrom('sequences').select('last_seq').where('municipality_id', '=', municipalityId);
  if (storage.kind === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.last_seq);
}

const recordKey = (entity: string, recordId: string) => `${entity}\u0000${recordId}`;

/**
 * The stored records that a batch's changes touch, read in a few queries rather than one per
 * change (per-statement overhead, not the database, was most of the cost of a push).
 */
async function readRecords(
  tx: Tx,
  municipalityId: string,
  changes: readonly Pick<Change, 'entity' | 'recordId'>[],
): Promise<Map<string, RecordState>> {
  const idsByEntity = new Map<string, Set<string>>();
  for (const change of changes) {
    const ids = idsByEntity.get(change.entity) ?? new Set<string>();
    ids.add(change.recordId);
    idsByEntity.set(change.entity, ids);
  }
  const found = new Map<string, RecordState>();
  for (const [entity, ids] of idsByEntity) {
    for (const chunk of chunks([...ids])) {
      const rows = await tx
        .selectFrom('records')
        .selectAll()
        .where('municipality_id', '=', municipalityId)
        .where('entity', '=', entity)
        .where('record_id', 'in', chunk)
        .execute();
      for (const row of rows) {
        found.set(recordKey(row.entity, row.record_id), {
          entity: row.entity as EntityName,
          id: row.record_id,
          tenantId: row.municipality_id,
          values: JSON.parse(row.values_json) as Record<string, JsonValue>,
          stamps: JSON.parse(row.stamps_json) as Record<string, string>,
          texts: JSON.parse(row.texts_json) as Record<string, string>,
        });
      }
    }
  }
  return found;
}

function permitted(actor: Actor, change: Change, existing: RecordState | undefined): boolean {
  const definition = entityDefinition(change.entity);
  if (!definition) return true; // checkChange names the unknown entity.
  if (actor.role === 'participant') return false; // checkParticipantChange decides.
  // Who may run a status command is the machine's business (runCommand): e.g. officials report.
  if (change.command !== undefined && STATUS_MACHINES[change.entity]) return true;
  return (existing ? definition.update : definition.create).includes(actor.role);
}

/** The first text field a change sets (to name it in a refusal). */
function textFieldOf(change: Change): string | undefined {
  const definition = entityDefinition(change.entity);
  return Object.keys(change.fields).find((f) => definition?.fields[f] === 'text');
}

/** The records of a participant's dialogues: whether each takes input is decided by its status. */
async function participantDialogues(tx: Tx, actor: Actor): Promise<Map<string, RecordState>> {
  if (actor.role !== 'participant' || !actor.dialogueIds?.length) return new Map();
  const found = await readRecords(
    tx,
    actor.municipalityId,
    actor.dialogueIds.map((id) => ({ entity: 'dialogue' as const, recordId: id })),
  );
  return new Map([...found.values()].map((state) => [state.id, state]));
}

/**
 * A dialogue opened for the first time gets its join code, from the server, in a change of the
 * server's own (the device that opened it may be offline: it learns the code at its next pull).
 */
async function giveJoinCode(
  tx: Tx,
  actor: Actor,
  opened: Change,
  state: RecordState,
): Promise<Change | null> {
  if (typeof state.values.joinCode === 'string') return null;
  const code = await joinCodeFor(tx, actor.municipalityId, opened.recordId);
  return {
    changeId: uuidv7(),
    entity: 'dialogue',
    recordId: opened.recordId,
    tenantId: opened.tenantId,
    fields: { joinCode: code },
    hlc: formatHlc(tick(parseHlc(opened.hlc), 0), SERVER_DEVICE),
    deviceId: SERVER_DEVICE,
    userId: actor.userId,
  };
}

/** The push's new changes into the log: through the storage's bulk write where it has one. */
async function insertLog(tx: Tx, storage: Storage, rows: readonly Insertable<Schema['changes']>[]) {
  if (storage.bulkWrite) return storage.bulkWrite('changes', rows);
  for (const chunk of chunks(rows)) await tx.insertInto('changes').values(chunk).execute();
}

/** The records as the push leaves them, inserted or replaced. */
async function upsertRecords(tx: Tx, storage: Storage, rows: readonly Insertable<Schema['records']>[]) {
  if (storage.bulkWrite) return storage.bulkWrite('records', rows);
  // One record appears once in `states`, so no statement touches a row twice (PostgreSQL refuses that).
  for (const chunk of chunks(rows)) {
    await tx
      .insertInto('records')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['municipality_id', 'entity', 'record_id']).doUpdateSet({
          values_json: (eb) => eb.ref('excluded.values_json'),
          stamps_json: (eb) => eb.ref('excluded.stamps_json'),
          texts_json: (eb) => eb.ref('excluded.texts_json'),
          updated_seq: (eb) => eb.ref('excluded.updated_seq'),
        }),
      )
      .execute();
  }
}

export async function pushChanges(
  storage: Storage,
  actor: Actor,
  changes: readonly Change[],
  admit: Admission = () => undefined,
  /** The device's pull cursor, if it sent it (own-changes.ts). */
  after?: number,
): Promise<PushResponse> {
  return storage.db.transaction().execute(async (tx) => {
    let lastSeq = await lockSequence(tx, storage, actor.municipalityId);
    const lastSeqBefore = lastSeq;
    const ids = changes.map((c) => c.changeId);
    const known = ids.length
      ? await tx
          .selectFrom('changes')
          .select(['change_id', 'seq', 'municipality_id'])
          .where('change_id', 'in', ids)
          .execute()
      : [];
    const knownById = new Map(known.map((row) => [row.change_id, row]));

    // Records as this batch leaves them, so a create and an update of the same record in one batch
    // are checked against each other. Only records that a new change touches go in here: they are
    // the ones written back below.
    const stored = await readRecords(
      tx,
      actor.municipalityId,
      changes.filter((c) => !knownById.has(c.changeId)),
    );
    const states = new Map<string, RecordState | undefined>();
    const stateOf = (change: Change) => {
      const key = recordKey(change.entity, change.recordId);
      if (!states.has(key)) states.set(key, stored.get(key));
      return { key, state: states.get(key) };
    };

    const dialogues = await participantDialogues(tx, actor);
    const receivedAt = new Date().toISOString();
    const names = new Map<string, string>();
    const rejected: Rejection[] = [];
    const notices: PushResponse['notices'][number][] = [];
    const fresh: Change[] = [];
    // Per fresh change: stored exactly as the device sent it (own-changes.ts)?
    const asSent: boolean[] = [];
    const seen = new Set<string>();
    for (const change of changes) {
      const old = knownById.get(change.changeId);
      if (old) {
        if (old.municipality_id !== actor.municipalityId)
          rejected.push(rejection(change, 'wrong_municipality'));
        continue;
      }
      if (seen.has(change.changeId)) continue; // The same change twice in one batch.
      seen.add(change.changeId);
      if (change.tenantId !== actor.municipalityId) {
        rejected.push(rejection(change, 'wrong_municipality'));
        continue;
      }
      const { key, state } = stateOf(change);
      const check = checkChange(change, state);
      if (!check.ok) {
        rejected.push(rejection(change, check.code, check.field));
        continue;
      }
      const refusal =
        actor.role === 'participant'
          ? checkParticipantChange(actor, change, state, dialogues)
          : permitted(actor, change, state)
            ? null
            : 'forbidden';
      if (refusal) {
        rejected.push(rejection(change, refusal));
        continue;
      }
      const broken = await checkRecordRules(change, state, {
        municipalityId: actor.municipalityId,
        role: actor.role,
        stateOf: async (entity, id) => {
          const key = recordKey(entity, id);
          if (states.has(key)) return states.get(key);
          return (
            await readRecords(tx, actor.municipalityId, [{ entity: entity as EntityName, recordId: id }])
          ).get(key);
        },
        themesOf: async (dialogueId) => {
          const ids = await storedThemes(tx, actor.municipalityId, dialogueId);
          for (const made of states.values()) {
            if (made?.entity === 'theme' && made.values.dialogueId === dialogueId) {
              if (made.values.deleted === true) ids.delete(made.id);
              else ids.add(made.id);
            }
          }
          return ids;
        },
      });
      if (broken) {
        rejected.push(rejection(change, broken.code, broken.field));
        continue;
      }
      const accepted = runCommand(actor, change, state, notices);
      let next: RecordState;
      try {
        next = applyChange(state, accepted, yjsTextMerger);
      } catch (error) {
        // A text field's Yjs update that Yjs cannot read: refused like any other bad value.
        if (!hasTextFields(accepted)) throw error;
        rejected.push(rejection(change, 'invalid_value', textFieldOf(accepted)));
        continue;
      }
      fresh.push(accepted);
      asSent.push(accepted === change);
      if (accepted.entity === 'dialogue' && accepted.command === 'open' && next.values.status === 'open') {
        const coded = await giveJoinCode(tx, actor, accepted, next);
        if (coded) {
          next = applyChange(next, coded, yjsTextMerger);
          fresh.push(coded);
          asSent.push(false);
        }
      }
      states.set(key, next);
      // A proposal's history event, a response's author: written by the server (proposal-rules.ts).
      if (accepted === change) {
        for (const added of await proposalFollowUps(tx, actor, change, state, next, receivedAt, names)) {
          const addedKey = recordKey(added.entity, added.recordId);
          states.set(addedKey, applyChange(states.get(addedKey), added, null));
          fresh.push(added);
          asSent.push(false);
        }
      }
    }
    if (rejected.length > 0) throw new ChangesRejected(rejected);
    admit(fresh);

    const acknowledged: { changeId: string; seq: number }[] = [];
    const logRows = fresh.map((change) => {
      lastSeq += 1;
      // The server's own changes (a join code) are not the device's to acknowledge.
      if (change.deviceId !== SERVER_DEVICE || seen.has(change.changeId))
        acknowledged.push({ changeId: change.changeId, seq: lastSeq });
      const state = states.get(recordKey(change.entity, change.recordId));
      return {
        municipality_id: actor.municipalityId,
        seq: lastSeq,
        change_id: change.changeId,
        entity: change.entity,
        record_id: change.recordId,
        fields_json: JSON.stringify(change.fields),
        hlc: change.hlc,
        device_id: change.deviceId,
        // The user is the session's, whatever the device claims.
        user_id: actor.userId,
        received_at: receivedAt,
        scope_id: state ? scopeOf(change.entity, change.recordId, state.values) : null,
      };
    });
    await insertLog(tx, storage, logRows);
    await compactTexts(tx, actor.municipalityId, logRows, (entity, id) => states.get(recordKey(entity, id)));
    if (fresh.length > 0) {
      await tx
        .updateTable('sequences')
        .set({ last_seq: lastSeq })
        .where('municipality_id', '=', actor.municipalityId)
        .execute();
    }
    const finalSeq = lastSeq;
    const recordRows = [...states.values()]
      .filter((state): state is RecordState => state !== undefined)
      .map((state) => ({
        municipality_id: actor.municipalityId,
        entity: state.entity,
        record_id: state.id,
        values_json: JSON.stringify(state.values),
        stamps_json: JSON.stringify(state.stamps),
        texts_json: JSON.stringify(state.texts),
        updated_seq: finalSeq,
      }));
    await upsertRecords(tx, storage, recordRows);
    for (const change of changes) {
      const old = knownById.get(change.changeId);
      if (old) acknowledged.push({ changeId: change.changeId, seq: Number(old.seq) });
    }
    const numbered = asSent.map((same, i) => ({ seq: lastSeqBefore + 1 + i, asSent: same }));
    const cursor = cursorPastOwnChanges(after, lastSeqBefore, numbered);
    return { acknowledged, notices, ...(cursor === undefined ? {} : { cursor }) };
  });
}
