/**
 * What every Open Space screen uses: the app's context, the feature's repositories (made here, on
 * first use, so they stay out of the first visit), and what the signed-in role may do.
 */
import { appContext, type AppContext } from '../../app-context.ts';
import type { DelaktigDatabase } from '../../db/database.ts';
import { OpenSpaceActionRepository } from '../../db/open-space-action-repository.ts';
import { OpenSpaceRepository } from '../../db/open-space-repository.ts';
import { DEFAULT_TIME_ZONE } from '../../../shared/domain/tenant.ts';
import { ENTITY_DEFINITIONS } from '../../../shared/sync/entities.ts';
import type { Role } from '../../../shared/domain/roles.ts';
import { session } from '../../sync/session.svelte.ts';

interface OpenSpaceRepositories {
  readonly events: OpenSpaceRepository;
  readonly actions: OpenSpaceActionRepository;
}

const made = new WeakMap<DelaktigDatabase, OpenSpaceRepositories>();

export interface OpenSpaceContext extends AppContext, OpenSpaceRepositories {}

export function openSpaceContext(): OpenSpaceContext {
  const app = appContext();
  let repos = made.get(app.repos.db);
  if (!repos) {
    repos = {
      events: new OpenSpaceRepository(app.repos.db),
      actions: new OpenSpaceActionRepository(app.repos.db),
    };
    made.set(app.repos.db, repos);
  }
  return { ...app, ...repos };
}

/** The role this device acts in; before anyone signs in, whoever holds it runs its own meetings. */
export function currentRole(): Role {
  return session.current.user?.role ?? 'facilitator';
}

type Entity = 'openSpaceEvent' | 'openSpaceTopic' | 'openSpaceAction' | 'openSpaceComment';

/** May the current role create or change records of `entity` (ENTITY_DEFINITIONS decides)? */
export function may(what: 'create' | 'update', entity: Entity): boolean {
  return (ENTITY_DEFINITIONS[entity][what] as readonly Role[]).includes(currentRole());
}

export function timeZone(): string {
  return session.current.municipality?.timeZone ?? DEFAULT_TIME_ZONE;
}

export function authorName(): string {
  return session.current.user?.displayName ?? '';
}

/** The municipality's committees, to name as an action's owner. */
export function committees(): readonly { readonly id: string; readonly name: string }[] {
  return session.current.municipality?.committees ?? [];
}
