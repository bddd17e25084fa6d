import type { Conference } from '../conference.js';
import type { ScheduledMeeting } from './api.js';
import type { Meeting } from './meeting.js';

/**
 * How the schedule and the MCU meet: which booked meeting a conference on the MCU is (to find its
 * host site, the chair of "mute all"), which conferences running now were never booked (the Day
 * view shows them), and which of a meeting's sites are busy in another conference (starting it
 * would pull them out).
 *
 * A conference belongs to a meeting when the console started it (the start's result names the
 * conference id), or when the meeting is live and the conference carries its title (the engine
 * creates a meeting's conference under the meeting's title, so a console that did not start it
 * still finds it).
 */

/** A start of a meeting and the conference it made (null while the MCU has not answered). */
export interface StartLink {
  readonly meetingId: string;
  readonly conferenceId: string | null;
}

const sameName = (a: string, b: string): boolean => a.trim().toLocaleLowerCase('vi') === b.trim().toLocaleLowerCase('vi');

/** The booked meeting a conference is, or null when it was never booked (or its meeting is not loaded). */
export function linkedMeeting(conference: Pick<Conference, 'id' | 'name'>, meetings: readonly ScheduledMeeting[], starts: Iterable<StartLink>, now: number): Meeting | null {
  for (const s of starts) {
    if (s.conferenceId !== conference.id) continue;
    const m = meetings.find((x) => x.meeting.id === s.meetingId);
    if (m) return m.meeting;
  }
  const live = meetings.filter((x) => x.meeting.status === 'live' && sameName(x.meeting.title, conference.name));
  // Two live meetings of the same title (rare): the one whose occurrence is under way now.
  const running = live.find((x) => x.occurrences.some((o) => o.start <= now && now < o.end));
  return (running ?? live[0])?.meeting ?? null;
}

/** The conferences running on the MCU that no loaded meeting accounts for (rosters not yet known are left out). */
export function unbookedConferences(conferences: readonly Conference[], meetings: readonly ScheduledMeeting[], starts: Iterable<StartLink>, now: number): Conference[] {
  const links = [...starts];
  return conferences.filter((c) => c.rosterKnown && linkedMeeting(c, meetings, links, now) === null);
}

/** A site of a meeting that is in another conference now. */
export interface BusySite {
  readonly siteId: string;
  readonly conferenceId: string;
  readonly conferenceName: string;
}

/**
 * The meeting's sites that are in a conference other than its own (`ownConferenceId`), by the
 * MCU's rosters: a participant that has not left, whose endpoint belongs to the site. In the
 * order of `siteIds`, each site once.
 */
export function busySites(siteIds: readonly string[], conferences: readonly Conference[], siteOfEndpoint: (endpointId: string) => string | null, ownConferenceId: string | null): BusySite[] {
  const busy = new Map<string, BusySite>();
  for (const c of conferences) {
    if (c.id === ownConferenceId || !c.rosterKnown) continue;
    for (const p of c.participants) {
      if (p.state === 'disconnected' || p.endpointId === null) continue;
      const siteId = siteOfEndpoint(p.endpointId);
      if (siteId !== null && !busy.has(siteId)) busy.set(siteId, { siteId, conferenceId: c.id, conferenceName: c.name });
    }
  }
  return siteIds.filter((id) => busy.has(id)).map((id) => busy.get(id)!);
}

/** Why starting a meeting deserves a second thought. */
export type StartWarning = { readonly kind: 'not-today'; readonly date: string; readonly today: string } | { readonly kind: 'busy'; readonly sites: readonly BusySite[] };

/** The warnings before a start: an occurrence on another day than today, sites busy elsewhere. Empty: start at once. */
export function startWarnings(occurrenceDate: string, today: string, busy: readonly BusySite[]): StartWarning[] {
  const out: StartWarning[] = [];
  if (occurrenceDate !== today) out.push({ kind: 'not-today', date: occurrenceDate, today });
  if (busy.length > 0) out.push({ kind: 'busy', sites: busy });
  return out;
}
