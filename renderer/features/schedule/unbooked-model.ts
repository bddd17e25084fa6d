import type { Conference } from '../../../shared/conference.js';
import type { ScheduledMeeting } from '../../../shared/schedule/api.js';
import { unbookedConferences, type StartLink } from '../../../shared/schedule/conference-link.js';

/** A conference running on the MCU that no booked meeting accounts for, as the Day view lists it. */
export interface UnbookedConference {
  readonly id: string;
  readonly name: string;
  /** Participants that have not left, and of them those connected. */
  readonly present: number;
  readonly connected: number;
}

/**
 * What the Day view shows beside the booked meetings so that the schedule agrees with the MCU:
 * on today only (a conference runs now, never on another day), each conference on the MCU that
 * is none of the loaded meetings, by name.
 */
export function unbookedOnDay(
  day: string,
  today: string,
  conferences: readonly Conference[],
  meetings: readonly ScheduledMeeting[],
  starts: Iterable<StartLink>,
  now: number,
  collator: Intl.Collator,
): UnbookedConference[] {
  if (day !== today) return [];
  return unbookedConferences(conferences, meetings, starts, now)
    .map((c) => {
      const present = c.participants.filter((p) => p.state !== 'disconnected');
      return { id: c.id, name: c.name, present: present.length, connected: present.filter((p) => p.state === 'connected').length };
    })
    .sort((a, b) => collator.compare(a.name, b.name));
}
