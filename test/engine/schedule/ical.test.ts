import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { escapeText, foldLine, icalTime, scheduleIcs } from '../../../electron/engine/schedule/ical.js';
import { LOCAL_IDENTITY } from '../../../shared/roles.js';
import { newMeeting, siteDirectoryFromInventory, type Meeting, type MeetingDraft } from '../../../shared/schedule/index.js';
import { smallInventory } from '../../fixtures/inventory.js';
import { booked, harness, inventory, op, request, type Harness } from './harness.js';

/** RFC 5545 reading: unfold, then each VEVENT as property name → value (parameters dropped). */
function parse(text: string): { lines: string[]; events: Map<string, string>[] } {
  const physical = text.split('\r\n');
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
  const events: Map<string, string>[] = [];
  let current: Map<string, string> | null = null;
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).split(';')[0]!;
    const value = line.slice(colon + 1);
    if (line === 'BEGIN:VEVENT') current = new Map();
    else if (line === 'END:VEVENT') events.push(current!);
    else current?.set(name, value);
  }
  return { lines: physical, events };
}
const unescape = (v: string) => v.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

describe('iCalendar export', () => {
  it('writes a valid calendar: CRLF, folded at 75 octets, UTC times, escaped text, one VEVENT per meeting', async () => {
    const m = booked(
      h.schedule.bookings.book(
        op,
        request({
          title: 'Giao ban; quý II, năm 2026 \\ tỉnh',
          notes: 'Dòng một\nDòng hai',
          participants: { sites: [], groups: [{ type: 'district-communes', district: 'ba-be' }] },
        }),
      ),
    );
    const file = await h.schedule.handlers().exportSchedule({ from: '2026-06-10' }, LOCAL_IDENTITY);
    expect(file).toMatchObject({ filename: 'lich-hop_2026-06-10.ics', mime: 'text/calendar; charset=utf-8' });
    const { lines, events } = parse(file.content);
    expect(file.content.endsWith('\r\n')).toBe(true);
    expect(file.content.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const l of lines) expect(Buffer.byteLength(l, 'utf8'), l).toBeLessThanOrEqual(75);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.filter(Boolean).at(-1)).toBe('END:VCALENDAR');
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e.get('UID')).toBe(`${m.id}@bridgepoint`);
    expect(e.get('DTSTAMP')).toBe('20260601T020000Z');
    expect(e.get('DTSTART')).toBe('20260610T010000Z');
    expect(e.get('DTEND')).toBe('20260610T030000Z');
    expect(e.get('SUMMARY')).toBe('Giao ban\\; quý II\\, năm 2026 \\\\ tỉnh');
    expect(unescape(e.get('SUMMARY')!)).toBe('Giao ban; quý II, năm 2026 \\ tỉnh');
    expect(unescape(e.get('LOCATION')!)).toBe('Phòng họp trực tuyến, UBND huyện Ba Bể');
    expect(unescape(e.get('DESCRIPTION')!)).toBe(
      'Cơ quan chủ trì: UBND huyện Ba Bể\nLoại: Giao ban\nĐiểm cầu tham dự (2): UBND thị trấn Chợ Rã; UBND xã Nam Mẫu\nGhi chú: Dòng một\nDòng hai',
    );
    expect(e.get('STATUS')).toBe('CONFIRMED');
    expect(e.has('RRULE')).toBe(false);
  });

  it('a weekly series is one VEVENT with an RRULE whose weekdays are those of the UTC start', async () => {
    // Mondays 06:00 at UTC+7 are Sundays 23:00 UTC.
    booked(h.schedule.bookings.book(op, request({ title: 'Giao ban sáng thứ Hai', start: '2026-06-08T06:00', end: '2026-06-08T07:00', recurrence: { frequency: 'weekly', byWeekday: ['mon', 'thu'], count: 6 } })));
    booked(h.schedule.bookings.book(op, request({ title: 'Giao ban chiều', start: '2026-06-10T14:00', end: '2026-06-10T15:00', recurrence: { frequency: 'weekly', every: 2, byWeekday: ['wed'], until: '2026-07-31' } })));
    const { events } = parse((await h.schedule.handlers().exportSchedule({ from: '2026-06-08', to: '2026-06-14' }, LOCAL_IDENTITY)).content);
    const rule = (title: string) => events.find((e) => unescape(e.get('SUMMARY')!) === title)!;
    expect(rule('Giao ban sáng thứ Hai').get('DTSTART')).toBe('20260607T230000Z');
    expect(rule('Giao ban sáng thứ Hai').get('RRULE')).toBe('FREQ=WEEKLY;INTERVAL=1;BYDAY=SU,WE;WKST=MO;COUNT=6');
    // Every other Wednesday up to 31 July: 10 and 24 June, 8 and 22 July; the last start as UNTIL.
    expect(rule('Giao ban chiều').get('RRULE')).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;WKST=MO;UNTIL=20260722T070000Z');
  });

  it('every other Monday at 06:00 (Sundays in UTC) is listed as RDATEs, since UTC weeks would differ', async () => {
    booked(h.schedule.bookings.book(op, request({ start: '2026-06-08T06:00', end: '2026-06-08T07:00', recurrence: { frequency: 'weekly', every: 2, byWeekday: ['mon', 'wed'], count: 4 } })));
    const { events } = parse((await h.schedule.handlers().exportSchedule({ from: '2026-06-08' }, LOCAL_IDENTITY)).content);
    expect(events[0]!.has('RRULE')).toBe(false);
    expect(events[0]!.get('RDATE')).toBe('20260609T230000Z,20260621T230000Z,20260623T230000Z');
  });

  it('a series across a DST change is listed as RDATEs; a cancelled meeting carries its reason', () => {
    const dir = siteDirectoryFromInventory(inventory({ ...smallInventory(), timezone: 'Europe/Berlin' }));
    const d: MeetingDraft = {
      title: 'Weekly', hostBody: 'x', chairLevel: 'province', kind: 'briefing', hostSiteId: 'ubnd-tinh', room: 'R',
      participants: { sites: ['ba-be'], groups: [] }, start: '2026-03-19T08:00:00.000Z', end: '2026-03-19T09:00:00.000Z',
      emergency: false, emergencyReason: '', notes: '', defaultLayout: 'automatic', recurrence: { frequency: 'weekly', every: 1, byWeekday: ['thu'], count: 3 },
    };
    const series = newMeeting(d, 'w', '2026-03-01T00:00:00.000Z');
    const cancelled: Meeting = { ...newMeeting({ ...d, recurrence: null, title: 'Off' }, 'c', '2026-03-01T00:00:00.000Z'), status: 'cancelled', version: 2 };
    const { events } = parse(scheduleIcs([{ meeting: series, cancelReason: null }, { meeting: cancelled, cancelReason: 'hoãn' }], dir, 0, 'Lịch'));
    // 09:00 in Berlin: 08:00 UTC before 29 March, 07:00 UTC after.
    expect(events[0]!.get('RDATE')).toBe('20260326T080000Z,20260402T070000Z');
    expect(events[0]!.has('RRULE')).toBe(false);
    expect(events[1]!.get('STATUS')).toBe('CANCELLED');
    expect(events[1]!.get('SEQUENCE')).toBe('1');
    expect(unescape(events[1]!.get('DESCRIPTION')!)).toContain('Đã hủy: hoãn');
  });
});

describe('iCalendar pieces', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b;c,d\r\ne\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds at 75 octets without splitting a UTF-8 character, and unfolds to the same line', () => {
    const line = `DESCRIPTION:${'Điểm cầu Ủy ban nhân dân xã '.repeat(12)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(5);
    parts.forEach((p, i) => {
      expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
      if (i > 0) expect(p.startsWith(' ')).toBe(true);
      expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
    });
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  it('writes UTC times without separators', () => {
    expect(icalTime(Date.parse('2026-06-10T01:02:03.456Z'))).toBe('20260610T010203Z');
  });
});
