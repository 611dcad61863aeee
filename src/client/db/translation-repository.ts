/** Translations of a dialogue's question and of contributions: append-only records of their own. */
import { v7 as uuidv7 } from 'uuid';
import {
  TranslationInputSchema,
  type Translation,
  type TranslationInput,
} from '../../shared/domain/translation.ts';
import { parseOrThrow } from '../../shared/validation/fields.ts';
import type { DelaktigDatabase } from './database.ts';
import { writeWithChange, type WriteContext } from './outbox.ts';

export class TranslationRepository {
  readonly #db: DelaktigDatabase;

  constructor(db: DelaktigDatabase) {
    this.#db = db;
  }

  /** Add a translation made by `translatedBy`. Throws ValidationError, saving nothing, on bad input. */
  async add(input: TranslationInput, translatedBy: string, context: WriteContext): Promise<Translation> {
    const valid = parseOrThrow(TranslationInputSchema, input);
    const id = uuidv7();
    return writeWithChange(this.#db, context, {
      entity: 'translation',
      table: this.#db.translations,
      build: (stamp) => ({
        ...valid,
        id,
        tenantId: context.tenantId,
        lang: Intl.getCanonicalLocales(valid.lang)[0] ?? valid.lang,
        translatedBy,
        createdAt: stamp.at,
        hlc: stamp.hlc,
      }),
      fields: [
        'dialogueId',
        'targetEntity',
        'targetId',
        'field',
        'lang',
        'text',
        'translatedBy',
        'createdAt',
      ],
    });
  }

  /** Every translation belonging to a dialogue (of its question and of its contributions), oldest first. */
  async listForDialogue(dialogueId: string): Promise<Translation[]> {
    const all = await this.#db.translations.where('dialogueId').equals(dialogueId).toArray();
    return all.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  }
}
