/**
 * Command line: `node dist-server/server/main.js <command>`, or `npm run admin -- <command>` in a
 * checkout (the same, through tsx). See USAGE; docs/server.md explains each command.
 *
 * Environment: PORT (8080), HOST (0.0.0.0), DATA_DIR (./data), DATABASE_URL (postgres://…, instead
 * of DATA_DIR), STATIC_DIR (./dist), LOG_LEVEL (info), LOGIN_LIMIT_PER_ACCOUNT (5),
 * LOGIN_LIMIT_PER_IP (50), TRUST_PROXY.
 */
import {
  createAdminCommand,
  createMunicipalityCommand,
  resetPasswordCommand,
} from './cli/account-commands.ts';
import { backupCommand, listDevicesCommand } from './cli/device-commands.ts';
import { UsageError } from './cli/parse.ts';
import { readConfig, type ServerConfig } from './config.ts';
import type { RunningServer } from './start.ts';
import { StartupError } from './startup-error.ts';
import { openStorage } from './storage/open-storage.ts';
import { packageVersion } from './version.ts';

const USAGE = `Usage: delaktig <command>
  start                                   (default) migrate, then serve the app and the API
  migrate                                 only bring the database to the newest schema, then exit
  create-municipality --name <name> [--time-zone <IANA zone>]
  create-admin --municipality <id|name> --username <name> --display-name <name> [--password <pw>]
  reset-password --username <name> [--password <pw>]
  list-devices [--municipality <id|name>] [--all]
  backup <file>                           copy the embedded database while the server runs
Without --password, the password is read from standard input.`;

// Long enough for a slow sync push to finish, and inside Kubernetes' 30 s grace period before
// SIGKILL, so the database is closed by us. (`docker stop` waits only 10 s: give it --time 25.)
const STOP_TIMEOUT_MS = 20_000;

type Command = (args: string[], config: ServerConfig, out: (line: string) => void) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  'create-municipality': createMunicipalityCommand,
  'create-admin': createAdminCommand,
  'reset-password': resetPasswordCommand,
  'list-devices': listDevicesCommand,
  backup: backupCommand,
  async migrate(args, config, out) {
    if (args.length > 0) throw new UsageError('migrate takes no arguments.');
    const { storage, location, applied } = await openStorage(config);
    await storage.close();
    out(`${location}: schema version ${storage.schemaVersion()} (${applied.length} migration(s) applied).`);
  },
};

async function main(argv: readonly string[]): Promise<void> {
  const [command = 'start', ...rest] = argv;
  const config = readConfig(process.env, process.cwd());
  if (command === 'start') {
    if (rest.length > 0) throw new UsageError('start takes no arguments.');
    // Loaded here only: the operator's commands start faster without Fastify and the static server.
    const { startServer } = await import('./start.ts');
    stopOnSignals(await startServer(config, packageVersion()));
    return;
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) throw new UsageError(`unknown command ${command}.`);
  await run(rest, config, (line) => process.stdout.write(`${line}\n`));
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
  // node:util parseArgs throws TypeErrors with these codes for an unknown or malformed option.
  const code = (error as { code?: unknown }).code;
  if (
    error instanceof UsageError ||
    code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
    code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ||
    code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
  ) {
    process.stderr.write(`Delaktig: ${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
  } else if (error instanceof StartupError) {
    // One line the operator can act on; a stack trace would bury it.
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(
      `Delaktig ${process.argv[2] ?? 'start'} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  }
});
