/** What a receipt code shows: the dialogue as it stands, read from its merged record. */
import type { DialogueStatus } from '../../shared/domain/dialogue.ts';
import type { ReceiptResponse } from '../../shared/domain/participation.ts';
import type { Db } from '../storage/storage.ts';

type Values = Record<string, unknown>;
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export async function readReceipt(db: Db, receipt: string): Promise<ReceiptResponse | null> {
  const grant = await db
    .selectFrom('participant_grants')
    .innerJoin('participant_sessions', 'participant_sessions.id', 'participant_grants.session_id')
    .innerJoin('municipalities', 'municipalities.id', 'participant_sessions.municipality_id')
    .select(['participant_grants.dialogue_id', 'participant_sessions.municipality_id', 'municipalities.name'])
    .where('participant_grants.receipt', '=', receipt)
    .executeTakeFirst();
  if (!grant) return null;
  const record = await db
    .selectFrom('records')
    .select('values_json')
    .where('municipality_id', '=', grant.municipality_id)
    .where('entity', '=', 'dialogue')
    .where('record_id', '=', grant.dialogue_id)
    .executeTakeFirst();
  if (!record) return null;
  const dialogue = JSON.parse(record.values_json) as Values;
  if (dialogue.deleted === true) return null;

  const translations = await recordsInScope(db, grant.municipality_id, grant.dialogue_id, 'translation');
  const feedback = (await recordsInScope(db, grant.municipality_id, grant.dialogue_id, 'feedback'))
    .filter((f) => f.values.deleted !== true)
    .sort((a, b) => text(a.values.createdAt).localeCompare(text(b.values.createdAt)));
  return {
    dialogueId: grant.dialogue_id,
    municipalityName: grant.name,
    title: text(dialogue.title),
    question: text(dialogue.question),
    status: (text(dialogue.status) || 'planned') as DialogueStatus,
    questionTranslations: newestTranslations(translations, 'dialogue', grant.dialogue_id, 'question'),
    feedback: feedback.map((f) => ({
      id: f.id,
      committeeName: text(f.values.committeeName),
      decidedOn: text(f.values.decidedOn),
      text: text(f.values.text),
      translations: newestTranslations(translations, 'feedback', f.id, 'text'),
    })),
  };
}

interface StoredRecord {
  readonly id: string;
  readonly values: Values;
}

/** A dialogue's records of one kind, found through the log's scope column (records have none). */
async function recordsInScope(
  db: Db,
  municipalityId: string,
  dialogueId: string,
  entity: string,
): Promise<StoredRecord[]> {
  const rows = await db
    .selectFrom('records')
    .select(['record_id', 'values_json'])
    .where('municipality_id', '=', municipalityId)
    .where('entity', '=', entity)
    .where(
      'record_id',
      'in',
      db
        .selectFrom('changes')
        .select('record_id')
        .where('municipality_id', '=', municipalityId)
        .where('scope_id', '=', dialogueId)
        .where('entity', '=', entity),
    )
    .execute();
  return rows.map((row) => ({ id: row.record_id, values: JSON.parse(row.values_json) as Values }));
}

/** The newest translation per language of one field of one record. */
function newestTranslations(
  translations: readonly StoredRecord[],
  targetEntity: string,
  targetId: string,
  field: string,
): { lang: string; text: string }[] {
  const newest = new Map<string, { lang: string; text: string; at: string }>();
  for (const { values: t } of translations) {
    if (t.deleted === true || t.targetEntity !== targetEntity || t.targetId !== targetId || t.field !== field)
      continue;
    const entry = { lang: text(t.lang), text: text(t.text), at: text(t.createdAt) };
    const seen = newest.get(entry.lang);
    if (!seen || entry.at > seen.at) newest.set(entry.lang, entry);
  }
  return [...newest.values()].map(({ lang, text: t }) => ({ lang, text: t }));
}
