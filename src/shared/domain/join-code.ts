/**
 * Join codes: what a participant types (or scans) to reach a dialogue, `<server>/j/<code>`. Six
 * characters from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G), so a code read
 * off a projector or a whiteboard is typed right: 23⁶ ≈ 148 million codes.
 */

export const JOIN_CODE_ALPHABET = 'ACDEFHJKMNPQRTUVWXY3479';
export const JOIN_CODE_LENGTH = 6;
/** Receipt codes are longer: they are kept, not typed in a hurry, and must not be guessed. */
export const RECEIPT_CODE_LENGTH = 10;

/** A random code of `length` characters from the alphabet, using `random` (crypto in production). */
export function makeCode(length: number, randomBytes: (n: number) => Uint8Array): string {
  const n = JOIN_CODE_ALPHABET.length;
  // Rejection sampling: bytes ≥ the largest multiple of n are dropped, so every character is equally likely.
  const limit = 256 - (256 % n);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit && out.length < length) out += JOIN_CODE_ALPHABET[byte % n];
    }
  }
  return out;
}

/**
 * A code as typed, made canonical: upper case, spaces and dashes removed. Returns null when it
 * cannot be a code (wrong length, characters outside the alphabet), so the server is not asked.
 */
export function normalizeCode(typed: string, length: number): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== length) return null;
  return [...code].every((c) => JOIN_CODE_ALPHABET.includes(c)) ? code : null;
}

/** "ACD479" → "ACD 479": easier to read aloud and copy. */
export function formatCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}
