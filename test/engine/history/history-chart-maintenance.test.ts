import { afterEach, describe, expect, it } from 'vitest';
import type { Identity } from '../../../shared/roles.js';
import { world, type World } from './history-world.js';

/** The maintenance windows one endpoint's history carries for its chart: its site's and those above it, past, in force and planned. */

const TECH: Identity = { user: 'kythuat', role: 'technician' };
const CHO_RA: Identity = { user: 'giamsat-chora', role: 'supervisor', scope: ['ba-be-cho-ra'] };
const T0 = Date.UTC(2026, 5, 8, 2, 0, 0);
const at = (s: number) => T0 + Math.round(s * 1000);
const iso = (s: number) => new Date(at(s)).toISOString();

let worlds: World[] = [];
afterEach(() => {
  for (const w of worlds) w.close();
  worlds = [];
});

describe('maintenance in an endpoint’s history', () => {
  it('gives the windows over the endpoint with reason and span, hides who and why of one set outside a scope', () => {
    const w = world({ now: at(0) });
    worlds.push(w);
    w.at(at(100));
    // Ba Bể's district window (its subtree: Chợ Rã), ended at 400 s; Chợ Rã's own planned for 2000–3000 s; Na Rì's, not over Chợ Rã.
    w.maintenance.push({ siteId: 'ba-be', by: 'kythuat', at: at(100), reason: 'thay thiết bị', from: at(100), until: null });
    w.maintenance.push({ siteId: 'na-ri', by: 'kythuat', at: at(100), reason: 'đường điện', from: at(100), until: null });
    w.maintenanceChanged();
    w.at(at(400));
    w.maintenance.splice(0, 1);
    w.maintenance.push({ siteId: 'ba-be-cho-ra', by: 'kythuat2', at: at(400), reason: 'nâng cấp', from: at(2000), until: at(3000) });
    w.maintenanceChanged();
    w.at(at(500));
    const q = { endpointId: 'ba-be-cho-ra-1', metric: 'latencyMs' as const, from: at(0), to: at(3600) };
    expect(w.history.history(TECH, q)!.maintenance).toEqual([
      { start: iso(100), end: iso(400), siteId: 'ba-be', by: 'kythuat', reason: 'thay thiết bị' },
      { start: iso(2000), end: iso(3000), siteId: 'ba-be-cho-ra', by: 'kythuat2', reason: 'nâng cấp' },
    ]);
    // Outside the range asked for: not given.
    expect(w.history.history(TECH, { ...q, from: at(450), to: at(1500) })!.maintenance).toEqual([]);
    // A supervisor of Chợ Rã alone sees the district's window over it, not who set it or why.
    expect(w.history.history(CHO_RA, q)!.maintenance).toEqual([
      { start: iso(100), end: iso(400), siteId: null, by: null, reason: null },
      { start: iso(2000), end: iso(3000), siteId: 'ba-be-cho-ra', by: 'kythuat2', reason: 'nâng cấp' },
    ]);
    expect(w.history.history(TECH, { ...q, endpointId: 'na-ri-1' })!.maintenance).toEqual([{ start: iso(100), end: null, siteId: 'na-ri', by: 'kythuat', reason: 'đường điện' }]);
  });
});
