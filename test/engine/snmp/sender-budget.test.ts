import { describe, expect, it } from 'vitest';
import { SenderBudget } from '../../../electron/engine/snmp/sender-budget.js';

describe('SenderBudget', () => {
  const limits = { badPerSecond: 3, maxSenders: 2 };

  it('admits a sender until it has sent badPerSecond bad datagrams in this second, and again the next second', () => {
    const b = new SenderBudget(limits);
    for (let i = 0; i < 3; i++) {
      expect(b.admits('10.0.0.9:162', 1000 + i)).toBe(true);
      b.noteBad('10.0.0.9:162', 1000 + i);
    }
    expect(b.admits('10.0.0.9:162', 1999)).toBe(false);
    expect(b.admits('10.0.0.9:162', 2000)).toBe(true);
  });

  it('counts per address and port: another socket on the same address is not limited', () => {
    const b = new SenderBudget(limits);
    for (let i = 0; i < 5; i++) b.noteBad('127.0.0.1:40000', 0);
    expect(b.admits('127.0.0.1:40000', 0)).toBe(false);
    expect(b.admits('127.0.0.1:16101', 0)).toBe(true);
  });

  it('a sender of only good datagrams is never limited', () => {
    const b = new SenderBudget(limits);
    expect(Array.from({ length: 1000 }, (_, i) => b.admits('10.0.0.1:162', i)).every(Boolean)).toBe(true);
  });

  it('keeps at most maxSenders entries (cleared when full)', () => {
    const b = new SenderBudget(limits);
    for (let i = 0; i < 3; i++) b.noteBad('a', 0);
    b.noteBad('b', 0);
    b.noteBad('c', 0); // table full: cleared, so 'a' starts over
    expect(b.admits('a', 0)).toBe(true);
  });
});
