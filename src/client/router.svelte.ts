/**
 * A small history router: the app has a handful of screens, and the server answers every deep link
 * with index.html (and the service worker does the same offline).
 */
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

class Router {
  #path = $state(window.location.pathname);
  readonly route = $derived(parseRoute(this.#path));

  constructor() {
    window.addEventListener('popstate', () => {
      this.#path = window.location.pathname;
    });
  }

  navigate(path: string): void {
    if (path === this.#path) return;
    window.history.pushState({}, '', path);
    this.#path = path;
  }

  /** Follow same-origin links without a page load (a plain click, no modifier keys). */
  handleClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return;
    event.preventDefault();
    this.navigate(url.pathname);
  };
}

export const router = new Router();
