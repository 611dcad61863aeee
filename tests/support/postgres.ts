/**
 * PostgreSQL for the integration tests: Debian's cluster on this machine (scripts/system-deps.sh
 * installs it), started if it is down, with a login role `delaktig_test` and a fresh database for
 * each caller, dropped when it is done.
 *
 * Without PostgreSQL: in CI (CI=true) the suites fail with a message saying how to install it,
 * so a CI run never passes by skipping; on a developer's machine they are skipped, loudly.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export const TEST_ROLE = 'delaktig_test';
// A role for tests on a local cluster, reachable only over loopback (Debian's pg_hba.conf).
const TEST_PASSWORD = 'delaktig_test';
const DATABASE_PREFIX = 'delaktig_test_';
// Databases left behind by a run that was killed are dropped by a later run after this long.
const STALE_AFTER_MS = 60 * 60_000;
const READY_TIMEOUT_MS = 30_000;

export type PostgresStatus =
  | { readonly available: true; readonly port: number }
  | { readonly available: false; readonly reason: string };

export interface TestDatabase {
  /** postgres://delaktig_test:…@127.0.0.1:<port>/<fresh database> */
  readonly url: string;
  readonly name: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

/** CI=true (or 1): a missing PostgreSQL is a failure, not a skip. */
export function inCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

let status: Promise<PostgresStatus> | undefined;

/** Finds, starts and prepares the local cluster; once per test worker. */
export function postgresStatus(): Promise<PostgresStatus> {
  status ??= prepare();
  return status;
}

/**
 * Whether this file should run its PostgreSQL suites. Throws in CI when PostgreSQL is missing;
 * elsewhere prints why they are skipped.
 */
export async function requirePostgres(file: string): Promise<boolean> {
  const found = await postgresStatus();
  if (found.available) return true;
  const message = `PostgreSQL suites cannot run: ${found.reason}. Install it with: sudo bash scripts/system-deps.sh`;
  if (inCi()) throw new Error(`${message} (CI=true: never skipped in CI)`);
  console.warn(`\n!!! SKIPPED: the PostgreSQL half of ${file}. ${message}\n`);
  return false;
}

/** A new, empty database owned by the test role. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const found = await postgresStatus();
  if (!found.available) throw new Error(`PostgreSQL is not available: ${found.reason}`);
  const name = `${DATABASE_PREFIX}${Date.now()}_${randomBytes(4).toString('hex')}`;
  await asTestRole(found.port, (client) => client.query(`CREATE DATABASE ${name}`));
  return {
    url: urlFor(found.port, name),
    name,
    drop: () => dropDatabase(found.port, name),
  };
}

/**
 * DROP … WITH (FORCE) ends the test role's own connections, but not an autovacuum worker that
 * happens to be cleaning the database (42501: it belongs to the cluster's superuser), nor one
 * still starting (55006): those finish within moments, so the drop is tried again a few times.
 */
async function dropDatabase(port: number, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await asTestRole(port, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 20 || (code !== '42501' && code !== '55006')) throw error;
      await new Promise((done) => setTimeout(done, 250));
    }
  }
}

function urlFor(port: number, database: string): string {
  return `postgres://${TEST_ROLE}:${TEST_PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function asTestRole<T>(port: number, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlFor(port, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

interface Cluster {
  readonly version: string;
  readonly name: string;
  readonly port: number;
  readonly online: boolean;
}

async function prepare(): Promise<PostgresStatus> {
  let clusters: Cluster[];
  try {
    clusters = await listClusters();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { available: false, reason: 'PostgreSQL is not installed (no pg_lsclusters)' };
    throw error;
  }
  // The newest version, if several are installed.
  const cluster = clusters.sort((a, b) => Number(b.version) - Number(a.version))[0];
  if (!cluster) return { available: false, reason: 'pg_lsclusters shows no cluster' };
  if (!cluster.online) await startCluster(cluster);
  await waitUntilReady(cluster.port);
  await ensureTestRole(cluster.port);
  await dropStaleDatabases(cluster.port);
  return { available: true, port: cluster.port };
}

async function listClusters(): Promise<Cluster[]> {
  const { stdout } = await run('pg_lsclusters', ['--no-header']);
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [version = '', name = '', port = '', state = ''] = line.trim().split(/\s+/);
      return { version, name, port: Number(port), online: state.startsWith('online') };
    });
}

async function startCluster(cluster: Cluster): Promise<void> {
  try {
    await run('pg_ctlcluster', ['--skip-systemctl-redirect', cluster.version, cluster.name, 'start']);
  } catch (error) {
    // Another test worker may have started it a moment ago: that is fine, anything else is not.
    const again = (await listClusters()).find(
      (c) => c.version === cluster.version && c.name === cluster.name,
    );
    if (!again?.online) {
      throw new Error(
        `Could not start PostgreSQL ${cluster.version}/${cluster.name}: ${(error as { stderr?: string }).stderr ?? String(error)}`,
        { cause: error },
      );
    }
  }
}

async function waitUntilReady(port: number): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    try {
      await run('pg_isready', ['-q', '-h', '127.0.0.1', '-p', String(port)]);
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`PostgreSQL on port ${port} did not become ready`, { cause: error });
      await new Promise((done) => setTimeout(done, 200));
    }
  }
}

/** Creates the login role through the superuser `postgres` (peer authentication), unless it works already. */
async function ensureTestRole(port: number): Promise<void> {
  try {
    await asTestRole(port, (client) => client.query('SELECT 1'));
    return;
  } catch (error) {
    // 28P01 wrong password, 28000 no such role: create or repair it below. Anything else is real.
    const code = (error as { code?: string }).code;
    if (code !== '28P01' && code !== '28000') throw error;
  }
  // Two workers may get here at once: the loser of CREATE ROLE just sets the password again.
  const sql = `DO $$ BEGIN
      CREATE ROLE ${TEST_ROLE} LOGIN CREATEDB PASSWORD '${TEST_PASSWORD}';
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      ALTER ROLE ${TEST_ROLE} LOGIN CREATEDB PASSWORD '${TEST_PASSWORD}';
    END $$;`;
  const psql = ['psql', '-X', '-q', '-p', String(port), '-v', 'ON_ERROR_STOP=1', '-c', sql];
  const [command, ...args] = asPostgresUser(psql);
  try {
    await run(command as string, args);
  } catch (error) {
    throw new Error(
      `Could not create the PostgreSQL role ${TEST_ROLE} as the postgres user (${command}): ${(error as { stderr?: string }).stderr ?? String(error)}`,
      { cause: error },
    );
  }
}

/** psql as the cluster's superuser: root switches user, the postgres user is one, others ask sudo. */
function asPostgresUser(command: string[]): string[] {
  if (process.getuid?.() === 0) return ['runuser', '-u', 'postgres', '--', ...command];
  if (userInfo().username === 'postgres') return command;
  return ['sudo', '-n', '-u', 'postgres', ...command];
}

async function dropStaleDatabases(port: number): Promise<void> {
  await asTestRole(port, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '${DATABASE_PREFIX}%'`,
    );
    for (const { datname } of rows) {
      const created = Number(/^delaktig_test_(\d+)_/.exec(datname)?.[1] ?? Date.now());
      if (Date.now() - created > STALE_AFTER_MS)
        await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  });
}
