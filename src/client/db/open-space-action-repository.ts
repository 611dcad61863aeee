/**
 * Open Space actions on this device (a recommendation turned into something someone answers for)
 * and their dated follow-up comments. Statuses move by commands (open-space.ts ACTION_MACHINE),
 * checked here and again on the server.
 */
import { v7 as uuidv7 } from 'uuid';
import {
  ACTION_MACHINE,
  type OpenSpaceAction,
  type OpenSpaceComment,
} from '../../shared/domain/open-space.ts';
import type { ActionEdit, ActionInput, CommentInput } from '../../shared/domain/open-space-input.ts';
import { checkCommand } from '../../shared/domain/status-machine.ts';
import type { DelaktigDatabase } from './database.ts';
import { CommandRefused } from './dialogue-repository.ts';
import { writeWithChange, type WriteContext } from './outbox.ts';
import { validate } from './validate.ts';

const byCreation = <T extends { hlc: string }>(a: T, b: T): number =>
  a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0;

export class OpenSpaceActionRepository {
  readonly #db: DelaktigDatabase;

  constructor(db: DelaktigDatabase) {
    this.#db = db;
  }

  /**
   * A new action, open. A due date in the past is allowed (something already due, noted late): the
   * views flag it (open-space.ts dueInPast). Throws ValidationError, saving nothing, on bad input.
   */
  async create(input: ActionInput, context: WriteContext): Promise<OpenSpaceAction> {
    const valid = await validate('openSpaceAction', input);
    if (!(await this.#db.openSpaceEvents.get(valid.eventId)))
      throw new Error(`No Open Space event ${valid.eventId} on this device`);
    const id = uuidv7();
    return writeWithChange(this.#db, context, {
      entity: 'openSpaceAction',
      table: this.#db.openSpaceActions,
      build: (stamp) => ({
        id,
        tenantId: context.tenantId,
        eventId: valid.eventId,
        topicId: valid.topicId,
        recommendation: valid.recommendation,
        title: valid.title,
        ownerKind: valid.ownerKind,
        ownerName: valid.ownerName,
        dueDate: valid.dueDate,
        status: 'open',
        createdAt: stamp.at,
        hlc: stamp.hlc,
      }),
      fields: [
        'eventId',
        'topicId',
        'recommendation',
        'title',
        'ownerKind',
        'ownerName',
        'dueDate',
        'status',
        'createdAt',
      ],
    });
  }

  /** Change what will be done, by whom, by when. */
  async edit(id: string, edit: ActionEdit, context: WriteContext): Promise<OpenSpaceAction> {
    const valid = await validate('openSpaceActionEdit', edit);
    const existing = await this.#action(id);
    return writeWithChange(this.#db, context, {
      entity: 'openSpaceAction',
      table: this.#db.openSpaceActions,
      build: (stamp) => ({ ...existing, ...valid, hlc: stamp.hlc }),
      fields: ['title', 'ownerKind', 'ownerName', 'dueDate'],
    });
  }

  /** Begin, finish, drop or reopen (checked again by the server in the order changes arrive). */
  async transition(id: string, command: string, context: WriteContext): Promise<OpenSpaceAction> {
    const existing = await this.#action(id);
    const check = checkCommand(ACTION_MACHINE, command, existing.status, null);
    if (!check.ok) throw new CommandRefused(command, existing.status, check.code);
    return writeWithChange(this.#db, context, {
      entity: 'openSpaceAction',
      table: this.#db.openSpaceActions,
      build: (stamp) => ({ ...existing, status: check.to, hlc: stamp.hlc }),
      fields: ['status'],
      command,
    });
  }

  /** A dated follow-up comment, signed with the writer's name. */
  async comment(input: CommentInput, author: string, context: WriteContext): Promise<OpenSpaceComment> {
    const valid = await validate('openSpaceComment', input);
    const action = await this.#action(valid.actionId);
    const id = uuidv7();
    return writeWithChange(this.#db, context, {
      entity: 'openSpaceComment',
      table: this.#db.openSpaceComments,
      build: (stamp) => ({
        id,
        tenantId: context.tenantId,
        actionId: action.id,
        eventId: action.eventId,
        text: valid.text,
        date: valid.date,
        author,
        createdAt: stamp.at,
        hlc: stamp.hlc,
      }),
      fields: ['actionId', 'eventId', 'text', 'date', 'author', 'createdAt'],
    });
  }

  get(id: string): Promise<OpenSpaceAction | undefined> {
    return this.#db.openSpaceActions.get(id);
  }

  /** An event's actions, in the order they were made. */
  async listForEvent(eventId: string): Promise<OpenSpaceAction[]> {
    return (await this.#db.openSpaceActions.where('eventId').equals(eventId).toArray()).sort(byCreation);
  }

  /** Every action of the municipality on this device, in the order they were made. */
  async list(tenantId: string): Promise<OpenSpaceAction[]> {
    return (await this.#db.openSpaceActions.where('tenantId').equals(tenantId).toArray()).sort(byCreation);
  }

  /** Comments by action, each action's oldest first (by the day they are about, then as written). */
  async commentsByAction(actionIds: readonly string[]): Promise<Map<string, OpenSpaceComment[]>> {
    const found = await this.#db.openSpaceComments
      .where('actionId')
      .anyOf([...actionIds])
      .toArray();
    const out = new Map<string, OpenSpaceComment[]>();
    for (const comment of found.sort((a, b) =>
      a.date !== b.date ? (a.date < b.date ? -1 : 1) : byCreation(a, b),
    ))
      out.set(comment.actionId, [...(out.get(comment.actionId) ?? []), comment]);
    return out;
  }

  async #action(id: string): Promise<OpenSpaceAction> {
    const action = await this.#db.openSpaceActions.get(id);
    if (!action) throw new Error(`No Open Space action ${id} on this device`);
    return action;
  }
}
