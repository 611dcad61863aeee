import { resolve } from 'node:path';
import { StartupError } from './startup-error.ts';

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** Absolute. Holds the embedded database. */
  readonly dataDir: string;
  /** Absolute. The built PWA (`npm run build:app` writes it). */
  readonly staticDir: string;
  /** Set when the operator asked for PostgreSQL; not supported yet. */
  readonly databaseUrl: string | undefined;
  readonly logLevel: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads the environment; relative paths are taken from `cwd`, where the operator started us. */
export function readConfig(env: NodeJS.ProcessEnv, cwd: string): ServerConfig {
  const port = parsePort(env.PORT);
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new StartupError(
      `Delaktig cannot use LOG_LEVEL=${logLevel} (use one of ${LOG_LEVELS.join(', ')}).`,
    );
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(cwd, env.DATA_DIR || 'data'),
    staticDir: resolve(cwd, env.STATIC_DIR || 'dist'),
    databaseUrl: env.DATABASE_URL || undefined,
    logLevel,
  };
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 8080;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new StartupError(`Delaktig cannot listen on PORT=${value} (use a number from 0 to 65535).`);
  }
  return port;
}
