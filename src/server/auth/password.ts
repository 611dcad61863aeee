/**
 * Password hashing with scrypt (memory-hard, in node:crypto, no native add-on to build).
 *
 * Stored as `scrypt$ln=15,r=8,p=1$<salt>$<key>` (base64url): the parameters travel with each hash,
 * so raising them later keeps every older hash verifiable. scrypt runs on libuv's thread pool, so a
 * login never blocks the event loop (and at most four hash at once: the pool bounds the memory).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const LOG_N = 15;
const R = 8;
let logNForNewHashes = LOG_N;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const ENCODED = /^scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/;

function derive(password: string, salt: Buffer, logN: number, r: number, p: number, length: number) {
  const N = 2 ** logN;
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is exactly that for N=2^15, r=8, which
  // leaves no room for its own overhead.
  const options: ScryptOptions = { N, r, p, maxmem: 2 * 128 * N * r };
  return new Promise<Buffer>((done, fail) => {
    // NFC: the same password typed on a Mac (which may send decomposed accents) and on a tablet.
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) =>
      error ? fail(error) : done(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const logN = logNForNewHashes;
  const key = await derive(password, salt, logN, R, P, KEY_BYTES);
  return `scrypt$ln=${logN},r=${R},p=${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/**
 * For in-process tests only, which sign in hundreds of times on two shared cores: new hashes in
 * this process get N=2^logN instead of 2^15. Nothing in src/ calls it, no setting reaches it, and
 * a test checks that a server process hashes with the full cost.
 */
export function lowerPasswordCostForTests(logN: number): void {
  logNForNewHashes = logN;
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const match = ENCODED.exec(encoded);
  if (!match) throw new Error('A stored password hash is not in the scrypt$… format.');
  const [, logN, r, p, salt, key] = match as unknown as [string, string, string, string, string, string];
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), +logN, +r, +p, expected.length);
  return timingSafeEqual(actual, expected);
}

/**
 * A hash no account has (of a password nobody uses), with today's parameters. Verifying against it
 * costs what a real verification costs.
 */
const NOBODY = 'scrypt$ln=15,r=8,p=1$qd1u_sMuxwCXeuZVeO0tQg$DYHdwEWAy_pqm6IJk5hc-5EUpRb-Qd7rznfuohxNG3c';

/**
 * Spends the time of one verification and answers false: used when the username does not exist
 * (or is a device account), so that the answer's timing does not tell which usernames exist.
 */
export async function verifyNobody(password: string): Promise<false> {
  await verifyPassword(password, NOBODY);
  return false;
}
