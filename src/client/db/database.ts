/**
 * The one IndexedDB database of the app, through Dexie.
 *
 * Schema versions are only ever appended: never edit a version that has shipped, add a new one
 * (with an upgrade function when data must move). tests/unit/client/db/schema.test.ts opens every
 * older version with data in it and upgrades it to the newest.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { Dialogue } from '../../shared/domain/dialogue.ts';
import type { Contribution } from '../../shared/domain/contribution.ts';
import type { Translation } from '../../shared/domain/translation.ts';
import type { Respondent } from '../../shared/domain/respondent.ts';
import type { Theme } from '../../shared/domain/theme.ts';
import type { Vote } from '../../shared/domain/vote.ts';
import type { Feedback } from '../../shared/domain/feedback.ts';
import type { Photo } from '../../shared/domain/photo.ts';
import type { BlobMime } from '../../shared/domain/blob-types.ts';
import type { Change } from '../../shared/sync/change.ts';
import { chunksOf } from './merge-states.ts';
import type {
  Assignment,
  Cohort,
  Proposal,
  ProposalAttachment,
  ProposalEvent,
  ProposalResponse,
} from '../../shared/domain/proposal.ts';
import type {
  OpenSpaceAction,
  OpenSpaceComment,
  OpenSpaceEvent,
  OpenSpaceTopic,
} from '../../shared/domain/open-space.ts';

/** A change waiting to be acknowledged by the server. Kept until then, however long that takes. */
export interface OutboxRow extends Change {
  /** Insertion order (auto-increment): the order changes are pushed in. */
  readonly seq?: number;
  /** UTC ISO time of the local write. */
  readonly queuedAt: string;
  /**
   * Set when the server refused the change (unknown field, not allowed, …). A refused change stays
   * here, shown to the user, and is not pushed again; it is never dropped silently.
   */
  readonly rejection?: { readonly code: string; readonly message: string; readonly field?: string };
  /**
   * Set on changes imported from a file (local-data.ts): unlike a change written here, its record
   * is not on this device until a pull brings it, so a push of it never skips the pull
   * (`skipOwnChanges` in sync-apply.ts).
   */
  readonly imported?: true;
}

/** A form being typed: autosaved so that a reload (an app update, a dead battery) loses nothing. */
export interface Draft {
  /** Which form, e.g. "new-dialogue" or "contribution:<dialogue id>". */
  readonly key: string;
  readonly values: Readonly<Record<string, string>>;
  readonly savedAt: string;
}

/** The device session of whoever is signed in on this device (one row, key "current"). */
export interface SessionRow {
  readonly key: 'current';
  readonly token: string;
  readonly sessionId: string;
  readonly expiresAt: string;
  readonly user: {
    readonly id: string;
    readonly username: string;
    readonly displayName: string;
    readonly role: string;
    readonly kind: 'person' | 'device';
  };
  readonly municipality: {
    readonly id: string;
    readonly name: string;
    readonly timeZone: string;
    readonly committees: readonly { readonly id: string; readonly name: string }[];
  };
  /** Set when the server said the session is expired or revoked: sync pauses, "sign in again". */
  readonly invalidAt?: string;
}

/**
 * Per record, what the merge rule needs (src/shared/sync/merge.ts RecordState): each field's value
 * and stamp, and the merged text states. The domain tables hold what views read; this holds how it
 * came to be, so that local and pulled changes merge the same way on every device.
 */
export interface MergeStateRow {
  /** `mergeKey(entity, id)`. */
  readonly key: string;
  readonly entity: string;
  readonly id: string;
  readonly tenantId: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly stamps: Readonly<Record<string, string>>;
  readonly texts: Readonly<Record<string, string>>;
}

/**
 * Merge states in chunks (merge-states.ts): the states whose keys lie from `start` up to the next
 * chunk's start, sorted by key.
 */
export interface MergeChunk {
  readonly start: string;
  readonly states: readonly MergeStateRow[];
}

/**
 * The key of a record's merge state: its entity and id in one string. A string key, and no other
 * index, make each write of a merge state about a third cheaper in Chromium's IndexedDB than the
 * `[entity+id]` key with a tenant index that version 2 had (docs/benchmarks.md). Record ids are
 * UUIDs, so one entity's keys sort by id, and a range of ids is a range of keys.
 */
export const mergeKey = (entity: string, id: string): string => `${entity}/${id}`;

/** Small device-level facts: device id, the clock's last state, the sync cursor. */
export interface MetaRow {
  readonly key: string;
  readonly value: unknown;
}

/**
 * A dialogue this phone joined as a participant (no account): what it needs to take part offline
 * after joining once. The participant session's token itself is in `meta` (participantSession).
 */
export interface ParticipationRow {
  readonly dialogueId: string;
  readonly tenantId: string;
  readonly municipalityName: string;
  readonly code: string;
  /** Shown on the thanks screen; /r/<receipt> shows the feedback later. */
  readonly receipt: string;
  /** Random, anonymous: counts this phone as one participant. Never linked to a person. */
  readonly participantKey: string;
  readonly joinedAt: string;
  /** Set when the participant has read the consent text. */
  readonly consentedAt?: string;
  /** The language the participant writes in. */
  readonly lang?: string;
  /** Set when the participant answered (or skipped) the background questions. */
  readonly backgroundDoneAt?: string;
  /** Set when the participant cast a dot vote here (one per participant: the vote has the same key). */
  readonly votedAt?: string;
}

/**
 * A photo's image, or a proposal attachment's file, on the device that added it (photos feature,
 * proposal-repository.ts). `blob` stays until the server has
 * confirmed the whole image, by its hash; then it is removed and `uploadedAt` set. A refused upload
 * keeps its bytes and says why (`rejection`), like a refused change in the outbox.
 */
export interface PhotoBlobRow {
  /** SHA-256 of the image, lower-case hex: its address on the server. */
  readonly sha256: string;
  readonly tenantId: string;
  /** An image; a PDF only for a proposal attachment. */
  readonly mime: BlobMime;
  readonly bytes: number;
  readonly addedAt: string;
  readonly blob?: Blob;
  readonly uploadedAt?: string;
  readonly rejection?: { readonly code: string; readonly message: string };
}

export const DATABASE_NAME = 'delaktig';

export class DelaktigDatabase extends Dexie {
  dialogues!: EntityTable<Dialogue, 'id'>;
  contributions!: EntityTable<Contribution, 'id'>;
  outbox!: EntityTable<OutboxRow, 'seq'>;
  drafts!: EntityTable<Draft, 'key'>;
  meta!: EntityTable<MetaRow, 'key'>;
  session!: EntityTable<SessionRow, 'key'>;
  mergeChunks!: Dexie.Table<MergeChunk, string>;
  translations!: EntityTable<Translation, 'id'>;
  participations!: EntityTable<ParticipationRow, 'dialogueId'>;
  respondents!: EntityTable<Respondent, 'id'>;
  themes!: EntityTable<Theme, 'id'>;
  votes!: EntityTable<Vote, 'id'>;
  feedback!: EntityTable<Feedback, 'id'>;
  photos!: EntityTable<Photo, 'id'>;
  photoBlobs!: EntityTable<PhotoBlobRow, 'sha256'>;
  // `declare`: Dexie makes these properties; a class field would only cost bytes on the first visit.
  declare cohorts: EntityTable<Cohort, 'id'>;
  declare assignments: EntityTable<Assignment, 'id'>;
  declare proposals: EntityTable<Proposal, 'id'>;
  declare proposalResponses: EntityTable<ProposalResponse, 'id'>;
  declare proposalEvents: EntityTable<ProposalEvent, 'id'>;
  declare proposalAttachments: EntityTable<ProposalAttachment, 'id'>;
  openSpaceEvents!: EntityTable<OpenSpaceEvent, 'id'>;
  openSpaceTopics!: EntityTable<OpenSpaceTopic, 'id'>;
  openSpaceActions!: EntityTable<OpenSpaceAction, 'id'>;
  openSpaceComments!: EntityTable<OpenSpaceComment, 'id'>;

  constructor(name: string = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      // Dialogues, listed newest first by their creation stamp.
      dialogues: 'id, tenantId, createdHlc',
      // Contributions of a dialogue in hybrid-clock order.
      contributions: 'id, tenantId, [dialogueId+hlc]',
      // Changes not yet acknowledged by the server, in the order they were made.
      outbox: '++seq, &changeId',
      // Autosaved form drafts, by form key.
      drafts: 'key',
      // Device facts (device id, clock state) by key.
      meta: 'key',
    });
    this.version(2).stores({
      // The signed-in device session (accounts): one row, "current".
      session: 'key',
      // Merge state per synced record (field stamps, Yjs text states), by entity and id.
      syncRecords: '[entity+id], tenantId',
    });
    this.version(3).stores({
      // Translations of a dialogue's question and of contributions, by what they translate.
      translations: 'id, tenantId, dialogueId, targetId',
      // Dialogues this phone joined as a participant, by dialogue.
      participations: 'dialogueId, code, tenantId',
      // Participants' anonymous background answers, by dialogue.
      respondents: 'id, tenantId, dialogueId',
    });
    this.version(4).stores({
      // Photos of flipcharts and post-it walls, per dialogue in hybrid-clock order.
      photos: 'id, tenantId, [dialogueId+hlc]',
      // Their images, by hash, until the server has them (then a small marker without bytes).
      photoBlobs: 'sha256, tenantId',
    });
    this.version(5).stores({
      // A dialogue's themes, its participants' dot votes, and what was decided (feedback).
      themes: 'id, tenantId, dialogueId',
      votes: 'id, tenantId, dialogueId',
      feedback: 'id, tenantId, dialogueId',
    });
    this.version(6).stores({
      // The youth council's Open Space: events by date, their topics (sessions) and actions, and
      // follow-up comments on each action.
      openSpaceEvents: 'id, tenantId, date',
      openSpaceTopics: 'id, tenantId, eventId',
      openSpaceActions: 'id, tenantId, eventId, status',
      openSpaceComments: 'id, tenantId, actionId, eventId',
    });
    this.version(7).stores({
      // Summer youth developers: cohorts by year, their assignments, proposals (archive by year,
      // status, creation stamp), responses to them, their server-written history, attachments.
      cohorts: 'id, tenantId, year',
      assignments: 'id, tenantId, cohortId',
      proposals: 'id, tenantId, year, status, createdHlc',
      proposalResponses: 'id, tenantId, proposalId',
      proposalEvents: 'id, tenantId, proposalId',
      proposalAttachments: 'id, tenantId, proposalId',
    });
    this.version(8)
      .stores({
        // Merge state per synced record, by `mergeKey(entity, id)`: syncRecords under a cheaper key.
        mergeStates: 'key',
      })
      .upgrade(async (tx) => {
        const rows = (await tx.table('syncRecords').toArray()) as Omit<MergeStateRow, 'key'>[];
        await tx
          .table('mergeStates')
          .bulkAdd(rows.map((row) => ({ ...row, key: mergeKey(row.entity, row.id) })));
      });
    this.version(9).stores({ syncRecords: null });
    this.version(10)
      .stores({
        // Merge states in chunks, by the first key each may hold (merge-states.ts).
        mergeChunks: 'start',
      })
      .upgrade(async (tx) => {
        // In key order already: the table's key.
        const rows = (await tx.table('mergeStates').toArray()) as MergeStateRow[];
        if (rows.length > 0) await tx.table('mergeChunks').bulkAdd(chunksOf(rows));
      });
    this.version(11).stores({ mergeStates: null });
  }
}
