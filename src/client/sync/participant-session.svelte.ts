/**
 * The anonymous participant session of this phone (no account), as Svelte state: followed in
 * IndexedDB, so the app syncs a participant's contributions whenever it runs, on any screen, until
 * they are sent. Joining is the participate feature's business (features/participate/join.ts).
 */
import { deleteMeta, watchMeta, type DelaktigDatabase, type ParticipantSession } from '../db/index.ts';

class ParticipantSessionState {
  #current = $state.raw<ParticipantSession | null>(null);
  #db: DelaktigDatabase | null = null;

  get current(): ParticipantSession | null {
    return this.#current;
  }

  /** Follow the session stored in `db`. Returns a function that stops following. */
  start(db: DelaktigDatabase): () => void {
    this.#db = db;
    return watchMeta<ParticipantSession>(
      db,
      'participantSession',
      (value) => {
        this.#current = value ?? null;
      },
      (error) => console.error('Could not read the participant session', error),
    );
  }

  /** The server no longer knows the session: forget it; joining again by code makes a new one. */
  async forget(): Promise<void> {
    if (this.#db) await deleteMeta(this.#db, 'participantSession');
  }
}

export const participantSession = new ParticipantSessionState();
