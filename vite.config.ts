import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};
// APP_BUILD tells two builds of the same version apart (the update-flow test builds a "version 2").
const appVersion = process.env.APP_BUILD ? `${pkg.version}+${process.env.APP_BUILD}` : pkg.version;

export default defineConfig({
  define: {
    __APP_VERSION__: JSON.stringify(appVersion),
  },
  build: {
    outDir: process.env.OUT_DIR ?? 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Valibot checks input before a write; on its own, it stays out of the first visit
            // (the bundler would otherwise merge it into a small shared chunk the home screen loads).
            { name: 'valibot', test: /[\\/]node_modules[\\/]valibot[\\/]/ },
          ],
        },
      },
    },
    // No modulepreload polyfill (0.3 KB of first-visit JS): every browser the app supports but
    // Safari < 17 and Firefox < 115 preloads natively; those two fetch a lazy chunk when it is
    // imported instead, and after the first visit every chunk comes from the service worker.
    modulePreload: { polyfill: false },
  },
  plugins: [
    svelte(),
    VitePWA({
      // Our own service worker (src/client/pwa/sw.ts) with the precache manifest injected: it also
      // answers "is everything cached?" for the "ready for offline use" mark.
      strategies: 'injectManifest',
      srcDir: 'src/client/pwa',
      filename: 'sw.ts',
      registerType: 'prompt',
      // public/icons is precached by globPatterns already; listing the manifest icons again would
      // count them twice in the precache manifest.
      includeManifestIcons: false,
      // Registration is ours too (src/client/pwa/pwa-state.svelte.ts, through workbox-window).
      injectRegister: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,json,woff2,png,svg,ico,webmanifest,txt}'],
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      },
      manifest: {
        name: 'Delaktig',
        short_name: 'Delaktig',
        description: 'Ungas röster till politiken – och svaren tillbaka.',
        lang: 'sv',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b5394',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
});
