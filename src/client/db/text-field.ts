/**
 * Editing a text field that merges (src/shared/sync/entities.ts kind `text`): the edit becomes a
 * Yjs update from this device's current merged state, so words typed elsewhere meanwhile survive.
 * One transaction stores the new text, the merged state and the outbox change, like every write.
 */
import { v7 as uuidv7 } from 'uuid';
import type { EntityName, JsonValue } from '../../shared/sync/change.ts';
import type { DelaktigDatabase, OutboxRow } from './database.ts';
import { nextStamp, type WriteContext } from './outbox.ts';

/** Yjs is loaded when a text field is first edited, not at start-up. */
const textModule = () => import('../../shared/sync/text-merge.ts');

export interface TextEdit {
  readonly entity: EntityName;
  readonly recordId: string;
  readonly field: string;
  /** The whole new text, as the text area holds it. */
  readonly text: string;
}

/** Store the edit and queue it. Returns false when the text did not change. */
export async function editTextField(
  db: DelaktigDatabase,
  context: WriteContext,
  edit: TextEdit,
): Promise<boolean> {
  const { TextFieldDoc, yjsTextMerger } = await textModule();
  const table = edit.entity === 'dialogue' ? db.dialogues : db.contributions;
  const now = (context.now ?? Date.now)();
  return db.transaction('rw', [table, db.outbox, db.meta, db.syncRecords], async () => {
    const sync = await db.syncRecords.get([edit.entity, edit.recordId]);
    if (!sync) throw new Error(`No ${edit.entity} ${edit.recordId} on this device`);
    const doc = new TextFieldDoc(sync.texts[edit.field]);
    const update = doc.replace(edit.text.normalize('NFC'));
    if (update === null) return false;
    const stamp = await nextStamp(db, now);
    const state = sync.texts[edit.field] ? yjsTextMerger.merge([sync.texts[edit.field]!, update]) : update;
    const merged = yjsTextMerger.text(state);
    await db.syncRecords.put({
      ...sync,
      values: { ...sync.values, [edit.field]: merged },
      stamps: { ...sync.stamps, [edit.field]: stamp.hlc },
      texts: { ...sync.texts, [edit.field]: state },
    });
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
    return true;
  });
}
