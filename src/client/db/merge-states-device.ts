/**
 * Whole-device changes to the merge states (merge-states.ts): rare, so apart from the module every
 * write uses, which the first visit loads.
 */
import type { DelaktigDatabase, MergeChunk, MergeStateRow } from './database.ts';

/**
 * Rewrite every merge state: `change` returns it as it should be, or null to delete it. For
 * adopting the records made before the first sign-in, and wiping a signed-in user's. A chunk left
 * empty is deleted: its keys then fall into the chunk before it.
 */
export async function rewriteMergeStates(
  db: DelaktigDatabase,
  change: (row: MergeStateRow) => MergeStateRow | null,
): Promise<void> {
  const emptied: string[] = [];
  const rewritten: MergeChunk[] = [];
  await db.mergeChunks.each((chunk) => {
    const states = chunk.states.map(change).filter((row): row is MergeStateRow => row !== null);
    if (states.length === 0) emptied.push(chunk.start);
    else rewritten.push({ start: chunk.start, states });
  });
  await db.mergeChunks.bulkDelete(emptied);
  await db.mergeChunks.bulkPut(rewritten);
}

/** Every merge state on this device, in key order (for tests and diagnostics). */
export async function allMergeStates(db: DelaktigDatabase): Promise<MergeStateRow[]> {
  return (await db.mergeChunks.toArray()).flatMap((chunk) => chunk.states);
}
