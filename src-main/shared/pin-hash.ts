/**
 * PIN hashing for associates and managers: scrypt with a per-PIN salt, stored as
 * "scrypt$N$r$p$<saltBase64>$<hashBase64>" so the cost can be raised later without breaking
 * stored hashes (verifyPin reads the parameters from the string, not from constants).
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export const PIN_SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

/** `salt` may be given for reproducible hashes (the demo store); otherwise 16 random bytes. */
export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  const { N, r, p, keylen } = PIN_SCRYPT;
  const hash = scryptSync(pin, salt, keylen, { N, r, p, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** False for a wrong PIN and for anything that is not a well-formed hash (never throws on bad input). */
export function verifyPin(pin: string, stored: string | null | undefined): boolean {
  if (!stored) return false;
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const N = Number(parts[1]);
  const r = Number(parts[2]);
  const p = Number(parts[3]);
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 1 << 20) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (salt.length === 0 || expected.length === 0) return false;
  let actual: Buffer;
  try {
    actual = scryptSync(pin, salt, expected.length, { N, r, p, maxmem: 256 * 1024 * 1024 });
  } catch {
    return false;
  }
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
