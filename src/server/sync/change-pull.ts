/**
 * The server's half of sync that reads: changes by cursor for a pull, and the last sequence number
 * of each municipality for the live channel. Pushing is change-log.ts.
 */
import type { JsonValue } from '../../shared/sync/change.ts';
import { entityDefinition, mayRead, type EntityName } from '../../shared/sync/entities.ts';
import type { SyncedChange } from '../../shared/sync/protocol.ts';
import type { Storage } from '../storage/storage.ts';
import type { Actor } from './actor.ts';
import { chunks } from './statement-rows.ts';

export interface PullPage {
  readonly changes: SyncedChange[];
  readonly cursor: number;
  readonly hasMore: boolean;
}

/**
 * Changes after `after` in sequence order, of what the actor may read. Changes it may not read still
 * move the cursor, so a device never asks for them again.
 *
 * - A participant reads only changes of its dialogues' records (the log's scope column), and of
 *   those only the fields entities.ts lets participants read.
 * - Hidden contributions are shown to admins only: for every other role their words are left out of every
 *   change, so a device that pulls later never holds them, and one that
 *   already does learns that they are hidden.
 */
export async function pullChanges(
  storage: Storage,
  actor: Actor,
  after: number,
  limit: number,
): Promise<PullPage> {
  let query = storage.db
    .selectFrom('changes')
    .selectAll()
    .where('municipality_id', '=', actor.municipalityId)
    .where('seq', '>', after);
  if (actor.role === 'participant') {
    const dialogues = actor.dialogueIds ?? [];
    if (dialogues.length === 0) return { changes: [], cursor: after, hasMore: false };
    query = query.where('scope_id', 'in', [...dialogues]);
  }
  const rows = await query.orderBy('seq').limit(limit).execute();
  const hidden = actor.role === 'admin' ? new Set<string>() : await hiddenContributions(storage, actor, rows);
  const changes: SyncedChange[] = [];
  for (const row of rows) {
    const entity = row.entity as EntityName;
    const definition = entityDefinition(entity);
    if (!definition || !mayRead(actor.role, entity)) continue;
    let fields = JSON.parse(row.fields_json) as Record<string, JsonValue>;
    if (actor.role === 'participant') fields = pick(fields, definition.participant?.read ?? []);
    if (entity === 'contribution' && hidden.has(row.record_id)) fields = omit(fields, HIDDEN_FIELDS);
    if (Object.keys(fields).length === 0) continue;
    changes.push({
      seq: Number(row.seq),
      changeId: row.change_id,
      entity,
      recordId: row.record_id,
      tenantId: row.municipality_id,
      fields,
      hlc: row.hlc,
      deviceId: row.device_id,
      // Who wrote what is for staff; a participant's phone learns nobody's id.
      userId: actor.role === 'participant' ? null : row.user_id,
    });
  }
  const cursor = rows.length > 0 ? Number(rows[rows.length - 1]!.seq) : after;
  return { changes, cursor, hasMore: rows.length === limit };
}

/** What a hidden contribution keeps from everyone but admins. */
const HIDDEN_FIELDS = ['text'];

function pick(fields: Record<string, JsonValue>, names: readonly string[]): Record<string, JsonValue> {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => names.includes(name)));
}

function omit(fields: Record<string, JsonValue>, names: readonly string[]): Record<string, JsonValue> {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !names.includes(name)));
}

/** The contributions among `rows` that are hidden now. */
async function hiddenContributions(
  storage: Storage,
  actor: Actor,
  rows: readonly { entity: string; record_id: string }[],
): Promise<Set<string>> {
  const ids = [...new Set(rows.filter((r) => r.entity === 'contribution').map((r) => r.record_id))];
  const hidden = new Set<string>();
  for (const chunk of chunks(ids)) {
    const records = await storage.db
      .selectFrom('records')
      .select(['record_id', 'values_json'])
      .where('municipality_id', '=', actor.municipalityId)
      .where('entity', '=', 'contribution')
      .where('record_id', 'in', chunk)
      // Both databases store the JSON as written (JSON.stringify: no spaces); parsed below to be sure.
      .where('values_json', 'like', '%"hidden":true%')
      .execute();
    for (const record of records) {
      if ((JSON.parse(record.values_json) as { hidden?: unknown }).hidden === true)
        hidden.add(record.record_id);
    }
  }
  return hidden;
}

/** The last sequence number of each municipality asked about (for the live channel). */
export async function lastSequences(
  storage: Storage,
  municipalityIds: readonly string[],
): Promise<Map<string, number>> {
  if (municipalityIds.length === 0) return new Map();
  const rows = await storage.db
    .selectFrom('sequences')
    .select(['municipality_id', 'last_seq'])
    .where('municipality_id', 'in', [...municipalityIds])
    .execute();
  return new Map(rows.map((r) => [r.municipality_id, Number(r.last_seq)]));
}
