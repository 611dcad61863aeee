// Builds the benchmark pages (IndexedDB writes, sync in the browser) into dist-bench/.
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  root: 'scripts/bench',
  plugins: [svelte()],
  define: { __APP_VERSION__: JSON.stringify('bench') },
  build: {
    outDir: '../../dist-bench',
    emptyOutDir: true,
    rollupOptions: { input: ['scripts/bench/idb-bench.html', 'scripts/bench/browser-sync.html'] },
  },
  logLevel: 'warn',
});
