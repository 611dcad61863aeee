/**
 * Editing a text field that merges (src/shared/sync/entities.ts kind `text`): the edit becomes a
 * Yjs update, merged with whatever other devices wrote meanwhile, so no one's words are lost.
 * One transaction stores the new text, the merged state and the outbox change, like every write.
 */
import { v7 as uuidv7 } from 'uuid';
import type { EntityName, JsonValue } from '../../shared/sync/change.ts';
import { mergeKey, type DelaktigDatabase, type OutboxRow } from './database.ts';
import { readMergeStates } from './merge-states.ts';
import { nextStamp, type WriteContext } from './outbox.ts';

/** Yjs is loaded when a text field is first edited, not at start-up. */
const textModule = () => import('../../shared/sync/text-merge.ts');

export interface TextEdit {
  readonly entity: EntityName;
  readonly recordId: string;
  readonly field: string;
  /** The whole new text, as the text area holds it. */
  readonly text: string;
  /**
   * The merged state the text area was loaded from. The edit is computed against it, not against
   * the current state: words that arrived from other devices meanwhile are not in the text area,
   * and diffing against the current state would delete them. Defaults to the current state.
   */
  readonly baseState?: string;
}

export interface TextFieldState {
  /** The merged text. */
  readonly text: string;
  /** The merged Yjs state (base64), to pass back as `baseState` with the next edit. */
  readonly state: string | undefined;
  /**
   * The base state plus this edit only, without what others wrote meanwhile: the state a text
   * area that kept its own text (someone went on typing) is derived from.
   */
  readonly own?: string;
}

/** The merged text and state of a text field as stored on this device. */
export async function readTextField(
  db: DelaktigDatabase,
  entity: EntityName,
  recordId: string,
  field: string,
): Promise<TextFieldState> {
  const key = mergeKey(entity, recordId);
  const sync = await db.transaction('r', db.mergeChunks, async () =>
    (await readMergeStates(db, [key])).get(key),
  );
  const value = sync?.values[field];
  return { text: typeof value === 'string' ? value : '', state: sync?.texts[field] };
}

/** The table a text field's record is shown from (its merged text is kept there too). */
function tableOf(db: DelaktigDatabase, entity: EntityName) {
  switch (entity) {
    case 'dialogue':
      return db.dialogues;
    case 'contribution':
      return db.contributions;
    case 'theme':
      return db.themes;
    case 'openSpaceTopic':
      return db.openSpaceTopics;
    default:
      throw new Error(`No text fields on ${entity}`);
  }
}

/** Store the edit and queue it. Returns the merged result (with other devices' words in it). */
export async function editTextField(
  db: DelaktigDatabase,
  context: WriteContext,
  edit: TextEdit,
): Promise<TextFieldState> {
  const { TextFieldDoc, yjsTextMerger } = await textModule();
  const table = tableOf(db, edit.entity);
  const now = (context.now ?? Date.now)();
  return db.transaction('rw', [table, db.outbox, db.meta, db.mergeChunks], async () => {
    const key = mergeKey(edit.entity, edit.recordId);
    const states = await readMergeStates(db, [key]);
    const sync = states.get(key);
    if (!sync) throw new Error(`No ${edit.entity} ${edit.recordId} on this device`);
    const current = sync.texts[edit.field];
    const doc = new TextFieldDoc(edit.baseState ?? current);
    const update = doc.replace(edit.text.normalize('NFC'));
    if (update === null) {
      const value = sync.values[edit.field];
      return { text: typeof value === 'string' ? value : '', state: current };
    }
    const stamp = await nextStamp(db, now);
    const state = current ? yjsTextMerger.merge([current, update]) : update;
    const merged = yjsTextMerger.text(state);
    states.set({
      ...sync,
      values: { ...sync.values, [edit.field]: merged },
      stamps: { ...sync.stamps, [edit.field]: stamp.hlc },
      texts: { ...sync.texts, [edit.field]: state },
    });
    await states.save();
    await table.update(edit.recordId, { [edit.field]: merged } as never);
    const fields: Record<string, JsonValue> = { [edit.field]: { y: update } };
    const change: OutboxRow = {
      changeId: uuidv7(),
      entity: edit.entity,
      recordId: edit.recordId,
      tenantId: sync.tenantId,
      fields,
      hlc: stamp.hlc,
      deviceId: stamp.deviceId,
      userId: context.userId,
      queuedAt: stamp.at,
    };
    await db.outbox.add(change);
    return { text: merged, state, own: doc.state() };
  });
}
