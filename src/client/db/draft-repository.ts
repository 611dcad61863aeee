/** Autosaved form drafts. Local to this device: drafts never sync. */
import type { DelaktigDatabase, Draft } from './database.ts';

export class DraftRepository {
  readonly #db: DelaktigDatabase;

  constructor(db: DelaktigDatabase) {
    this.#db = db;
  }

  get(key: string): Promise<Draft | undefined> {
    return this.#db.drafts.get(key);
  }

  async save(key: string, values: Record<string, string>): Promise<void> {
    await this.#db.drafts.put({ key, values, savedAt: new Date().toISOString() });
  }

  async clear(key: string): Promise<void> {
    await this.#db.drafts.delete(key);
  }
}
