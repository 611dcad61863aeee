/** The screens of the app and the paths that lead to them. Pure: tested without a browser. */
export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'newDialogue' }
  | { readonly name: 'dialogue'; readonly id: string }
  | { readonly name: 'settings' }
  | { readonly name: 'notFound' };

export function parseRoute(path: string): Route {
  if (path === '/' || path === '') return { name: 'home' };
  if (path === '/dialogues/new') return { name: 'newDialogue' };
  if (path === '/settings') return { name: 'settings' };
  const dialogue = /^\/dialogues\/([0-9a-f-]{36})$/.exec(path);
  if (dialogue?.[1]) return { name: 'dialogue', id: dialogue[1] };
  return { name: 'notFound' };
}
