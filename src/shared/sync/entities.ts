/**
 * What travels through sync, entity by entity: its fields and how each merges, and which roles may
 * read, create and change it. The server checks every pushed change against this table and a pull
 * only returns what the role may read; the client uses the same table to know what it may offer.
 *
 * Field kinds:
 * - `lww`: last writer wins, per field, by hybrid-clock stamp (ties cannot happen: a stamp carries
 *   its device id, and one device never repeats a stamp).
 * - `text`: free text that several people edit at once (notes, summaries): a Yjs document; changes
 *   carry Yjs updates (base64) and merge without losing either side's words.
 * - `once`: set when the record is created and never changed (creation stamp, the dialogue a
 *   contribution belongs to). A later change to it is refused.
 *
 * Every entity also has the lww field `deleted` (a tombstone: records are never removed, so a
 * device offline for a week still learns that a record went away).
 */
import type { Role } from '../domain/account.ts';
import type { JsonValue } from './change.ts';

export type FieldKind = 'lww' | 'text' | 'once';

/**
 * Who acts in sync: a signed-in role, or a participant: an anonymous phone that joined dialogues by
 * their codes (src/server/participants). A participant reads only what `participant.read` lists of
 * records in the dialogues it joined, and creates only what `participant.create` allows there.
 */
export type SyncRole = Role | 'participant';

export interface ParticipantAccess {
  /** The fields a participant's phone receives; the others are left out of what it pulls. */
  readonly read: readonly string[];
  /** The fields a participant may set when creating a record in a dialogue it joined (none: may not). */
  readonly create?: readonly string[];
}

export interface EntityDefinition {
  readonly fields: Readonly<Record<string, FieldKind>>;
  /** Append-only: once created, the record is never changed (translations). */
  readonly appendOnly: boolean;
  readonly read: readonly Role[];
  readonly create: readonly Role[];
  readonly update: readonly Role[];
  /** Fields only the server sets (a dialogue's join code): a device's change to them is refused. */
  readonly serverOnly?: readonly string[];
  /**
   * The dialogue a record belongs to, from its merged values, or null: participants of that dialogue
   * may read it (as `participant.read` allows). Without it, no participant reads the entity.
   */
  readonly scope?: (id: string, values: Readonly<Record<string, JsonValue>>) => string | null;
  readonly participant?: ParticipantAccess;
}

const STAFF: readonly Role[] = [
  'admin',
  'facilitator',
  'youthCouncil',
  'youthDeveloper',
  'official',
  'politician',
];

const dialogueOf = (_id: string, values: Readonly<Record<string, JsonValue>>): string | null =>
  typeof values.dialogueId === 'string' ? values.dialogueId : null;

export const ENTITY_DEFINITIONS = {
  dialogue: {
    fields: {
      title: 'lww',
      question: 'lww',
      // Notes several facilitators may write at once, offline: merged, never overwritten.
      description: 'text',
      status: 'lww',
      targetGroup: 'lww',
      ageFrom: 'lww',
      ageTo: 'lww',
      method: 'lww',
      place: 'lww',
      startsAt: 'lww',
      focusAreas: 'lww',
      articles: 'lww',
      facilitators: 'lww',
      backgroundQuestions: 'lww',
      areaOptions: 'lww',
      joinCode: 'lww',
      createdAt: 'once',
      createdHlc: 'once',
      updatedAt: 'lww',
      deleted: 'lww',
    },
    appendOnly: false,
    read: STAFF,
    create: ['admin', 'facilitator'],
    update: ['admin', 'facilitator'],
    serverOnly: ['joinCode'],
    scope: (id) => id,
    participant: {
      read: ['title', 'question', 'status', 'backgroundQuestions', 'areaOptions', 'joinCode', 'deleted'],
    },
  },
  contribution: {
    fields: {
      dialogueId: 'once',
      text: 'once',
      lang: 'once',
      channel: 'once',
      participantKey: 'once',
      background: 'once',
      createdAt: 'once',
      // Moderation: set by facilitators and admins; the change log keeps who did it and when.
      hidden: 'lww',
      hiddenReason: 'lww',
      hiddenAt: 'lww',
      hiddenBy: 'lww',
      deleted: 'lww',
    },
    appendOnly: false,
    read: STAFF,
    create: ['admin', 'facilitator', 'youthCouncil'],
    update: ['admin', 'facilitator'],
    // A participant never reads contributions (not even its own from the server: it has them).
    scope: dialogueOf,
    participant: {
      read: [],
      create: ['dialogueId', 'text', 'lang', 'channel', 'participantKey', 'background', 'createdAt'],
    },
  },
  translation: {
    fields: {
      dialogueId: 'once',
      targetEntity: 'once',
      targetId: 'once',
      field: 'once',
      lang: 'once',
      text: 'once',
      translatedBy: 'once',
      createdAt: 'once',
      deleted: 'lww',
    },
    appendOnly: true,
    read: STAFF,
    create: ['admin', 'facilitator', 'official'],
    update: [],
    // Participants read translations of their dialogue's question, not of others' contributions.
    scope: (id, values) => (values.targetEntity === 'contribution' ? null : dialogueOf(id, values)),
    participant: {
      read: ['dialogueId', 'targetEntity', 'targetId', 'field', 'lang', 'text', 'createdAt', 'deleted'],
    },
  },
} as const satisfies Record<string, EntityDefinition>;

export type EntityName = keyof typeof ENTITY_DEFINITIONS;
export const ENTITIES = Object.keys(ENTITY_DEFINITIONS) as EntityName[];

export function entityDefinition(entity: string): EntityDefinition | undefined {
  return Object.hasOwn(ENTITY_DEFINITIONS, entity) ? ENTITY_DEFINITIONS[entity as EntityName] : undefined;
}

export function mayRead(role: SyncRole, entity: EntityName): boolean {
  const definition: EntityDefinition = ENTITY_DEFINITIONS[entity];
  if (role === 'participant') return definition.participant !== undefined && definition.scope !== undefined;
  return definition.read.includes(role);
}

/** The dialogue a record belongs to, for participants' reads (null: none of theirs). */
export function scopeOf(
  entity: string,
  id: string,
  values: Readonly<Record<string, JsonValue>>,
): string | null {
  return entityDefinition(entity)?.scope?.(id, values) ?? null;
}
