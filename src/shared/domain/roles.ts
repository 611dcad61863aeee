/**
 * The roles a person acts in. Apart from account.ts (which holds the account schemas) so that
 * screens shown on a first visit can name roles without loading the schemas.
 */
export const ROLES = [
  'admin',
  'facilitator',
  'youthCouncil',
  'youthDeveloper',
  'official',
  'politician',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles an enrolled shared tablet may act in (never admin). */
export const DEVICE_ROLES = [
  'facilitator',
  'youthCouncil',
  'youthDeveloper',
] as const satisfies readonly Role[];

/**
 * Who may create a dialogue (the sync entity's `create`, src/shared/sync/entities.ts). Here so that
 * a first-visit screen can ask without loading the entity table.
 */
export const DIALOGUE_CREATORS = ['admin', 'facilitator'] as const satisfies readonly Role[];
