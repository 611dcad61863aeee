/**
 * A dialogue's themes on this device, and grouping contributions into them (a contribution's
 * `themeId`). Moving a contribution is one field change: the last move wins on every device.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Theme, ThemeInput } from '../../shared/domain/theme.ts';
import type { Contribution } from '../../shared/domain/contribution.ts';
import type { DelaktigDatabase } from './database.ts';
import { writeWithChange, type WriteContext } from './outbox.ts';
import { editTextField, readTextField, type TextFieldState } from './text-fields.ts';
import { validate } from './validate.ts';

export class ThemeRepository {
  readonly #db: DelaktigDatabase;

  constructor(db: DelaktigDatabase) {
    this.#db = db;
  }

  /** A new theme, last in the dialogue's list. Throws ValidationError (an empty name), saving nothing. */
  async create(input: ThemeInput, context: WriteContext): Promise<Theme> {
    const { dialogueId, name } = await validate('themeInput', input);
    const existing = await this.listForDialogue(dialogueId);
    const order = existing.reduce((max, t) => Math.max(max, t.order + 1), 0);
    const id = uuidv7();
    return writeWithChange(this.#db, context, {
      entity: 'theme',
      table: this.#db.themes,
      build: (stamp) => ({
        id,
        tenantId: context.tenantId,
        dialogueId,
        name,
        order,
        createdAt: stamp.at,
        hlc: stamp.hlc,
      }),
      fields: ['dialogueId', 'name', 'order', 'createdAt'],
    });
  }

  async rename(id: string, name: string, context: WriteContext): Promise<Theme> {
    const valid = await validate('themeRename', { name });
    const existing = await this.#require(id);
    return writeWithChange(this.#db, context, {
      entity: 'theme',
      table: this.#db.themes,
      build: (stamp) => ({ ...existing, name: valid.name, hlc: stamp.hlc }),
      fields: ['name'],
    });
  }

  /** Move a theme to `index` in the dialogue's list (the others keep their order around it). */
  async move(id: string, index: number, context: WriteContext): Promise<void> {
    const theme = await this.#require(id);
    const others = (await this.listForDialogue(theme.dialogueId)).filter((t) => t.id !== id);
    const at = Math.max(0, Math.min(index, others.length));
    const ordered = [...others.slice(0, at), theme, ...others.slice(at)];
    await this.#db.transaction(
      'rw',
      [this.#db.themes, this.#db.outbox, this.#db.meta, this.#db.mergeChunks],
      async () => {
        for (const [position, t] of ordered.entries()) {
          if (t.order === position) continue;
          await writeWithChange(this.#db, context, {
            entity: 'theme',
            table: this.#db.themes,
            build: (stamp) => ({ ...t, order: position, hlc: stamp.hlc }),
            fields: ['order'],
          });
        }
      },
    );
  }

  /** Delete a theme; its contributions become ungrouped. */
  async remove(id: string, context: WriteContext): Promise<void> {
    const theme = await this.#require(id);
    await this.#db.transaction(
      'rw',
      [this.#db.themes, this.#db.contributions, this.#db.outbox, this.#db.meta, this.#db.mergeChunks],
      async () => {
        const grouped = await this.#db.contributions
          .where('[dialogueId+hlc]')
          .between([theme.dialogueId, ''], [theme.dialogueId, '\uffff'])
          .filter((c) => c.themeId === id)
          .toArray();
        for (const contribution of grouped) await this.group(contribution.id, null, context);
        await writeWithChange(this.#db, context, {
          entity: 'theme',
          table: this.#db.themes,
          build: (stamp) => ({ ...theme, deleted: true, hlc: stamp.hlc }) as Theme,
          fields: ['deleted' as keyof Theme & string],
        });
      },
    );
  }

  /** Put a contribution in a theme (null: ungrouped). */
  async group(contributionId: string, themeId: string | null, context: WriteContext): Promise<Contribution> {
    const contribution = await this.#db.contributions.get(contributionId);
    if (!contribution) throw new Error(`No contribution ${contributionId} on this device`);
    return writeWithChange(this.#db, context, {
      entity: 'contribution',
      table: this.#db.contributions,
      build: () => ({ ...contribution, themeId }),
      fields: ['themeId'],
    });
  }

  /** Edit a theme's summary, merged with edits made elsewhere (see text-field.ts for baseState). */
  async editSummary(
    id: string,
    summary: string,
    context: WriteContext,
    baseState?: string,
  ): Promise<TextFieldState> {
    const { summary: text } = await validate('themeSummary', { summary });
    return editTextField(this.#db, context, {
      entity: 'theme',
      recordId: id,
      field: 'summary',
      text,
      baseState,
    });
  }

  /** Set the language the summary is written in (last choice wins). Throws ValidationError on a bad tag. */
  async setSummaryLang(id: string, lang: string, context: WriteContext): Promise<Theme> {
    const { summaryLang } = await validate('themeSummaryLang', { summaryLang: lang });
    const theme = await this.#require(id);
    if (theme.summaryLang === summaryLang) return theme;
    return writeWithChange(this.#db, context, {
      entity: 'theme',
      table: this.#db.themes,
      build: (stamp) => ({ ...theme, summaryLang, hlc: stamp.hlc }),
      fields: ['summaryLang'],
    });
  }

  summary(id: string): Promise<TextFieldState> {
    return readTextField(this.#db, 'theme', id, 'summary');
  }

  /** The dialogue's themes in their order. */
  async listForDialogue(dialogueId: string): Promise<Theme[]> {
    const all = await this.#db.themes.where('dialogueId').equals(dialogueId).toArray();
    return all.sort((a, b) => a.order - b.order || (a.hlc < b.hlc ? -1 : 1));
  }

  async #require(id: string): Promise<Theme> {
    const theme = await this.#db.themes.get(id);
    if (!theme) throw new Error(`No theme ${id} on this device`);
    return theme;
  }
}
