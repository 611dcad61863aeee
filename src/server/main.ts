/**
 * Command line: `node dist-server/server/main.js [start|migrate]`.
 *
 *   start    (default) open or create the database in DATA_DIR, migrate it, serve the app and the API
 *   migrate  only bring the database to the newest schema, then exit (before a rolling upgrade)
 *
 * Environment: PORT (8080), HOST (0.0.0.0), DATA_DIR (./data), STATIC_DIR (./dist), LOG_LEVEL (info).
 */
import { readConfig } from './config.ts';
import { startServer, type RunningServer } from './start.ts';
import { StartupError } from './startup-error.ts';
import { openStorage } from './storage/open-storage.ts';
import { packageVersion } from './version.ts';

// Long enough for a slow sync push to finish, and inside Kubernetes' 30 s grace period before
// SIGKILL, so the database is closed by us. (`docker stop` waits only 10 s: give it --time 25.)
const STOP_TIMEOUT_MS = 20_000;

async function main(argv: readonly string[]): Promise<void> {
  const [command = 'start', ...rest] = argv;
  if (rest.length > 0 || !['start', 'migrate'].includes(command)) {
    process.stderr.write(`Usage: delaktig [start|migrate] (unknown: ${argv.join(' ')})\n`);
    process.exitCode = 2;
    return;
  }
  const config = readConfig(process.env, process.cwd());
  if (command === 'migrate') {
    const { storage, location, applied } = await openStorage(config);
    await storage.close();
    process.stdout.write(
      `${location}: schema version ${storage.schemaVersion()} (${applied.length} migration(s) applied).\n`,
    );
    return;
  }
  stopOnSignals(await startServer(config, packageVersion()));
}

/** SIGTERM (docker stop, systemd) and SIGINT (Ctrl+C): finish what is in flight, then exit 0. */
function stopOnSignals(server: RunningServer): void {
  const log = server.app.log;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn(`${signal} again: stopping without waiting for requests in flight`);
      process.exit(1);
    }
    stopping = true;
    log.info(`${signal} received: finishing requests in flight, then stopping`);
    const timer = setTimeout(() => {
      log.error(`requests still running after ${STOP_TIMEOUT_MS / 1000} s: stopping anyway`);
      process.exit(1);
    }, STOP_TIMEOUT_MS);
    timer.unref();
    server.stop().then(
      () => {
        log.info('Delaktig stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof StartupError) {
    // One line the operator can act on; a stack trace would bury it.
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Delaktig could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exitCode = 1;
});
