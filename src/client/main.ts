/**
 * Boot: language first (so the first paint is in the right language and direction), then the
 * database, the app, and the service worker.
 */
import { mount } from 'svelte';
import type { Repositories } from './db/index.ts';
import { locale } from './i18n/locale.svelte.ts';
import { pwa } from './pwa/pwa-state.svelte.ts';
import { requestPersistence } from './pwa/storage.ts';
import './i18n/generated/fonts.css';
import './app.css';

/** The browser does not let the app store anything here (site data blocked, or a broken profile). */
class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause), { cause });
    this.name = 'StorageUnavailableError';
  }
}

/**
 * The database and the app are imported here, not at the top: when the browser blocks site data,
 * Firefox throws while Dexie loads (its BroadcastChannel), and an import at the top would fail
 * before any code of ours runs, leaving "Delaktig …" on screen for good (docs/browser-engines.md).
 */
async function openDatabase(): Promise<Repositories> {
  try {
    const { openRepositories } = await import('./db/index.ts');
    const repos = openRepositories();
    await repos.db.open();
    return repos;
  } catch (error) {
    throw new StorageUnavailableError(error);
  }
}

async function boot(): Promise<void> {
  // Fetched while the language loads. When site data is blocked this fails as well: it is awaited
  // after openDatabase(), so that the failure is reported as what it is.
  const app = import('./App.svelte');
  void app.catch(() => undefined);
  await locale.init();
  const repos = await openDatabase();
  const { default: App } = await app;
  const target = document.getElementById('app');
  if (!target) throw new Error('index.html has no #app element');
  target.replaceChildren();
  mount(App, { target, props: { repos } });
  // Ask once; browsers that grant it without a prompt (installed apps, engaged sites) do so now.
  void requestPersistence().catch((error: unknown) =>
    console.warn('Persistent storage request failed', error),
  );
  await pwa.register();
}

/** What went wrong, in words. */
function explain(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  // Thrown after locale.init(), so it can be said in the user's language.
  if (error instanceof StorageUnavailableError) return `${locale.t('errors.storageUnavailable')} (${detail})`;
  return `Delaktig kunde inte starta / could not start: ${detail}`;
}

boot().catch((error: unknown) => {
  console.error('Delaktig could not start', error);
  const target = document.getElementById('app');
  if (target) {
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.dataset.testid = 'start-failed';
    message.textContent = explain(error);
    target.replaceChildren(message);
  }
});
