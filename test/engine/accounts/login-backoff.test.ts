import { describe, expect, it } from 'vitest';
import { LoginBackoff } from '../../../electron/engine/accounts/login-backoff.js';

describe('login back-off', () => {
  it('lets 3 failures through, then waits 1 s doubling up to 5 minutes', () => {
    const b = new LoginBackoff();
    expect([1, 2, 3, 4, 5, 6, 12, 20].map((n) => b.delayAfter(n))).toEqual([0, 0, 0, 1_000, 2_000, 4_000, 256_000, 300_000]);
  });

  it('counts per (account, address) and a success clears only that pair', () => {
    let now = 0;
    const b = new LoginBackoff({ now: () => now });
    for (let i = 0; i < 5; i++) b.fail('dieuhanh', '10.0.0.66');
    expect(b.retryAfterS('dieuhanh', '10.0.0.66')).toBe(2);
    expect(b.retryAfterS('dieuhanh', '10.0.0.7')).toBe(0);
    expect(b.retryAfterS('giamsat', '10.0.0.66')).toBe(0);
    now += 2_000;
    expect(b.retryAfterS('dieuhanh', '10.0.0.66')).toBe(0);
    b.fail('dieuhanh', '10.0.0.7');
    b.succeed('dieuhanh', '10.0.0.7');
    expect(b.failures('dieuhanh', '10.0.0.7')).toBe(0);
    expect(b.failures('dieuhanh', '10.0.0.66')).toBe(5);
  });

  it('reports the first refusal of each wait only', () => {
    let now = 0;
    const b = new LoginBackoff({ freeFailures: 0, now: () => now });
    expect(b.noteRefusal('a', 's')).toBe(false); // nothing to refuse
    b.fail('a', 's');
    expect([b.noteRefusal('a', 's'), b.noteRefusal('a', 's')]).toEqual([true, false]);
    now += 1_000;
    b.fail('a', 's');
    expect(b.noteRefusal('a', 's')).toBe(true);
  });

  it('forgets the oldest pairs beyond its size limit', () => {
    const b = new LoginBackoff({ maxEntries: 2 });
    b.fail('a', 's');
    b.fail('b', 's');
    b.fail('a', 's');
    b.fail('c', 's');
    expect([b.failures('a', 's'), b.failures('b', 's'), b.failures('c', 's')]).toEqual([2, 0, 1]);
  });
});
