import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventLog } from '../../electron/engine/events/event-log.js';
import { startMonitoring, type Monitoring } from '../../electron/engine/monitoring/monitoring.js';
import { failureKind } from '../../electron/engine/monitoring/poll-results.js';
import type { PollSample, SnmpPoller, SnmpPollerOptions } from '../../electron/engine/snmp/poller.js';
import { loadProfiles } from '../../electron/engine/snmp/profiles.js';
import { StatusTable } from '../../electron/engine/status/status-table.js';
import { validateInventory, type Inventory } from '../../shared/inventory.js';
import { scopePollResults } from '../../shared/scope-filters.js';
import { scopeView } from '../../shared/scope.js';
import { smallInventory } from '../fixtures/inventory.js';

// Each codec's last poll (getPollResults, the /metrics per-codec poll series): how long it took,
// why it failed as a closed set of kinds, and the failures counted by kind.

describe('failureKind', () => {
  it.each([
    ['timeout', 'timeout'],
    ['authentication failed (Authentication failed for user x)', 'auth'],
    ['decryption failed (wrong privacy key?)', 'auth'],
    ['not in time window', 'auth'],
    ['community mismatch in response', 'auth'],
    ['unresolvable host', 'unresolvable_host'],
    ['unreachable host', 'unreachable_host'],
    ['malformed response', 'malformed'],
    ['protocol error', 'malformed'],
    ['agent error: genErr', 'agent_error'],
    ['request failed: something "odd"\nhappened', 'other'],
    ['privacy protocol not supported by this Node.js (DES needs --openssl-legacy-provider; use AES)', 'other'],
  ])('%s → %s', (error, kind) => {
    expect(failureKind(error)).toBe(kind);
  });
});

describe('pollResults', () => {
  let monitoring: Monitoring | null = null;
  afterEach(async () => {
    await monitoring?.close();
    monitoring = null;
    vi.useRealTimers();
  });

  it("keeps each codec's last poll and counts failures by kind; a codec leaving the inventory leaves them", async () => {
    vi.useFakeTimers({ now: new Date('2026-12-07T02:00:00Z') });
    const r = validateInventory(smallInventory());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const inventory = r.inventory as Inventory;
    const status = new StatusTable(10);
    status.setEndpoints(inventory.sites.flatMap((s) => s.endpoints.map((e) => ({ endpointId: e.id, siteId: s.id }))));
    let onSample!: SnmpPollerOptions['onSample'];
    const createPoller = (o: SnmpPollerOptions): SnmpPoller => {
      onSample = o.onSample;
      return { setEndpoints: () => undefined, stats: () => ({}) as ReturnType<SnmpPoller['stats']>, overruns: () => 0, close: async () => undefined };
    };
    monitoring = await startMonitoring(inventory, { status, events: new EventLog(), profiles: loadProfiles(), traps: false, createPoller });
    const sample = (sentAt: string, at: string, error: string | null): PollSample => ({ at, sentAt, answered: error === null, error, rttMs: error ? null : 30, values: {}, problems: [] });

    onSample('na-ri-1', sample('2026-12-07T02:00:00.000Z', '2026-12-07T02:00:02.000Z', 'timeout'));
    onSample('na-ri-1', sample('2026-12-07T02:00:05.000Z', '2026-12-07T02:00:07.000Z', 'timeout'));
    onSample('na-ri-1', sample('2026-12-07T02:00:10.000Z', '2026-12-07T02:00:10.050Z', 'authentication failed (x)'));
    onSample('ba-be-1', sample('2026-12-07T02:00:00.000Z', '2026-12-07T02:00:00.030Z', null));
    const byId = new Map(monitoring.pollResults().map((p) => [p.endpointId, p]));
    expect(byId.get('na-ri-1')).toEqual({ endpointId: 'na-ri-1', at: '2026-12-07T02:00:10.050Z', durationMs: 50, answered: false, failure: 'auth', failures: { timeout: 2, auth: 1 } });
    expect(byId.get('ba-be-1')).toEqual({ endpointId: 'ba-be-1', at: '2026-12-07T02:00:00.030Z', durationMs: 30, answered: true, failure: null, failures: {} });
    expect(byId.has('ubnd-tinh-1')).toBe(false); // never polled: nothing made up

    // The answer is a copy: changing it changes nothing inside.
    byId.get('na-ri-1')!.failures.timeout = 99;
    expect(monitoring.pollResults().find((p) => p.endpointId === 'na-ri-1')!.failures.timeout).toBe(2);

    monitoring.setInventory({ ...inventory, sites: inventory.sites.filter((s) => !s.id.startsWith('na-ri')) });
    expect(monitoring.pollResults().map((p) => p.endpointId)).toEqual(['ba-be-1']);
  });

  it("a scoped caller sees only its codecs' results", () => {
    const inv = smallInventory() as unknown as Inventory;
    const view = scopeView(inv.sites, ['ba-be']);
    const result = (endpointId: string) => ({ endpointId, at: '2026-12-07T02:00:00.000Z', durationMs: 1, answered: true, failure: null, failures: {} });
    expect(scopePollResults([result('na-ri-1'), result('ba-be-cho-ra-1'), result('ubnd-tinh-1')], view).map((r) => r.endpointId)).toEqual(['ba-be-cho-ra-1']);
  });
});
