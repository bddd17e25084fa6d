import type { Conference, ConferencesView, McuStatus, Participant } from '../../../shared/conference.js';
import { useConferenceStore, type ConferenceState } from '../../stores/conference-store.js';

/**
 * Conferences as the map needs them, from the console's conference store (fed by the
 * `conferences` stream): the MCU's state, and for each inventory endpoint the conference and
 * participant it is in. A roster not yet known after a reconnect is left out.
 */
export interface Seat {
  readonly conference: Conference;
  readonly participant: Participant;
}

const NO_SEATS: ReadonlyMap<string, Seat> = new Map();
const cache = new WeakMap<ConferencesView, ReadonlyMap<string, Seat>>();

export function seatsOf(view: ConferencesView | null): ReadonlyMap<string, Seat> {
  if (!view) return NO_SEATS;
  let seats = cache.get(view);
  if (!seats) {
    const m = new Map<string, Seat>();
    for (const conference of view.conferences) {
      if (!conference.rosterKnown) continue;
      for (const participant of conference.participants) {
        if (participant.endpointId && participant.state !== 'disconnected') m.set(participant.endpointId, { conference, participant });
      }
    }
    seats = m;
    cache.set(view, seats);
  }
  return seats;
}

export const selectMcu = (s: ConferenceState): McuStatus | null => s.view?.mcu ?? null;
export const selectSeat =
  (endpointId: string) =>
  (s: ConferenceState): Seat | undefined =>
    seatsOf(s.view).get(endpointId);

/** Conferences an endpoint can be dialled into (their roster is known). */
const NO_CONFERENCES: readonly Conference[] = [];
export const selectLiveConferences = (s: ConferenceState): readonly Conference[] => s.view?.conferences ?? NO_CONFERENCES;

export { useConferenceStore };
