import { describe, expect, it } from 'vitest';
import { Backoff, CAP_TICKS, FAILURES_TO_BACK_OFF } from '../../../electron/engine/snmp/backoff.js';
import { Limiter } from '../../../electron/engine/snmp/limiter.js';
import { RateMeter, Window } from '../../../electron/engine/snmp/poller-stats.js';
import { planPoll } from '../../../electron/engine/snmp/poll-endpoint.js';
import type { DeviceProfile, MetricSpec } from '../../../shared/device-profile.js';

// The pure parts of the scheduler: no sockets, no wall clock.

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
const flush = () => new Promise((r) => setImmediate(r));

describe('Limiter', () => {
  it('never runs more than max tasks, serves polls first in, first out, and caps probes', async () => {
    const lim = new Limiter(3, 1);
    const gates = Array.from({ length: 8 }, deferred);
    const order: string[] = [];
    const run = (name: string, lane: 'poll' | 'probe', i: number) =>
      lim.run(lane, async () => {
        order.push(name);
        await gates[i]!.promise;
      });
    const all = [run('probe-a', 'probe', 0), run('probe-b', 'probe', 1), run('p1', 'poll', 2), run('p2', 'poll', 3), run('p3', 'poll', 4), run('p4', 'poll', 5)];
    await flush();
    // probe-b waits: only one probe at a time; p1 and p2 fill the slots.
    expect(order).toEqual(['probe-a', 'p1', 'p2']);
    expect(lim.inFlight).toBe(3);
    expect(lim.queued).toBe(3);
    gates[0]!.resolve(); // probe-a done: the free slot goes to the waiting poll first
    await flush();
    expect(order).toEqual(['probe-a', 'p1', 'p2', 'p3']);
    gates[2]!.resolve();
    await flush();
    expect(order.at(-1)).toBe('p4');
    for (const g of gates) g.resolve();
    await Promise.all(all);
    expect(order).toContain('probe-b');
    expect(lim.inFlight).toBe(0);
    expect(lim.queued).toBe(0);
  });

  it('releases the slot when a task throws', async () => {
    const lim = new Limiter(1);
    await expect(lim.run('poll', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(lim.inFlight).toBe(0);
    await expect(lim.run('poll', async () => 7)).resolves.toBe(7);
  });
});

describe('Backoff', () => {
  it('backs off after consecutive timeouts, probes every tick, and polls as soon as a probe answers', () => {
    const b = new Backoff();
    for (let i = 0; i < FAILURES_TO_BACK_OFF; i++) {
      expect(b.tick()).toBe('poll');
      b.polled(false, true);
    }
    expect(b.backedOff).toBe(true);
    for (let i = 0; i < 50; i++) {
      expect(b.tick()).toBe('probe'); // a dead codec is probed every interval, never skipped
      b.probed(false, true);
    }
    expect(b.tick()).toBe('probe');
    expect(b.fullPollDue()).toBe(true); // the probe answered: full poll in the same tick
    b.polled(true, false);
    expect(b.backedOff).toBe(false);
    expect(b.tick()).toBe('poll');
  });

  it('spaces full polls 1, 2, 4, 8 … ticks (capped) while probes answer but full polls fail', () => {
    const b = new Backoff();
    b.polled(false, true);
    b.polled(false, true);
    const gaps: number[] = [];
    let since = 0;
    for (let tick = 0; tick < 200; tick++) {
      expect(b.tick()).toBe('probe');
      since++;
      if (b.fullPollDue()) {
        gaps.push(since);
        since = 0;
        b.polled(false, true);
      } else b.probed(true, false);
    }
    expect(gaps.slice(0, 6)).toEqual([1, 2, 4, 8, CAP_TICKS, CAP_TICKS]);
    expect(Math.max(...gaps)).toBe(CAP_TICKS);
  });

  it('a hard error (unresolvable name) spaces even the probes exponentially', () => {
    const b = new Backoff();
    b.polled(false, false);
    b.polled(false, false);
    const kinds: string[] = [];
    for (let i = 0; i < 16; i++) {
      const k = b.tick();
      kinds.push(k);
      if (k === 'probe') b.probed(false, false);
    }
    const probeTicks = kinds.flatMap((k, i) => (k === 'probe' ? [i] : []));
    expect(probeTicks).toEqual([0, 2, 6, 14]);
  });
});

describe('stats windows', () => {
  it('percentiles over the last N values', () => {
    const w = new Window(100);
    expect(w.percentiles()).toEqual({ p50: null, p99: null, max: null });
    for (let i = 1; i <= 200; i++) w.add(i); // only 101..200 remain
    expect(w.percentiles()).toEqual({ p50: 151, p99: 200, max: 200 });
  });

  it('rate per second over a sliding window, on an injected clock', () => {
    let now = 0;
    const r = new RateMeter(() => now, 10);
    for (let s = 0; s < 20; s++) {
      for (let i = 0; i < 50; i++) r.add();
      now += 1000;
    }
    expect(r.perSecond()).toBe(50);
    now += 5000; // five idle seconds
    expect(r.perSecond()).toBe(25);
    now += 60_000;
    expect(r.perSecond()).toBe(0);
  });
});

describe('planPoll', () => {
  it('puts sysUpTime first, scalars in GETs of at most 20, columns in GetNexts', () => {
    const metrics: Record<string, MetricSpec> = {};
    const names = ['inCall', 'remoteSite', 'bitrateKbps', 'packetLossPct', 'jitterMs', 'latencyMs', 'micMuted', 'cameraMuted', 'ifOperUp', 'rxBps', 'txBps'];
    names.forEach((n, i) => (metrics[n] = { oid: `1.3.6.1.4.1.1.${i}.0`, encoding: 'integer', column: n === 'inCall' }));
    metrics.uptimeS = { oid: '1.3.6.1.2.1.1.3.0', encoding: 'timeticks' };
    const plan = planPoll({ id: 'x', name: 'x', mib: 'x', metrics, traps: [] } as DeviceProfile);
    expect(plan.gets).toHaveLength(1);
    expect(plan.gets[0]![0]!.metric).toBe('uptimeS');
    expect(plan.gets[0]).toHaveLength(11);
    expect(plan.nexts.map((b) => b.map((p) => p.metric))).toEqual([['inCall']]);
  });
});
