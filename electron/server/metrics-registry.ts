import { Counter, Gauge, Registry } from 'prom-client';
import type { AlarmView } from '../../shared/alarms/alarm-api.js';
import { ALARM_STATES } from '../../shared/alarms/alarm-machine.js';
import { ALARM_PRIORITIES } from '../../shared/alarms/alarm-rules.js';
import type { Health } from '../../shared/api/contract.js';
import { MCU_STATES, type ConferencesView } from '../../shared/conference.js';
import type { NetworkView } from '../../shared/inventory.js';
import { TRAP_REJECT_REASONS, type MonitoringStatsView, type PollResult } from '../../shared/monitoring.js';
import { REACHABILITY, type EndpointStatus } from '../../shared/status.js';

/**
 * What one scrape shows, each part exactly as the caller's own RPC answer gave it (so a scoped
 * supervisor's figures are already cut to their subtrees by the engine, as for the REST views).
 */
export interface MetricsSources {
  readonly health: Health;
  readonly network: NetworkView;
  readonly statuses: readonly EndpointStatus[];
  readonly pollResults: readonly PollResult[];
  readonly alarms: readonly AlarmView[];
  readonly conferences: ConferencesView;
  readonly monitoring: MonitoringStatsView | null;
}

/**
 * A label value for the inventory's name, as an id would be written: `Tỉnh Bắc Kạn` → `tinh-bac-kan`
 * (diacritics dropped, đ → d, anything else but letters and digits → `-`). Easy to type in PromQL
 * and the same on every Prometheus; the name itself is in `bridgepoint_info{province_name}`.
 */
export function provinceLabel(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'unnamed';
}

/** The labels of every per-codec series: where it is in the tree, by ids (names are in the info series). */
const ENDPOINT_LABELS = ['district', 'tier', 'site', 'endpoint'] as const;
type EndpointLabel = (typeof ENDPOINT_LABELS)[number];
type EndpointLabels = Record<EndpointLabel, string>;

const bit = (b: boolean): number => (b ? 1 : 0);

/** Sets a series only for a known, finite value: null (not measured) leaves it out. */
function put<L extends string>(g: Gauge<L>, labels: Record<L, string>, v: number | null): void {
  if (v !== null && Number.isFinite(v)) g.set(labels, v);
}

/**
 * A fresh registry holding one scrape's series, built with prom-client (the exposition text, its
 * escaping and types are the library's). Every series carries `province`; a value the engine does
 * not know (null) is left out, never shown as 0. Units are Prometheus's base units (promtool checks
 * them): seconds, bytes per second, ratios (0–1).
 */
export function metricsRegistry(src: MetricsSources): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ province: provinceLabel(src.network.name) });
  const registers = [registry];
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) => new Gauge<L>({ name, help, labelNames, registers });
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) => new Counter<L>({ name, help, labelNames, registers });

  // What is being watched, with the names people read (join on `site` / `endpoint` for a dashboard).
  gauge('bridgepoint_info', 'The console: its version and the inventory (province) name.', ['version', 'province_name']).set({ version: src.health.version, province_name: src.network.name }, 1);
  const siteInfo = gauge('bridgepoint_site_info', 'One series per site, with its name, tier, parent and district (ids).', ['site', 'site_name', 'tier', 'parent', 'district']);
  const endpointInfo = gauge('bridgepoint_endpoint_info', 'One series per codec, with its name and device profile.', [...ENDPOINT_LABELS, 'endpoint_name', 'profile']);
  gauge('bridgepoint_endpoints', 'Codecs watched (those this account may see).').set(src.statuses.length);

  const where = new Map<string, EndpointLabels>();
  for (const s of src.network.sites) {
    siteInfo.set({ site: s.id, site_name: s.name, tier: s.tier, parent: s.parent ?? '', district: s.district ?? '' }, 1);
    for (const e of s.endpoints) {
      const labels = { district: s.district ?? '', tier: s.tier, site: s.id, endpoint: e.id };
      where.set(e.id, labels);
      endpointInfo.set({ ...labels, endpoint_name: e.name, profile: e.profile }, 1);
    }
  }

  const up = gauge('bridgepoint_endpoint_up', '1 when the codec answers its polls (reachability up), else 0.', ENDPOINT_LABELS);
  const reach = gauge('bridgepoint_endpoint_reachability', "1 for the codec's reachability state (up, down, unknown, unreachable: behind a site that is down), 0 for the others.", [...ENDPOINT_LABELS, 'state']);
  const stale = gauge('bridgepoint_endpoint_stale', '1 when the measured values are older than two poll intervals.', ENDPOINT_LABELS);
  const degraded = gauge('bridgepoint_endpoint_degraded', "1 when loss, jitter or latency is past the inventory's thresholds.", ENDPOINT_LABELS);
  const inCall = gauge('bridgepoint_endpoint_in_call', '1 when the codec reports a call; absent when unknown.', ENDPOINT_LABELS);
  const inConference = gauge('bridgepoint_endpoint_in_conference', '1 when the codec is a participant of an MCU conference.', ENDPOINT_LABELS);
  const loss = gauge('bridgepoint_endpoint_packet_loss_ratio', 'Packet loss of the current call, 0–1.', ENDPOINT_LABELS);
  const jitter = gauge('bridgepoint_endpoint_jitter_seconds', 'Jitter of the current call.', ENDPOINT_LABELS);
  const latency = gauge('bridgepoint_endpoint_latency_seconds', 'Latency (round trip) of the current call.', ENDPOINT_LABELS);
  const bitrate = gauge('bridgepoint_endpoint_call_rate_bytes_per_second', 'Call bit rate the codec reports, in bytes per second (kbps × 125).', ENDPOINT_LABELS);
  const rx = gauge('bridgepoint_endpoint_receive_bytes_per_second', 'Network interface receive rate (bits per second ÷ 8).', ENDPOINT_LABELS);
  const tx = gauge('bridgepoint_endpoint_transmit_bytes_per_second', 'Network interface transmit rate (bits per second ÷ 8).', ENDPOINT_LABELS);
  const uptime = gauge('bridgepoint_endpoint_uptime_seconds', 'Time since the codec last started (sysUpTime).', ENDPOINT_LABELS);
  for (const s of src.statuses) {
    const l = where.get(s.endpointId) ?? { district: '', tier: '', site: s.siteId, endpoint: s.endpointId };
    up.set(l, bit(s.reachability === 'up'));
    for (const state of REACHABILITY) reach.set({ ...l, state }, bit(s.reachability === state));
    stale.set(l, bit(s.stale));
    degraded.set(l, bit(s.degraded));
    if (s.inCall !== null) inCall.set(l, bit(s.inCall));
    inConference.set(l, bit(s.conferenceId !== null));
    put(loss, l, s.packetLossPct === null ? null : s.packetLossPct / 100);
    put(jitter, l, s.jitterMs === null ? null : s.jitterMs / 1000);
    put(latency, l, s.latencyMs === null ? null : s.latencyMs / 1000);
    put(bitrate, l, s.bitrateKbps === null ? null : (s.bitrateKbps * 1000) / 8);
    put(rx, l, s.rxBps === null ? null : s.rxBps / 8);
    put(tx, l, s.txBps === null ? null : s.txBps / 8);
    put(uptime, l, s.uptimeS);
  }

  // Polls: the last one of each codec, and failures by kind (a closed set: the error text stays in the log).
  const lastAt = gauge('bridgepoint_endpoint_last_poll_timestamp_seconds', "When the codec's last poll ended (Unix time).", ENDPOINT_LABELS);
  const lastDuration = gauge('bridgepoint_endpoint_last_poll_duration_seconds', "How long the codec's last poll took, from its first request to the answer or the give-up (retries included).", ENDPOINT_LABELS);
  const lastFailure = gauge('bridgepoint_endpoint_last_poll_failure', "Present (1) while the codec's last poll failed, with why: timeout, auth, unresolvable_host, unreachable_host, malformed, agent_error, other.", [...ENDPOINT_LABELS, 'kind']);
  const failures = counter('bridgepoint_endpoint_poll_failures_total', 'Failed polls of the codec since the engine started, by kind (kinds that have happened).', [...ENDPOINT_LABELS, 'kind']);
  for (const r of src.pollResults) {
    const l = where.get(r.endpointId);
    if (!l) continue;
    put(lastAt, l, Date.parse(r.at) / 1000);
    put(lastDuration, l, r.durationMs / 1000);
    if (r.failure) lastFailure.set({ ...l, kind: r.failure }, 1);
    for (const [kind, n] of Object.entries(r.failures)) failures.inc({ ...l, kind }, n);
  }

  // Alarms: every priority × state, zeros included, so a rule on one of them never sees "no data".
  const alarms = gauge('bridgepoint_alarms', 'Current alarms (shelved, suppressed and out-of-service ones included) by priority and state.', ['priority', 'state']);
  const annunciable = gauge('bridgepoint_alarms_annunciable', 'Alarms the desk is being told about (active, unacknowledged, not shelved, suppressed or out of service) by priority.', ['priority']);
  for (const priority of ALARM_PRIORITIES) {
    annunciable.set({ priority }, 0);
    for (const state of ALARM_STATES) if (state !== 'normal') alarms.set({ priority, state }, 0);
  }
  for (const a of src.alarms) {
    if (a.state !== 'normal') alarms.inc({ priority: a.priority, state: a.state });
    if (a.annunciable) annunciable.inc({ priority: a.priority });
  }

  // The MCU and its conferences.
  const mcu = gauge('bridgepoint_mcu_state', "1 for the MCU connection's state (none: no MCU configured), 0 for the others.", ['state']);
  for (const state of MCU_STATES) mcu.set({ state }, bit(src.conferences.mcu.state === state));
  gauge('bridgepoint_conferences', 'Conferences on the MCU (with a codec this account may see).').set(src.conferences.conferences.length);
  gauge('bridgepoint_conference_participants', 'Participants in those conferences (at codecs this account may see).').set(src.conferences.conferences.reduce((n, c) => n + c.participants.length, 0));

  // The poller and the trap receiver (engine-wide figures; absent when the engine does not poll).
  const m = src.monitoring;
  if (m) {
    const p = m.poller;
    gauge('bridgepoint_poller_interval_seconds', 'Poll interval of each codec.').set(m.intervalMs / 1000);
    gauge('bridgepoint_poller_endpoints', 'Codecs the poller polls (those this account may see).').set(p.endpoints);
    gauge('bridgepoint_poller_requests_in_flight', 'SNMP requests outstanding now.').set(p.inFlight);
    gauge('bridgepoint_poller_requests_in_flight_max', 'The bound on SNMP requests outstanding.').set(p.maxInFlight);
    gauge('bridgepoint_poller_requests_queued', 'SNMP requests waiting for a slot.').set(p.queued);
    gauge('bridgepoint_poller_backed_off', 'Codecs in back-off (one sysUpTime probe per interval until they answer).').set(p.backedOff);
    gauge('bridgepoint_poller_polls_per_second', 'Completed polls per second over the last 10 s.').set(p.pollsPerSecond);
    counter('bridgepoint_poller_polls_total', 'Full polls started since the engine started.').inc(p.polls);
    counter('bridgepoint_poller_probes_total', 'Back-off probes sent since the engine started.').inc(p.probes);
    counter('bridgepoint_poller_answered_total', 'Polls answered.').inc(p.answered);
    counter('bridgepoint_poller_timeouts_total', 'Polls that timed out.').inc(p.timeouts);
    counter('bridgepoint_poller_errors_total', 'Polls that failed otherwise than by a timeout.').inc(p.errors);
    counter('bridgepoint_poller_overruns_total', 'Polls that could not start on time.').inc(p.overruns);
    // Percentiles the poller computed (over its last 4096 polls): gauges of their own, since a
    // `quantile` label belongs to summaries, which prom-client computes only from its own observations.
    const quantiles = (name: string, help: string, q: { p50: number | null; p99: number | null; max: number | null }) => {
      for (const [suffix, what, v] of [['p50', 'median', q.p50], ['p99', '99th percentile', q.p99], ['max', 'maximum', q.max]] as const) {
        if (v !== null) gauge(`${name}_${suffix}_seconds`, `${help} The ${what} over the last 4096 polls.`).set(v / 1000);
      }
    };
    quantiles('bridgepoint_poller_poll_cycle', "One codec's poll cycle, due time to last answer.", p.pollCycleMs);
    quantiles('bridgepoint_poller_start_delay', 'Due time to first request sent (queueing and timer lateness).', p.startDelayMs);
    quantiles('bridgepoint_poller_rtt', 'SNMP round trip.', p.rttMs);
    if (m.traps) {
      counter('bridgepoint_traps_received_total', 'Traps and informs received.').inc(m.traps.received);
      counter('bridgepoint_traps_unknown_source_total', 'Traps from an address that is no codec of the inventory.').inc(m.traps.unknownSource);
      const rejected = counter('bridgepoint_traps_rejected_total', 'Datagrams dropped by the trap receiver, by reason.', ['reason']);
      for (const reason of TRAP_REJECT_REASONS) rejected.inc({ reason }, m.traps.rejectedBy[reason] ?? 0);
    }
  }
  return registry;
}
