/** Typed context: what every view may use, set once by App.svelte. */
import { getContext, setContext } from 'svelte';
import type { Repositories, WriteContext } from './db/index.ts';

export interface AppContext {
  readonly repos: Repositories;
  /**
   * Who is writing, for every change: the signed-in municipality and person (sync/session.svelte.ts),
   * or the placeholder tenant before anyone has signed in on this device.
   */
  readonly writer: () => WriteContext;
  /**
   * Sync now, when signed in: after a change to the outbox that adds no row (adopting the records
   * made before sign-in), which the sync engine's "outbox grew" trigger does not see.
   */
  readonly syncNow: () => void;
}

const KEY = Symbol('app');

export function setAppContext(context: AppContext): void {
  setContext(KEY, context);
}

export function appContext(): AppContext {
  const context = getContext<AppContext | undefined>(KEY);
  if (!context) throw new Error('appContext() used outside App');
  return context;
}
