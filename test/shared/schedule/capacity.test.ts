import { describe, expect, it } from 'vitest';
import { loadProfile, slotsOf } from '../../../shared/schedule/conflicts';
import type { Meeting, MeetingDraft } from '../../../shared/schedule/meeting';
import { checkBooking } from '../../../shared/schedule/rules';
import type { BookingCheck, Violation } from '../../../shared/schedule/violations';
import { NOW, at, communes, directory, draft, meeting } from './fixtures';

const dir = directory();
const check = (d: MeetingDraft, existing: Meeting[], portCapacity: number) => checkBooking(d, { directory: dir, existing, now: NOW, policy: { portCapacity } });
const violations = (r: BookingCheck): readonly Violation[] => (r.ok ? [] : r.violations);
const day = (hhmm: string) => `2026-06-10T${hhmm}`;

// Four ports each (host + three communes), no site or room shared, so only capacity can object.
const A = meeting('A', { title: 'Hội nghị A', hostSiteId: 'ubnd-tinh', from: day('08:00'), to: day('10:00'), participants: { sites: communes(0, 3), groups: [] } });
const B = meeting('B', { title: 'Hội nghị B', hostSiteId: 'tinh-uy', from: day('09:00'), to: day('11:00'), participants: { sites: communes(3, 3), groups: [] } });
const C = (from: string, to: string) => draft({ title: 'Hội nghị C', hostSiteId: 'so-tttt', from: day(from), to: day(to), participants: { sites: communes(6, 3), groups: [] } });

describe('MCU port capacity', () => {
  it('finds the peak of three partially overlapping meetings that no pair exceeds', () => {
    // A 08:00–10:00, B 09:00–11:00, C 09:30–12:00: any two make 8 ports, all three 12, only 09:30–10:00.
    const r = check(C('09:30', '12:00'), [A, B], 10);
    expect(violations(r)).toEqual([
      {
        rule: 'port-capacity',
        occurrenceDate: '2026-06-10',
        from: at(day('09:30')),
        to: at(day('10:00')),
        peak: 12,
        capacity: 10,
        ports: 4,
        others: [
          { id: 'A', title: 'Hội nghị A', start: at(day('08:00')), end: at(day('10:00')), occurrenceDate: '2026-06-10', ports: 4 },
          { id: 'B', title: 'Hội nghị B', start: at(day('09:00')), end: at(day('11:00')), occurrenceDate: '2026-06-10', ports: 4 },
        ],
        message: `On 10/06/2026, 10/06/2026 09:30–10:00: 12 sites at once, more than the MCU's 10 ports (this meeting 4; "Hội nghị A" 4; "Hội nghị B" 4)`,
      },
    ]);
    expect(check(C('10:00', '12:00'), [A, B], 10).ok).toBe(true); // A has ended when C starts
    expect(check(C('09:30', '12:00'), [A, B], 12).ok).toBe(true); // at capacity is fine, over is not
  });

  it('reports each separate stretch over capacity', () => {
    const early = meeting('E', { hostSiteId: 'ubnd-tinh', from: day('08:00'), to: day('09:00'), participants: { sites: communes(0, 3), groups: [] } });
    const late = meeting('L', { hostSiteId: 'tinh-uy', from: day('10:00'), to: day('11:00'), participants: { sites: communes(3, 3), groups: [] } });
    const r = check(C('08:30', '10:30'), [early, late], 7);
    expect(violations(r).map((v) => v.rule === 'port-capacity' && [v.from, v.to, v.peak, v.others.map((o) => o.id)])).toEqual([
      [at(day('08:30')), at(day('09:00')), 8, ['E']],
      [at(day('10:00')), at(day('10:30')), 8, ['L']],
    ]);
  });

  it('joins adjacent stretches into one, and meetings that merely touch never add up', () => {
    const first = meeting('F', { hostSiteId: 'ubnd-tinh', from: day('08:00'), to: day('09:30'), participants: { sites: communes(0, 3), groups: [] } });
    const second = meeting('S', { hostSiteId: 'tinh-uy', from: day('09:30'), to: day('11:00'), participants: { sites: communes(3, 3), groups: [] } });
    const r = check(C('09:00', '10:00'), [first, second], 7);
    expect(violations(r)).toMatchObject([{ rule: 'port-capacity', from: at(day('09:00')), to: at(day('10:00')), peak: 8, others: [{ id: 'F' }, { id: 'S' }] }]);
  });

  it('a meeting larger than the MCU on its own is refused', () => {
    const r = check(draft({ participants: { sites: [], groups: [{ type: 'all-sites' }] } }), [], 10);
    expect(violations(r)).toMatchObject([{ rule: 'port-capacity', peak: 16, ports: 16, capacity: 10, others: [] }]);
  });

  it('counts the host site and every site a group stands for, each once', () => {
    const r = check(draft({ hostSiteId: 'ba-be', participants: { sites: ['ba-be', 'ba-be-cho-ra'], groups: [{ type: 'district-communes', district: 'ba-be' }] } }), [], 4);
    expect(violations(r)).toMatchObject([{ rule: 'port-capacity', ports: 5, peak: 5 }]);
  });

  it('ignores cancelled meetings and the default capacity is 150', () => {
    expect(check(C('09:30', '12:00'), [{ ...A, status: 'cancelled' }, B], 10).ok).toBe(true);
    expect(checkBooking(C('09:30', '12:00'), { directory: dir, existing: [A, B], now: NOW }).ok).toBe(true);
  });
});

describe('loadProfile (sweep line)', () => {
  it('gives the load of every stretch, ends before starts at the same instant', () => {
    const slots = [A, B, meeting('T', { hostSiteId: 'so-tttt', from: day('10:00'), to: day('10:30'), participants: { sites: ['cho-don'], groups: [] } })].flatMap((m) => slotsOf(m, dir));
    expect(loadProfile(slots).map((s) => [new Date(s.from).toISOString().slice(11, 16), new Date(s.to).toISOString().slice(11, 16), s.load, s.slots.map((x) => x.meetingId)])).toEqual([
      ['01:00', '02:00', 4, ['A']],
      ['02:00', '03:00', 8, ['A', 'B']],
      ['03:00', '03:30', 6, ['B', 'T']],
      ['03:30', '04:00', 4, ['B']],
    ]);
  });
});
