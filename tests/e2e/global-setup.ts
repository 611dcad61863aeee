/**
 * Once per end-to-end run: build the PWA twice (version 1 and version 2, for the update flow) and
 * compile the server. The tests then run the production build in the real server process.
 *
 * The three builds run at once: each is mostly one core's work (tsc alone about as long as both
 * Vite builds), so on two cores this takes half the time. `npm test` runs two projects with this
 * setup (e2e, then engines): scripts/test.sh names the run in E2E_BUILD_ID, and the second project
 * uses what the first built in the same run instead of building it all again.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_V1, APP_V2, REPO } from './support/paths.ts';

/** Which run built what is in dist-e2e and dist-server; written last, once all three builds succeeded. */
const BUILD_ID_FILE = join(REPO, 'dist-e2e', 'build-id');

function run(
  script: string,
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<void> {
  const child = spawn(process.execPath, [join(REPO, 'node_modules', script), ...args], {
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
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code, signal) =>
      code === 0 ? done() : fail(new Error(`${script} ${args.join(' ')} failed (${signal ?? code})`)),
    );
  });
}

export default async function setup(): Promise<void> {
  const runId = process.env.E2E_BUILD_ID;
  const built = existsSync(BUILD_ID_FILE) ? readFileSync(BUILD_ID_FILE, 'utf8') : null;
  if (runId && built === runId) {
    console.log('e2e: app v1, v2 and the server as built earlier in this run');
    return;
  }
  rmSync(BUILD_ID_FILE, { force: true });
  const started = Date.now();
  // All three to their end, even when one fails, so that none is still writing when the run stops.
  const results = await Promise.allSettled([
    run('vite/bin/vite.js', ['build', '--logLevel', 'warn'], { OUT_DIR: APP_V1 }),
    run('vite/bin/vite.js', ['build', '--logLevel', 'warn'], { OUT_DIR: APP_V2, APP_BUILD: '2' }),
    run('typescript/bin/tsc', ['-p', 'tsconfig.server.json']),
  ]);
  for (const result of results) if (result.status === 'rejected') throw result.reason;
  if (runId) writeFileSync(BUILD_ID_FILE, runId);
  console.log(`e2e: built app v1, v2 and the server in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
