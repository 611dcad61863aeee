/**
 * The youth developers' programme on this device: cohorts, assignments, proposals and what happens
 * to them. Every write is validated, stored and queued in one step (outbox.ts); lifecycle steps are
 * checked here against the shared machine with the person's role, and again on the server.
 * Constructed by the proposals feature itself, so none of this joins the first visit's bundle.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../../shared/domain/roles.ts';
import {
  PROPOSAL_LIMITS,
  type Assignment,
  type Cohort,
  type Proposal,
  type ProposalAttachment,
  type ProposalEvent,
  type ProposalResponse,
} from '../../shared/domain/proposal.ts';
import { PROPOSAL_MACHINE } from '../../shared/domain/proposal-lifecycle.ts';
import { decisionProblems } from '../../shared/domain/proposal-decision.ts';
import { checkCommand } from '../../shared/domain/status-machine.ts';
import { commandFields } from '../../shared/domain/command-fields.ts';
import { ValidationError } from '../../shared/validation/errors.ts';
import { parseOrThrow } from '../../shared/validation/fields.ts';
import { CommandRefused } from './dialogue-repository.ts';
import type { DelaktigDatabase } from './database.ts';
import { writeWithChange, type WriteContext } from './outbox.ts';
import { sha256Hex } from './photo-repository.ts';
import { prepareAttachment } from './proposal-attachment-file.ts';

export { CommandRefused };
export { AttachmentRefused, AttachmentTooLarge } from './proposal-attachment-file.ts';

export const EMPTY_LIFECYCLE = {
  submittedAt: null,
  decidedAt: null,
  outcome: null,
  decisionText: '',
  decisionBodyId: '',
  decisionBodyName: '',
  decidedOn: null,
  followUpNote: '',
} as const;

const schemas = () => import('../../shared/domain/proposal-input.ts');

/** Fields of a proposal its authors write (the rest the lifecycle sets). */
export const PROPOSAL_CONTENT_FIELDS = [
  'year',
  'cohortId',
  'assignmentId',
  'lang',
  'title',
  'summary',
  'background',
  'dialogueIds',
  'proposal',
  'articles',
  'focusAreas',
  'affected',
  'effort',
  'committeeId',
  'committeeName',
  'authorIds',
] as const satisfies readonly (keyof Proposal)[];

export type ProposalContent = Pick<Proposal, (typeof PROPOSAL_CONTENT_FIELDS)[number]>;

export interface Decision {
  readonly outcome: string;
  readonly decisionText: string;
  readonly decisionBodyId: string;
  readonly decisionBodyName: string;
  readonly decidedOn: string;
}

export class ProposalRepository {
  readonly #db: DelaktigDatabase;

  constructor(db: DelaktigDatabase) {
    this.#db = db;
  }

  async saveCohort(
    input: Omit<Cohort, 'id' | 'tenantId' | 'createdAt' | 'hlc'>,
    context: WriteContext,
    id?: string,
  ): Promise<Cohort> {
    const valid = parseOrThrow((await schemas()).CohortInputSchema, input);
    const existing = id ? await this.#db.cohorts.get(id) : undefined;
    return writeWithChange(this.#db, context, {
      entity: 'cohort',
      table: this.#db.cohorts,
      build: (stamp) => ({
        ...valid,
        id: existing?.id ?? uuidv7(),
        tenantId: context.tenantId,
        createdAt: existing?.createdAt ?? stamp.at,
        hlc: existing?.hlc ?? stamp.hlc,
      }),
      fields: ['year', 'weeks', 'supervisor', 'members', ...(existing ? [] : (['createdAt'] as const))],
    });
  }

  async addAssignment(
    input: Omit<Assignment, 'id' | 'tenantId' | 'createdAt' | 'hlc'>,
    context: WriteContext,
  ): Promise<Assignment> {
    const valid = parseOrThrow((await schemas()).AssignmentInputSchema, input);
    return writeWithChange(this.#db, context, {
      entity: 'assignment',
      table: this.#db.assignments,
      build: (stamp) => ({
        ...valid,
        id: uuidv7(),
        tenantId: context.tenantId,
        createdAt: stamp.at,
        hlc: stamp.hlc,
      }),
      fields: ['cohortId', 'committeeId', 'committeeName', 'question', 'background', 'articles', 'createdAt'],
    });
  }

  /** Change an assignment's committee, question, background or articles (the same rules as adding). */
  async updateAssignment(
    id: string,
    input: Omit<Assignment, 'id' | 'tenantId' | 'createdAt' | 'hlc'>,
    context: WriteContext,
  ): Promise<Assignment> {
    const existing = await this.#db.assignments.get(id);
    if (!existing) throw new Error(`No assignment ${id} on this device`);
    const valid = parseOrThrow((await schemas()).AssignmentInputSchema, input);
    const fields = (
      ['cohortId', 'committeeId', 'committeeName', 'question', 'background', 'articles'] as const
    ).filter((f) => JSON.stringify(valid[f]) !== JSON.stringify(existing[f]));
    if (fields.length === 0) return existing;
    return writeWithChange(this.#db, context, {
      entity: 'assignment',
      table: this.#db.assignments,
      build: () => ({ ...existing, ...valid }),
      fields,
    });
  }

  /** A new draft. Throws ValidationError, saving nothing, on bad input. */
  async create(input: ProposalContent, context: WriteContext): Promise<Proposal> {
    const valid = parseOrThrow((await schemas()).ProposalInputSchema, input);
    return writeWithChange(this.#db, context, {
      entity: 'proposal',
      table: this.#db.proposals,
      build: (stamp) => ({
        ...valid,
        id: uuidv7(),
        tenantId: context.tenantId,
        ...EMPTY_LIFECYCLE,
        status: 'draft',
        imported: false,
        createdAt: stamp.at,
        updatedAt: stamp.at,
        createdHlc: stamp.hlc,
        hlc: stamp.hlc,
      }),
      fields: [...PROPOSAL_CONTENT_FIELDS, 'status', 'createdAt', 'createdHlc', 'updatedAt'],
    });
  }

  /** Change a draft's text (a submitted proposal's text is fixed: the server refuses it too). */
  async update(id: string, input: ProposalContent, context: WriteContext, role: Role): Promise<Proposal> {
    const existing = await this.#db.proposals.get(id);
    if (!existing) throw new Error(`No proposal ${id} on this device`);
    if (existing.status !== 'draft' && role !== 'admin')
      throw new CommandRefused('edit', existing.status, 'not_allowed_now');
    const valid = parseOrThrow((await schemas()).ProposalInputSchema, input);
    const fields = PROPOSAL_CONTENT_FIELDS.filter(
      (f) => JSON.stringify(valid[f]) !== JSON.stringify(existing[f]),
    );
    if (fields.length === 0) return existing;
    return writeWithChange(this.#db, context, {
      entity: 'proposal',
      table: this.#db.proposals,
      build: (stamp) => ({ ...existing, ...valid, updatedAt: stamp.at, hlc: stamp.hlc }),
      fields: [...fields, 'updatedAt'],
    });
  }

  /**
   * A lifecycle step (submit, receive, decide, …) by `role`: refused here, with nothing saved, when
   * the machine does not allow it (CommandRefused) or a decision lacks a field (ValidationError).
   */
  async transition(
    id: string,
    command: string,
    context: WriteContext,
    role: Role,
    carried: Partial<Decision> & { followUpNote?: string } = {},
    at?: string,
  ): Promise<Proposal> {
    const existing = await this.#db.proposals.get(id);
    if (!existing) throw new Error(`No proposal ${id} on this device`);
    const check = checkCommand(PROPOSAL_MACHINE, command, existing.status, role);
    if (!check.ok) throw new CommandRefused(command, existing.status, check.code);
    if (command === 'decide') {
      const problems = decisionProblems(carried);
      if (problems.length > 0) throw new ValidationError(problems);
    }
    const allowed = commandFields(PROPOSAL_MACHINE, command);
    const stampField = PROPOSAL_MACHINE.stamps?.[command];
    const extra = Object.fromEntries(
      Object.entries(carried)
        .filter(([f, value]) => allowed.includes(f) && value !== undefined)
        .map(([f, value]) => [f, typeof value === 'string' ? value.normalize('NFC').trim() : value]),
    );
    return writeWithChange(this.#db, context, {
      entity: 'proposal',
      table: this.#db.proposals,
      build: (stamp) => ({
        ...existing,
        ...extra,
        status: check.to,
        updatedAt: stamp.at,
        ...(stampField ? { [stampField]: at ?? stamp.at } : {}),
        hlc: stamp.hlc,
      }),
      fields: [
        'status',
        'updatedAt',
        ...(Object.keys(extra) as (keyof Proposal)[]),
        ...(stampField ? [stampField as keyof Proposal] : []),
      ],
      command,
    });
  }

  async respond(
    input: { proposalId: string; text: string; lang: string },
    context: WriteContext,
  ): Promise<ProposalResponse> {
    const valid = parseOrThrow((await schemas()).ResponseInputSchema, input);
    return writeWithChange(this.#db, context, {
      entity: 'proposalResponse',
      table: this.#db.proposalResponses,
      // The author's name and role are the server's to set; shown as "waiting" until it has.
      build: (stamp) => ({
        ...valid,
        id: uuidv7(),
        tenantId: context.tenantId,
        authorName: '',
        authorRole: '',
        createdAt: stamp.at,
        hlc: stamp.hlc,
      }),
      fields: ['proposalId', 'text', 'lang', 'createdAt'],
    });
  }

  /**
   * Attach a file to a proposal: an image (JPEG, PNG, WebP; its metadata removed) or a PDF, known by
   * its first bytes. The record syncs; the bytes wait in photoBlobs until the blob uploader has sent
   * them. Throws AttachmentTooLarge (over 20 MB, before reading it) or AttachmentRefused, and then
   * nothing was kept.
   */
  async attach(
    proposalId: string,
    file: { name: string; bytes: Blob },
    context: WriteContext,
  ): Promise<ProposalAttachment> {
    const { bytes, mime } = await prepareAttachment(file.bytes);
    const sha256 = await sha256Hex(bytes);
    const blob = new Blob([bytes], { type: mime });
    const db = this.#db;
    const tables = [db.proposalAttachments, db.photoBlobs, db.outbox, db.meta, db.mergeChunks];
    return db.transaction('rw', tables, async () => {
      const attachment = await writeWithChange(db, context, {
        entity: 'proposalAttachment',
        table: db.proposalAttachments,
        build: (stamp) => ({
          id: uuidv7(),
          tenantId: context.tenantId,
          proposalId,
          sha256,
          mime,
          bytes: bytes.byteLength,
          name: file.name.normalize('NFC').slice(0, PROPOSAL_LIMITS.attachmentName),
          createdAt: stamp.at,
          hlc: stamp.hlc,
        }),
        fields: ['proposalId', 'sha256', 'mime', 'bytes', 'name', 'createdAt'],
      });
      // The same file attached before and already on the server: nothing to send again.
      const existing = await db.photoBlobs.get(sha256);
      const onServer = existing?.tenantId === context.tenantId && !!existing.uploadedAt && !existing.blob;
      if (!onServer) {
        await db.photoBlobs.put({
          sha256,
          tenantId: context.tenantId,
          mime,
          bytes: bytes.byteLength,
          addedAt: attachment.createdAt,
          blob,
        });
      }
      return attachment;
    });
  }

  /** An attachment's bytes while they are still on this device (not yet confirmed by the server). */
  async localFile(sha256: string): Promise<Blob | undefined> {
    return (await this.#db.photoBlobs.get(sha256))?.blob;
  }

  get(id: string): Promise<Proposal | undefined> {
    return this.#db.proposals.get(id);
  }

  async list(tenantId: string): Promise<Proposal[]> {
    return (await this.#db.proposals.toArray()).filter((p) => p.tenantId === tenantId);
  }

  async cohorts(tenantId: string): Promise<Cohort[]> {
    return (await this.#db.cohorts.orderBy('year').reverse().toArray()).filter(
      (c) => c.tenantId === tenantId,
    );
  }

  async assignments(tenantId: string): Promise<Assignment[]> {
    return (await this.#db.assignments.toArray()).filter((a) => a.tenantId === tenantId);
  }

  /** A proposal's history, responses and attachments, oldest first. */
  async around(
    id: string,
  ): Promise<{ events: ProposalEvent[]; responses: ProposalResponse[]; attachments: ProposalAttachment[] }> {
    const byHlc = <T extends { hlc: string }>(rows: T[]) => rows.sort((a, b) => (a.hlc < b.hlc ? -1 : 1));
    const [events, responses, attachments] = await Promise.all([
      this.#db.proposalEvents.where('proposalId').equals(id).toArray(),
      this.#db.proposalResponses.where('proposalId').equals(id).toArray(),
      this.#db.proposalAttachments.where('proposalId').equals(id).toArray(),
    ]);
    return { events: byHlc(events), responses: byHlc(responses), attachments: byHlc(attachments) };
  }
}
