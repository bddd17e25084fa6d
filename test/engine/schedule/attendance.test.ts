import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attendanceCsv, csvField, formatDuration, formatLocalSeconds, slug } from '../../../electron/engine/schedule/attendance-csv.js';
import { totals } from '../../../electron/engine/schedule/attendance.js';
import { ABSENT_CONFIRM_MS } from '../../../electron/engine/schedule/live-tracker.js';
import type { AttendanceEvent } from '../../../electron/engine/schedule/run-store.js';
import { LOCAL_IDENTITY } from '../../../shared/roles.js';
import { MIN, booked, harness, op, request, settle, type Harness } from './harness.js';

const START = Date.parse('2026-06-10T01:00:00Z'); // 08:00 local
const ev = (event: AttendanceEvent['event'], at: number): AttendanceEvent => ({ siteId: 's', endpointId: 'e', event, at });

describe('attendance totals', () => {
  it('counts connected time, drops and how long they lasted; the end of the meeting is not a drop', () => {
    expect(totals([ev('join', 0), ev('leave', 10), ev('join', 15), ev('end', 40)], 40)).toEqual({ firstJoined: 0, lastLeft: 40, connectedMs: 35, drops: 1, droppedMs: 5 });
  });

  it('a site still in has no last leave; one that never came back is dropped until the end', () => {
    expect(totals([ev('join', 5), ev('leave', 10), ev('join', 20)], 50)).toEqual({ firstJoined: 5, lastLeft: null, connectedMs: 35, drops: 1, droppedMs: 10 });
    expect(totals([ev('join', 0), ev('leave', 10)], 50)).toEqual({ firstJoined: 0, lastLeft: 10, connectedMs: 10, drops: 1, droppedMs: 40 });
    expect(totals([], 50)).toEqual({ firstJoined: null, lastLeft: null, connectedMs: 0, drops: 0, droppedMs: 0 });
    expect(totals([ev('leave', 3), ev('join', 5), ev('join', 7)], 10)).toMatchObject({ firstJoined: 5, connectedMs: 5, drops: 0 });
  });
});

describe('recording a live meeting', () => {
  let h: Harness;
  beforeEach(() => {
    h = harness();
  });
  afterEach(() => h.close());

  it('records joins, a drop and a rejoin, link quality, and the end; aggregates and exports them', async () => {
    const m = booked(h.schedule.bookings.book(op, request({ participants: { sites: ['ba-be-cho-ra', 'ba-be-nam-mau'], groups: [] } })));
    h.driver.silent.add('sip:ba-be-nam-mau@vc.test'); // never answers
    h.now = START;
    await h.schedule.starter.start(op, { meetingId: m.id });
    await settle();
    h.schedule.live.observe();

    h.status.update('ba-be-1', { packetLossPct: 0.5, jitterMs: 12, latencyMs: 40 });
    h.status.update('ba-be-cho-ra-1', { packetLossPct: 2, jitterMs: 30, latencyMs: 80 });
    h.schedule.live.sample();
    h.now += 5000;
    h.status.update('ba-be-cho-ra-1', { packetLossPct: 6, jitterMs: 50, latencyMs: 120 });
    h.schedule.live.sample();

    h.now = START + 10 * MIN; // Chợ Rã drops …
    h.driver.patchParticipant('conf-1', 'p-2', { state: 'disconnected' });
    await settle();
    h.schedule.live.observe();
    h.now = START + 12 * MIN; // … and is back two minutes later
    h.driver.patchParticipant('conf-1', 'p-2', { state: 'connected' });
    await settle();
    h.schedule.live.observe();

    const during = (await h.schedule.handlers().getAttendance({ meetingId: m.id }, LOCAL_IDENTITY)).sites;
    expect(during.find((s) => s.siteId === 'ba-be-cho-ra')).toMatchObject({ drops: 1, droppedMs: 2 * MIN, lastLeftAt: null });

    h.now = START + 60 * MIN;
    await h.driver.endConference('conf-1');
    await settle();
    h.schedule.live.observe();
    h.now += ABSENT_CONFIRM_MS;
    h.schedule.live.observe();
    expect(h.schedule.ctx.store.get(m.id)!.status).toBe('ended');

    const att = await h.schedule.handlers().getAttendance({ meetingId: m.id }, LOCAL_IDENTITY);
    expect(att).toEqual({
      meetingId: m.id,
      title: 'Giao ban huyện Ba Bể',
      sites: [
        {
          siteId: 'ba-be', siteName: 'UBND huyện Ba Bể', firstJoinedAt: '2026-06-10T01:00:00.000Z', lastLeftAt: '2026-06-10T02:00:00.000Z',
          connectedMs: 60 * MIN, drops: 0, droppedMs: 0, lossAvgPct: 0.5, lossMaxPct: 0.5, jitterAvgMs: 12, latencyAvgMs: 40,
        },
        {
          siteId: 'ba-be-cho-ra', siteName: 'UBND thị trấn Chợ Rã', firstJoinedAt: '2026-06-10T01:00:00.000Z', lastLeftAt: '2026-06-10T02:00:00.000Z',
          connectedMs: 58 * MIN, drops: 1, droppedMs: 2 * MIN, lossAvgPct: 4, lossMaxPct: 6, jitterAvgMs: 40, latencyAvgMs: 100,
        },
        {
          siteId: 'ba-be-nam-mau', siteName: 'UBND xã Nam Mẫu', firstJoinedAt: null, lastLeftAt: null,
          connectedMs: 0, drops: 0, droppedMs: 0, lossAvgPct: null, lossMaxPct: null, jitterAvgMs: null, latencyAvgMs: null,
        },
      ],
    });

    const file = await h.schedule.handlers().exportAttendance({ meetingId: m.id }, LOCAL_IDENTITY);
    expect(file.filename).toBe('diem-danh_2026-06-10_giao-ban-huyen-ba-be.csv');
    expect(file.mime).toBe('text/csv; charset=utf-8');
    expect(file.content.startsWith('\uFEFF"STT","Mã điểm cầu","Điểm cầu","Vào lần đầu"')).toBe(true);
    const lines = file.content.slice(1).split('\r\n');
    expect(lines).toHaveLength(5); // header, three sites, and the empty string after the last CRLF
    expect(lines[4]).toBe('');
    expect(lines[2]).toBe('"2","ba-be-cho-ra","UBND thị trấn Chợ Rã","10/06/2026 08:00:00","10/06/2026 09:00:00","0:58:00","1","0:02:00","4","6","40","100"');
    expect(lines[3]).toBe('"3","ba-be-nam-mau","UBND xã Nam Mẫu","","","0:00:00","0","0:00:00","","","",""');
    expect(file.content).not.toMatch(/[^\r]\n/);
  });

  it('a meeting not started yet lists its sites with nothing recorded', async () => {
    const m = booked(h.schedule.bookings.book(op, request()));
    const att = await h.schedule.handlers().getAttendance({ meetingId: m.id }, LOCAL_IDENTITY);
    expect(att.sites.map((s) => [s.siteId, s.firstJoinedAt, s.connectedMs])).toEqual([
      ['ba-be', null, 0],
      ['ba-be-cho-ra', null, 0],
    ]);
    await expect(async () => h.schedule.handlers().getAttendance({ meetingId: 'nope' }, LOCAL_IDENTITY)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('CSV details', () => {
  it('quotes every field, doubles quotes, and defuses formulas', () => {
    expect(csvField('Phòng "A", tầng 2')).toBe('"Phòng ""A"", tầng 2"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField(-1.5)).toBe('"-1.5"');
    expect(csvField(null)).toBe('""');
  });

  it('writes times in the zone with seconds, durations as H:mm:ss, and safe file names', () => {
    expect(formatLocalSeconds(Date.parse('2026-06-09T17:05:09.900Z'), 'Asia/Ho_Chi_Minh')).toBe('10/06/2026 00:05:09');
    expect(formatDuration(3 * 3600_000 + 61_000)).toBe('3:01:01');
    expect(slug('Hội nghị trực tuyến: Đảng bộ / Ủy ban')).toBe('hoi-nghi-truc-tuyen-dang-bo-uy-ban');
    expect(slug('!!!')).toBe('cuoc-hop');
  });

  it('an empty report is just the header', () => {
    const f = attendanceCsv({ meetingId: 'm', title: 'Họp', sites: [] }, START, 'Asia/Ho_Chi_Minh');
    expect(f.content).toBe(`\uFEFF${['STT', 'Mã điểm cầu', 'Điểm cầu', 'Vào lần đầu', 'Rời lần cuối', 'Thời gian kết nối', 'Số lần rớt', 'Thời gian rớt', 'Mất gói TB (%)', 'Mất gói tối đa (%)', 'Jitter TB (ms)', 'Độ trễ TB (ms)'].map((h) => `"${h}"`).join(',')}\r\n`);
  });
});
