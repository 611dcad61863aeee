/**
 * Boot: language first (so the first paint is in the right language and direction), then the
 * database, the app, and the service worker.
 */
import { mount } from 'svelte';
import App from './App.svelte';
import { openRepositories } from './db/index.ts';
import { locale } from './i18n/locale.svelte.ts';
import { pwa } from './pwa/pwa-state.svelte.ts';
import { requestPersistence } from './pwa/storage.ts';
import './app.css';

async function boot(): Promise<void> {
  await locale.init();
  const repos = openRepositories();
  await repos.db.open();
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

boot().catch((error: unknown) => {
  console.error('Delaktig could not start', error);
  const target = document.getElementById('app');
  if (target) {
    target.textContent = `Delaktig kunde inte starta / could not start: ${error instanceof Error ? error.message : String(error)}`;
  }
});
