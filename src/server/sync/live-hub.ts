/**
 * Who is listening for changes, per municipality, in this server process. A push in this process
 * notifies at once; a light poll of the sequence table (one query for all municipalities with
 * listeners) notices pushes that other processes on the same PostgreSQL committed.
 */
import type { Storage } from '../storage/storage.ts';
import { lastSequences } from './change-pull.ts';

export type Listener = (cursor: number) => void;

const POLL_MS = 2000;

export class LiveHub {
  readonly #storage: Storage;
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #known = new Map<string, number>();
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(storage: Storage) {
    this.#storage = storage;
  }

  subscribe(municipalityId: string, listener: Listener): () => void {
    let set = this.#listeners.get(municipalityId);
    if (!set) {
      set = new Set();
      this.#listeners.set(municipalityId, set);
    }
    set.add(listener);
    this.#timer ??= setInterval(() => void this.#poll(), POLL_MS);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(municipalityId);
      if (this.#listeners.size === 0 && this.#timer) {
        clearInterval(this.#timer);
        this.#timer = null;
      }
    };
  }

  /** A push committed in this process. */
  notify(municipalityId: string, cursor: number): void {
    const previous = this.#known.get(municipalityId) ?? 0;
    if (cursor <= previous) return;
    this.#known.set(municipalityId, cursor);
    for (const listener of this.#listeners.get(municipalityId) ?? []) listener(cursor);
  }

  async #poll(): Promise<void> {
    try {
      const sequences = await lastSequences(this.#storage, [...this.#listeners.keys()]);
      for (const [municipalityId, cursor] of sequences) this.notify(municipalityId, cursor);
    } catch (error) {
      // The next poll tries again; devices still sync on every other trigger meanwhile.
      console.error('Live channel poll failed', error);
    }
  }

  close(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#listeners.clear();
  }
}
