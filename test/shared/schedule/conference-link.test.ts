import { describe, expect, it } from 'vitest';
import type { Conference, Participant } from '../../../shared/conference';
import type { ScheduledMeeting } from '../../../shared/schedule/api';
import { busySites, linkedMeeting, startWarnings, unbookedConferences } from '../../../shared/schedule/conference-link';
import { meeting } from './fixtures';

const NOW = Date.parse('2026-06-01T02:30:00Z');
const HOUR = 3_600_000;

function scheduled(id: string, title: string, status: 'booked' | 'live' | 'ended' = 'live', start = NOW - HOUR): ScheduledMeeting {
  return { meeting: { ...meeting(id, { status }), title }, occurrences: [{ index: 0, date: '2026-06-01', start, end: start + 2 * HOUR }] };
}

function participant(id: string, endpointId: string | null, state: Participant['state'] = 'connected'): Participant {
  return { id, endpointId, name: id, uri: `${id}@mcu`, state, audioMuted: false, videoMuted: false, activeSpeaker: false, layout: null };
}

function conf(id: string, name: string, participants: Participant[] = [], rosterKnown = true): Conference {
  return { id, name, layout: null, rosterKnown, participants };
}

describe('linkedMeeting', () => {
  const giaoBan = scheduled('m-gb', 'Giao ban tuần');
  const hop = scheduled('m-hop', 'Họp khẩn');

  it('takes the meeting whose start made the conference, whatever the names', () => {
    expect(linkedMeeting(conf('c9', 'Tên khác'), [giaoBan, hop], [{ meetingId: 'm-hop', conferenceId: 'c9' }], NOW)?.id).toBe('m-hop');
  });

  it('else a live meeting of the same title (case and spaces aside), never a booked or ended one', () => {
    expect(linkedMeeting(conf('c1', ' giao ban TUẦN '), [giaoBan, hop], [], NOW)?.id).toBe('m-gb');
    expect(linkedMeeting(conf('c1', 'Giao ban tuần'), [scheduled('m-b', 'Giao ban tuần', 'booked')], [], NOW)).toBeNull();
    expect(linkedMeeting(conf('c1', 'Giao ban tuần'), [scheduled('m-e', 'Giao ban tuần', 'ended')], [], NOW)).toBeNull();
  });

  it('ignores a start for a meeting that is not loaded, and a start still without its conference', () => {
    expect(linkedMeeting(conf('c1', 'Không đặt lịch'), [giaoBan], [{ meetingId: 'gone', conferenceId: 'c1' }, { meetingId: 'm-gb', conferenceId: null }], NOW)).toBeNull();
  });

  it('between two live meetings of one title, the one running now', () => {
    const earlier = scheduled('m-1', 'Giao ban', 'live', NOW - 5 * HOUR);
    const now = scheduled('m-2', 'Giao ban', 'live', NOW - HOUR / 2);
    expect(linkedMeeting(conf('c1', 'Giao ban'), [earlier, now], [], NOW)?.id).toBe('m-2');
  });
});

describe('unbookedConferences', () => {
  it('keeps the running conferences no meeting accounts for, with a known roster', () => {
    const meetings = [scheduled('m-gb', 'Giao ban tuần')];
    const list = [conf('c1', 'Giao ban tuần'), conf('c2', 'Gọi thử Ba Bể'), conf('c3', 'Đang kết nối lại', [], false), conf('c4', 'Do console mở')];
    expect(unbookedConferences(list, meetings, [{ meetingId: 'm-gb', conferenceId: 'c4' }], NOW).map((c) => c.id)).toEqual(['c2']);
  });
});

describe('busySites and startWarnings', () => {
  const siteOf = (e: string): string | null => ({ 'ep-ba-be': 'ba-be', 'ep-na-ri': 'na-ri', 'ep-cho-ra': 'cho-ra' })[e] ?? null;
  const other = conf('c2', 'Tập huấn', [participant('p1', 'ep-na-ri'), participant('p2', 'ep-ba-be', 'disconnected'), participant('p3', null), participant('p4', 'ep-cho-ra', 'ringing')]);
  const own = conf('c1', 'Giao ban', [participant('p5', 'ep-ba-be')]);

  it('names the sites in another conference, not those that left it, not in the meeting\'s own', () => {
    expect(busySites(['ba-be', 'cho-ra', 'na-ri', 'xyz'], [own, other], siteOf, 'c1')).toEqual([
      { siteId: 'cho-ra', conferenceId: 'c2', conferenceName: 'Tập huấn' },
      { siteId: 'na-ri', conferenceId: 'c2', conferenceName: 'Tập huấn' },
    ]);
    // Without an own conference, a site in any conference is busy.
    expect(busySites(['ba-be'], [own, other], siteOf, null).map((b) => b.conferenceId)).toEqual(['c1']);
    // A roster not yet known says nothing.
    expect(busySites(['na-ri'], [{ ...other, rosterKnown: false }], siteOf, null)).toEqual([]);
  });

  it('warns of another day and of busy sites; nothing for today with free sites', () => {
    expect(startWarnings('2026-06-01', '2026-06-01', [])).toEqual([]);
    expect(startWarnings('2026-06-03', '2026-06-01', [])).toEqual([{ kind: 'not-today', date: '2026-06-03', today: '2026-06-01' }]);
    const busy = busySites(['na-ri'], [other], siteOf, null);
    expect(startWarnings('2026-05-31', '2026-06-01', busy).map((w) => w.kind)).toEqual(['not-today', 'busy']);
  });
});
