import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets at rest in the inventory: `enc:v1:<base64>` where the base64 holds a random 12-byte IV,
 * the AES-256-GCM ciphertext of the UTF-8 value and the 16-byte tag. The tag makes a wrong key or
 * an edited value fail loudly instead of decrypting to rubbish.
 */
export const SECRET_PREFIX = 'enc:v1:';
export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const AAD = Buffer.from('bridgepoint secret v1');

/** A value that cannot be decrypted; the message never contains the value. */
export class SecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretError';
  }
}

export function isEncrypted(value: string): boolean {
  return value.startsWith(SECRET_PREFIX);
}

function checkKey(key: Uint8Array): void {
  if (key.length !== KEY_BYTES) throw new SecretError(`the key must be ${KEY_BYTES} bytes, not ${key.length}`);
}

export function encryptSecret(key: Uint8Array, plaintext: string): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return SECRET_PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decryptSecret(key: Uint8Array, value: string): string {
  checkKey(key);
  if (!isEncrypted(value)) throw new SecretError(`not an encrypted value (it starts with "${SECRET_PREFIX}")`);
  const b64 = value.slice(SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) throw new SecretError('the encrypted value is not valid base64');
  const raw = Buffer.from(b64, 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretError('the encrypted value is too short (cut off?)');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(AAD);
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SecretError('cannot be decrypted with this key (another key file, or the value was changed)');
  }
  try {
    return utf8.decode(plain);
  } catch {
    throw new SecretError('decrypts to something that is not UTF-8 text');
  }
}
