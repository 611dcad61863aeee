/**
 * The Open Space's statuses, who does what, and its status machines (open-space.ts has the rest):
 * apart, because status-machine.ts and entities.ts load on the first visit, and a module is bundled
 * whole wherever it lands.
 */
import type { Role } from './roles.ts';
import type { StatusMachine } from './status-machine.ts';

export const EVENT_STATUSES = ['planned', 'running', 'closed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const ACTION_STATUSES = ['open', 'inProgress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** The council's tablets run the meeting; facilitators and admins help. */
const MEETING_ROLES: readonly Role[] = ['admin', 'facilitator', 'youthCouncil'];
/** Those who answer for actions after the meeting. */
const FOLLOW_UP_ROLES: readonly Role[] = ['admin', 'facilitator', 'official', 'politician'];

export const OPEN_SPACE_ROLES = {
  meeting: MEETING_ROLES,
  followUp: FOLLOW_UP_ROLES,
  /** Turning a recommendation into an action happens at the meeting and after it. */
  createAction: [...MEETING_ROLES, 'official', 'politician'] as readonly Role[],
  get comment(): readonly Role[] {
    return this.createAction;
  },
} as const;

export const EVENT_MACHINE: StatusMachine<EventStatus> = {
  field: 'status',
  initial: 'planned',
  commands: {
    start: { from: ['planned'], to: 'running', roles: MEETING_ROLES },
    close: { from: ['running'], to: 'closed', roles: MEETING_ROLES },
    reopen: { from: ['closed'], to: 'running', roles: MEETING_ROLES },
  },
};

export const ACTION_MACHINE: StatusMachine<ActionStatus> = {
  field: 'status',
  initial: 'open',
  commands: {
    begin: { from: ['open'], to: 'inProgress', roles: FOLLOW_UP_ROLES },
    finish: { from: ['open', 'inProgress'], to: 'done', roles: FOLLOW_UP_ROLES },
    drop: { from: ['open', 'inProgress'], to: 'dropped', roles: FOLLOW_UP_ROLES },
    reopen: { from: ['done', 'dropped'], to: 'open', roles: FOLLOW_UP_ROLES },
  },
};
