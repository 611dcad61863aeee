/** The screens of the app and the paths that lead to them. Pure: tested without a browser. */
export type AdminPage = 'users' | 'devices' | 'municipality';

/** The screens of the accounts feature (src/client/features/accounts/AccountScreens.svelte). */
export type AccountRoute =
  | { readonly name: 'signIn' }
  | { readonly name: 'setup' }
  | { readonly name: 'enrol' }
  | { readonly name: 'signOut' }
  | { readonly name: 'admin'; readonly page: AdminPage };

/**
 * The participant's screens (src/client/features/participate/): no account, no staff navigation.
 * `/j` asks for a code, `/j/<code>` joins, `/r/<receipt>` shows what came of a dialogue.
 */
export type ParticipantRoute =
  | { readonly name: 'join'; readonly code: string | null }
  | { readonly name: 'receipt'; readonly receipt: string };

/**
 * The youth council's Open Space: everything under /open-space. Which of its screens a path shows is
 * the feature's business (features/open-space/open-space-routes.ts), so that its routes load with it.
 */
export type OpenSpaceRoute = { readonly name: 'openSpace'; readonly path: string };

/** The youth developers' screens (src/client/features/proposals/). */
export type ProposalScreen =
  'archive' | 'new' | 'followUp' | 'import' | 'cohorts' | 'page' | 'edit' | 'print';
export type ProposalRoute = {
  readonly name: 'proposals';
  readonly screen: ProposalScreen;
  readonly id?: string;
};

/** /proposals, /proposals/new|follow-up|import, /proposals/<id>[/edit|/print], /cohorts. */
const PROPOSAL_PATH =
  /^\/(?:(cohorts)|proposals(?:\/(new|follow-up|import)|\/([0-9a-f-]{36})(?:\/(edit|print))?)?)$/;

export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'newDialogue' }
  | { readonly name: 'dialogue'; readonly id: string }
  /** Grouping a dialogue's contributions into themes (features/dialogues/themes). */
  | { readonly name: 'themes'; readonly id: string }
  | { readonly name: 'dialogueReport'; readonly id: string }
  | { readonly name: 'settings' }
  | AccountRoute
  | ParticipantRoute
  | ProposalRoute
  | OpenSpaceRoute
  | { readonly name: 'notFound' };

const ACCOUNT_PATHS: Readonly<Record<string, AccountRoute>> = {
  '/sign-in': { name: 'signIn' },
  '/setup': { name: 'setup' },
  '/enrol': { name: 'enrol' },
  '/sign-out': { name: 'signOut' },
  '/admin': { name: 'admin', page: 'users' },
  '/admin/users': { name: 'admin', page: 'users' },
  '/admin/devices': { name: 'admin', page: 'devices' },
  '/admin/municipality': { name: 'admin', page: 'municipality' },
};

/** A path segment as typed; a malformed escape (%zz) is kept as it is rather than breaking the app. */
function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // URIError: not a valid escape; the screen then says the code is unknown.
  }
}

export function isOpenSpaceRoute(route: Route): route is OpenSpaceRoute {
  return route.name === 'openSpace';
}

export function parseRoute(path: string): Route {
  if (path === '/' || path === '') return { name: 'home' };
  if (path === '/open-space' || path.startsWith('/open-space/')) return { name: 'openSpace', path };
  if (path === '/dialogues/new') return { name: 'newDialogue' };
  if (path === '/settings') return { name: 'settings' };
  if (Object.hasOwn(ACCOUNT_PATHS, path)) return ACCOUNT_PATHS[path] as AccountRoute;
  // A dialogue's page, its themes (/dialogues/<id>/themes) or its report (/dialogues/<id>/report).
  const dialogue = /^\/dialogues\/([0-9a-f-]{36})(\/themes|\/report)?$/.exec(path);
  if (dialogue?.[1]) {
    const screen = { '/themes': 'themes', '/report': 'dialogueReport' } as const;
    return { name: dialogue[2] ? screen[dialogue[2] as keyof typeof screen] : 'dialogue', id: dialogue[1] };
  }
  const p = PROPOSAL_PATH.exec(path);
  if (p) {
    const screen = p[1]
      ? 'cohorts'
      : p[2] === 'follow-up'
        ? 'followUp'
        : (p[2] ?? p[4] ?? (p[3] ? 'page' : 'archive'));
    return { name: 'proposals', screen: screen as ProposalScreen, ...(p[3] ? { id: p[3] } : {}) };
  }
  if (path === '/j' || path === '/j/') return { name: 'join', code: null };
  // Whatever follows /j/ is the code as typed or scanned; the join screen checks it.
  const join = /^\/j\/([^/]{1,32})$/.exec(path);
  if (join?.[1]) return { name: 'join', code: decode(join[1]) };
  const receipt = /^\/r\/([^/]{1,32})$/.exec(path);
  if (receipt?.[1]) return { name: 'receipt', receipt: decode(receipt[1]) };
  return { name: 'notFound' };
}

export function isAccountRoute(route: Route): route is AccountRoute {
  return ['signIn', 'setup', 'enrol', 'signOut', 'admin'].includes(route.name);
}

export function isParticipantRoute(route: Route): route is ParticipantRoute {
  return route.name === 'join' || route.name === 'receipt';
}
