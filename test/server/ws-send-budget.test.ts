import { describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { createSendBudget } from '../../electron/server/ws-send-budget.js';

/** A socket that never drains: every byte sent stays buffered. */
function fakeSocket(buffered = 0): WebSocket & { closedWith: [number, string] | null; sent: number } {
  const ws = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: buffered,
    closedWith: null as [number, string] | null,
    sent: 0,
    send(text: string) {
      this.bufferedAmount += Buffer.byteLength(text);
      this.sent++;
    },
    close(code: number, reason: string) {
      this.readyState = 2;
      this.closedWith = [code, reason];
    },
    terminate: vi.fn(),
  };
  return ws as unknown as WebSocket & { closedWith: [number, string] | null; sent: number };
}

describe('WebSocket send budget', () => {
  it('drops a client whose own queue would pass the per-client budget, with 1008 and a reason', () => {
    const a = fakeSocket();
    const budget = createSendBudget(() => [a], 1000, 10_000);
    expect(budget.send(a, 'x'.repeat(600))).toBe(true);
    expect(budget.send(a, 'x'.repeat(600))).toBe(false);
    expect(a.closedWith).toEqual([1008, expect.stringMatching(/client too slow/)]);
    expect(budget.send(a, 'x')).toBe(false);
    expect(a.sent).toBe(1);
  });

  it('over the global budget drops the fullest client, not the one being served', () => {
    const hog = fakeSocket(900);
    const mid = fakeSocket(500);
    const fresh = fakeSocket(0);
    const budget = createSendBudget(() => [hog, mid, fresh], 1000, 1500);
    expect(budget.send(fresh, 'x'.repeat(200))).toBe(true);
    expect(hog.closedWith).toEqual([1008, expect.stringMatching(/send budget exhausted/)]);
    expect(mid.closedWith).toBeNull();
    expect(fresh.sent).toBe(1);
  });

  it('a client that is itself the fullest is the one dropped', () => {
    const hog = fakeSocket(900);
    const small = fakeSocket(100);
    const budget = createSendBudget(() => [hog, small], 1000, 1000);
    expect(budget.send(hog, 'x'.repeat(50))).toBe(false);
    expect(hog.closedWith?.[0]).toBe(1008);
    expect(small.closedWith).toBeNull();
  });

  it('destroys a dropped socket after a short grace', () => {
    vi.useFakeTimers();
    try {
      const a = fakeSocket();
      createSendBudget(() => [a], 10, 100).drop(a, 'bye');
      expect(a.terminate).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1_000);
      expect(a.terminate).toHaveBeenCalledOnce();
    } finally {
      vi.useRealTimers();
    }
  });
});
