/** What every proposals screen uses: the repository (made here, not in the first visit's bundle) and who is acting. */
import { appContext } from '../../app-context.ts';
import { ProposalRepository } from '../../db/proposal-repository.ts';
import type { DelaktigDatabase } from '../../db/database.ts';
import { session } from '../../sync/session.svelte.ts';
import type { Role } from '../../../shared/domain/roles.ts';
import { ROLES } from '../../../shared/domain/roles.ts';

const repositories = new WeakMap<DelaktigDatabase, ProposalRepository>();

export function proposalContext() {
  const app = appContext();
  let repo = repositories.get(app.repos.db);
  if (!repo) {
    repo = new ProposalRepository(app.repos.db);
    repositories.set(app.repos.db, repo);
  }
  return { ...app, proposals: repo };
}

/** The signed-in person's role; before anyone signs in, a youth developer drafting on their own device. */
export function currentRole(): Role {
  const role = session.current.user?.role;
  return (ROLES as readonly string[]).includes(role ?? '') ? (role as Role) : 'youthDeveloper';
}

export function committees(): readonly { readonly id: string; readonly name: string }[] {
  return session.current.municipality?.committees ?? [];
}

/** A date (YYYY-MM-DD) in the app's language. */
export function formatDay(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${iso.slice(0, 10)}T00:00:00Z`),
  );
}
