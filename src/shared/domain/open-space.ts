/**
 * The youth council's Open Space with the municipal executive board (four times a year): an event
 * with rooms and time slots; topics posted on the marketplace by anyone at the council's tablets and
 * placed in the rooms × slots grid; each topic's session notes, key points and recommendations
 * (merged text: several tablets write them at once, offline); actions that come of recommendations,
 * each with an owner, a due date, a status and follow-up comments.
 *
 * Types, limits and pure rules only: no schema library (the input schemas are in open-space-input.ts).
 * The statuses, roles and status machines are in open-space-machines.ts: the first visit loads those
 * (status-machine.ts, entities.ts), and only those.
 */
import type { ActionStatus, EventStatus } from './open-space-machines.ts';

export {
  ACTION_MACHINE,
  ACTION_STATUSES,
  EVENT_MACHINE,
  EVENT_STATUSES,
  OPEN_SPACE_ROLES,
  type ActionStatus,
  type EventStatus,
} from './open-space-machines.ts';

/** Who answers for an action. */
export const OWNER_KINDS = ['politician', 'official', 'committee'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

export const OPEN_SPACE_LIMITS = {
  title: 120,
  theme: 200,
  place: 200,
  /** Rooms and slots: names as lines, this many at most, each this long. */
  gridEntries: 30,
  gridName: 60,
  convener: 40,
  description: 200,
  /** Session notes, key points and recommendations: a whole afternoon typed in, and more. */
  sessionText: 200_000,
  actionTitle: 300,
  ownerName: 120,
  comment: 2_000,
  /** People present, taking part in a session. */
  count: 10_000,
} as const;

/** A room or a time slot of the grid. Its id stays when it is renamed, so placements keep. */
export interface GridEntry {
  readonly id: string;
  readonly name: string;
}

export interface OpenSpaceEvent {
  readonly id: string;
  readonly tenantId: string;
  readonly title: string;
  readonly theme?: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly place?: string;
  readonly rooms: readonly GridEntry[];
  readonly slots: readonly GridEntry[];
  /** Who came: young people, politicians, officials (null: not counted yet). */
  readonly youngPeople: number | null;
  readonly politicians: number | null;
  readonly officials: number | null;
  readonly status: EventStatus;
  readonly createdAt: string;
  readonly hlc: string;
  readonly deleted?: boolean;
}

/** The text fields of a topic's session, each merged from every tablet that wrote it. */
export const SESSION_FIELDS = ['notes', 'keyPoints', 'recommendations'] as const;
export type SessionField = (typeof SESSION_FIELDS)[number];

export interface OpenSpaceTopic {
  readonly id: string;
  readonly tenantId: string;
  readonly eventId: string;
  readonly title: string;
  /** The convener's first name; empty: anonymous. */
  readonly convener: string;
  /** One line about the topic. */
  readonly description: string;
  /** Where it is placed (both null: on the marketplace, not yet placed). */
  readonly roomId: string | null;
  readonly slotId: string | null;
  /** How many took part in the session. */
  readonly participants: number | null;
  readonly notes: string;
  readonly keyPoints: string;
  readonly recommendations: string;
  /**
   * The language (BCP 47) of the notes, key points and recommendations together: one group writes
   * all three in one language. Empty or absent (topics from before it was asked): unknown.
   */
  readonly notesLang?: string;
  readonly createdAt: string;
  readonly hlc: string;
  readonly deleted?: boolean;
}

/** A topic as it is posted: on the marketplace, not placed, no one counted, no notes yet. */
export const POSTED_TOPIC = {
  roomId: null,
  slotId: null,
  participants: null,
  notes: '',
  keyPoints: '',
  recommendations: '',
} as const satisfies Partial<OpenSpaceTopic>;

export interface OpenSpaceAction {
  readonly id: string;
  readonly tenantId: string;
  readonly eventId: string;
  /** The session it came from (null: raised at the event as a whole). */
  readonly topicId: string | null;
  /** The recommendation it was made from, as written then. */
  readonly recommendation: string;
  /** What will be done. */
  readonly title: string;
  readonly ownerKind: OwnerKind;
  readonly ownerName: string;
  /** YYYY-MM-DD. A date in the past is allowed (and flagged). */
  readonly dueDate: string;
  readonly status: ActionStatus;
  readonly createdAt: string;
  readonly hlc: string;
  readonly deleted?: boolean;
}

/** A dated follow-up comment on an action. Append-only: what was said stays said. */
export interface OpenSpaceComment {
  readonly id: string;
  readonly tenantId: string;
  readonly actionId: string;
  readonly eventId: string;
  readonly text: string;
  /** YYYY-MM-DD: the day it is about (defaults to the day it was written). */
  readonly date: string;
  /** The writer's name as the session knew it. */
  readonly author: string;
  readonly createdAt: string;
  readonly hlc: string;
}

/** Still to be done: open or in progress. */
export function isPending(action: Pick<OpenSpaceAction, 'status'>): boolean {
  return action.status === 'open' || action.status === 'inProgress';
}

/** Pending and due before `today` (YYYY-MM-DD, the municipality's date). */
export function isOverdue(action: Pick<OpenSpaceAction, 'status' | 'dueDate'>, today: string): boolean {
  return isPending(action) && action.dueDate !== '' && action.dueDate < today;
}

/** A due date before `today`: allowed (a late note of something already due), but flagged. */
export function dueInPast(dueDate: string, today: string): boolean {
  return dueDate !== '' && dueDate < today;
}

/**
 * The actions of earlier events still to be followed up at `event`: pending actions of every other
 * event held before it (by date, then by creation), oldest due first.
 */
export function actionsToFollowUp(
  event: Pick<OpenSpaceEvent, 'id' | 'date' | 'hlc'>,
  events: readonly Pick<OpenSpaceEvent, 'id' | 'date' | 'hlc'>[],
  actions: readonly OpenSpaceAction[],
): OpenSpaceAction[] {
  const earlier = new Set(
    events
      .filter(
        (e) => e.id !== event.id && (e.date < event.date || (e.date === event.date && e.hlc < event.hlc)),
      )
      .map((e) => e.id),
  );
  return actions
    .filter((a) => earlier.has(a.eventId) && isPending(a))
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.hlc < b.hlc ? -1 : 1));
}

/** The non-empty lines of a session's recommendations: each may become an action. */
export function recommendationLines(recommendations: string): string[] {
  return recommendations
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-*\u2022]|\d+[.)])\s*/, '').trim())
    .filter((line) => line !== '');
}

/** The date (YYYY-MM-DD) it is in `timeZone` at `now`: due dates are days in the municipality. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
