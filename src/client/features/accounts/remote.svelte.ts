/**
 * Something the admin screens read from the server (users, devices, the municipality), as Svelte
 * state: loading, the value, or a translated error (offline, session ended). Admin screens work
 * only online: what they change lives on the server, not in the device's outbox.
 */
import { session } from '../../sync/session.svelte.ts';
import { describeAccountError } from './api-errors.ts';

export class Remote<T> {
  #value = $state.raw<T | undefined>(undefined);
  #error = $state<string | null>(null);
  #loading = $state(false);
  readonly #load: (token: string) => Promise<T>;

  constructor(load: (token: string) => Promise<T>) {
    this.#load = load;
  }

  get value(): T | undefined {
    return this.#value;
  }

  get error(): string | null {
    return this.#error;
  }

  get loading(): boolean {
    return this.#loading;
  }

  /** Replace the value after a change the server confirmed (no second round trip). */
  set(value: T): void {
    this.#value = value;
  }

  async reload(): Promise<void> {
    this.#loading = true;
    try {
      this.#value = await session.authed(this.#load);
      this.#error = null;
    } catch (error) {
      this.#error = describeAccountError(error).general;
    } finally {
      this.#loading = false;
    }
  }
}
