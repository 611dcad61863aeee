/**
 * A Dexie `liveQuery` as Svelte 5 state: `current` is the latest result, and it updates after any
 * write that touches what the query read, in this tab or another.
 *
 * The subscription is opened while something reactive reads `current` and closed when nothing does
 * (svelte/reactivity createSubscriber), so an unmounted view holds no IndexedDB listener.
 */
import { liveQuery } from 'dexie';
import { createSubscriber } from 'svelte/reactivity';

export class LiveQuery<T> {
  #value = $state.raw<T>() as T;
  #error = $state<unknown>(undefined);
  #loaded = $state(false);
  readonly #subscribe: () => void;

  constructor(query: () => Promise<T>, initial: T) {
    this.#value = initial;
    this.#subscribe = createSubscriber(() => {
      const subscription = liveQuery(query).subscribe({
        next: (value) => {
          this.#value = value;
          this.#error = undefined;
          this.#loaded = true;
        },
        error: (error: unknown) => {
          console.error('A database query failed', error);
          this.#error = error;
          this.#loaded = true;
        },
      });
      return () => subscription.unsubscribe();
    });
  }

  /** The latest result (the initial value until the first result arrives). */
  get current(): T {
    this.#subscribe();
    return this.#value;
  }

  /** True once the first result (or error) has arrived: views show "loading" until then. */
  get loaded(): boolean {
    this.#subscribe();
    return this.#loaded;
  }

  get error(): unknown {
    this.#subscribe();
    return this.#error;
  }
}
