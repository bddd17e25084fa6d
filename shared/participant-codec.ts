import { DEFAULT_DEGRADED_THRESHOLDS, QUALITY_METRICS, type DegradedThresholds, type QualityMetric } from './status-derivation.js';
import type { Participant } from './conference.js';
import type { EndpointStatus, Reachability } from './status.js';

/**
 * A roster row seen from both sides: the MCU says how the participant's call leg stands, the
 * codec's own SNMP status says whether the codec behind it is there at all and how its media
 * fares. The MCU may keep a leg "connected" for a while after the codec went dark (until its
 * media times out), so a codec that is down, unreachable or stale overrides the MCU's word: such
 * a row is flagged and never shown as calmly connected.
 */

/** What the codec side flags: down, behind a down site, or no fresh figures. */
export type CodecFlag = 'down' | 'unreachable' | 'stale';

/** The codec as the row shows it: `none` when the participant is not one of our codecs. */
export type CodecState = Reachability | 'stale' | 'none';

export interface CodecMetric {
  readonly metric: QualityMetric;
  /** The last value the codec reported; null when not measured (or not in a call). */
  readonly value: number | null;
  /** When it was measured (ISO), null if never. */
  readonly measuredAt: string | null;
  /** Strictly above the degraded threshold (the same limits as the status derivation). */
  readonly over: boolean;
  /** Not a live figure: the codec is stale, down or unreachable, so this is its last known value. */
  readonly old: boolean;
}

export interface ParticipantCodec {
  readonly codec: CodecState;
  /** Set when the codec side contradicts (or cannot back) the MCU's view of a present participant. */
  readonly flag: CodecFlag | null;
  /** When the codec's verdict was reached (reachability's measurement time), if known. */
  readonly since: string | null;
  /** Loss, jitter and latency, in QUALITY_METRICS order. */
  readonly metrics: readonly CodecMetric[];
  /** The oldest measurement among the figures shown (their age as a group); null if none. */
  readonly figuresAt: string | null;
  /** The codec's own microphone mute (SNMP), not what the MCU receives; null when unknown. */
  readonly micMuted: boolean | null;
  readonly micAt: string | null;
  /** The metrics past their threshold, in order. */
  readonly over: readonly QualityMetric[];
}

const NO_METRICS: readonly CodecMetric[] = QUALITY_METRICS.map((metric) => ({ metric, value: null, measuredAt: null, over: false, old: false }));

const finite = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The codec's state as one word: reachability, with `stale` over `up` when its figures are not fresh. */
export function codecState(status: EndpointStatus | undefined | null, endpointId: string | null): CodecState {
  if (endpointId === null) return 'none';
  if (!status) return 'unknown';
  if (status.reachability === 'up' && status.stale) return 'stale';
  return status.reachability;
}

/**
 * Participant plus its codec's status → what the row shows. A participant that has left is never
 * flagged (there is nothing to contradict); one still in the call whose codec is down, unreachable
 * or stale is. Thresholds default to the console's degraded limits (shared/status-derivation.ts).
 */
export function participantCodec(
  participant: Pick<Participant, 'endpointId' | 'state'>,
  status: EndpointStatus | undefined | null,
  thresholds: DegradedThresholds = DEFAULT_DEGRADED_THRESHOLDS,
): ParticipantCodec {
  const codec = codecState(status, participant.endpointId);
  const present = participant.state !== 'disconnected';
  const flag: CodecFlag | null = present && (codec === 'down' || codec === 'unreachable' || codec === 'stale') ? codec : null;
  if (!status || codec === 'none') {
    return { codec, flag, since: null, metrics: NO_METRICS, figuresAt: null, micMuted: null, micAt: null, over: [] };
  }
  const old = codec !== 'up';
  const metrics = QUALITY_METRICS.map((metric): CodecMetric => {
    const value = finite(status[metric]);
    return { metric, value, measuredAt: value === null ? null : (status.measuredAt[metric] ?? null), over: value !== null && value > thresholds[metric], old };
  });
  let figuresAt: string | null = null;
  for (const m of metrics) {
    if (m.measuredAt === null) continue;
    if (figuresAt === null || Date.parse(m.measuredAt) < Date.parse(figuresAt)) figuresAt = m.measuredAt;
  }
  return {
    codec,
    flag,
    since: status.measuredAt['reachability'] ?? null,
    metrics,
    figuresAt,
    micMuted: status.micMuted,
    micAt: status.micMuted === null ? null : (status.measuredAt['micMuted'] ?? null),
    over: metrics.filter((m) => m.over).map((m) => m.metric),
  };
}
