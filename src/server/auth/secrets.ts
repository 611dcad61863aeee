/**
 * Bearer tokens and one-time codes, and how they are stored: only as SHA-256 hashes, so a copy of
 * the database (a backup, a stolen disk) hands out no session and no code. A plain hash suffices:
 * tokens are 256 random bits and codes live minutes to days behind a rate limit, unlike passwords.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: codes are read off a projector or a phone and typed on a tablet. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;

/** A device session's bearer token: 32 random bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Eight characters from CODE_ALPHABET, about 40 bits, stored and compared without the dash. */
export function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** XXXX-XXXX, as shown to people. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What a person typed, as stored: without spaces and dashes, upper case. */
export function normaliseCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}
