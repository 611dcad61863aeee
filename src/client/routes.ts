/** The screens of the app and the paths that lead to them. Pure: tested without a browser. */
export type AdminPage = 'users' | 'devices' | 'municipality';

/** The screens of the accounts feature (src/client/features/accounts/AccountScreens.svelte). */
export type AccountRoute =
  | { readonly name: 'signIn' }
  | { readonly name: 'setup' }
  | { readonly name: 'enrol' }
  | { readonly name: 'signOut' }
  | { readonly name: 'admin'; readonly page: AdminPage };

export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'newDialogue' }
  | { readonly name: 'dialogue'; readonly id: string }
  | { readonly name: 'settings' }
  | AccountRoute
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

export function parseRoute(path: string): Route {
  if (path === '/' || path === '') return { name: 'home' };
  if (path === '/dialogues/new') return { name: 'newDialogue' };
  if (path === '/settings') return { name: 'settings' };
  if (Object.hasOwn(ACCOUNT_PATHS, path)) return ACCOUNT_PATHS[path] as AccountRoute;
  const dialogue = /^\/dialogues\/([0-9a-f-]{36})$/.exec(path);
  if (dialogue?.[1]) return { name: 'dialogue', id: dialogue[1] };
  return { name: 'notFound' };
}

export function isAccountRoute(route: Route): route is AccountRoute {
  return ['signIn', 'setup', 'enrol', 'signOut', 'admin'].includes(route.name);
}
