/** Contributions on this device. Append-only: there is no update and no delete. */
import { v7 as uuidv7 } from 'uuid';
import {
  ContributionInputSchema,
  type Contribution,
  type ContributionInput,
} from '../../shared/domain/contribution.ts';
import { parseOrThrow } from '../../shared/validation/fields.ts';
import type { DelaktigDatabase } from './database.ts';
import { writeWithChange, type WriteContext } from './outbox.ts';

export class ContributionRepository {
  readonly #db: DelaktigDatabase;

  constructor(db: DelaktigDatabase) {
    this.#db = db;
  }

  /** Add a contribution. Throws ValidationError, saving nothing, on bad input. */
  async add(input: ContributionInput, context: WriteContext): Promise<Contribution> {
    const { dialogueId, text, lang } = parseOrThrow(ContributionInputSchema, input);
    const id = uuidv7();
    return writeWithChange(this.#db, context, {
      entity: 'contribution',
      table: this.#db.contributions,
      build: (stamp) => ({
        id,
        tenantId: context.tenantId,
        dialogueId,
        text,
        lang: Intl.getCanonicalLocales(lang)[0] ?? lang,
        createdAt: stamp.at,
        hlc: stamp.hlc,
      }),
      fields: ['dialogueId', 'text', 'lang', 'createdAt'],
    });
  }

  /** A dialogue's contributions, newest first. */
  listForDialogue(dialogueId: string): Promise<Contribution[]> {
    return this.#db.contributions
      .where('[dialogueId+hlc]')
      .between([dialogueId, ''], [dialogueId, '\uffff'])
      .reverse()
      .toArray();
  }

  countForDialogue(dialogueId: string): Promise<number> {
    return this.#db.contributions
      .where('[dialogueId+hlc]')
      .between([dialogueId, ''], [dialogueId, '\uffff'])
      .count();
  }
}
