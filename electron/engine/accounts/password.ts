import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt from node:crypto. A hash is stored as a self-describing string,
 * `scrypt$<log2 N>$<r>$<p>$<salt b64url>$<hash b64url>`, so the cost can be raised later and
 * old hashes still verify with the parameters they were made with.
 */
export interface ScryptCost {
  /** log2 of N (OWASP: 17, i.e. N = 131072). */
  readonly log2N: number;
  readonly r: number;
  readonly p: number;
}

export const OWASP_SCRYPT: ScryptCost = { log2N: 17, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;

/** scrypt needs 128 * N * r bytes (plus a little); Node's default cap (32 MiB) is below OWASP's 128 MiB. */
function maxmem(cost: ScryptCost): number {
  return 128 * 2 ** cost.log2N * cost.r * (cost.p + 1) + 1024 * 1024;
}

function derive(password: string, salt: Buffer, cost: ScryptCost, keyLen: number): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** cost.log2N, r: cost.r, p: cost.p, maxmem: maxmem(cost) };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLen, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string, cost: ScryptCost = OWASP_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost, KEY_BYTES);
  return ['scrypt', cost.log2N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface ParsedHash {
  readonly cost: ScryptCost;
  readonly salt: Buffer;
  readonly key: Buffer;
}

const HASH_PATTERN = /^scrypt\$(\d{1,2})\$(\d{1,3})\$(\d{1,2})\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

export function parseHash(stored: string): ParsedHash | null {
  const m = HASH_PATTERN.exec(stored);
  if (!m) return null;
  const cost = { log2N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (cost.log2N < 1 || cost.log2N > 22 || cost.r < 1 || cost.p < 1) return null;
  const key = Buffer.from(m[5]!, 'base64url');
  if (key.length < 16) return null;
  return { cost, salt: Buffer.from(m[4]!, 'base64url'), key };
}

/** True when the password matches; the comparison takes the same time wherever the first difference is. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.cost, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** The cost a hash was made with (to rehash on login when the configured cost changed). */
export function hashCost(stored: string): ScryptCost | null {
  return parseHash(stored)?.cost ?? null;
}
