import { describe, expect, it } from 'vitest';
import { SECRET_PREFIX, SecretError, decryptSecret, encryptSecret } from '../../../electron/engine/secrets/secret-box.js';

const key = new Uint8Array(32).map((_, i) => i * 7 + 1);
const other = new Uint8Array(32).fill(9);

describe('enc:v1 secrets', () => {
  it('round-trips text, Vietnamese included, with a fresh IV every time', () => {
    const a = encryptSecret(key, 'cộng đồng bí mật');
    const b = encryptSecret(key, 'cộng đồng bí mật');
    expect(a.startsWith(SECRET_PREFIX)).toBe(true);
    expect(a).not.toBe(b);
    expect(Buffer.from(a.slice(SECRET_PREFIX.length), 'base64').subarray(0, 12)).not.toEqual(Buffer.from(b.slice(SECRET_PREFIX.length), 'base64').subarray(0, 12));
    expect(decryptSecret(key, a)).toBe('cộng đồng bí mật');
    expect(decryptSecret(key, b)).toBe('cộng đồng bí mật');
    expect(a).not.toContain('bí mật');
  });

  it('refuses another key, an edited value, a cut-off value and bad base64, without echoing the value', () => {
    const v = encryptSecret(key, 'public-but-not-really');
    const attempts: [string, Uint8Array, RegExp][] = [
      [v, other, /cannot be decrypted with this key/],
      [v.slice(0, -6) + (v.endsWith('AAAA==') ? 'BBBB==' : 'AAAA=='), key, /cannot be decrypted with this key|not valid base64/],
      [`${SECRET_PREFIX}AAAA`, key, /too short/],
      [`${SECRET_PREFIX}not base64!`, key, /not valid base64/],
      ['plain', key, /not an encrypted value/],
    ];
    for (const [value, k, why] of attempts) {
      let err: unknown;
      try {
        decryptSecret(k, value);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SecretError);
      expect((err as Error).message).toMatch(why);
      expect((err as Error).message).not.toContain(value.slice(SECRET_PREFIX.length, SECRET_PREFIX.length + 12) || '@@');
    }
  });

  it('needs a 32-byte key', () => {
    expect(() => encryptSecret(new Uint8Array(16), 'x')).toThrow(/the key must be 32 bytes, not 16/);
  });
});
