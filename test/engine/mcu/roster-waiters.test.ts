import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RosterWaiters } from '../../../electron/engine/mcu/cms/roster-waiters.js';

describe('RosterWaiters', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const state = (p: Promise<void>) => {
    let done = false;
    void p.then(() => (done = true));
    return () => done;
  };

  it('ends at once when the check already holds', async () => {
    const done = state(new RosterWaiters(() => {}).until(() => true, 1000));
    await vi.advanceTimersByTimeAsync(0);
    expect(done()).toBe(true);
  });

  it('ends on the table change that makes the check hold, not before', async () => {
    const waiters = new RosterWaiters(() => {});
    let moved = false;
    const done = state(waiters.until(() => moved, 1000));
    waiters.changed();
    await vi.advanceTimersByTimeAsync(10);
    expect(done()).toBe(false);
    moved = true;
    waiters.changed();
    await vi.advanceTimersByTimeAsync(0);
    expect(done()).toBe(true);
  });

  it('ends when its time is up, and is then forgotten', async () => {
    const waiters = new RosterWaiters(() => {});
    const check = vi.fn(() => false);
    const done = state(waiters.until(check, 500));
    await vi.advanceTimersByTimeAsync(499);
    expect(done()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done()).toBe(true);
    const calls = check.mock.calls.length;
    waiters.changed();
    expect(check.mock.calls.length).toBe(calls);
  });

  it('a check that throws ends the wait and is logged', async () => {
    const logs: string[] = [];
    const done = state(new RosterWaiters((l) => logs.push(l)).until(() => {
      throw new Error('boom');
    }, 1000));
    await vi.advanceTimersByTimeAsync(0);
    expect(done()).toBe(true);
    expect(logs).toEqual(['roster check failed: boom']);
  });
});
