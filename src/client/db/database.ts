/**
 * The one IndexedDB database of the app, through Dexie.
 *
 * Schema versions are only ever appended: never edit a version that has shipped, add a new one
 * (with an upgrade function when data must move). tests/unit/client/db/schema.test.ts opens every
 * older version with data in it and upgrades it to the newest.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { Dialogue } from '../../shared/domain/dialogue.ts';
import type { Contribution } from '../../shared/domain/contribution.ts';
import type { Change } from '../../shared/sync/change.ts';

/** A change waiting to be acknowledged by the server. Kept until then, however long that takes. */
export interface OutboxRow extends Change {
  /** Insertion order (auto-increment): the order changes are pushed in. */
  readonly seq?: number;
  /** UTC ISO time of the local write. */
  readonly queuedAt: string;
}

/** A form being typed: autosaved so that a reload (an app update, a dead battery) loses nothing. */
export interface Draft {
  /** Which form, e.g. "new-dialogue" or "contribution:<dialogue id>". */
  readonly key: string;
  readonly values: Readonly<Record<string, string>>;
  readonly savedAt: string;
}

/** Small device-level facts: device id, the clock's last state. */
export interface MetaRow {
  readonly key: string;
  readonly value: unknown;
}

export const DATABASE_NAME = 'delaktig';

export class DelaktigDatabase extends Dexie {
  dialogues!: EntityTable<Dialogue, 'id'>;
  contributions!: EntityTable<Contribution, 'id'>;
  outbox!: EntityTable<OutboxRow, 'seq'>;
  drafts!: EntityTable<Draft, 'key'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name: string = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      // Dialogues, listed newest first by their creation stamp.
      dialogues: 'id, tenantId, createdHlc',
      // Contributions of a dialogue in hybrid-clock order.
      contributions: 'id, tenantId, [dialogueId+hlc]',
      // Changes not yet acknowledged by the server, in the order they were made.
      outbox: '++seq, &changeId',
      // Autosaved form drafts, by form key.
      drafts: 'key',
      // Device facts (device id, clock state) by key.
      meta: 'key',
    });
  }
}
