/**
 * A small history router: the app has a handful of screens, and the server answers every deep link
 * with index.html (and the service worker does the same offline).
 */
import { parseRoute } from './routes.ts';

export type { Route } from './routes.ts';

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
