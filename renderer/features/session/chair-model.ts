import type { RosterRow } from './session-model.js';

/** Who chairs "mute all but the chair" until the operator chooses: where it comes from, and the participant. */
export interface DefaultChair {
  readonly participantId: string | null;
  /** host: the booked meeting's host site; first: the first row (by tier: the province's own site). */
  readonly from: 'host' | 'first' | 'none';
}

/**
 * The chair of a conference by default: the booked meeting's host site when the conference is a
 * meeting and that site is in the call, else the first row of the roster (rows come by tier, so
 * the province's own site).
 */
export function defaultChair(rows: readonly Pick<RosterRow, 'participant' | 'site'>[], hostSiteId: string | null): DefaultChair {
  const host = hostSiteId === null ? undefined : rows.find((r) => r.site?.id === hostSiteId && r.participant.state !== 'disconnected');
  if (host) return { participantId: host.participant.id, from: 'host' };
  const first = rows[0];
  return first ? { participantId: first.participant.id, from: 'first' } : { participantId: null, from: 'none' };
}
