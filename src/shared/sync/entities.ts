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
import { OPEN_SPACE_ROLES } from '../domain/open-space-machines.ts';
import { DIALOGUE_CREATORS } from '../domain/roles.ts';

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

/** Who runs the youth developers' programme: cohorts and assignments. */
const PROPOSAL_STAFF: readonly Role[] = ['admin', 'facilitator', 'official'];

const dialogueOf = (_id: string, values: Readonly<Record<string, JsonValue>>): string | null =>
  typeof values.dialogueId === 'string' ? values.dialogueId : null;

export const ENTITY_DEFINITIONS = {
  dialogue: {
    fields: {
      title: 'lww',
      question: 'lww',
      // Notes several facilitators may write at once, offline: merged, never overwritten.
      description: 'text',
      // The notes' language (BCP 47), chosen beside them: the last choice wins. Absent: unknown.
      descriptionLang: 'lww',
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
      // Dot voting: open or not, and how many dots each participant has.
      votingOpen: 'lww',
      dotsPerParticipant: 'lww',
      // Set with the close and giveFeedback commands (status-machine.ts stamps).
      closedAt: 'lww',
      feedbackAt: 'lww',
      createdAt: 'once',
      createdHlc: 'once',
      updatedAt: 'lww',
      deleted: 'lww',
    },
    appendOnly: false,
    read: STAFF,
    create: DIALOGUE_CREATORS,
    update: ['admin', 'facilitator'],
    serverOnly: ['joinCode'],
    scope: (id) => id,
    participant: {
      read: [
        'title',
        'question',
        'status',
        'backgroundQuestions',
        'areaOptions',
        'joinCode',
        'votingOpen',
        'dotsPerParticipant',
        'deleted',
      ],
    },
  },
  contribution: {
    fields: {
      dialogueId: 'once',
      text: 'once',
      lang: 'once',
      channel: 'once',
      participantKey: 'once',
      createdAt: 'once',
      // Moderation: set by facilitators and admins; the change log keeps who did it and when.
      hidden: 'lww',
      hiddenReason: 'lww',
      hiddenAt: 'lww',
      hiddenBy: 'lww',
      // The theme it is grouped in (theme.ts); none: ungrouped.
      themeId: 'lww',
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
      create: ['dialogueId', 'text', 'lang', 'channel', 'participantKey', 'createdAt'],
    },
  },
  theme: {
    fields: {
      dialogueId: 'once',
      name: 'lww',
      // Written by several facilitators at once: merged, never overwritten.
      summary: 'text',
      // The summary's language (BCP 47): the last choice wins. Absent: unknown.
      summaryLang: 'lww',
      order: 'lww',
      createdAt: 'once',
      deleted: 'lww',
    },
    appendOnly: false,
    read: STAFF,
    create: ['admin', 'facilitator'],
    update: ['admin', 'facilitator'],
    scope: dialogueOf,
    participant: { read: ['dialogueId', 'name', 'order', 'deleted'] },
  },
  // One participant's dots over the themes, made once while voting is open (vote.ts).
  vote: {
    fields: {
      dialogueId: 'once',
      participantKey: 'once',
      dots: 'once',
      channel: 'once',
      createdAt: 'once',
      deleted: 'lww',
    },
    appendOnly: true,
    read: STAFF,
    create: ['admin', 'facilitator', 'youthCouncil'],
    update: [],
    scope: dialogueOf,
    participant: { read: [], create: ['dialogueId', 'participantKey', 'dots', 'channel', 'createdAt'] },
  },
  // What was decided, for the participants to read (feedback.ts).
  feedback: {
    fields: {
      dialogueId: 'once',
      committeeId: 'lww',
      committeeName: 'lww',
      decidedOn: 'lww',
      text: 'lww',
      createdAt: 'once',
      deleted: 'lww',
    },
    appendOnly: false,
    read: STAFF,
    create: ['admin', 'facilitator', 'official'],
    update: ['admin', 'facilitator', 'official'],
    scope: dialogueOf,
    participant: { read: ['dialogueId', 'committeeName', 'decidedOn', 'text', 'createdAt', 'deleted'] },
  },
  // A participant's anonymous answers to the background questions: one per participant and dialogue.
  respondent: {
    fields: {
      dialogueId: 'once',
      participantKey: 'once',
      ageBand: 'once',
      gender: 'once',
      area: 'once',
      createdAt: 'once',
      deleted: 'lww',
    },
    appendOnly: true,
    read: STAFF,
    create: ['admin', 'facilitator', 'youthCouncil'],
    update: [],
    scope: dialogueOf,
    participant: {
      read: [],
      create: ['dialogueId', 'participantKey', 'ageBand', 'gender', 'area', 'createdAt'],
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
  // The youth council's Open Space (src/shared/domain/open-space.ts, docs/open-space.md). The
  // council's tablets run the meeting (events, topics, notes); those who answer for actions
  // (officials, politicians) move them on and comment. Statuses change by commands only.
  openSpaceEvent: {
    fields: {
      title: 'lww',
      theme: 'lww',
      date: 'lww',
      place: 'lww',
      // Lists of { id, name }: a renamed room keeps its id, so topics placed in it stay.
      rooms: 'lww',
      slots: 'lww',
      youngPeople: 'lww',
      politicians: 'lww',
      officials: 'lww',
      status: 'lww',
      createdAt: 'once',
      deleted: 'lww',
    },
    appendOnly: false,
    read: STAFF,
    create: OPEN_SPACE_ROLES.meeting,
    update: OPEN_SPACE_ROLES.meeting,
  },
  openSpaceTopic: {
    fields: {
      eventId: 'once',
      title: 'lww',
      convener: 'lww',
      description: 'lww',
      // Placement: the last move wins; two tablets placing two topics in one cell offline is a
      // clash the grid shows, never hides.
      roomId: 'lww',
      slotId: 'lww',
      participants: 'lww',
      // Written by several tablets at once, offline: merged, every sentence kept.
      notes: 'text',
      keyPoints: 'text',
      recommendations: 'text',
      // One language (BCP 47) for the session's notes, key points and recommendations, which one
      // group writes together: the last choice wins. Absent: unknown.
      notesLang: 'lww',
      createdAt: 'once',
      deleted: 'lww',
    },
    appendOnly: false,
    read: STAFF,
    create: OPEN_SPACE_ROLES.meeting,
    update: OPEN_SPACE_ROLES.meeting,
  },
  openSpaceAction: {
    fields: {
      eventId: 'once',
      topicId: 'once',
      recommendation: 'once',
      title: 'lww',
      ownerKind: 'lww',
      ownerName: 'lww',
      dueDate: 'lww',
      status: 'lww',
      createdAt: 'once',
      deleted: 'lww',
    },
    appendOnly: false,
    read: STAFF,
    create: OPEN_SPACE_ROLES.createAction,
    update: OPEN_SPACE_ROLES.followUp,
  },
  openSpaceComment: {
    fields: {
      actionId: 'once',
      eventId: 'once',
      text: 'once',
      date: 'once',
      author: 'once',
      createdAt: 'once',
      deleted: 'lww',
    },
    appendOnly: true,
    read: STAFF,
    create: OPEN_SPACE_ROLES.comment,
    update: [],
  },
  // Summer youth developers (src/shared/domain/proposal.ts, docs/proposals.md).
  cohort: {
    fields: {
      year: 'lww',
      weeks: 'lww',
      supervisor: 'lww',
      // [{ id, name, consent }]: a name is shown in reports only with its consent flag.
      members: 'lww',
      createdAt: 'once',
      deleted: 'lww',
    },
    appendOnly: false,
    read: STAFF,
    create: PROPOSAL_STAFF,
    update: PROPOSAL_STAFF,
  },
  assignment: {
    fields: {
      cohortId: 'lww',
      committeeId: 'lww',
      committeeName: 'lww',
      question: 'lww',
      background: 'lww',
      articles: 'lww',
      createdAt: 'once',
      deleted: 'lww',
    },
    appendOnly: false,
    read: STAFF,
    create: PROPOSAL_STAFF,
    update: PROPOSAL_STAFF,
  },
  proposal: {
    fields: {
      year: 'lww',
      cohortId: 'lww',
      assignmentId: 'lww',
      lang: 'lww',
      title: 'lww',
      summary: 'lww',
      background: 'lww',
      dialogueIds: 'lww',
      proposal: 'lww',
      articles: 'lww',
      focusAreas: 'lww',
      affected: 'lww',
      effort: 'lww',
      committeeId: 'lww',
      committeeName: 'lww',
      authorIds: 'lww',
      // Set only by lifecycle commands (proposal-lifecycle.ts; the server refuses plain edits).
      status: 'lww',
      submittedAt: 'lww',
      decidedAt: 'lww',
      outcome: 'lww',
      decisionText: 'lww',
      decisionBodyId: 'lww',
      decisionBodyName: 'lww',
      decidedOn: 'lww',
      followUpNote: 'lww',
      imported: 'once',
      createdAt: 'once',
      createdHlc: 'once',
      updatedAt: 'lww',
      deleted: 'lww',
    },
    appendOnly: false,
    read: STAFF,
    create: ['admin', 'youthDeveloper'],
    update: ['admin', 'youthDeveloper'],
  },
  // A politician's or official's written answer; who wrote it is set by the server.
  proposalResponse: {
    fields: {
      proposalId: 'once',
      text: 'once',
      lang: 'once',
      authorName: 'once',
      authorRole: 'once',
      createdAt: 'once',
      deleted: 'lww',
    },
    appendOnly: true,
    read: STAFF,
    create: ['admin', 'official', 'politician'],
    update: [],
    serverOnly: ['authorName', 'authorRole'],
  },
  // A proposal's history: made only by the server, when it accepts a step (no device may create one).
  proposalEvent: {
    fields: {
      proposalId: 'once',
      command: 'once',
      status: 'once',
      actorName: 'once',
      actorRole: 'once',
      at: 'once',
      deviceAt: 'once',
      createdAt: 'once',
      deleted: 'lww',
    },
    appendOnly: true,
    read: STAFF,
    create: [],
    update: [],
  },
  // A file beside a proposal: uploaded like a photo's image (content-addressed, /api/blobs).
  proposalAttachment: {
    fields: {
      proposalId: 'once',
      sha256: 'once',
      mime: 'once',
      bytes: 'once',
      name: 'lww',
      createdAt: 'once',
      deleted: 'lww',
    },
    appendOnly: false,
    read: STAFF,
    create: ['admin', 'youthDeveloper'],
    update: ['admin', 'youthDeveloper'],
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
