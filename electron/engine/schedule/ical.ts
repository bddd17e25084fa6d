import {
  MEETING_KIND_SOURCES,
  expandOccurrences,
  expandParticipants,
  offsetAt,
  weekdayOf,
  localDateOf,
  type Meeting,
  type SiteDirectory,
  type Weekday,
} from '../../../shared/schedule/index.js';

/**
 * The schedule as iCalendar (RFC 5545): one VEVENT per meeting with UID, DTSTAMP, DTSTART and DTEND
 * in UTC, SUMMARY, LOCATION (room and host site), DESCRIPTION (host body, participants, emergency
 * reason, notes), STATUS and SEQUENCE; a weekly series as one VEVENT with an RRULE. Lines end in
 * CRLF and are folded at 75 octets without splitting a UTF-8 character; text is escaped.
 *
 * The RRULE is written in UTC, so its weekdays are those of the UTC start (a 06:00 Monday
 * briefing at UTC+7 is a Sunday 23:00 in UTC). In a zone whose offset changes during the series
 * (DST), and for an every-other-week series whose UTC weekdays differ from the local ones, the
 * occurrences are listed as RDATEs instead, exactly as the schedule expands them.
 */

const ICAL_DAYS: Readonly<Record<Weekday, string>> = { mon: 'MO', tue: 'TU', wed: 'WE', thu: 'TH', fri: 'FR', sat: 'SA', sun: 'SU' };
const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** `20260610T010000Z`. */
export function icalTime(instant: number): string {
  return new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT escaping: backslash, semicolon, comma, newline. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Fold a content line into chunks of at most 75 octets, continuations starting with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines begin with one space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

function rrule(m: Meeting, timeZone: string): string[] {
  const r = m.recurrence;
  if (!r) return [];
  const { occurrences, nonexistent } = expandOccurrences(m, timeZone);
  const start = occurrences[0]!.start;
  // Move each local weekday by the days between the local and the UTC start date.
  const localDay = WEEK.indexOf(weekdayOf(localDateOf(start, timeZone)));
  const utcDay = (new Date(start).getUTCDay() + 6) % 7;
  const shift = utcDay - localDay;
  const steady = nonexistent.length === 0 && occurrences.every((o) => offsetAt(o.start, timeZone) === offsetAt(start, timeZone));
  // Every other week counts weeks from Monday: a day moved across Sunday/Monday would change week.
  if (!steady || (r.every > 1 && shift !== 0)) {
    return occurrences.length > 1 ? [`RDATE:${occurrences.slice(1).map((o) => icalTime(o.start)).join(',')}`] : [];
  }
  const days = r.byWeekday.map((d) => ICAL_DAYS[WEEK[(((WEEK.indexOf(d) + shift) % 7) + 7) % 7]!]);
  const end = r.count !== undefined ? `COUNT=${r.count}` : `UNTIL=${icalTime(occurrences.at(-1)!.start)}`;
  return [`RRULE:FREQ=WEEKLY;INTERVAL=${r.every};BYDAY=${days.join(',')};WKST=MO;${end}`];
}

function description(m: Meeting, dir: SiteDirectory, cancelReason: string | null): string {
  const sites = expandParticipants(m.participants, dir).siteIds.map((id) => dir.byId.get(id)?.name ?? id);
  const lines = [
    `Cơ quan chủ trì: ${m.hostBody}`,
    `Loại: ${MEETING_KIND_SOURCES[m.kind].seedTerm}`,
    `Điểm cầu tham dự (${sites.length}): ${sites.join('; ')}`,
  ];
  if (m.emergency) lines.push(`Khẩn cấp: ${m.emergencyReason}`);
  if (m.status === 'cancelled') lines.push(`Đã hủy${cancelReason ? `: ${cancelReason}` : ''}`);
  if (m.notes) lines.push(`Ghi chú: ${m.notes}`);
  return lines.join('\n');
}

export interface IcsMeeting {
  readonly meeting: Meeting;
  readonly cancelReason: string | null;
}

export function scheduleIcs(meetings: readonly IcsMeeting[], dir: SiteDirectory, now: number, calendarName: string): string {
  const tz = dir.timezone;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Bridgepoint//Lich hop truc tuyen//VI', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  lines.push(`X-WR-CALNAME:${escapeText(calendarName)}`, `X-WR-TIMEZONE:${tz}`);
  for (const { meeting: m, cancelReason } of meetings) {
    const host = dir.byId.get(m.hostSiteId)?.name ?? m.hostSiteId;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${m.id}@bridgepoint`,
      `DTSTAMP:${icalTime(now)}`,
      `DTSTART:${icalTime(Date.parse(m.start))}`,
      `DTEND:${icalTime(Date.parse(m.end))}`,
      ...rrule(m, tz),
      `SUMMARY:${escapeText(m.title)}`,
      `LOCATION:${escapeText(`${m.room}, ${host}`)}`,
      `DESCRIPTION:${escapeText(description(m, dir, cancelReason))}`,
      `STATUS:${m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
      `SEQUENCE:${m.version - 1}`,
      ...(m.emergency ? ['PRIORITY:1'] : []),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
