/** Dialogues on this device: validated, stored and queued for sync in one step. */
import { v7 as uuidv7 } from 'uuid';
import type { Dialogue, DialogueEdit, DialogueInput } from '../../shared/domain/dialogue.ts';
import { validate } from './validate.ts';
import { DOTS } from '../../shared/domain/vote.ts';
import { ValidationError } from '../../shared/validation/errors.ts';
import { checkCommand, DIALOGUE_MACHINE } from '../../shared/domain/status-machine.ts';

/** A status command that the status machine does not allow from the current status. */
export class CommandRefused extends Error {
  readonly command: string;
  readonly from: string;
  readonly code: string;
  constructor(command: string, from: string, code: string) {
    super(`"${command}" is not possible while the status is "${from}" (${code})`);
    this.name = 'CommandRefused';
    this.command = command;
    this.from = from;
    this.code = code;
  }
}
import type { DelaktigDatabase } from './database.ts';
import { writeWithChange, type WriteContext } from './outbox.ts';
import { editTextField, readTextField, type TextFieldState } from './text-fields.ts';

/**
 * The fields a dialogue form edits, in the order they are stored and sent: every field of
 * DialogueEditSchema (tests/unit/client/db/dialogue-repository.test.ts checks they agree). Listed
 * here, not taken from the schema, so that the schema loads only with the first write.
 */
export const DIALOGUE_EDITABLE_FIELDS = [
  'title',
  'question',
  'targetGroup',
  'ageFrom',
  'ageTo',
  'method',
  'place',
  'startsAt',
  'focusAreas',
  'articles',
  'facilitators',
  'backgroundQuestions',
  'areaOptions',
] as const satisfies readonly (keyof Dialogue)[];

export class DialogueRepository {
  readonly #db: DelaktigDatabase;

  constructor(db: DelaktigDatabase) {
    this.#db = db;
  }

  /** Create a dialogue in status "planned". Throws ValidationError, saving nothing, on bad input. */
  async create(input: DialogueInput, context: WriteContext): Promise<Dialogue> {
    const valid = await validate('dialogueInput', input);
    const details = DIALOGUE_EDITABLE_FIELDS.filter((f) => valid[f] !== undefined);
    const id = uuidv7();
    return writeWithChange(this.#db, context, {
      entity: 'dialogue',
      table: this.#db.dialogues,
      build: (stamp) => ({
        ...valid,
        id,
        tenantId: context.tenantId,
        status: 'planned',
        createdAt: stamp.at,
        updatedAt: stamp.at,
        createdHlc: stamp.hlc,
        hlc: stamp.hlc,
      }),
      fields: [...details, 'status', 'createdAt', 'updatedAt', 'createdHlc'],
    });
  }

  /** Change what is given of title, question and details. Throws ValidationError, saving nothing, on bad input. */
  async update(id: string, edit: DialogueEdit, context: WriteContext): Promise<Dialogue> {
    const changes = await validate('dialogueEdit', edit);
    const existing = await this.#db.dialogues.get(id);
    if (!existing) throw new Error(`No dialogue ${id} on this device`);
    const fields = DIALOGUE_EDITABLE_FIELDS.filter(
      (f) => changes[f] !== undefined && JSON.stringify(changes[f]) !== JSON.stringify(existing[f]),
    );
    if (fields.length === 0) return existing;
    return writeWithChange(this.#db, context, {
      entity: 'dialogue',
      table: this.#db.dialogues,
      build: (stamp) => ({ ...existing, ...changes, updatedAt: stamp.at, hlc: stamp.hlc }),
      fields: [...fields, 'updatedAt'],
    });
  }

  /**
   * Edit the facilitators' notes; merged with edits made elsewhere, never overwriting them. Pass the
   * `baseState` the text area was loaded from (see text-field.ts); returns the merged notes.
   */
  async editDescription(
    id: string,
    description: string,
    context: WriteContext,
    baseState?: string,
  ): Promise<TextFieldState> {
    const { description: text } = await validate('description', { description });
    return editTextField(this.#db, context, {
      entity: 'dialogue',
      recordId: id,
      field: 'description',
      text,
      baseState,
    });
  }

  /** The notes as stored here, with the merge state to edit from. */
  description(id: string): Promise<TextFieldState> {
    return readTextField(this.#db, 'dialogue', id, 'description');
  }

  /**
   * Move the dialogue on in its life (open, close, report, feedback given) by a named command. Checked
   * here against the status this device knows, and again by the server against the status it knows:
   * if someone else moved it first, the server refuses, and this device is told and set back.
   */
  async transition(id: string, command: string, context: WriteContext): Promise<Dialogue> {
    const existing = await this.#db.dialogues.get(id);
    if (!existing) throw new Error(`No dialogue ${id} on this device`);
    const check = checkCommand(DIALOGUE_MACHINE, command, existing.status, null);
    if (!check.ok) throw new CommandRefused(command, existing.status, check.code);
    // Some commands also record when they happened (closedAt, feedbackAt: status-machine.ts).
    const stampField = DIALOGUE_MACHINE.stamps?.[command] as 'closedAt' | 'feedbackAt' | undefined;
    return writeWithChange(this.#db, context, {
      entity: 'dialogue',
      table: this.#db.dialogues,
      build: (stamp) => ({
        ...existing,
        status: check.to,
        updatedAt: stamp.at,
        ...(stampField ? { [stampField]: stamp.at } : {}),
        hlc: stamp.hlc,
      }),
      fields: ['status', 'updatedAt', ...(stampField ? [stampField] : [])],
      command,
    });
  }

  /**
   * Open or close dot voting, and set how many dots each participant has. Votes are counted only
   * while it is open (the server checks, for every device).
   */
  async setVoting(
    id: string,
    voting: { readonly open: boolean; readonly dots?: number },
    context: WriteContext,
  ): Promise<Dialogue> {
    const existing = await this.#db.dialogues.get(id);
    if (!existing) throw new Error(`No dialogue ${id} on this device`);
    const dots = voting.dots ?? existing.dotsPerParticipant ?? DOTS.default;
    if (!Number.isInteger(dots) || dots < DOTS.min || dots > DOTS.max) {
      throw new ValidationError([{ field: 'dotsPerParticipant', code: 'invalid' }]);
    }
    return writeWithChange(this.#db, context, {
      entity: 'dialogue',
      table: this.#db.dialogues,
      build: (stamp) => ({
        ...existing,
        votingOpen: voting.open,
        dotsPerParticipant: dots,
        updatedAt: stamp.at,
        hlc: stamp.hlc,
      }),
      fields: ['votingOpen', 'dotsPerParticipant', 'updatedAt'],
    });
  }

  /** Delete a dialogue: a tombstone that syncs, so every device removes it too. */
  async remove(id: string, context: WriteContext): Promise<void> {
    const existing = await this.#db.dialogues.get(id);
    if (!existing) return;
    await writeWithChange(this.#db, context, {
      entity: 'dialogue',
      table: this.#db.dialogues,
      build: (stamp) => ({ ...existing, deleted: true, updatedAt: stamp.at }),
      fields: ['deleted', 'updatedAt'],
    });
  }

  get(id: string): Promise<Dialogue | undefined> {
    return this.#db.dialogues.get(id);
  }

  /** The tenant's dialogues, newest first (by hybrid clock, not by a device's wall clock). */
  async list(tenantId: string): Promise<Dialogue[]> {
    const all = await this.#db.dialogues.orderBy('createdHlc').reverse().toArray();
    return all.filter((d) => d.tenantId === tenantId);
  }
}
