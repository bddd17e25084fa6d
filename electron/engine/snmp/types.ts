import type { DeviceProfile, ProfileMetric } from '../../../shared/device-profile.js';
import type { EndpointInterface, SnmpSettings } from '../../../shared/inventory.js';
import type { PollSocketStats } from './poll-socket.js';

/** One codec the poller watches. */
export interface PolledEndpoint {
  readonly endpointId: string;
  readonly host: string;
  readonly port: number;
  readonly snmp: SnmpSettings;
  readonly profile: DeviceProfile;
  /** The inventory's `interface`: which interface the profile's interface metrics follow. */
  readonly interface?: EndpointInterface | undefined;
}

export type MetricValue = number | string | boolean | null;

/** The outcome of one poll (or re-probe) of one endpoint. */
export interface PollSample {
  /** ISO time the answer arrived (or the poll gave up). */
  readonly at: string;
  /**
   * ISO time this tick's first request left (absent: taken as `at`). A timeout that ends after
   * something changed may belong to a request sent before it: monitoring tells them apart by this.
   */
  readonly sentAt?: string;
  /** True when the agent answered at all (even with per-OID problems). */
  readonly answered: boolean;
  /** Why the poll failed as a whole: 'timeout', 'unresolvable host', 'malformed response', … */
  readonly error: string | null;
  /** Round trip of the fastest answered request of this poll. */
  readonly rttMs: number | null;
  /** Converted values; a metric missing here was not measured in this poll. */
  readonly values: Partial<Record<ProfileMetric, MetricValue>>;
  /** Per-OID problems: noSuchObject, wrong type, truncated string, answered from another port, … */
  readonly problems: string[];
}

export interface SnmpPollerOptions {
  /** Per-endpoint poll interval; default 5000 ms. */
  intervalMs?: number;
  /** Timeout of one attempt of one request; default 1000 ms. */
  timeoutMs?: number;
  /** Extra attempts after the first timeout; default 1. */
  retries?: number;
  /** Global bound on SNMP requests (PDUs) in flight; default 500. */
  maxInFlight?: number;
  /** How long after finding no interface to watch the poller looks again; default 60 s. */
  interfaceRetryMs?: number;
  onSample: (endpointId: string, sample: PollSample) => void;
  onLog?: (line: string) => void;
}

export interface Percentiles {
  readonly p50: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

export interface PollerStats {
  readonly endpoints: number;
  /** SNMP requests (PDUs) outstanding now, and the bound. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Requests waiting for a slot. */
  readonly queued: number;
  /** Endpoints now in back-off (probed with one sysUpTime GET per interval). */
  readonly backedOff: number;
  /** Totals since start. */
  readonly polls: number;
  readonly probes: number;
  readonly answered: number;
  readonly timeouts: number;
  readonly errors: number;
  /** Polls that could not start on time: the previous one still running, or late by > interval/10. */
  readonly overruns: number;
  /** Completed polls (full polls and probes) per second over the last 10 s. */
  readonly pollsPerSecond: number;
  /** One endpoint's poll cycle: due time → last answer, over the last 4096 polls. */
  readonly pollCycleMs: Percentiles;
  /** Due time → first request sent (queueing and timer lateness). */
  readonly startDelayMs: Percentiles;
  readonly rttMs: Percentiles;
  /** The shared UDP sockets the sessions poll through (poll-socket.ts). */
  readonly socket: PollSocketStats;
}

export interface SnmpPoller {
  /** Add, update (a changed host/port/snmp/profile re-creates the session) and remove endpoints. */
  setEndpoints(endpoints: readonly PolledEndpoint[]): void;
  /**
   * The ifIndex an endpoint's interface metrics follow: null while unknown (not yet looked up, or
   * none to watch), undefined when its profile reads no interface at run time (or no such endpoint).
   */
  watchedIfIndex?(endpointId: string): number | null | undefined;
  /**
   * Poll these endpoints now, out of their cycle (the cycle itself is unchanged); one already
   * being polled, backed off or unknown is left alone.
   */
  pollNow?(endpointIds: readonly string[]): void;
  stats(): PollerStats;
  /** Cycles that started late because the last one had not finished (stats().overruns, without its percentiles). */
  overruns(): number;
  close(): Promise<void>;
}
