/**
 * Dialogues this phone joined as an anonymous participant, and the participant session's token
 * (one per phone: joining more dialogues of the same municipality adds them to it).
 */
import type { DelaktigDatabase, ParticipationRow } from './database.ts';

const SESSION_KEY = 'participantSession';

export interface ParticipantSession {
  readonly token: string;
  readonly tenantId: string;
  /** The dialogues the session may read, sorted: its sync cursor belongs to this set. */
  readonly scope: string;
}

export class ParticipationRepository {
  readonly #db: DelaktigDatabase;

  constructor(db: DelaktigDatabase) {
    this.#db = db;
  }

  get(dialogueId: string): Promise<ParticipationRow | undefined> {
    return this.#db.participations.get(dialogueId);
  }

  byCode(code: string): Promise<ParticipationRow | undefined> {
    return this.#db.participations.where('code').equals(code).first();
  }

  /** Store a join and the session it came with, together. */
  async joined(row: ParticipationRow, session: Omit<ParticipantSession, 'scope'>): Promise<void> {
    await this.#db.transaction('rw', [this.#db.participations, this.#db.meta], async () => {
      const before = await this.#db.participations.get(row.dialogueId);
      // Joining again keeps what the participant already chose (consent, language, answers).
      await this.#db.participations.put({ ...row, ...before, receipt: row.receipt, code: row.code });
      const dialogues = await this.#db.participations
        .where('tenantId')
        .equals(session.tenantId)
        .primaryKeys();
      const value: ParticipantSession = { ...session, scope: [...dialogues].sort().join(',') };
      await this.#db.meta.put({ key: SESSION_KEY, value });
    });
  }

  async update(
    dialogueId: string,
    patch: Partial<Pick<ParticipationRow, 'consentedAt' | 'lang' | 'backgroundDoneAt'>>,
  ): Promise<void> {
    await this.#db.participations.update(dialogueId, patch);
  }

  /** Remember that the participant voted here (the vote itself is in `votes`, under the same key). */
  async markVoted(dialogueId: string, at: string = new Date().toISOString()): Promise<void> {
    const updated = await this.#db.participations.update(dialogueId, { votedAt: at });
    if (updated === 0) throw new Error(`This phone has not joined dialogue ${dialogueId}`);
  }

  async session(): Promise<ParticipantSession | undefined> {
    return (await this.#db.meta.get(SESSION_KEY))?.value as ParticipantSession | undefined;
  }

  /** The server no longer knows the session: joining again by code makes a new one. */
  async forgetSession(): Promise<void> {
    await this.#db.meta.delete(SESSION_KEY);
  }
}
