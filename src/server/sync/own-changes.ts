/**
 * Not pulling back what a device just pushed. After a push the device pulls, and without this it
 * would download its own changes again (a first upload of 10,000 contributions: 10,000 changes
 * back, for nothing). The rule is narrow on purpose, because a cursor that skips someone else's
 * change loses that change on this device for good:
 *
 * The device sends its pull cursor `after` with the push. Under the municipality's sequence lock
 * the server knows the last sequence number handed out before this push. Only if that number is
 * `after` (nobody else's change lies between the device's cursor and this push) may the device move
 * its cursor over the changes this push numbered, and only up to the first not stored exactly as
 * sent: a refused status command is stored as the server's compensating change under the same id,
 * and opening a dialogue adds the server's change giving it a join code, both of which the device
 * has not seen and must pull. Changes of a retried batch (already numbered earlier) never count.
 *
 * The device has every change up to the new cursor: those up to `after` it pulled, the rest it wrote.
 */
export interface Numbered {
  readonly seq: number;
  /**
   * Stored exactly as the device sent it: not a refused command's compensating change, nor a change
   * the server made itself in the same push (a dialogue's join code).
   */
  readonly asSent: boolean;
}

/**
 * The cursor a device that had pulled up to `after` may move to, or undefined. `lastSeqBefore` is
 * the municipality's last sequence number when the push took the lock; `numbered` the changes this
 * push numbered, in sequence order (lastSeqBefore + 1, + 2, …).
 */
export function cursorPastOwnChanges(
  after: number | undefined,
  lastSeqBefore: number,
  numbered: readonly Numbered[],
): number | undefined {
  if (after === undefined || after !== lastSeqBefore) return undefined;
  let cursor = after;
  for (const change of numbered) {
    if (!change.asSent || change.seq !== cursor + 1) break;
    cursor = change.seq;
  }
  return cursor > after ? cursor : undefined;
}
