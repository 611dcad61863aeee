/** Participants' anonymous background answers (shared/domain/respondent.ts). */
import { v7 as uuidv7 } from 'uuid';
import {
  RespondentInputSchema,
  type Respondent,
  type RespondentInput,
} from '../../shared/domain/respondent.ts';
import { parseOrThrow } from '../../shared/validation/fields.ts';
import type { DelaktigDatabase } from './database.ts';
import { writeWithChange, type WriteContext } from './outbox.ts';

const FIELDS = ['dialogueId', 'participantKey', 'ageBand', 'gender', 'area', 'createdAt'] as const;

export class RespondentRepository {
  readonly #db: DelaktigDatabase;

  constructor(db: DelaktigDatabase) {
    this.#db = db;
  }

  /** Store one participant's answers. Throws ValidationError, saving nothing, on bad input. */
  async add(input: RespondentInput, context: WriteContext): Promise<Respondent> {
    const valid = parseOrThrow(RespondentInputSchema, input);
    const answers = Object.fromEntries(
      Object.entries(valid).filter(([, value]) => value !== undefined && value !== ''),
    ) as typeof valid;
    const id = uuidv7();
    return writeWithChange(this.#db, context, {
      entity: 'respondent',
      table: this.#db.respondents,
      build: (stamp) => ({ ...answers, id, tenantId: context.tenantId, createdAt: stamp.at, hlc: stamp.hlc }),
      fields: FIELDS.filter((f) => f === 'createdAt' || answers[f] !== undefined),
    });
  }

  listForDialogue(dialogueId: string): Promise<Respondent[]> {
    return this.#db.respondents.where('dialogueId').equals(dialogueId).toArray();
  }
}
