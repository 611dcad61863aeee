/** Dialogues on this device: validated, stored and queued for sync in one step. */
import { v7 as uuidv7 } from 'uuid';
import { DialogueInputSchema, type Dialogue, type DialogueInput } from '../../shared/domain/dialogue.ts';
import { parseOrThrow } from '../../shared/validation/fields.ts';
import type { DelaktigDatabase } from './database.ts';
import { writeWithChange, type WriteContext } from './outbox.ts';

export class DialogueRepository {
  readonly #db: DelaktigDatabase;

  constructor(db: DelaktigDatabase) {
    this.#db = db;
  }

  /** Create a dialogue in status "planned". Throws ValidationError, saving nothing, on bad input. */
  async create(input: DialogueInput, context: WriteContext): Promise<Dialogue> {
    const { title, question } = parseOrThrow(DialogueInputSchema, input);
    const id = uuidv7();
    return writeWithChange(this.#db, context, {
      entity: 'dialogue',
      table: this.#db.dialogues,
      build: (stamp) => ({
        id,
        tenantId: context.tenantId,
        title,
        question,
        status: 'planned',
        createdAt: stamp.at,
        updatedAt: stamp.at,
        createdHlc: stamp.hlc,
        hlc: stamp.hlc,
      }),
      fields: ['title', 'question', 'status', 'createdAt', 'updatedAt', 'createdHlc'],
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
