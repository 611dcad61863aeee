/**
 * Contributions on this device. Their words never change after they are made; moderators may hide
 * one (kept and logged, shown to admins only).
 */
import { v7 as uuidv7 } from 'uuid';
import type { Contribution, ContributionInput } from '../../shared/domain/contribution.ts';
import { ValidationError, type FieldError } from '../../shared/validation/errors.ts';
import { validate } from './validate.ts';
import type { DelaktigDatabase } from './database.ts';
import { writeWithChange, type WriteContext } from './outbox.ts';

const CREATED_FIELDS = ['dialogueId', 'text', 'lang', 'channel', 'participantKey', 'createdAt'] as const;

export class ContributionRepository {
  readonly #db: DelaktigDatabase;

  constructor(db: DelaktigDatabase) {
    this.#db = db;
  }

  /** Add a contribution. Throws ValidationError, saving nothing, on bad input. */
  async add(input: ContributionInput, context: WriteContext): Promise<Contribution> {
    const valid = await validate('contributionInput', input);
    return this.#write(valid, context);
  }

  /**
   * Add several at once (post-its typed in from paper): all or none. A ValidationError names the
   * bad ones as `items.<index>.<field>`, and nothing is saved.
   */
  async addMany(inputs: readonly ContributionInput[], context: WriteContext): Promise<Contribution[]> {
    const errors: FieldError[] = [];
    const valid = await Promise.all(
      inputs.map(async (input, index) => {
        try {
          return await validate('contributionInput', input);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          errors.push(...error.errors.map((e) => ({ ...e, field: `items.${index}.${e.field}` })));
          return null;
        }
      }),
    );
    if (errors.length > 0) throw new ValidationError(errors);
    return this.#db.transaction(
      'rw',
      [this.#db.contributions, this.#db.outbox, this.#db.meta, this.#db.mergeChunks],
      async () => {
        const out: Contribution[] = [];
        for (const input of valid) if (input) out.push(await this.#write(input, context));
        return out;
      },
    );
  }

  #write(
    valid: Awaited<ReturnType<typeof validate<'contributionInput'>>>,
    context: WriteContext,
  ): Promise<Contribution> {
    const id = uuidv7();
    const { participantKey, ...rest } = valid;
    return writeWithChange(this.#db, context, {
      entity: 'contribution',
      table: this.#db.contributions,
      build: (stamp) => ({
        ...rest,
        ...(participantKey ? { participantKey } : {}),
        id,
        tenantId: context.tenantId,
        lang: Intl.getCanonicalLocales(valid.lang)[0] ?? valid.lang,
        createdAt: stamp.at,
        hlc: stamp.hlc,
      }),
      fields: CREATED_FIELDS.filter((f) => f === 'createdAt' || valid[f] !== undefined),
    });
  }

  /** Hide a contribution with a reason (it names a person, …). Throws ValidationError without a reason. */
  async hide(id: string, reason: string, hiddenBy: string, context: WriteContext): Promise<Contribution> {
    const valid = await validate('hide', { reason });
    const existing = await this.#db.contributions.get(id);
    if (!existing) throw new Error(`No contribution ${id} on this device`);
    return writeWithChange(this.#db, context, {
      entity: 'contribution',
      table: this.#db.contributions,
      build: (stamp) => ({
        ...existing,
        hidden: true,
        hiddenReason: valid.reason,
        hiddenAt: stamp.at,
        hiddenBy,
      }),
      fields: ['hidden', 'hiddenReason', 'hiddenAt', 'hiddenBy'],
    });
  }

  /** Show a hidden contribution again (admins). */
  async unhide(id: string, context: WriteContext): Promise<Contribution> {
    const existing = await this.#db.contributions.get(id);
    if (!existing) throw new Error(`No contribution ${id} on this device`);
    return writeWithChange(this.#db, context, {
      entity: 'contribution',
      table: this.#db.contributions,
      build: () => ({ ...existing, hidden: false }),
      fields: ['hidden'],
    });
  }

  /** A dialogue's contributions, newest first, hidden ones included (filter with isVisible). */
  listForDialogue(dialogueId: string): Promise<Contribution[]> {
    return this.#db.contributions
      .where('[dialogueId+hlc]')
      .between([dialogueId, ''], [dialogueId, '\uffff'])
      .reverse()
      .toArray();
  }

  /** How many visible contributions a dialogue has (hidden ones are left out of every count). */
  async countForDialogue(dialogueId: string): Promise<number> {
    return (await this.listForDialogue(dialogueId)).filter((c) => c.hidden !== true).length;
  }
}
