/** What was decided on the basis of a dialogue (feedback.ts), on this device. */
import { v7 as uuidv7 } from 'uuid';
import type { Feedback, FeedbackInput } from '../../shared/domain/feedback.ts';
import type { DelaktigDatabase } from './database.ts';
import { writeWithChange, type WriteContext } from './outbox.ts';
import { validate } from './validate.ts';

export class FeedbackRepository {
  readonly #db: DelaktigDatabase;

  constructor(db: DelaktigDatabase) {
    this.#db = db;
  }

  /** Record a decision. Throws ValidationError (no date, no text, …), saving nothing. */
  async add(input: FeedbackInput, context: WriteContext): Promise<Feedback> {
    const valid = await validate('feedbackInput', input);
    const id = uuidv7();
    return writeWithChange(this.#db, context, {
      entity: 'feedback',
      table: this.#db.feedback,
      build: (stamp) => ({ ...valid, id, tenantId: context.tenantId, createdAt: stamp.at, hlc: stamp.hlc }),
      fields: ['dialogueId', 'committeeId', 'committeeName', 'decidedOn', 'text', 'createdAt'],
    });
  }

  /** A dialogue's feedback, oldest first. */
  async listForDialogue(dialogueId: string): Promise<Feedback[]> {
    const all = await this.#db.feedback.where('dialogueId').equals(dialogueId).toArray();
    return all.sort((a, b) => (a.hlc < b.hlc ? -1 : 1));
  }
}
