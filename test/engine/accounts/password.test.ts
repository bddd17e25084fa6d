import { describe, expect, it } from 'vitest';
import { OWASP_SCRYPT, hashCost, hashPassword, parseHash, verifyPassword } from '../../../electron/engine/accounts/password.js';

const CHEAP = { log2N: 10, r: 8, p: 1 };

describe('password hashing', () => {
  it('stores a self-describing scrypt string and verifies only the right password', async () => {
    const stored = await hashPassword('đúng mật khẩu 123', CHEAP);
    expect(stored).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain('đúng');
    expect(await verifyPassword('đúng mật khẩu 123', stored)).toBe(true);
    expect(await verifyPassword('đúng mật khẩu 124', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same password', CHEAP), hashPassword('same password', CHEAP)]);
    expect(a).not.toBe(b);
  });

  it('verifies with the parameters stored in the hash, not the current default', async () => {
    const stored = await hashPassword('older hash kept', { log2N: 8, r: 4, p: 2 });
    expect(hashCost(stored)).toEqual({ log2N: 8, r: 4, p: 2 });
    expect(await verifyPassword('older hash kept', stored)).toBe(true);
  });

  it('treats a malformed or tampered hash as no match instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$40$8$1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toBe(false);
    expect(parseHash('scrypt$10$8$1$c2FsdA$c2hvcnQ')).toBeNull(); // a key under 16 bytes
  });

  it("hashes and verifies at OWASP's parameters (N = 2^17, r = 8, p = 1) without blocking the event loop", async () => {
    expect(OWASP_SCRYPT).toEqual({ log2N: 17, r: 8, p: 1 });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    const stored = await hashPassword('correct horse battery', OWASP_SCRYPT);
    const t0 = performance.now();
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    const ms = performance.now() - t0;
    clearInterval(ticker);
    expect(stored.startsWith('scrypt$17$8$1$')).toBe(true);
    expect(ticks).toBeGreaterThan(5); // the timers kept running while scrypt worked in the thread pool
    expect(ms).toBeLessThan(5_000);
  }, 20_000);
});
