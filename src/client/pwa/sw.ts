/// <reference lib="webworker" />
/**
 * The service worker: precaches the app shell, locales and fonts (the list is injected at build
 * time), answers navigations with the cached index.html so deep links open offline, and never
 * touches /api. A new version waits until the user agrees to reload (message SKIP_WAITING).
 */
import { cleanupOutdatedCaches, precacheAndRoute, createHandlerBoundToURL } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { cacheNames, clientsClaim } from 'workbox-core';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: { url: string; revision: string | null }[] };

const manifest = self.__WB_MANIFEST;
// The precache stores each URL once, so "everything is cached" means every distinct URL (a manifest
// can list one twice: vite-plugin-pwa's includeManifestIcons did, before vite.config.ts turned it off).
const expectedEntries = new Set(manifest.map((entry) => (typeof entry === 'string' ? entry : entry.url)))
  .size;
precacheAndRoute(manifest);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

// The first version takes control at once, so a first visit is ready for offline use without a
// reload; later versions wait for the user (see the message handler).
clientsClaim();

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === 'SKIP_WAITING') {
    void self.skipWaiting();
  } else if (type === 'PRECACHE_STATUS') {
    event.waitUntil(
      (async () => {
        const cache = await caches.open(cacheNames.precache);
        const cached = (await cache.keys()).length;
        event.ports[0]?.postMessage({ cached, expected: expectedEntries });
      })(),
    );
  }
});
