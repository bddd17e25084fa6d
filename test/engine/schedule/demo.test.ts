import { beforeAll, describe, expect, it } from 'vitest';
import { loadInventory } from '../../../electron/engine/inventory/load-inventory.js';
import { DEMO_INVENTORIES, DEMO_INVENTORY_PATH } from '../../../electron/engine/paths.js';
import { demoMeetings } from '../../../electron/engine/schedule/demo-schedule.js';
import type { Inventory } from '../../../shared/inventory.js';
import { MeetingSchema, checkBooking, expandOccurrences, siteDirectoryFromInventory, type Meeting } from '../../../shared/schedule/index.js';
import { DAY, MIN, T0, harness } from './harness.js';

let inv: Inventory;
beforeAll(async () => {
  inv = await loadInventory(DEMO_INVENTORY_PATH);
});

/** Every 2 h 20 min over a week (so every hour of every weekday is hit), from Monday 00:10 local. */
const moments = Array.from({ length: 72 }, (_, i) => Date.parse('2026-06-07T17:10:00Z') + i * 140 * MIN);

describe('the demo schedule', () => {
  it('is valid whenever the demo starts: every meeting passes the rules against the others (emergencies as emergencies)', () => {
    const dir = siteDirectoryFromInventory(inv);
    for (const now of moments) {
      const meetings = demoMeetings(inv, now);
      expect(meetings.map((m) => m.id).sort(), new Date(now).toISOString()).toEqual(['demo-chinh-phu', 'demo-giao-ban-tuan', 'demo-khan-lu-quet', 'demo-lam-viec-xa', 'demo-tap-huan-cds']);
      for (const m of meetings) {
        expect(MeetingSchema.safeParse(m).success).toBe(true);
        const others = meetings.filter((x) => x !== m);
        const verdict = checkBooking(m, { directory: dir, existing: others, now: m.bookedAt });
        expect(verdict, `${m.id} at ${new Date(now).toISOString()}: ${JSON.stringify(!verdict.ok && verdict.violations)}`).toMatchObject({ ok: true });
        expect(Date.parse(m.bookedAt)).toBeLessThanOrEqual(now);
        if (m.emergency) expect(m.emergencyReason).toMatch(/lũ quét/);
        else expect(verdict.warnings.filter((w) => w.rule === 'notice-exempt')).toEqual([]);
      }
    }
  });

  it('has a weekly briefing, a training across tiers, a central meeting, an emergency and one starting in about 20 minutes', () => {
    const now = Date.parse('2026-06-10T02:13:00Z'); // Wednesday 09:13 local
    const byId = new Map<string, Meeting>(demoMeetings(inv, now).map((m) => [m.id, m]));
    const briefing = byId.get('demo-giao-ban-tuan')!;
    expect(briefing).toMatchObject({ kind: 'briefing', hostSiteId: 'ubnd-tinh', participants: { groups: [{ type: 'tier', tier: 'district' }] }, recurrence: { byWeekday: ['mon'] } });
    const occ = expandOccurrences(briefing, inv.timezone).occurrences;
    expect(occ.some((o) => o.start > now && o.start < now + 7 * DAY)).toBe(true);
    expect(byId.get('demo-tap-huan-cds')!.participants.groups.map((g) => g.type).sort()).toEqual(['district-communes', 'tier']);
    expect(byId.get('demo-chinh-phu')).toMatchObject({ kind: 'central', chairLevel: 'central', hostBody: 'Văn phòng Chính phủ' });
    expect(byId.get('demo-khan-lu-quet')).toMatchObject({ emergency: true, kind: 'extraordinary' });
    const soon = byId.get('demo-lam-viec-xa')!;
    expect(Date.parse(soon.start) - now).toBeGreaterThanOrEqual(20 * MIN);
    expect(Date.parse(soon.start) - now).toBeLessThan(25 * MIN);
    // Every meeting of the demo is within today and the coming week.
    for (const m of byId.values()) {
      const next = expandOccurrences(m, inv.timezone).occurrences.find((o) => o.end > now)!;
      expect(next.start - now, m.id).toBeLessThan(8 * DAY);
    }
  });

  it('is seeded into an empty database only, and the soon meeting is on the readiness board at once', () => {
    const h = harness({ now: T0 });
    // The harness' small inventory has two districts: the demo adapts (fewer meetings may fit).
    const n = h.schedule.seedDemo();
    expect(n).toBeGreaterThanOrEqual(4);
    expect(h.schedule.seedDemo()).toBe(0);
    h.schedule.checkReadiness();
    expect(h.schedule.readiness.current().map((r) => [r.meetingId, r.phase])).toEqual([['demo-lam-viec-xa', 'checking']]);
    h.close();
  });
});

describe('the demo schedule on the two-tier demo (after the 2025 reform)', () => {
  let two: Inventory;
  beforeAll(async () => {
    two = await loadInventory(DEMO_INVENTORIES['thai-nguyen-2025']);
  });

  it('holds the same five meetings with the communes directly, valid whenever the demo starts', () => {
    const dir = siteDirectoryFromInventory(two);
    for (const now of moments.filter((_, i) => i % 4 === 0)) {
      const meetings = demoMeetings(two, now);
      expect(meetings.map((m) => m.id).sort(), new Date(now).toISOString()).toEqual(['demo-chinh-phu', 'demo-giao-ban-tuan', 'demo-khan-lu-quet', 'demo-lam-viec-xa', 'demo-tap-huan-cds']);
      for (const m of meetings) {
        const verdict = checkBooking(m, { directory: dir, existing: meetings.filter((x) => x !== m), now: m.bookedAt });
        expect(verdict, `${m.id} at ${new Date(now).toISOString()}: ${JSON.stringify(!verdict.ok && verdict.violations)}`).toMatchObject({ ok: true });
      }
    }
    const byId = new Map(demoMeetings(two, Date.parse('2026-06-10T02:13:00Z')).map((m) => [m.id, m]));
    expect(byId.get('demo-giao-ban-tuan')).toMatchObject({ title: 'Giao ban trực tuyến UBND tỉnh với các xã, phường', participants: { groups: [{ type: 'tier', tier: 'commune' }] } });
    // No district anywhere: every named site is a provincial site or a commune of the inventory.
    const tierOf = new Map(two.sites.map((s) => [s.id, s.tier]));
    for (const m of byId.values()) for (const id of [m.hostSiteId, ...m.participants.sites]) expect(['province', 'commune']).toContain(tierOf.get(id));
  });
});
