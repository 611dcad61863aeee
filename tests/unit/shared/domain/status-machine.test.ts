import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../../src/shared/domain/account.ts';
import { DIALOGUE_STATUSES } from '../../../../src/shared/domain/dialogue.ts';
import {
  availableCommands,
  checkCommand,
  DIALOGUE_MACHINE,
} from '../../../../src/shared/domain/status-machine.ts';

/** The dialogue's whole transition table, as the issue states it: planned → open → closed → reported → feedback given. */
const ALLOWED: Record<string, string> = {
  'planned:open': 'open',
  'closed:open': 'open',
  'open:close': 'closed',
  'closed:report': 'reported',
  'reported:giveFeedback': 'feedbackGiven',
};

describe('dialogue status machine', () => {
  it('allows exactly the listed transitions from every status, and refuses every other', () => {
    for (const from of DIALOGUE_STATUSES) {
      for (const command of Object.keys(DIALOGUE_MACHINE.commands)) {
        const result = checkCommand(DIALOGUE_MACHINE, command, from, 'admin');
        const expected = ALLOWED[`${from}:${command}`];
        if (expected) expect(result, `${command} from ${from}`).toEqual({ ok: true, to: expected });
        else expect(result, `${command} from ${from}`).toEqual({ ok: false, code: 'not_allowed_now' });
      }
    }
  });

  it('lets facilitators and admins run every command, officials only report and give feedback, others none', () => {
    const may = (role: Role) =>
      Object.keys(DIALOGUE_MACHINE.commands).filter(
        (c) => checkCommand(DIALOGUE_MACHINE, c, DIALOGUE_MACHINE.commands[c]!.from[0]!, role).ok,
      );
    for (const role of ROLES) {
      const expected =
        role === 'admin' || role === 'facilitator'
          ? ['open', 'close', 'report', 'giveFeedback']
          : role === 'official'
            ? ['report', 'giveFeedback']
            : [];
      expect(may(role), role).toEqual(expected);
    }
  });

  it('refuses a command it does not know', () => {
    expect(checkCommand(DIALOGUE_MACHINE, 'delete', 'open', 'admin')).toEqual({
      ok: false,
      code: 'unknown_command',
    });
    expect(checkCommand(DIALOGUE_MACHINE, 'toString', 'open', 'admin')).toEqual({
      ok: false,
      code: 'unknown_command',
    });
  });

  it('offers the commands a role may run now', () => {
    expect(availableCommands(DIALOGUE_MACHINE, 'closed', 'facilitator')).toEqual(['open', 'report']);
    expect(availableCommands(DIALOGUE_MACHINE, 'closed', 'politician')).toEqual([]);
  });
});
