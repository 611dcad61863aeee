/**
 * The state machine of each entity that has one, for what checks every change (the merge rule on
 * devices and on the server). Apart from status-machine.ts, which a feature imports for its own
 * machine: a dialogue screen on a first visit need not carry the Open Space's and the proposals'.
 */
import { ACTION_MACHINE, EVENT_MACHINE } from './open-space-machines.ts';
import { PROPOSAL_MACHINE } from './proposal-lifecycle.ts';
import { DIALOGUE_MACHINE, type StatusMachine } from './status-machine.ts';

export const STATUS_MACHINES: Readonly<Record<string, StatusMachine<string>>> = {
  dialogue: DIALOGUE_MACHINE,
  openSpaceEvent: EVENT_MACHINE,
  openSpaceAction: ACTION_MACHINE,
  proposal: PROPOSAL_MACHINE,
};
