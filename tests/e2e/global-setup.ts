/**
 * Once per end-to-end run: build the PWA twice (version 1 and version 2, for the update flow) and
 * compile the server. The tests then run the production build in the real server process.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { APP_V1, APP_V2, REPO } from './support/paths.ts';

function run(script: string, args: readonly string[], env: Record<string, string | undefined> = {}): void {
  execFileSync(process.execPath, [join(REPO, 'node_modules', script), ...args], {
    cwd: REPO,
    stdio: 'inherit',
    env: {
      ...process.env,
      // Vitest sets NODE_ENV=test; Vite would then build with import.meta.env.PROD false, and the app
      // would never register its service worker.
      NODE_ENV: 'production',
      APP_BUILD: undefined,
      ...env,
    },
  });
}

export default function setup(): void {
  const started = Date.now();
  run('vite/bin/vite.js', ['build', '--logLevel', 'warn'], { OUT_DIR: APP_V1 });
  run('vite/bin/vite.js', ['build', '--logLevel', 'warn'], { OUT_DIR: APP_V2, APP_BUILD: '2' });
  run('typescript/bin/tsc', ['-p', 'tsconfig.server.json']);
  console.log(`e2e: built app v1, v2 and the server in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
