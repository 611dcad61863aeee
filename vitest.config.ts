import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { availableParallelism } from 'node:os';

// Unit and integration files at a time. Vitest's default, one fewer than the cores, is one on a
// two-core machine: the files ran one after another with a core idle. Two at least.
const NODE_WORKERS = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  plugins: [svelte()],
  define: { __APP_VERSION__: JSON.stringify('test') },
  test: {
    projects: [
      {
        extends: true,
        // Svelte's browser build, so that $effect runs in rune tests (the server build never runs it).
        resolve: { conditions: ['browser'] },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: './tests/unit/client-environment.ts',
          setupFiles: ['tests/unit/setup.ts'],
          maxWorkers: NODE_WORKERS,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          maxWorkers: NODE_WORKERS,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Two browser test files at a time (two cores): each has its own server and browser, and
          // most of a browser test is waiting; more would make timings dishonest.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          // The offline core in Chromium, WebKitGTK and Firefox ESR (docs/browser-engines.md).
          name: 'engines',
          include: ['tests/engines/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
