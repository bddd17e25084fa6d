import { afterEach, describe, expect, it, vi } from 'vitest';
import { AlarmService, type AlarmSources } from '../../../electron/engine/alarms/alarm-service.js';
import { AlarmStore } from '../../../electron/engine/alarms/alarm-store.js';
import { openDatabase, type Database } from '../../../electron/engine/db/database.js';
import type { EngineEvent } from '../../../shared/events.js';
import { unknownStatus, type EndpointStatus } from '../../../shared/status.js';
import { validateInventory, type Inventory } from '../../../shared/inventory.js';
import { smallInventory } from '../../fixtures/inventory.js';

// How often the alarm book is evaluated when changes and events pour in, and what a step reads: a
// trap storm must not ask for a step per trap, a log line must not ask for one at all, and only
// the timer's step reads the whole book.

let db: Database | null = null;
let service: AlarmService | null = null;
afterEach(() => {
  service?.close();
  db?.close();
  service = db = null;
  vi.useRealTimers();
});

const statuses = new Map<string, EndpointStatus>();
let clock = 0;

function start(): { steps: () => number; event: (e: EngineEvent) => void; change: (ids: string[]) => void } {
  statuses.clear();
  clock = Date.parse('2026-12-07T08:00:00Z');
  vi.useFakeTimers({ now: Date.parse('2026-12-07T08:00:00Z') });
  db = openDatabase(':memory:');
  const eventListeners: ((e: EngineEvent) => void)[] = [];
  const changeListeners: ((ids: readonly string[]) => void)[] = [];
  const r = validateInventory(smallInventory());
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const inventory = r.inventory as Inventory;
  const src: AlarmSources = {
    inventory: () => inventory,
    status: (id) => statuses.get(id),
    onStatusChange: (l) => (changeListeners.push(l), () => undefined),
    onEvent: (l) => (eventListeners.push(l), () => undefined),
    mcuConnected: () => null,
    pollerOverruns: () => null,
  };
  service = new AlarmService(new AlarmStore(db), src, { evaluateEveryMs: 3_600_000, now: () => clock });
  let steps = 0;
  const step = service.step.bind(service);
  service.step = (sweep?: boolean) => {
    steps++;
    step(sweep);
  };
  return { steps: () => steps, event: (e) => eventListeners.forEach((l) => l(e)), change: (ids) => changeListeners.forEach((l) => l(ids)) };
}

const trap = (i: number): EngineEvent => ({ id: i + 1, at: new Date().toISOString(), severity: 'warning', code: 'trap', endpointId: `codec-${i}`, siteId: 'ba-be', text: 'linkDown ifIndex 1' });

describe('alarm steps', () => {
  it('a trap storm of 50 a second asks for at most one step per 50 ms, and the first comes at once', async () => {
    const s = start();
    s.event(trap(0));
    await vi.advanceTimersByTimeAsync(0);
    expect(s.steps()).toBe(1);
    for (let i = 1; i <= 50; i++) {
      s.event(trap(i));
      await vi.advanceTimersByTimeAsync(20);
    }
    // 1 s of traps: about 20 steps (one per 50 ms), not 50.
    expect(s.steps()).toBeGreaterThanOrEqual(18);
    expect(s.steps()).toBeLessThanOrEqual(22);
  });

  it('an event that starts no pulse (a log line) asks for no step; a status change does', async () => {
    const s = start();
    s.event({ ...trap(1), code: 'down', text: 'down' });
    s.event({ ...trap(1), text: 'authenticationFailure' }); // a trap no default rule watches
    await vi.advanceTimersByTimeAsync(200);
    expect(s.steps()).toBe(0);
    s.change(['codec-1']);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.steps()).toBe(1);
  });

  it('a codec without alarms is read for its true conditions only, yet one with an alarm is read whole: its alarm returns', async () => {
    const s = start();
    const lossy = (loss: number): EndpointStatus => ({ ...unknownStatus('ba-be-1', 'ba-be'), reachability: 'up', packetLossPct: loss });
    statuses.set('ba-be-1', lossy(4));
    s.change(['ba-be-1']);
    await vi.advanceTimersByTimeAsync(0);
    clock += 31_000; // past the loss rule's 30 s on-delay
    s.change(['ba-be-1']);
    await vi.advanceTimersByTimeAsync(100);
    const alarm = () => service!.list({ includeHidden: true }).find((a) => a.ruleId === 'loss-high');
    expect(alarm()?.state).toBe('unack');
    statuses.set('ba-be-1', lossy(0.1));
    s.change(['ba-be-1']);
    await vi.advanceTimersByTimeAsync(100);
    clock += 61_000; // past its 60 s off-delay
    s.change(['ba-be-1']);
    await vi.advanceTimersByTimeAsync(100);
    expect(alarm()?.state).toBe('rtn_unack');
  });

  it('a trap pulse is one sample up and one down, whatever the steps between; the alarm still activates and returns', async () => {
    const s = start();
    s.event(trap(1));
    await vi.advanceTimersByTimeAsync(0);
    const alarm = () => service!.list({ includeHidden: true }).find((a) => a.subject.id === 'codec-1');
    for (let i = 0; i < 25; i++) {
      clock += 1000; // through the 20 s hold-off, a step each second (as the timer would)
      service!.step(true);
    }
    expect(alarm()?.state).toBe('unack');
    for (let i = 0; i < 310; i++) {
      clock += 1000; // the pulse ended at 21 s; the alarm returns after its 300 s off-delay
      service!.step(true);
    }
    expect(alarm()?.state).toBe('rtn_unack');
  });

  it('the timer step ends the alarms of a codec that left the inventory; a step a change asked for need not', async () => {
    const s = start();
    statuses.set('ba-be-1', { ...unknownStatus('ba-be-1', 'ba-be'), reachability: 'down' });
    s.change(['ba-be-1']);
    await vi.advanceTimersByTimeAsync(0);
    clock += 3_000; // past endpoint-down's 2 s on-delay
    s.change(['ba-be-1']);
    await vi.advanceTimersByTimeAsync(100);
    const down = () => service!.list({ includeHidden: true }).find((a) => a.ruleId === 'endpoint-down' && a.subject.id === 'ba-be-1');
    expect(down()?.state).toBe('unack');
    statuses.delete('ba-be-1'); // gone from the inventory, so from the status table
    clock += 11_000; // past its 10 s off-delay
    service!.step(true);
    clock += 11_000;
    service!.step(true);
    expect(down()?.state).toBe('rtn_unack');
  });
});
