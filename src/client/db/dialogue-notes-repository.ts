/**
 * The language of a dialogue's notes (the notes themselves are edited through DialogueRepository,
 * merged). Apart from DialogueRepository so that its code loads with the dialogue's page, not on a
 * first visit to the home screen (dialogue-work.ts).
 */
import type { Dialogue } from '../../shared/domain/dialogue.ts';
import type { DelaktigDatabase } from './database.ts';
import { writeWithChange, type WriteContext } from './outbox.ts';
import { validate } from './validate.ts';

export class DialogueNotesRepository {
  readonly #db: DelaktigDatabase;

  constructor(db: DelaktigDatabase) {
    this.#db = db;
  }

  /** Set the language the notes are written in (last choice wins). Throws ValidationError on a bad tag. */
  async setDescriptionLang(id: string, lang: string, context: WriteContext): Promise<Dialogue> {
    const { descriptionLang } = await validate('descriptionLang', { descriptionLang: lang });
    const existing = await this.#db.dialogues.get(id);
    if (!existing) throw new Error(`No dialogue ${id} on this device`);
    if (existing.descriptionLang === descriptionLang) return existing;
    return writeWithChange(this.#db, context, {
      entity: 'dialogue',
      table: this.#db.dialogues,
      build: (stamp) => ({ ...existing, descriptionLang, hlc: stamp.hlc }),
      fields: ['descriptionLang'],
    });
  }
}
