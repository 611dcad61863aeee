/**
 * Importing a changes file (exported by local-data.ts on another device): checked, then appended to
 * the outbox. Apart from local-data.ts so that the file's schema (and valibot) load only when
 * someone imports, not on every first visit.
 */
import * as v from 'valibot';
import { LOCAL_TENANT } from '../../shared/domain/tenant.ts';
import { ChangeSchema } from '../../shared/sync/change.ts';
import type { DelaktigDatabase, OutboxRow } from './database.ts';
import { CHANGES_FILE_FORMAT, CHANGES_FILE_VERSION, type ExportedChange } from './local-data.ts';

export type ImportErrorCode =
  'notJson' | 'notChangesFile' | 'newerVersion' | 'invalidChange' | 'wrongMunicipality' | 'signInFirst';

/** Why a file was refused. Nothing was imported. */
export class ImportError extends Error {
  readonly code: ImportErrorCode;
  /** For invalidChange: the 1-based position of the first bad change. */
  readonly position?: number;
  /** For wrongMunicipality: the name the file gives, if any. */
  readonly municipalityName?: string;

  constructor(code: ImportErrorCode, details: { position?: number; municipalityName?: string } = {}) {
    super(`The changes file was refused: ${code}`);
    this.name = 'ImportError';
    this.code = code;
    this.position = details.position;
    this.municipalityName = details.municipalityName;
  }
}

const FileHeadSchema = v.object({
  format: v.literal(CHANGES_FILE_FORMAT),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  changes: v.array(v.unknown()),
  municipality: v.optional(v.nullable(v.object({ name: v.optional(v.string()) }))),
});

const ExportedChangeSchema = v.object({
  ...ChangeSchema.entries,
  queuedAt: v.optional(v.pipe(v.string(), v.isoTimestamp())),
});

/** Who imports: the signed-in person and their municipality, or null before anyone signed in. */
export interface Importer {
  readonly tenantId: string;
  readonly userId: string;
}

/**
 * Parse and check a changes file without touching the database; throws ImportError. Only changes
 * the importer's municipality can sync are taken: its own, and placeholder changes (made before
 * anyone signed in on the exporting device), which are adopted as on a first sign-in. Any other
 * municipality's change refuses the whole file: the server would refuse it, and it would wait in
 * the outbox for ever. Before anyone signs in nothing can sync, so nothing is imported.
 */
export function parseChangesFile(text: string, importer: Importer | null): ExportedChange[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportError('notJson');
  }
  const head = v.safeParse(FileHeadSchema, json);
  if (!head.success) throw new ImportError('notChangesFile');
  if (head.output.version > CHANGES_FILE_VERSION) throw new ImportError('newerVersion');
  const changes: v.InferOutput<typeof ExportedChangeSchema>[] = [];
  for (const [index, item] of head.output.changes.entries()) {
    const change = v.safeParse(ExportedChangeSchema, item);
    if (!change.success) throw new ImportError('invalidChange', { position: index + 1 });
    const { tenantId, userId } = change.output;
    if (importer && tenantId === LOCAL_TENANT) {
      changes.push({ ...change.output, tenantId: importer.tenantId, userId: userId ?? importer.userId });
    } else if (importer && tenantId === importer.tenantId) {
      changes.push(change.output);
    } else {
      throw new ImportError(importer ? 'wrongMunicipality' : 'signInFirst', {
        municipalityName: head.output.municipality?.name || undefined,
      });
    }
  }
  // The entity name is checked by the server (an unknown one is refused there, and kept here).
  return changes as ExportedChange[];
}

/**
 * Append a file's changes to the outbox, skipping those already there (by change id), in one
 * transaction; a bad file changes nothing. The records themselves arrive with the next sync: the
 * server applies the changes and the pull brings them back. A change that was already synced is
 * harmless: the server applies a change id once.
 */
export async function importChanges(
  db: DelaktigDatabase,
  text: string,
  importer: Importer | null,
  now: Date = new Date(),
): Promise<{ added: number; skipped: number }> {
  const changes = parseChangesFile(text, importer);
  return db.transaction('rw', db.outbox, async () => {
    const ids = changes.map((c) => c.changeId);
    const present = new Set(
      (await db.outbox.where('changeId').anyOf(ids).toArray()).map((row) => row.changeId),
    );
    let added = 0;
    for (const change of changes) {
      if (present.has(change.changeId)) continue;
      present.add(change.changeId);
      const row = {
        ...change,
        queuedAt: change.queuedAt ?? now.toISOString(),
        imported: true,
      } as OutboxRow;
      await db.outbox.add(row);
      added++;
    }
    return { added, skipped: changes.length - added };
  });
}
