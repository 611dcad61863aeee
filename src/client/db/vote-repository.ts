/** Dot votes on this device: a participant's (phone) or a kiosk turn's, made once. */
import { v7 as uuidv7 } from 'uuid';
import { DOTS, voteProblem, type Vote, type VoteInput } from '../../shared/domain/vote.ts';
import { ValidationError } from '../../shared/validation/errors.ts';
import type { DelaktigDatabase } from './database.ts';
import { writeWithChange, type WriteContext } from './outbox.ts';
import { validate } from './validate.ts';

export class VoteRepository {
  readonly #db: DelaktigDatabase;

  constructor(db: DelaktigDatabase) {
    this.#db = db;
  }

  /**
   * Cast a vote. Throws ValidationError when voting is not open here, when it uses more dots than
   * the dialogue gives or a theme not of the dialogue; the server checks the same again.
   */
  async cast(input: VoteInput, context: WriteContext): Promise<Vote> {
    const valid = await validate('voteInput', input);
    const dialogue = await this.#db.dialogues.get(valid.dialogueId);
    if (!dialogue?.votingOpen) throw new ValidationError([{ field: 'dots', code: 'invalid' }]);
    const themes = new Set(
      (await this.#db.themes.where('dialogueId').equals(valid.dialogueId).toArray()).map((t) => t.id),
    );
    const allowed = dialogue.dotsPerParticipant ?? DOTS.default;
    const problem = voteProblem(valid.dots, allowed, themes);
    if (problem === 'tooManyDots')
      throw new ValidationError([{ field: 'dots', code: 'tooLong', max: allowed }]);
    if (problem) throw new ValidationError([{ field: 'dots', code: 'invalid' }]);
    const id = uuidv7();
    return writeWithChange(this.#db, context, {
      entity: 'vote',
      table: this.#db.votes,
      build: (stamp) => ({ ...valid, id, tenantId: context.tenantId, createdAt: stamp.at, hlc: stamp.hlc }),
      fields: ['dialogueId', 'participantKey', 'dots', 'channel', 'createdAt'],
    });
  }

  listForDialogue(dialogueId: string): Promise<Vote[]> {
    return this.#db.votes.where('dialogueId').equals(dialogueId).toArray();
  }
}
