/**
 * A meeting's proceedings as data (the sessions in the grid's order: by slot, then room; the
 * unplaced last) and its actions as CSV rows, made on the device from local data, so the end of a
 * meeting with no network still gives a printed document and a file. Pure, unit-tested.
 */
import {
  isOverdue,
  type OpenSpaceAction,
  type OpenSpaceComment,
  type OpenSpaceEvent,
  type OpenSpaceTopic,
} from '../../../shared/domain/open-space.ts';
import { toCsv } from '../../ui/csv.ts';

export interface SessionRecord {
  readonly topic: OpenSpaceTopic;
  readonly room: string | null;
  readonly slot: string | null;
  readonly actions: readonly OpenSpaceAction[];
}

/** The sessions in the order of the schedule: slot by slot, room by room; unplaced ones last. */
export function sessionsOf(
  event: Pick<OpenSpaceEvent, 'rooms' | 'slots'>,
  topics: readonly OpenSpaceTopic[],
  actions: readonly OpenSpaceAction[],
): SessionRecord[] {
  const slotAt = new Map(event.slots.map((s, i) => [s.id, i]));
  const roomAt = new Map(event.rooms.map((r, i) => [r.id, i]));
  const position = (t: OpenSpaceTopic) => {
    const slot = t.slotId === null ? undefined : slotAt.get(t.slotId);
    const room = t.roomId === null ? undefined : roomAt.get(t.roomId);
    return slot === undefined || room === undefined ? Number.MAX_SAFE_INTEGER : slot * 1000 + room;
  };
  return [...topics]
    .sort((a, b) => position(a) - position(b) || (a.hlc < b.hlc ? -1 : 1))
    .map((topic) => {
      const placed = position(topic) !== Number.MAX_SAFE_INTEGER;
      return {
        topic,
        room: placed ? (event.rooms.find((r) => r.id === topic.roomId)?.name ?? null) : null,
        slot: placed ? (event.slots.find((s) => s.id === topic.slotId)?.name ?? null) : null,
        actions: actions.filter((a) => a.topicId === topic.id),
      };
    });
}

export interface ActionCsvLabels {
  /** Event, date, session, recommendation, action, owner kind, owner, due, status, overdue, follow-up. */
  readonly headers: readonly string[];
  readonly ownerKind: (kind: OpenSpaceAction['ownerKind']) => string;
  readonly status: (status: OpenSpaceAction['status']) => string;
  readonly yesNo: (yes: boolean) => string;
}

/** The actions as a spreadsheet: one row each, the follow-up comments dated in one cell. */
export function actionsCsv(
  event: Pick<OpenSpaceEvent, 'title' | 'date'>,
  topics: readonly Pick<OpenSpaceTopic, 'id' | 'title'>[],
  actions: readonly OpenSpaceAction[],
  comments: ReadonlyMap<string, readonly OpenSpaceComment[]>,
  labels: ActionCsvLabels,
  today: string,
): string {
  return toCsv([
    labels.headers,
    ...actions.map((a) => [
      event.title,
      event.date,
      topics.find((t) => t.id === a.topicId)?.title ?? '',
      a.recommendation,
      a.title,
      labels.ownerKind(a.ownerKind),
      a.ownerName,
      a.dueDate,
      labels.status(a.status),
      labels.yesNo(isOverdue(a, today)),
      (comments.get(a.id) ?? []).map((c) => `${c.date} ${c.author}: ${c.text}`).join('\n'),
    ]),
  ]);
}
