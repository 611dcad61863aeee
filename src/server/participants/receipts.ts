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

  // The dialogue's translations are found through the log's scope column (their records have none).
  const translationIds = await db
    .selectFrom('changes')
    .select('record_id')
    .distinct()
    .where('municipality_id', '=', grant.municipality_id)
    .where('scope_id', '=', grant.dialogue_id)
    .where('entity', '=', 'translation')
    .execute();
  const translations = translationIds.length
    ? await db
        .selectFrom('records')
        .select('values_json')
        .where('municipality_id', '=', grant.municipality_id)
        .where('entity', '=', 'translation')
        .where(
          'record_id',
          'in',
          translationIds.map((t) => t.record_id),
        )
        .execute()
    : [];
  const newest = new Map<string, { lang: string; text: string; at: string }>();
  for (const row of translations) {
    const t = JSON.parse(row.values_json) as Values;
    if (t.deleted === true || t.targetEntity !== 'dialogue' || t.field !== 'question') continue;
    const entry = { lang: text(t.lang), text: text(t.text), at: text(t.createdAt) };
    const seen = newest.get(entry.lang);
    if (!seen || entry.at > seen.at) newest.set(entry.lang, entry);
  }
  return {
    dialogueId: grant.dialogue_id,
    municipalityName: grant.name,
    title: text(dialogue.title),
    question: text(dialogue.question),
    status: (text(dialogue.status) || 'planned') as DialogueStatus,
    questionTranslations: [...newest.values()].map(({ lang, text: t }) => ({ lang, text: t })),
  };
}
