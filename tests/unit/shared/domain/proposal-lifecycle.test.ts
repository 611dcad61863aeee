/**
 * The proposal lifecycle, exhaustively: every status × command × role, against a table written out
 * by hand from the issue (not derived from the machine), so a wrong machine fails here.
 */
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../../src/shared/domain/roles.ts';
import { PROPOSAL_STATUSES } from '../../../../src/shared/domain/proposal.ts';
import { PROPOSAL_MACHINE } from '../../../../src/shared/domain/proposal-lifecycle.ts';
import { decisionProblems } from '../../../../src/shared/domain/proposal-decision.ts';
import { availableCommands, checkCommand } from '../../../../src/shared/domain/status-machine.ts';
import { STATUS_MACHINES } from '../../../../src/shared/domain/status-machines.ts';
import { commandFields, missingCommandField } from '../../../../src/shared/domain/command-fields.ts';

/** "from:command" → to. */
const ALLOWED: Record<string, string> = {
  'draft:submit': 'submitted',
  'draft:withdraw': 'withdrawn',
  'submitted:withdraw': 'withdrawn',
  'submitted:receive': 'received',
  'received:review': 'inReview',
  'inReview:decide': 'decided',
  'decided:markImplemented': 'implemented',
  'decided:markNotImplemented': 'notImplemented',
};

/** Youth developers draft and submit (and withdraw); officials receive, review, decide, follow up; admins anything. */
const MAY_RUN: Record<Role, readonly string[]> = {
  admin: ['submit', 'withdraw', 'receive', 'review', 'decide', 'markImplemented', 'markNotImplemented'],
  youthDeveloper: ['submit', 'withdraw'],
  official: ['receive', 'review', 'decide', 'markImplemented', 'markNotImplemented'],
  politician: [],
  facilitator: [],
  youthCouncil: [],
};

describe('the proposal lifecycle', () => {
  it('is the machine registered for proposals', () => {
    expect(STATUS_MACHINES.proposal).toBe(PROPOSAL_MACHINE);
    expect(PROPOSAL_MACHINE.initial).toBe('draft');
  });

  it('allows exactly the listed transitions for every status, command and role, and refuses every other', () => {
    let checked = 0;
    for (const from of PROPOSAL_STATUSES) {
      for (const command of Object.keys(PROPOSAL_MACHINE.commands)) {
        for (const role of ROLES) {
          const result = checkCommand(PROPOSAL_MACHINE, command, from, role);
          const to = ALLOWED[`${from}:${command}`];
          const label = `${role} runs ${command} on ${from}`;
          if (!MAY_RUN[role].includes(command))
            expect(result, label).toEqual({ ok: false, code: 'role_may_not' });
          else if (!to) expect(result, label).toEqual({ ok: false, code: 'not_allowed_now' });
          else expect(result, label).toEqual({ ok: true, to });
          checked++;
        }
      }
    }
    expect(checked).toBe(PROPOSAL_STATUSES.length * 7 * ROLES.length);
  });

  it('has no way out of withdrawn, implemented or not implemented', () => {
    for (const end of ['withdrawn', 'implemented', 'notImplemented'] as const)
      expect(availableCommands(PROPOSAL_MACHINE, end, 'admin')).toEqual([]);
  });

  it('offers a youth developer submit and withdraw on a draft, and an official nothing there', () => {
    expect(availableCommands(PROPOSAL_MACHINE, 'draft', 'youthDeveloper')).toEqual(['submit', 'withdraw']);
    expect(availableCommands(PROPOSAL_MACHINE, 'draft', 'official')).toEqual([]);
    expect(availableCommands(PROPOSAL_MACHINE, 'decided', 'official')).toEqual([
      'markImplemented',
      'markNotImplemented',
    ]);
  });

  it('lets "decide" carry the decision, and says which required field is missing', () => {
    expect(commandFields(PROPOSAL_MACHINE, 'decide')).toEqual([
      'decidedAt',
      'outcome',
      'decisionText',
      'decisionBodyId',
      'decisionBodyName',
      'decidedOn',
    ]);
    const decision = {
      outcome: 'partly',
      decisionText: 'Nämnden bifaller delvis.',
      decisionBodyId: 'c1',
      decisionBodyName: 'Fritidsnämnden',
      decidedOn: '2026-09-14',
    };
    expect(missingCommandField(PROPOSAL_MACHINE, 'decide', decision)).toBeNull();
    expect(missingCommandField(PROPOSAL_MACHINE, 'decide', { ...decision, decidedOn: '' })).toBe('decidedOn');
    expect(missingCommandField(PROPOSAL_MACHINE, 'submit', {})).toBeNull();
    expect(decisionProblems(decision)).toEqual([]);
    expect(decisionProblems({ ...decision, decidedOn: undefined })).toEqual([
      { field: 'decidedOn', code: 'required' },
    ]);
    expect(decisionProblems({ ...decision, decidedOn: '14/9 2026', outcome: 'maybe' })).toEqual([
      { field: 'outcome', code: 'invalid' },
      { field: 'decidedOn', code: 'invalid' },
    ]);
  });
});
