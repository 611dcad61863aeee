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

export type FieldKind = 'lww' | 'text' | 'once';

export interface EntityDefinition {
  readonly fields: Readonly<Record<string, FieldKind>>;
  /** Append-only: once created, the record is never changed (contributions). */
  readonly appendOnly: boolean;
  readonly read: readonly Role[];
  readonly create: readonly Role[];
  readonly update: readonly Role[];
}

const STAFF: readonly Role[] = [
  'admin',
  'facilitator',
  'youthCouncil',
  'youthDeveloper',
  'official',
  'politician',
];

export const ENTITY_DEFINITIONS = {
  dialogue: {
    fields: {
      title: 'lww',
      question: 'lww',
      // Notes several facilitators may write at once, offline: merged, never overwritten.
      description: 'text',
      status: 'lww',
      createdAt: 'once',
      createdHlc: 'once',
      updatedAt: 'lww',
      deleted: 'lww',
    },
    appendOnly: false,
    read: STAFF,
    create: ['admin', 'facilitator'],
    update: ['admin', 'facilitator'],
  },
  contribution: {
    fields: {
      dialogueId: 'once',
      text: 'once',
      lang: 'once',
      createdAt: 'once',
      deleted: 'lww',
    },
    appendOnly: true,
    read: STAFF,
    create: ['admin', 'facilitator', 'youthCouncil'],
    update: [],
  },
  // Photos of flipcharts and post-it walls (src/shared/domain/photo.ts). The image itself is
  // uploaded apart, content-addressed by sha256 (/api/blobs); the record carries a small thumbnail.
  photo: {
    fields: {
      dialogueId: 'once',
      sha256: 'once',
      mime: 'once',
      bytes: 'once',
      width: 'once',
      height: 'once',
      thumbnail: 'once',
      caption: 'lww',
      createdAt: 'once',
      deleted: 'lww',
    },
    appendOnly: false,
    read: STAFF,
    create: ['admin', 'facilitator'],
    update: ['admin', 'facilitator'],
  },
} as const satisfies Record<string, EntityDefinition>;

export type EntityName = keyof typeof ENTITY_DEFINITIONS;
export const ENTITIES = Object.keys(ENTITY_DEFINITIONS) as EntityName[];

export function entityDefinition(entity: string): EntityDefinition | undefined {
  return Object.hasOwn(ENTITY_DEFINITIONS, entity) ? ENTITY_DEFINITIONS[entity as EntityName] : undefined;
}

export function mayRead(role: Role, entity: EntityName): boolean {
  return (ENTITY_DEFINITIONS[entity].read as readonly Role[]).includes(role);
}
