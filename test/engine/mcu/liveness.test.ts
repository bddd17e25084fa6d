import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkInterval, DEFAULT_LIVENESS, Liveness } from '../../../electron/engine/mcu/cms/liveness.js';

// The liveness clock on fake timers: probes only after quiet, unconfirmed before 10 s, dead only
// when the probes go unanswered, and any sign of life resets it all.

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
afterEach(() => vi.useRealTimers());

function started() {
  const calls: string[] = [];
  const live = new Liveness(DEFAULT_LIVENESS, {
    now: () => Date.now(),
    probe: () => calls.push(`probe@${Date.now() - 1_000_000}`),
    unconfirmed: (at) => calls.push(`unconfirmed@${Date.now() - 1_000_000} since ${at - 1_000_000}`),
    confirmed: () => calls.push(`confirmed@${Date.now() - 1_000_000}`),
    dead: (quiet) => calls.push(`dead@${Date.now() - 1_000_000} after ${quiet}`),
  });
  live.start();
  return { live, calls };
}

describe('Liveness', () => {
  it('checks every second at most', () => {
    expect(checkInterval(DEFAULT_LIVENESS)).toBe(1000);
    expect(checkInterval({ probeAfterMs: 100, unconfirmedAfterMs: 200, deadAfterMs: 300 })).toBe(25);
  });

  it('a silent peer: probed at 4 s and every 4 s, unconfirmed at 7 s, dead at 14 s', () => {
    const { live, calls } = started();
    vi.advanceTimersByTime(20_000);
    expect(calls).toEqual(['probe@4000', 'unconfirmed@7000 since 0', 'probe@8000', 'probe@12000', 'dead@14000 after 14000']);
    expect(live.unconfirmed).toBe(true);
  });

  it('a quiet peer that answers each probe is never unconfirmed nor dropped', () => {
    const { live, calls } = started();
    let answered = 0;
    for (let i = 0; i < 60; i++) {
      vi.advanceTimersByTime(1000);
      if (calls.length > answered) {
        answered = calls.length;
        live.heard(); // the ack comes back at once
      }
    }
    expect(calls.every((c) => c.startsWith('probe'))).toBe(true);
    expect(calls).toEqual(Array.from({ length: 15 }, (_, i) => `probe@${(i + 1) * 4000}`));
  });

  it('a sign of life after being unconfirmed confirms again and restarts the clock', () => {
    const { live, calls } = started();
    vi.advanceTimersByTime(7_000);
    live.heard();
    expect(calls.at(-1)).toBe('confirmed@7000');
    vi.advanceTimersByTime(6_000);
    expect(calls.filter((c) => c.startsWith('dead'))).toEqual([]);
    expect(live.unconfirmed).toBe(false);
  });

  it('does nothing once stopped', () => {
    const { live, calls } = started();
    live.stop();
    vi.advanceTimersByTime(30_000);
    live.check();
    expect(calls).toEqual([]);
  });
});
