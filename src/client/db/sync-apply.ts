/**
 * Applying pulled changes on this device, with the same merge rule as the server
 * (src/shared/sync/merge.ts), so every replica converges. One transaction per page of changes:
 * the records, their merge state, the device clock and the sync cursor commit together, so a tab
 * that dies half-way re-applies the page next time (applying a change twice changes nothing).
 */
import type {
  BackgroundQuestion,
  Dialogue,
  DialogueMethod,
  DialogueStatus,
} from '../../shared/domain/dialogue.ts';
import type { Background, Contribution, ContributionChannel } from '../../shared/domain/contribution.ts';
import type { FocusArea } from '../../shared/domain/crc.ts';
import type { TranslatableEntity, Translation } from '../../shared/domain/translation.ts';
import type { JsonValue } from '../../shared/sync/change.ts';
import { HLC_ZERO, parseHlc, receive, type HlcState } from '../../shared/sync/hlc.ts';
import { applyChange, type RecordState, type TextMerger } from '../../shared/sync/merge.ts';
import type { EntityName } from '../../shared/sync/entities.ts';
import type { SyncedChange } from '../../shared/sync/protocol.ts';
import type { DelaktigDatabase, SyncRecordRow } from './database.ts';
import { CLOCK_KEY } from './outbox.ts';

const CURSOR_KEY = 'syncCursor';

interface CursorRow {
  readonly tenantId: string;
  readonly cursor: number;
}

/** The last sequence number pulled for this municipality (0 before the first pull). */
export async function readCursor(db: DelaktigDatabase, tenantId: string): Promise<number> {
  const row = (await db.meta.get(CURSOR_KEY))?.value as CursorRow | undefined;
  return row?.tenantId === tenantId ? row.cursor : 0;
}

const text = (value: JsonValue | undefined, fallback = ''): string =>
  typeof value === 'string' ? value : fallback;
const optionalText = (value: JsonValue | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;
const optionalNumber = (value: JsonValue | undefined): number | null =>
  typeof value === 'number' ? value : null;
const list = <T extends JsonValue>(
  value: JsonValue | undefined,
  keep: (item: JsonValue) => item is T,
): T[] => (Array.isArray(value) ? value.filter(keep) : []);
const isString = (item: JsonValue): item is string => typeof item === 'string';
const isNumber = (item: JsonValue): item is number => typeof item === 'number';

function newest(stamps: Readonly<Record<string, string>>): string {
  return Object.values(stamps).reduce((a, b) => (b > a ? b : a), '');
}

type Row = Dialogue | Contribution | Translation;

/** What the views read, made from the merge state. Null when the record is deleted (tombstone). */
const MATERIALIZE: Record<EntityName, (state: RecordState) => Row | null> = {
  dialogue: (s): Dialogue | null =>
    s.values.deleted === true
      ? null
      : {
          id: s.id,
          tenantId: s.tenantId,
          title: text(s.values.title),
          question: text(s.values.question),
          description: text(s.values.description),
          status: text(s.values.status, 'planned') as DialogueStatus,
          targetGroup: optionalText(s.values.targetGroup),
          ageFrom: optionalNumber(s.values.ageFrom),
          ageTo: optionalNumber(s.values.ageTo),
          method: optionalText(s.values.method) as DialogueMethod | undefined,
          place: optionalText(s.values.place),
          startsAt: optionalText(s.values.startsAt) ?? null,
          focusAreas: list(s.values.focusAreas, isString) as FocusArea[],
          articles: list(s.values.articles, isNumber),
          facilitators: optionalText(s.values.facilitators),
          backgroundQuestions: list(s.values.backgroundQuestions, isString) as BackgroundQuestion[],
          areaOptions: list(s.values.areaOptions, isString),
          joinCode: optionalText(s.values.joinCode),
          createdAt: text(s.values.createdAt),
          updatedAt: text(s.values.updatedAt, text(s.values.createdAt)),
          createdHlc: text(s.values.createdHlc, s.stamps.createdAt ?? newest(s.stamps)),
          hlc: newest(s.stamps),
        },
  contribution: (s): Contribution | null =>
    s.values.deleted === true
      ? null
      : {
          id: s.id,
          tenantId: s.tenantId,
          dialogueId: text(s.values.dialogueId),
          // A hidden contribution's words reach admins only (the server leaves them out for others).
          text: text(s.values.text),
          lang: text(s.values.lang, 'und'),
          channel: optionalText(s.values.channel) as ContributionChannel | undefined,
          participantKey: optionalText(s.values.participantKey),
          background:
            typeof s.values.background === 'object' &&
            s.values.background !== null &&
            !Array.isArray(s.values.background)
              ? (s.values.background as Background)
              : undefined,
          hidden: s.values.hidden === true,
          hiddenReason: optionalText(s.values.hiddenReason),
          hiddenAt: optionalText(s.values.hiddenAt),
          hiddenBy: optionalText(s.values.hiddenBy),
          createdAt: text(s.values.createdAt),
          hlc: s.stamps.createdAt ?? newest(s.stamps),
        },
  translation: (s): Translation | null =>
    s.values.deleted === true
      ? null
      : {
          id: s.id,
          tenantId: s.tenantId,
          dialogueId: text(s.values.dialogueId),
          targetEntity: text(s.values.targetEntity) as TranslatableEntity,
          targetId: text(s.values.targetId),
          field: text(s.values.field),
          lang: text(s.values.lang, 'und'),
          text: text(s.values.text),
          translatedBy: text(s.values.translatedBy),
          createdAt: text(s.values.createdAt),
          hlc: s.stamps.createdAt ?? newest(s.stamps),
        },
};

function tableFor(db: DelaktigDatabase, entity: EntityName) {
  return { dialogue: db.dialogues, contribution: db.contributions, translation: db.translations }[entity];
}

function toState(row: SyncRecordRow): RecordState {
  return {
    entity: row.entity as EntityName,
    id: row.id,
    tenantId: row.tenantId,
    values: row.values as Record<string, JsonValue>,
    stamps: row.stamps,
    texts: row.texts,
  };
}

/**
 * Apply one page of pulled changes and move the cursor to `cursor`, atomically. Changes of entities
 * this version of the app does not know are skipped (a newer server; the app asks to update).
 */
export async function applyPulledChanges(
  db: DelaktigDatabase,
  tenantId: string,
  changes: readonly SyncedChange[],
  cursor: number,
  texts: TextMerger | null,
  now: number = Date.now(),
): Promise<void> {
  const applicable = changes.filter((c) => c.entity in MATERIALIZE && c.tenantId === tenantId);
  await db.transaction(
    'rw',
    [db.dialogues, db.contributions, db.translations, db.syncRecords, db.meta],
    async () => {
      let clock = ((await db.meta.get(CLOCK_KEY))?.value as HlcState | undefined) ?? HLC_ZERO;
      // The page's merge states in one read and one write per table, not three awaited requests per
      // change: those round trips, not the merging, were most of the cost of applying a page.
      const keyOf = (c: SyncedChange) => `${c.entity}\u0000${c.recordId}`;
      const touched = new Map(applicable.map((c) => [keyOf(c), [c.entity, c.recordId] as [string, string]]));
      const existing = await db.syncRecords.bulkGet([...touched.values()]);
      const states = new Map<string, RecordState>();
      [...touched.keys()].forEach((key, i) => {
        const row = existing[i];
        if (row) states.set(key, toState(row));
      });
      for (const change of applicable) {
        // Moving the clock past every stamp seen keeps later local edits newer than what was pulled.
        clock = receive(clock, parseHlc(change.hlc), now);
        states.set(keyOf(change), applyChange(states.get(keyOf(change)), change, texts));
      }
      await db.syncRecords.bulkPut([...states.values()].map((state) => ({ ...state, values: state.values })));
      for (const entity of Object.keys(MATERIALIZE) as EntityName[]) {
        const shown: Row[] = [];
        const gone: string[] = [];
        for (const state of states.values()) {
          if (state.entity !== entity) continue;
          const record = MATERIALIZE[entity](state);
          if (record) shown.push(record);
          else gone.push(state.id);
        }
        const table = tableFor(db, entity) as typeof db.dialogues;
        if (shown.length > 0) await table.bulkPut(shown as Dialogue[]);
        if (gone.length > 0) await table.bulkDelete(gone);
      }
      await db.meta.put({ key: CLOCK_KEY, value: clock });
      // Never backwards: a late, duplicated answer to an older pull must not make the device re-read.
      const previous = (await db.meta.get(CURSOR_KEY))?.value as CursorRow | undefined;
      const next = previous?.tenantId === tenantId ? Math.max(previous.cursor, cursor) : cursor;
      await db.meta.put({ key: CURSOR_KEY, value: { tenantId, cursor: next } satisfies CursorRow });
    },
  );
}
