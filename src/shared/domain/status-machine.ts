/**
 * Status changes travel as named commands (docs/sync-protocol.md), checked by these machines on the
 * device that issues them and again on the server, in the order the server receives them. A status
 * field is never set directly by a device: last-writer-wins on a status would let a device that was
 * offline for a week quietly reopen a dialogue someone else had reported.
 */
import type { Role } from './account.ts';
import type { DialogueStatus } from './dialogue.ts';

export interface Transition<S extends string> {
  readonly from: readonly S[];
  readonly to: S;
  readonly roles: readonly Role[];
}

export interface StatusMachine<S extends string> {
  /** The field the machine owns. */
  readonly field: string;
  readonly initial: S;
  readonly commands: Readonly<Record<string, Transition<S>>>;
  /**
   * A field a command also sets: when it happened (a dialogue's closedAt, for "days from closing to
   * feedback"). Set by the device that runs the command, kept only when the server allows it.
   */
  readonly stamps?: Readonly<Record<string, string>>;
  /**
   * Fields a command carries besides the status and its stamp (a proposal's decision: outcome, text,
   * body, date). `required` ones must be present and non-empty, or the change is refused
   * (merge.ts checkChange); a change of any other field under a command is refused as before.
   */
  readonly carries?: Readonly<Record<string, CommandFields>>;
}

export interface CommandFields {
  readonly required?: readonly string[];
  readonly optional?: readonly string[];
}

const DIALOGUE_ROLES: readonly Role[] = ['admin', 'facilitator'];

export const DIALOGUE_MACHINE: StatusMachine<DialogueStatus> = {
  field: 'status',
  initial: 'planned',
  commands: {
    open: { from: ['planned', 'closed'], to: 'open', roles: DIALOGUE_ROLES },
    close: { from: ['open'], to: 'closed', roles: DIALOGUE_ROLES },
    report: { from: ['closed'], to: 'reported', roles: [...DIALOGUE_ROLES, 'official'] },
    giveFeedback: { from: ['reported'], to: 'feedbackGiven', roles: [...DIALOGUE_ROLES, 'official'] },
  },
  stamps: { close: 'closedAt', giveFeedback: 'feedbackAt' },
};

export type CommandCheck<S extends string> =
  | { readonly ok: true; readonly to: S }
  | { readonly ok: false; readonly code: 'unknown_command' | 'not_allowed_now' | 'role_may_not' };

/** May `role` run `command` on a record whose status is `from`? */
export function checkCommand<S extends string>(
  machine: StatusMachine<S>,
  command: string,
  from: S,
  role: Role | null,
): CommandCheck<S> {
  const transition = Object.hasOwn(machine.commands, command) ? machine.commands[command] : undefined;
  if (!transition) return { ok: false, code: 'unknown_command' };
  if (role !== null && !transition.roles.includes(role)) return { ok: false, code: 'role_may_not' };
  if (!transition.from.includes(from)) return { ok: false, code: 'not_allowed_now' };
  return { ok: true, to: transition.to };
}

/** The commands `role` may run now, for offering buttons. */
export function availableCommands<S extends string>(
  machine: StatusMachine<S>,
  from: S,
  role: Role | null,
): string[] {
  return Object.keys(machine.commands).filter((name) => checkCommand(machine, name, from, role).ok);
}
