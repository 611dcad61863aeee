/**
 * The sync engine, loaded when a session first needs it: a first visit (nobody signed in yet)
 * does not download it. Same calls as SyncEngine; the service worker precaches its chunk, so an
 * offline start loads it from the device.
 */
import type { SyncEngine, SyncEngineOptions } from './sync-engine.ts';

export class LazySyncEngine {
  readonly #options: SyncEngineOptions;
  #engine: Promise<SyncEngine> | null = null;

  constructor(options: SyncEngineOptions) {
    this.#options = options;
  }

  #load(): Promise<SyncEngine> {
    this.#engine ??= import('./sync-engine.ts').then((m) => new m.SyncEngine(this.#options));
    return this.#engine;
  }

  /** Start syncing on every trigger; the returned function stops it (also before it has loaded). */
  start(): () => void {
    let stop: (() => void) | null = null;
    let stopped = false;
    void this.#load().then((engine) => {
      if (!stopped) stop = engine.start();
    });
    return () => {
      stopped = true;
      stop?.();
    };
  }

  async syncNow(): Promise<void> {
    await (await this.#load()).syncNow();
  }
}
