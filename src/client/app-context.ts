/** Typed context: what every view may use, set once by App.svelte. */
import { getContext, setContext } from 'svelte';
import type { Repositories, WriteContext } from './db/index.ts';

export interface AppContext {
  readonly repos: Repositories;
  /** Who is writing, for every change: the placeholder tenant until the accounts feature signs in. */
  readonly writer: () => WriteContext;
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
