import { resolve } from 'node:path';
import type { FastifyServerOptions } from 'fastify';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from './auth/rate-limit.ts';
import { StartupError } from './startup-error.ts';
import { DEFAULT_PARTICIPANT_LIMITS, type ParticipantLimits } from '../shared/domain/participation.ts';

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** Absolute. Holds the embedded database (unused with DATABASE_URL). */
  readonly dataDir: string;
  /** Absolute. The built PWA (`npm run build:app` writes it). */
  readonly staticDir: string;
  /** postgres://…: use PostgreSQL instead of the embedded SQLite database. */
  readonly databaseUrl: string | undefined;
  readonly logLevel: string;
  readonly loginLimits: LoginLimits;
  /** Per 10 minutes: contributions per phone and per dialogue, joins per address. */
  readonly participantLimits: ParticipantLimits;
  readonly trustProxy: FastifyServerOptions['trustProxy'];
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
    loginLimits: {
      perAccount: parseLimit(
        'LOGIN_LIMIT_PER_ACCOUNT',
        env.LOGIN_LIMIT_PER_ACCOUNT,
        DEFAULT_LOGIN_LIMITS.perAccount,
      ),
      perIp: parseLimit('LOGIN_LIMIT_PER_IP', env.LOGIN_LIMIT_PER_IP, DEFAULT_LOGIN_LIMITS.perIp),
    },
    participantLimits: {
      perDevice: parseLimit(
        'PARTICIPANT_LIMIT_PER_DEVICE',
        env.PARTICIPANT_LIMIT_PER_DEVICE,
        DEFAULT_PARTICIPANT_LIMITS.perDevice,
        'contributions per 10 minutes',
      ),
      perCode: parseLimit(
        'PARTICIPANT_LIMIT_PER_CODE',
        env.PARTICIPANT_LIMIT_PER_CODE,
        DEFAULT_PARTICIPANT_LIMITS.perCode,
        'contributions per 10 minutes',
      ),
      joinsPerIp: parseLimit(
        'JOIN_LIMIT_PER_IP',
        env.JOIN_LIMIT_PER_IP,
        DEFAULT_PARTICIPANT_LIMITS.joinsPerIp,
        'joins per 10 minutes',
      ),
    },
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
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

/** A whole number of `unit` (by default failed attempts per 15 minutes), at least 1. */
function parseLimit(
  name: string,
  value: string | undefined,
  fallback: number,
  unit = 'attempts per 15 minutes',
): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new StartupError(
      `Delaktig cannot use ${name}=${value} (use a whole number of ${unit}, at least 1).`,
    );
  }
  return Number(value);
}

/**
 * Behind a reverse proxy every request comes from the proxy's address, and the per-address login
 * limit would lock out a whole school: TRUST_PROXY tells Fastify whose X-Forwarded-For to believe.
 * `true`, or the proxies' addresses/CIDRs separated by commas (Fastify 5 ignores hop counts).
 */
function parseTrustProxy(value: string | undefined): FastifyServerOptions['trustProxy'] {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return value;
}
