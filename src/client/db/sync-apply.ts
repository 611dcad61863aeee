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
import type { Contribution, ContributionChannel } from '../../shared/domain/contribution.ts';
import type { Respondent } from '../../shared/domain/respondent.ts';
import type { Theme } from '../../shared/domain/theme.ts';
import type { Vote } from '../../shared/domain/vote.ts';
import type { Feedback } from '../../shared/domain/feedback.ts';
import type { FocusArea } from '../../shared/domain/crc.ts';
import type { TranslatableEntity, Translation } from '../../shared/domain/translation.ts';
import { isPhotoMime, isThumbnail, type Photo } from '../../shared/domain/photo.ts';
import type {
  OpenSpaceAction,
  OpenSpaceComment,
  OpenSpaceEvent,
  OpenSpaceTopic,
} from '../../shared/domain/open-space.ts';
import type { JsonValue } from '../../shared/sync/change.ts';
import { HLC_ZERO, parseHlc, receive, type HlcState } from '../../shared/sync/hlc.ts';
import { applyChange, type RecordState, type TextMerger } from '../../shared/sync/merge.ts';
import type { EntityName } from '../../shared/sync/entities.ts';
import type { SyncedChange } from '../../shared/sync/protocol.ts';
import { mergeKey, type DelaktigDatabase, type MergeStateRow } from './database.ts';
import { CLOCK_KEY } from './outbox.ts';
import { PROPOSAL_MATERIALIZE, proposalTables } from './proposal-apply.ts';

const CURSOR_KEY = 'syncCursor';

interface CursorRow {
  readonly tenantId: string;
  readonly cursor: number;
  /**
   * What the pull covered, when the server filters it: a participant's phone reads only its
   * dialogues, so after joining another one its cursor no longer fits and it reads from 0 again.
   */
  readonly scope?: string;
}

/** The last sequence number pulled for this municipality and scope (0 before the first pull). */
export async function readCursor(db: DelaktigDatabase, tenantId: string, scope = ''): Promise<number> {
  const row = (await db.meta.get(CURSOR_KEY))?.value as CursorRow | undefined;
  return row?.tenantId === tenantId && (row.scope ?? '') === scope ? row.cursor : 0;
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
const count = (value: JsonValue | undefined): number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;

function newest(stamps: Readonly<Record<string, string>>): string {
  return Object.values(stamps).reduce((a, b) => (b > a ? b : a), '');
}

type Row =
  | Dialogue
  | Contribution
  | Translation
  | Respondent
  | Photo
  | Theme
  | Vote
  | Feedback
  | OpenSpaceEvent
  | OpenSpaceTopic
  | OpenSpaceAction
  | OpenSpaceComment
  | NonNullable<ReturnType<(typeof PROPOSAL_MATERIALIZE)[keyof typeof PROPOSAL_MATERIALIZE]>>;

const dotsOf = (value: JsonValue | undefined): Record<string, number> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(
        Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
      )
    : {};

/**
 * A record whose row is its synced values over `defaults` (the Open Space entities): a value of
 * another type than its default's (an array for an array, a string for a string; for a null
 * default, a string, a number or null) is left out, so a bad value from another device never
 * reaches a view as something it cannot show.
 */
const asRow =
  <T extends object>(defaults: T) =>
  (s: RecordState) =>
    unlessDeleted(
      s,
      Object.fromEntries(
        Object.entries(defaults).map(([field, fallback]) => {
          const value = s.values[field];
          const fits =
            Array.isArray(fallback) === Array.isArray(value) &&
            (typeof value === typeof fallback ||
              (fallback === null && (typeof value === 'number' || typeof value === 'string')));
          return [field, fits ? value : fallback];
        }),
      ) as T,
    );

/**
 * A record as the views read it: its id, tenant, creation time and stamp, with `fields`; null for a
 * tombstone. Records are listed by their creation stamp.
 */
function unlessDeleted<T extends object>(
  s: RecordState,
  fields: T,
): (T & { id: string; tenantId: string; createdAt: string; hlc: string }) | null {
  if (s.values.deleted === true) return null;
  return {
    id: s.id,
    tenantId: s.tenantId,
    ...fields,
    createdAt: text(s.values.createdAt),
    hlc: s.stamps.createdAt ?? newest(s.stamps),
  };
}

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
          descriptionLang: optionalText(s.values.descriptionLang),
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
          votingOpen: s.values.votingOpen === true,
          dotsPerParticipant:
            typeof s.values.dotsPerParticipant === 'number' ? s.values.dotsPerParticipant : undefined,
          closedAt: optionalText(s.values.closedAt) ?? null,
          feedbackAt: optionalText(s.values.feedbackAt) ?? null,
          createdAt: text(s.values.createdAt),
          updatedAt: text(s.values.updatedAt, text(s.values.createdAt)),
          createdHlc: text(s.values.createdHlc, s.stamps.createdAt ?? newest(s.stamps)),
          hlc: newest(s.stamps),
        },
  contribution: (s): Contribution | null =>
    unlessDeleted(s, {
      dialogueId: text(s.values.dialogueId),
      // A hidden contribution's words reach admins only (the server leaves them out for others).
      text: text(s.values.text),
      lang: text(s.values.lang, 'und'),
      channel: optionalText(s.values.channel) as ContributionChannel | undefined,
      participantKey: optionalText(s.values.participantKey),
      themeId: optionalText(s.values.themeId) ?? null,
      hidden: s.values.hidden === true,
      hiddenReason: optionalText(s.values.hiddenReason),
      hiddenAt: optionalText(s.values.hiddenAt),
      hiddenBy: optionalText(s.values.hiddenBy),
    }),
  respondent: (s): Respondent | null =>
    unlessDeleted(s, {
      dialogueId: text(s.values.dialogueId),
      participantKey: text(s.values.participantKey),
      ageBand: optionalText(s.values.ageBand),
      gender: optionalText(s.values.gender),
      area: optionalText(s.values.area),
    }),
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
  // A photo is shown only with a type and a thumbnail of ours: never an address to load from elsewhere.
  theme: (s): Theme | null =>
    unlessDeleted(s, {
      dialogueId: text(s.values.dialogueId),
      name: text(s.values.name),
      summary: text(s.values.summary),
      summaryLang: optionalText(s.values.summaryLang),
      order: typeof s.values.order === 'number' ? s.values.order : 0,
    }),
  vote: (s): Vote | null =>
    unlessDeleted(s, {
      dialogueId: text(s.values.dialogueId),
      participantKey: text(s.values.participantKey),
      dots: dotsOf(s.values.dots),
      channel: optionalText(s.values.channel) as Vote['channel'],
    }),
  feedback: (s): Feedback | null =>
    unlessDeleted(s, {
      dialogueId: text(s.values.dialogueId),
      committeeId: text(s.values.committeeId),
      committeeName: text(s.values.committeeName),
      decidedOn: text(s.values.decidedOn),
      text: text(s.values.text),
    }),
  openSpaceEvent: asRow<Omit<OpenSpaceEvent, 'id' | 'tenantId' | 'createdAt' | 'hlc'>>({
    title: '',
    theme: '',
    date: '',
    place: '',
    rooms: [],
    slots: [],
    youngPeople: null,
    politicians: null,
    officials: null,
    status: 'planned',
  }),
  openSpaceTopic: asRow<Omit<OpenSpaceTopic, 'id' | 'tenantId' | 'createdAt' | 'hlc'>>({
    eventId: '',
    title: '',
    convener: '',
    description: '',
    roomId: null,
    slotId: null,
    participants: null,
    notes: '',
    keyPoints: '',
    recommendations: '',
    // Empty: unknown (a topic from before the language was asked, or none chosen yet).
    notesLang: '',
  }),
  openSpaceAction: asRow<Omit<OpenSpaceAction, 'id' | 'tenantId' | 'createdAt' | 'hlc'>>({
    eventId: '',
    topicId: null,
    recommendation: '',
    title: '',
    ownerKind: 'official',
    ownerName: '',
    dueDate: '',
    status: 'open',
  }),
  openSpaceComment: asRow<Omit<OpenSpaceComment, 'id' | 'tenantId' | 'createdAt' | 'hlc'>>({
    actionId: '',
    eventId: '',
    text: '',
    date: '',
    author: '',
  }),
  photo: (s): Photo | null =>
    s.values.deleted === true || !isPhotoMime(s.values.mime) || !isThumbnail(s.values.thumbnail)
      ? null
      : {
          id: s.id,
          tenantId: s.tenantId,
          dialogueId: text(s.values.dialogueId),
          sha256: text(s.values.sha256),
          mime: s.values.mime,
          bytes: count(s.values.bytes),
          width: count(s.values.width),
          height: count(s.values.height),
          thumbnail: s.values.thumbnail,
          ...(typeof s.values.caption === 'string' && s.values.caption !== ''
            ? { caption: s.values.caption }
            : {}),
          createdAt: text(s.values.createdAt),
          hlc: s.stamps.createdAt ?? newest(s.stamps),
        },
  ...PROPOSAL_MATERIALIZE,
};

function tableFor(db: DelaktigDatabase, entity: EntityName) {
  return tablesOf(db)[entity];
}

/** The table each synced entity is shown from. */
function tablesOf(db: DelaktigDatabase) {
  return {
    dialogue: db.dialogues,
    contribution: db.contributions,
    translation: db.translations,
    respondent: db.respondents,
    photo: db.photos,
    theme: db.themes,
    vote: db.votes,
    feedback: db.feedback,
    openSpaceEvent: db.openSpaceEvents,
    openSpaceTopic: db.openSpaceTopics,
    openSpaceAction: db.openSpaceActions,
    openSpaceComment: db.openSpaceComments,
    ...proposalTables(db),
  } satisfies Record<EntityName, unknown>;
}

function toState(row: MergeStateRow): RecordState {
  return {
    entity: row.entity as EntityName,
    id: row.id,
    tenantId: row.tenantId,
    values: row.values as Record<string, JsonValue>,
    stamps: row.stamps,
    texts: row.texts,
  };
}

/** Keys a range read may return before a page's records are read one by one instead. */
const RANGE_READ_FACTOR = 4;

/**
 * The stored merge states of the records a page of changes touches. Asking for each record costs
 * one IndexedDB request per record, and most of a large pull is records the device has never
 * seen. Record ids are UUIDv7, ordered by when they were made, so a page's ids of one entity lie
 * close together, and so do their keys (`mergeKey`): one request lists the keys stored between the
 * lowest and the highest, and only those that exist are read. Should that range hold many other records, it falls back to
 * reading the page's records one by one.
 */
async function storedStates(
  db: DelaktigDatabase,
  changes: readonly SyncedChange[],
): Promise<MergeStateRow[]> {
  const idsByEntity = new Map<string, Set<string>>();
  for (const change of changes) {
    const ids = idsByEntity.get(change.entity) ?? new Set<string>();
    ids.add(change.recordId);
    idsByEntity.set(change.entity, ids);
  }
  const wanted: string[] = [];
  for (const [entity, idSet] of idsByEntity) {
    const keys = [...idSet].map((id) => mergeKey(entity, id)).sort();
    const limit = RANGE_READ_FACTOR * keys.length + 16;
    const stored = await db.mergeStates
      .where(':id')
      .between(keys[0]!, keys.at(-1)!, true, true)
      .limit(limit)
      .primaryKeys();
    if (stored.length >= limit) {
      wanted.push(...keys);
      continue;
    }
    const asked = new Set(keys);
    for (const key of stored) if (asked.has(key)) wanted.push(key);
  }
  const rows = await db.mergeStates.bulkGet(wanted);
  return rows.filter((row): row is MergeStateRow => row !== undefined);
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
  scope = '',
): Promise<void> {
  const applicable = changes.filter((c) => c.entity in MATERIALIZE && c.tenantId === tenantId);
  await db.transaction('rw', [...Object.values(tablesOf(db)), db.mergeStates, db.meta], async () => {
    let clock = ((await db.meta.get(CLOCK_KEY))?.value as HlcState | undefined) ?? HLC_ZERO;
    // The page's merge states in one read and one write per table, not three awaited requests per
    // change: those round trips, not the merging, were most of the cost of applying a page.
    const states = new Map<string, RecordState>();
    for (const row of await storedStates(db, applicable)) states.set(row.key, toState(row));
    for (const change of applicable) {
      // Moving the clock past every stamp seen keeps later local edits newer than what was pulled.
      clock = receive(clock, parseHlc(change.hlc), now);
      const key = mergeKey(change.entity, change.recordId);
      states.set(key, applyChange(states.get(key), change, texts));
    }
    // Every write of the page is queued at once: IndexedDB works through them while the next
    // ones are being cloned, instead of one table's writes waiting for the other's.
    const writes: Promise<unknown>[] = [
      db.mergeStates.bulkPut([...states].map(([key, state]) => ({ key, ...state }))),
    ];
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
      if (shown.length > 0) writes.push(table.bulkPut(shown as Dialogue[]));
      if (gone.length > 0) writes.push(table.bulkDelete(gone));
    }
    await Promise.all(writes);
    await db.meta.put({ key: CLOCK_KEY, value: clock });
    // Never backwards: a late, duplicated answer to an older pull must not make the device re-read.
    const previous = (await db.meta.get(CURSOR_KEY))?.value as CursorRow | undefined;
    const same = previous?.tenantId === tenantId && (previous.scope ?? '') === scope;
    const next = same ? Math.max(previous.cursor, cursor) : cursor;
    await db.meta.put({
      key: CURSOR_KEY,
      value: { tenantId, cursor: next, ...(scope ? { scope } : {}) } satisfies CursorRow,
    });
  });
}

/**
 * After a push, the server may say that the changes it just numbered came straight after this
 * device's cursor `after` (docs/sync-protocol.md, "Not pulling back one's own changes"): they are
 * this device's own, already in its records, so the cursor moves past them instead of pulling them
 * back. Only from a saved cursor of the same municipality and scope at or past `after` (another
 * tab may have pulled meanwhile; a sign-out wipe deletes it, and a device that never pulled
 * pulls), and never backwards.
 */
export async function skipOwnChanges(
  db: DelaktigDatabase,
  tenantId: string,
  after: number,
  cursor: number,
  scope = '',
): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const previous = (await db.meta.get(CURSOR_KEY))?.value as CursorRow | undefined;
    const same = previous?.tenantId === tenantId && (previous.scope ?? '') === scope;
    if (!same || previous.cursor < after || cursor <= previous.cursor) return;
    await db.meta.put({
      key: CURSOR_KEY,
      value: { tenantId, cursor, ...(scope ? { scope } : {}) } satisfies CursorRow,
    });
  });
}
