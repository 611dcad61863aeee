/** Earlier years' proposals, from rows csv-import.ts has checked, onto this device and into sync. */
import { v7 as uuidv7 } from 'uuid';
import type { Proposal } from '../../shared/domain/proposal.ts';
import type { ImportedProposal } from '../features/proposals/archive/csv-import.ts';
import type { DelaktigDatabase } from './database.ts';
import { writeWithChange, type WriteContext } from './outbox.ts';
import {
  EMPTY_LIFECYCLE,
  PROPOSAL_CONTENT_FIELDS,
  type Decision,
  type ProposalRepository,
} from './proposal-repository.ts';

/**
 * One proposal of an earlier year (rows checked by csv-import.ts), by an admin: created as
 * imported, then taken through the lifecycle to where it ended, each step with its old date.
 */
export async function importProposal(
  db: DelaktigDatabase,
  repo: ProposalRepository,
  row: ImportedProposal,
  context: WriteContext,
): Promise<Proposal> {
  const created = await writeWithChange(db, context, {
    entity: 'proposal',
    table: db.proposals,
    build: (stamp) => ({
      ...EMPTY_LIFECYCLE,
      id: uuidv7(),
      tenantId: context.tenantId,
      year: row.year,
      cohortId: null,
      assignmentId: null,
      lang: row.lang,
      title: row.title,
      summary: row.summary,
      background: '',
      dialogueIds: [],
      proposal: row.proposal,
      articles: row.articles,
      focusAreas: [],
      affected: '',
      effort: '',
      committeeId: row.committeeId,
      committeeName: row.committeeName,
      authorIds: [],
      status: 'draft' as const,
      imported: true,
      createdAt: stamp.at,
      updatedAt: stamp.at,
      createdHlc: stamp.hlc,
      hlc: stamp.hlc,
    }),
    fields: [...PROPOSAL_CONTENT_FIELDS, 'status', 'imported', 'createdAt', 'createdHlc', 'updatedAt'],
  });
  const submitted = `${row.submittedOn ?? `${row.year}-07-31`}T12:00:00.000Z`;
  const steps: [string, Partial<Decision>?][] =
    row.status === 'withdrawn'
      ? [['submit'], ['withdraw']]
      : row.status === 'submitted'
        ? [['submit']]
        : [
            ['submit'],
            ['receive'],
            ['review'],
            [
              'decide',
              {
                outcome: row.outcome ?? '',
                decisionText: row.decisionText || '-',
                decisionBodyId: row.committeeId,
                decisionBodyName: row.committeeName,
                decidedOn: row.decidedOn ?? '',
              },
            ],
            ...(row.status === 'decided'
              ? []
              : [[row.status === 'implemented' ? 'markImplemented' : 'markNotImplemented'] as [string]]),
          ];
  let proposal = created;
  for (const [command, carried] of steps) {
    const at =
      command === 'submit'
        ? submitted
        : command === 'decide' || command.startsWith('mark')
          ? `${row.decidedOn}T12:00:00.000Z`
          : submitted;
    proposal = await repo.transition(proposal.id, command, context, 'admin', carried, at);
  }
  return proposal;
}
