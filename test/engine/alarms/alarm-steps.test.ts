import { afterEach, describe, expect, it, vi } from 'vitest';
import { AlarmService, type AlarmSources } from '../../../electron/engine/alarms/alarm-service.js';
import { AlarmStore } from '../../../electron/engine/alarms/alarm-store.js';
import { openDatabase, type Database } from '../../../electron/engine/db/database.js';
import type { EngineEvent } from '../../../shared/events.js';
import { validateInventory, type Inventory } from '../../../shared/inventory.js';
import { smallInventory } from '../../fixtures/inventory.js';

// How often the alarm book is evaluated when changes and events pour in: a step reads the whole
// book, so a trap storm must not ask for one per trap, and a log line must not ask for one at all.

let db: Database | null = null;
let service: AlarmService | null = null;
afterEach(() => {
  service?.close();
  db?.close();
  service = db = null;
  vi.useRealTimers();
});

function start(): { steps: () => number; event: (e: EngineEvent) => void; change: (ids: string[]) => void } {
  vi.useFakeTimers({ now: Date.parse('2026-12-07T08:00:00Z') });
  db = openDatabase(':memory:');
  const eventListeners: ((e: EngineEvent) => void)[] = [];
  const changeListeners: ((ids: readonly string[]) => void)[] = [];
  const r = validateInventory(smallInventory());
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const inventory = r.inventory as Inventory;
  const src: AlarmSources = {
    inventory: () => inventory,
    status: () => undefined,
    onStatusChange: (l) => (changeListeners.push(l), () => undefined),
    onEvent: (l) => (eventListeners.push(l), () => undefined),
    mcuConnected: () => null,
    pollerOverruns: () => null,
  };
  service = new AlarmService(new AlarmStore(db), src, { evaluateEveryMs: 3_600_000 });
  let steps = 0;
  const step = service.step.bind(service);
  service.step = () => {
    steps++;
    step();
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
});
