/**
 * The youth council's Open Space on this device: events, and the topics posted on their
 * marketplace, placed in the rooms × slots grid, with their session notes (merged text). Every write
 * is validated, stored and queued for sync in one step, so all of it works with no network.
 */
import { v7 as uuidv7 } from 'uuid';
import {
  EVENT_MACHINE,
  POSTED_TOPIC,
  type GridEntry,
  type OpenSpaceEvent,
  type OpenSpaceTopic,
  type SessionField,
} from '../../shared/domain/open-space.ts';
import type { EventCounts, EventInput, TopicInput } from '../../shared/domain/open-space-input.ts';
import { checkCommand } from '../../shared/domain/status-machine.ts';
import type { DelaktigDatabase } from './database.ts';
import { CommandRefused } from './dialogue-repository.ts';
import { writeWithChange, type WriteContext } from './outbox.ts';
import { editTextField, readTextField, type TextFieldState } from './text-fields.ts';
import { validate } from './validate.ts';

/** A grid cell another topic already holds: nothing is moved, the person is told which topic. */
export class SlotTaken extends Error {
  readonly occupant: OpenSpaceTopic;
  constructor(occupant: OpenSpaceTopic) {
    super(`The slot is already taken by "${occupant.title}"`);
    this.name = 'SlotTaken';
    this.occupant = occupant;
  }
}

export interface Cell {
  readonly roomId: string;
  readonly slotId: string;
}

/**
 * Names as typed to entries with ids: a name that was there keeps its id; a renamed one takes the
 * id of the one it replaced at the same place in the list, so topics placed in it stay there.
 */
export function keepIds(previous: readonly GridEntry[], names: readonly string[]): GridEntry[] {
  const byName = new Map(previous.map((entry) => [entry.name, entry.id]));
  const kept = new Set(names.flatMap((name) => (byName.has(name) ? [byName.get(name)!] : [])));
  const free = previous.filter((entry) => !kept.has(entry.id)).map((entry) => entry.id);
  return names.map((name) => ({ id: byName.get(name) ?? free.shift() ?? uuidv7(), name }));
}

export class OpenSpaceRepository {
  readonly #db: DelaktigDatabase;

  constructor(db: DelaktigDatabase) {
    this.#db = db;
  }

  /** A new event, planned. Throws ValidationError (no title, no date), saving nothing. */
  async createEvent(input: EventInput, context: WriteContext): Promise<OpenSpaceEvent> {
    const valid = await validate('openSpaceEvent', input);
    const id = uuidv7();
    return writeWithChange(this.#db, context, {
      entity: 'openSpaceEvent',
      table: this.#db.openSpaceEvents,
      build: (stamp) => ({
        id,
        tenantId: context.tenantId,
        title: valid.title,
        theme: valid.theme,
        date: valid.date,
        place: valid.place,
        rooms: keepIds([], valid.rooms),
        slots: keepIds([], valid.slots),
        youngPeople: null,
        politicians: null,
        officials: null,
        status: 'planned',
        createdAt: stamp.at,
        hlc: stamp.hlc,
      }),
      fields: ['title', 'theme', 'date', 'place', 'rooms', 'slots', 'status', 'createdAt'],
    });
  }

  /** Change the details, rooms and slots. A room that goes away leaves its topics on the marketplace. */
  async updateEvent(id: string, input: EventInput, context: WriteContext): Promise<OpenSpaceEvent> {
    const valid = await validate('openSpaceEvent', input);
    const existing = await this.#event(id);
    return writeWithChange(this.#db, context, {
      entity: 'openSpaceEvent',
      table: this.#db.openSpaceEvents,
      build: (stamp) => ({
        ...existing,
        title: valid.title,
        theme: valid.theme,
        date: valid.date,
        place: valid.place,
        rooms: keepIds(existing.rooms, valid.rooms),
        slots: keepIds(existing.slots, valid.slots),
        hlc: stamp.hlc,
      }),
      fields: ['title', 'theme', 'date', 'place', 'rooms', 'slots'],
    });
  }

  /** How many young people, politicians and officials came. */
  async setCounts(id: string, counts: EventCounts, context: WriteContext): Promise<OpenSpaceEvent> {
    const valid = await validate('openSpaceCounts', counts);
    const existing = await this.#event(id);
    return writeWithChange(this.#db, context, {
      entity: 'openSpaceEvent',
      table: this.#db.openSpaceEvents,
      build: (stamp) => ({ ...existing, ...valid, hlc: stamp.hlc }),
      fields: ['youngPeople', 'politicians', 'officials'],
    });
  }

  /** Start, close or reopen the event (checked again by the server: status-machine.ts). */
  async transitionEvent(id: string, command: string, context: WriteContext): Promise<OpenSpaceEvent> {
    const existing = await this.#event(id);
    const check = checkCommand(EVENT_MACHINE, command, existing.status, null);
    if (!check.ok) throw new CommandRefused(command, existing.status, check.code);
    return writeWithChange(this.#db, context, {
      entity: 'openSpaceEvent',
      table: this.#db.openSpaceEvents,
      build: (stamp) => ({ ...existing, status: check.to, hlc: stamp.hlc }),
      fields: ['status'],
      command,
    });
  }

  getEvent(id: string): Promise<OpenSpaceEvent | undefined> {
    return this.#db.openSpaceEvents.get(id);
  }

  /** The municipality's events on this device, the latest date first. */
  async listEvents(tenantId: string): Promise<OpenSpaceEvent[]> {
    const all = await this.#db.openSpaceEvents.where('tenantId').equals(tenantId).toArray();
    return all.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.hlc < b.hlc ? 1 : -1));
  }

  /** Post a topic on the marketplace (not placed yet). Throws ValidationError (no title), saving nothing. */
  async createTopic(input: TopicInput, context: WriteContext): Promise<OpenSpaceTopic> {
    const valid = await validate('openSpaceTopic', input);
    await this.#event(valid.eventId);
    const id = uuidv7();
    return writeWithChange(this.#db, context, {
      entity: 'openSpaceTopic',
      table: this.#db.openSpaceTopics,
      build: (stamp) => ({
        id,
        tenantId: context.tenantId,
        eventId: valid.eventId,
        title: valid.title,
        convener: valid.convener,
        description: valid.description,
        ...POSTED_TOPIC,
        createdAt: stamp.at,
        hlc: stamp.hlc,
      }),
      fields: ['eventId', 'title', 'convener', 'description', 'roomId', 'slotId', 'createdAt'],
    });
  }

  /**
   * Place a topic in a room and slot (null: back to the marketplace). A cell another topic holds on
   * this device is refused with SlotTaken, nothing moved. (Two tablets offline can still place two
   * topics in one cell; the grid then shows the clash: grid.ts.)
   */
  async placeTopic(topicId: string, cell: Cell | null, context: WriteContext): Promise<OpenSpaceTopic> {
    return this.#db.transaction(
      'rw',
      [this.#db.openSpaceTopics, this.#db.outbox, this.#db.meta, this.#db.mergeChunks],
      async () => {
        const topic = await this.#topic(topicId);
        if (cell) {
          const others = await this.listTopics(topic.eventId);
          const occupant = others.find(
            (t) => t.id !== topicId && t.roomId === cell.roomId && t.slotId === cell.slotId,
          );
          if (occupant) throw new SlotTaken(occupant);
        }
        return writeWithChange(this.#db, context, {
          entity: 'openSpaceTopic',
          table: this.#db.openSpaceTopics,
          build: (stamp) => ({
            ...topic,
            roomId: cell?.roomId ?? null,
            slotId: cell?.slotId ?? null,
            hlc: stamp.hlc,
          }),
          fields: ['roomId', 'slotId'],
        });
      },
    );
  }

  /** How many took part in the session. */
  async setParticipants(topicId: string, participants: number | null, context: WriteContext): Promise<void> {
    const valid = await validate('openSpaceParticipants', { participants });
    const topic = await this.#topic(topicId);
    await writeWithChange(this.#db, context, {
      entity: 'openSpaceTopic',
      table: this.#db.openSpaceTopics,
      build: (stamp) => ({ ...topic, participants: valid.participants, hlc: stamp.hlc }),
      fields: ['participants'],
    });
  }

  /** Edit a session's notes, key points or recommendations, merged with what other tablets wrote. */
  async editSessionText(
    topicId: string,
    field: SessionField,
    text: string,
    context: WriteContext,
    baseState?: string,
  ): Promise<TextFieldState> {
    const valid = await validate('openSpaceSessionText', { text });
    return editTextField(this.#db, context, {
      entity: 'openSpaceTopic',
      recordId: topicId,
      field,
      text: valid.text,
      baseState,
    });
  }

  /**
   * Set the language of a session's notes, key points and recommendations (one for the three; last
   * choice wins). Throws ValidationError on a bad tag.
   */
  async setNotesLang(topicId: string, lang: string, context: WriteContext): Promise<OpenSpaceTopic> {
    const { notesLang } = await validate('openSpaceNotesLang', { notesLang: lang });
    const topic = await this.#topic(topicId);
    if (topic.notesLang === notesLang) return topic;
    return writeWithChange(this.#db, context, {
      entity: 'openSpaceTopic',
      table: this.#db.openSpaceTopics,
      build: (stamp) => ({ ...topic, notesLang, hlc: stamp.hlc }),
      fields: ['notesLang'],
    });
  }

  sessionText(topicId: string, field: SessionField): Promise<TextFieldState> {
    return readTextField(this.#db, 'openSpaceTopic', topicId, field);
  }

  getTopic(id: string): Promise<OpenSpaceTopic | undefined> {
    return this.#db.openSpaceTopics.get(id);
  }

  /** An event's topics in the order they were posted. */
  async listTopics(eventId: string): Promise<OpenSpaceTopic[]> {
    const all = await this.#db.openSpaceTopics.where('eventId').equals(eventId).toArray();
    return all.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  }

  async #event(id: string): Promise<OpenSpaceEvent> {
    const event = await this.#db.openSpaceEvents.get(id);
    if (!event) throw new Error(`No Open Space event ${id} on this device`);
    return event;
  }

  async #topic(id: string): Promise<OpenSpaceTopic> {
    const topic = await this.#db.openSpaceTopics.get(id);
    if (!topic) throw new Error(`No Open Space topic ${id} on this device`);
    return topic;
  }
}
