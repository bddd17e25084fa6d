import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDLE_WARNING_S, startIdleWatch, useIdleStore } from '../../renderer/stores/idle-watch.js';

describe('the idle warning', () => {
  let stop: (() => void) | null = null;
  afterEach(() => {
    stop?.();
    stop = null;
    vi.useRealTimers();
  });

  it('warns a minute before the idle expiry, counts down, and tells the engine at once when the person acts', () => {
    vi.useFakeTimers();
    let idleMs = 0;
    const expiry: { s?: number } = {};
    const ping = vi.fn();
    stop = startIdleWatch({ activity: { idleMs: () => idleMs, stop: () => undefined }, idleTimeoutS: () => expiry.s, ping });
    // Before whoami says the expiry, nothing.
    idleMs = 10 * 60_000;
    vi.advanceTimersByTime(1_000);
    expect(useIdleStore.getState().secondsLeft).toBeNull();
    expiry.s = 30 * 60;
    idleMs = 29 * 60_000 - 1;
    vi.advanceTimersByTime(1_000);
    expect(useIdleStore.getState().secondsLeft).toBeNull();
    idleMs = 29 * 60_000;
    vi.advanceTimersByTime(1_000);
    expect(useIdleStore.getState()).toEqual({ secondsLeft: IDLE_WARNING_S, idleMinutes: 30 });
    idleMs += 45_500;
    vi.advanceTimersByTime(1_000);
    expect(useIdleStore.getState().secondsLeft).toBe(15);
    expect(ping).not.toHaveBeenCalled();
    // A key: the warning goes and the engine hears of it now, not at the next poll.
    idleMs = 200;
    vi.advanceTimersByTime(1_000);
    expect(useIdleStore.getState().secondsLeft).toBeNull();
    expect(ping).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5_000);
    expect(ping).toHaveBeenCalledTimes(1);
  });

  it('says 0 seconds rather than a negative count once past the expiry, and clears when stopped', () => {
    vi.useFakeTimers();
    stop = startIdleWatch({ activity: { idleMs: () => 31 * 60_000, stop: () => undefined }, idleTimeoutS: () => 1800, ping: () => undefined });
    expect(useIdleStore.getState().secondsLeft).toBe(0);
    stop();
    stop = null;
    expect(useIdleStore.getState().secondsLeft).toBeNull();
  });
});
