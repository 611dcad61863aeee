/**
 * Status commands on the server (src/shared/domain/status-machine.ts), run in the order pushes
 * arrive. See runCommand.
 */
import type { Change } from '../../shared/sync/change.ts';
import { checkCommand } from '../../shared/domain/status-machine.ts';
import { STATUS_MACHINES } from '../../shared/domain/status-machines.ts';
import { formatHlc, parseHlc, tick } from '../../shared/sync/hlc.ts';
import type { RecordState } from '../../shared/sync/merge.ts';
import type { PushResponse } from '../../shared/sync/protocol.ts';
import type { Actor } from './actor.ts';

/**
 * A status command, checked against the record's status as the server has it now. Allowed: the
 * change as it came. Refused: it is not applied; in its place (under the same change id, so a retry
 * finds it) goes a change from the server that sets the status back to what it is, stamped newer
 * than the command, so the device that ran it converges back; and that device gets a notice.
 */
export function runCommand(
  actor: Actor,
  change: Change,
  state: RecordState | undefined,
  notices: PushResponse['notices'][number][],
): Change {
  const machine = change.command === undefined ? undefined : STATUS_MACHINES[change.entity];
  if (!machine || change.command === undefined) return change;
  const from =
    typeof state?.values[machine.field] === 'string'
      ? (state.values[machine.field] as string)
      : machine.initial;
  // Participants run no commands (checkParticipantChange refuses them before this).
  const result =
    actor.role === 'participant'
      ? ({ ok: false, code: 'role_may_not' } as const)
      : checkCommand(machine, change.command, from, actor.role);
  if (result.ok && change.fields[machine.field] === result.to) return change;
  const reason = result.ok ? 'wrong_target' : result.code;
  notices.push({
    changeId: change.changeId,
    code: 'command_refused',
    message: `"${change.command}" was not done: the status is "${from}" (${reason}).`,
  });
  const newest = [change.hlc, ...Object.keys(change.fields).map((f) => state?.stamps[f] ?? '')].reduce(
    (a, b) => (b > a ? b : a),
  );
  return {
    changeId: change.changeId,
    entity: change.entity,
    recordId: change.recordId,
    tenantId: change.tenantId,
    // Every field the command set goes back to what the server has (its time stamp too).
    fields: Object.fromEntries(
      Object.keys(change.fields).map((f) => [f, f === machine.field ? from : (state?.values[f] ?? null)]),
    ),
    hlc: formatHlc(tick(parseHlc(newest), 0), SERVER_DEVICE),
    deviceId: SERVER_DEVICE,
    userId: actor.userId,
  };
}

/** The device id of changes the server makes itself. */
export const SERVER_DEVICE = 'server';
