import { describe, expect, it } from 'vitest';
import { validateInventory, type Inventory } from '../../shared/inventory.js';
import { REDACTED, scopeView } from '../../shared/scope.js';
import { OUTSIDE_SCOPE_SITE_ID, meetingVisible, scopeMeeting, scopeReadiness, scopeScheduleEvent } from '../../shared/scope-schedule.js';
import { MeetingSchema, siteDirectoryFromInventory, type Meeting } from '../../shared/schedule/index.js';
import type { Readiness } from '../../shared/schedule/api.js';
import { smallInventory } from '../fixtures/inventory.js';

const inv = (() => {
  const r = validateInventory(smallInventory());
  if (!r.ok) throw new Error('fixture');
  return r.inventory;
})() as Inventory;
const dir = siteDirectoryFromInventory(inv);
const view = scopeView(inv.sites, ['ba-be']);

const meeting = (over: Partial<Meeting>): Meeting =>
  MeetingSchema.parse({
    id: 'm-1',
    version: 1,
    title: 'Giao ban với UBND huyện Na Rì',
    hostBody: 'Văn phòng UBND tỉnh',
    chairLevel: 'province',
    kind: 'briefing',
    hostSiteId: 'ubnd-tinh',
    room: 'Phòng họp trực tuyến, Văn phòng UBND tỉnh',
    participants: { sites: [], groups: [{ type: 'tier', tier: 'district' }] },
    emergency: false,
    emergencyReason: '',
    notes: 'UBND xã Kim Hỷ báo cáo',
    defaultLayout: 'automatic',
    recurrence: null,
    start: '2026-06-10T01:00:00Z',
    end: '2026-06-10T02:00:00Z',
    status: 'booked',
    bookedAt: '2026-06-01T01:00:00Z',
    ...over,
  });

describe('meetings in a scope', () => {
  it('shows a meeting with a participant in the scope: groups expanded to its sites, host and hidden names masked', () => {
    const m = scopeMeeting(meeting({}), view, dir)!;
    expect(MeetingSchema.safeParse(m).success).toBe(true); // still a valid meeting for the renderer
    expect(m.participants).toEqual({ sites: ['ba-be'], groups: [] });
    expect(m.hostSiteId).toBe(OUTSIDE_SCOPE_SITE_ID);
    expect(m.title).toBe(`Giao ban với ${REDACTED}`);
    expect(m.hostBody).toBe(REDACTED);
    expect(m.room).toBe(`Phòng họp trực tuyến, ${REDACTED}`);
    expect(m.notes).toBe(`${REDACTED} báo cáo`);
  });

  it('hides a meeting with no site in the scope', () => {
    const m = meeting({ participants: { sites: ['na-ri-kim-hy'], groups: [{ type: 'district-communes', district: 'na-ri' }] } });
    expect(meetingVisible(m, view, dir)).toBe(false);
    expect(scopeMeeting(m, view, dir)).toBeNull();
  });

  it('keeps a meeting the scope hosts, listing the host when it sees no participant', () => {
    const m = scopeMeeting(meeting({ hostSiteId: 'ba-be', participants: { sites: ['na-ri'], groups: [] } }), view, dir)!;
    expect(m.hostSiteId).toBe('ba-be');
    expect(m.participants).toEqual({ sites: ['ba-be'], groups: [] });
    expect(MeetingSchema.safeParse(m).success).toBe(true);
  });

  it('counts readiness from the scope’s sites only', () => {
    const site = (siteId: string, ready: boolean) => ({ siteId, endpointId: `${siteId}-1`, reachable: ready, mcuReady: true, busyIn: ready ? null : 'Họp UBND huyện Na Rì', ready, reasons: ready ? [] : ['in another conference: Họp UBND huyện Na Rì'] });
    const r: Readiness = { meetingId: 'm-1', occurrenceStart: 0, checkedAt: 't', phase: 'checking', ready: 2, notReady: 2, sites: [site('ba-be', false), site('ba-be-cho-ra', true), site('na-ri', true), site('ubnd-tinh', false)] };
    const s = scopeReadiness(r, view);
    expect(s.sites.map((x) => x.siteId)).toEqual(['ba-be', 'ba-be-cho-ra']);
    expect([s.ready, s.notReady]).toEqual([1, 1]);
    expect(s.sites[0]!.busyIn).toBe(`Họp ${REDACTED}`);
  });

  it('names a changed meeting only when the scope sees it now or saw it before', () => {
    const visible = new Set(['m-in']);
    const seen = new Set(['m-left']);
    const e = scopeScheduleEvent({ changed: ['m-in', 'm-out', 'm-left'], readiness: [] }, view, (id) => visible.has(id), seen);
    expect(e.changed).toEqual(['m-in', 'm-left']);
    expect([...seen]).toEqual(['m-in']);
    expect(scopeScheduleEvent({ changed: ['m-left'], readiness: [] }, view, (id) => visible.has(id), seen).changed).toEqual([]);
  });
});
