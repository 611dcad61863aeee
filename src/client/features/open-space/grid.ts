/**
 * An Open Space event's grid as data, without a DOM: rows of time slots, a cell per room, the
 * topics placed in each; the marketplace (topics not placed, or placed in a room or slot that is no
 * longer on the event, so none is ever out of sight); and the clashes: cells holding more than one
 * topic, which two tablets placing offline can make and the grid must show, never hide. Pure.
 */
import type { GridEntry, OpenSpaceEvent, OpenSpaceTopic } from '../../../shared/domain/open-space.ts';

export interface GridCell {
  readonly room: GridEntry;
  readonly slot: GridEntry;
  /** The topics placed here, in the order they were posted; more than one is a clash. */
  readonly topics: readonly OpenSpaceTopic[];
}

export interface GridView {
  readonly rows: readonly { readonly slot: GridEntry; readonly cells: readonly GridCell[] }[];
  readonly marketplace: readonly OpenSpaceTopic[];
  readonly clashes: readonly GridCell[];
}

/** What a dragged topic carries (a type of our own: dropped into a text area, it inserts nothing). */
export const TOPIC_DRAG_TYPE = 'application/x-delaktig-topic';

export function gridOf(
  event: Pick<OpenSpaceEvent, 'rooms' | 'slots'>,
  topics: readonly OpenSpaceTopic[],
): GridView {
  const byCell = new Map<string, OpenSpaceTopic[]>();
  const key = (roomId: string, slotId: string) => `${roomId}\u0000${slotId}`;
  const rooms = new Set(event.rooms.map((r) => r.id));
  const slots = new Set(event.slots.map((s) => s.id));
  const marketplace: OpenSpaceTopic[] = [];
  const posted = [...topics].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  for (const topic of posted) {
    if (topic.roomId && topic.slotId && rooms.has(topic.roomId) && slots.has(topic.slotId)) {
      const k = key(topic.roomId, topic.slotId);
      byCell.set(k, [...(byCell.get(k) ?? []), topic]);
    } else marketplace.push(topic);
  }
  const rows = event.slots.map((slot) => ({
    slot,
    cells: event.rooms.map((room) => ({ room, slot, topics: byCell.get(key(room.id, slot.id)) ?? [] })),
  }));
  return { rows, marketplace, clashes: rows.flatMap((row) => row.cells.filter((c) => c.topics.length > 1)) };
}

/** Where a topic is placed, by name ("Sal A", "13.00"), or null when it is on the marketplace. */
export function placeOf(
  event: Pick<OpenSpaceEvent, 'rooms' | 'slots'>,
  topic: Pick<OpenSpaceTopic, 'roomId' | 'slotId'>,
): { room: string; slot: string } | null {
  const room = event.rooms.find((r) => r.id === topic.roomId);
  const slot = event.slots.find((s) => s.id === topic.slotId);
  return room && slot ? { room: room.name, slot: slot.name } : null;
}
