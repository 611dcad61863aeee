/**
 * Join codes and receipt codes (shared/domain/join-code.ts), allocated on the server so each is
 * unique on it: a join code when a dialogue is first opened, a receipt when a phone joins.
 */
import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import { JOIN_CODE_LENGTH, makeCode, RECEIPT_CODE_LENGTH } from '../../shared/domain/join-code.ts';
import type { Db } from '../storage/storage.ts';
import type { Schema } from '../storage/schema.ts';

const ATTEMPTS = 20;

/** A code that `exists` says is free. 148 million join codes: a clash is rare, twenty in a row is a bug. */
async function freeCode(length: number, exists: (code: string) => Promise<boolean>): Promise<string> {
  for (let i = 0; i < ATTEMPTS; i++) {
    const code = makeCode(length, (n) => randomBytes(n));
    if (!(await exists(code))) return code;
  }
  throw new Error(`No free code of ${length} characters after ${ATTEMPTS} attempts`);
}

/**
 * The dialogue's join code: the one it has, or a new one stored now (inside the push transaction
 * that opened the dialogue, which holds the municipality's sequence lock, so a dialogue never gets two).
 */
export async function joinCodeFor(
  tx: Transaction<Schema>,
  municipalityId: string,
  dialogueId: string,
): Promise<string> {
  const existing = await tx
    .selectFrom('join_codes')
    .select('code')
    .where('dialogue_id', '=', dialogueId)
    .executeTakeFirst();
  if (existing) return existing.code;
  const code = await freeCode(JOIN_CODE_LENGTH, async (c) =>
    Boolean(await tx.selectFrom('join_codes').select('code').where('code', '=', c).executeTakeFirst()),
  );
  await tx
    .insertInto('join_codes')
    .values({
      code,
      municipality_id: municipalityId,
      dialogue_id: dialogueId,
      created_at: new Date().toISOString(),
    })
    .execute();
  return code;
}

export function newReceipt(db: Db): Promise<string> {
  return freeCode(RECEIPT_CODE_LENGTH, async (c) =>
    Boolean(
      await db.selectFrom('participant_grants').select('receipt').where('receipt', '=', c).executeTakeFirst(),
    ),
  );
}
