/**
 * The repositories' way to text fields (text-field.ts), loaded when one is first read or edited:
 * not on the first visit, whose JavaScript budget is nearly spent (docs/benchmarks.md). Neither is
 * called inside a transaction: each opens its own, after the module has loaded.
 */
import type { DelaktigDatabase } from './database.ts';
import type { EntityName } from '../../shared/sync/change.ts';
import type { WriteContext } from './outbox.ts';
import type { TextEdit, TextFieldState } from './text-field.ts';

export type { TextFieldState } from './text-field.ts';

const load = () => import('./text-field.ts');

export async function readTextField(
  db: DelaktigDatabase,
  entity: EntityName,
  recordId: string,
  field: string,
): Promise<TextFieldState> {
  return (await load()).readTextField(db, entity, recordId, field);
}

export async function editTextField(
  db: DelaktigDatabase,
  context: WriteContext,
  edit: TextEdit,
): Promise<TextFieldState> {
  return (await load()).editTextField(db, context, edit);
}
