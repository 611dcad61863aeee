/**
 * The service worker as the app sees it, through workbox-window: whether a new version is waiting
 * (the user decides when to reload) and whether the app is fully cached for offline use.
 */
import { Workbox } from 'workbox-window';

type Hook = () => Promise<void>;

interface PrecacheStatus {
  cached: number;
  expected: number;
}

const UPDATE_CHECK_INTERVAL_MS = 30 * 60 * 1000;

class PwaState {
  #updateWaiting = $state(false);
  #offlineReady = $state(false);
  #supported = $state(false);
  #workbox: Workbox | null = null;
  readonly #beforeUpdate = new Set<Hook>();

  get current() {
    return {
      updateWaiting: this.#updateWaiting,
      offlineReady: this.#offlineReady,
      supported: this.#supported,
    };
  }

  async register(): Promise<void> {
    if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
    this.#supported = true;
    const workbox = new Workbox('/sw.js', { scope: '/' });
    this.#workbox = workbox;
    workbox.addEventListener('waiting', () => {
      this.#updateWaiting = true;
    });
    workbox.addEventListener('activated', () => void this.#checkOfflineReady());
    workbox.addEventListener('controlling', () => void this.#checkOfflineReady());
    // On a first visit the worker claims the page after activation: check again when it does.
    navigator.serviceWorker.addEventListener('controllerchange', () => void this.#checkOfflineReady());
    await workbox.register();
    await this.#checkOfflineReady();
    setInterval(() => void this.checkForUpdate(), UPDATE_CHECK_INTERVAL_MS);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void this.checkForUpdate();
    });
  }

  /** Ask the server whether a new version exists (quietly: offline this simply fails). */
  async checkForUpdate(): Promise<void> {
    try {
      await this.#workbox?.update();
    } catch (error) {
      console.info('No update check now (offline?)', error);
    }
  }

  /** Run `hook` before reloading into a new version (forms save their drafts). */
  beforeUpdate(hook: Hook): () => void {
    this.#beforeUpdate.add(hook);
    return () => this.#beforeUpdate.delete(hook);
  }

  /** The user agreed: save what is being typed, let the new version take over, reload. */
  async acceptUpdate(): Promise<void> {
    const workbox = this.#workbox;
    if (!workbox) return;
    await Promise.all([...this.#beforeUpdate].map((hook) => hook()));
    workbox.addEventListener('controlling', () => window.location.reload());
    workbox.messageSkipWaiting();
  }

  dismissUpdate(): void {
    this.#updateWaiting = false;
  }

  async #checkOfflineReady(): Promise<void> {
    if (!this.#workbox || !navigator.serviceWorker.controller) return;
    try {
      const status = (await this.#workbox.messageSW({ type: 'PRECACHE_STATUS' })) as PrecacheStatus;
      this.#offlineReady = status.expected > 0 && status.cached >= status.expected;
    } catch (error) {
      console.warn('Could not ask the service worker what is cached', error);
      this.#offlineReady = false;
    }
  }
}

export const pwa = new PwaState();
