import { districtResolver, type Inventory } from '../../shared/inventory.js';
import {
  DEFAULT_REMOTE, SCENARIOS, endCall, initialCodec, isPowered, rebootCodec, startHeldCall, stepCodec, viewCodec,
  type CodecState, type CodecView, type Scenario, type ScenarioParams,
} from './codec-model.js';
import { happens, pick, randomFrom, seedFor, uniform } from './seeded-random.js';

/**
 * All codecs of the province, plus what no single codec decides: a district going dark, faults a
 * trainer injects, calls the MCU places. Deterministic for a seed and the times it is stepped at.
 * Each change comes out as events (found by comparing what every codec reports before and after),
 * which the simulator turns into traps.
 */

export const QUALITY_METRICS = ['packetLossPct', 'jitterMs', 'latencyMs'] as const;
export type QualityMetric = (typeof QUALITY_METRICS)[number];

/** Above these a codec sends its "excessive" trap (the console's default degraded limits). */
export const TRAP_THRESHOLDS: Readonly<Record<QualityMetric, number>> = { packetLossPct: 1, jitterMs: 35, latencyMs: 150 };
/** Below threshold × this the trap is armed again, so a value hovering at the limit does not flood. */
const REARM = 0.8;

export type SimEvent =
  | { readonly endpointId: string; readonly kind: 'dark' }
  | { readonly endpointId: string; readonly kind: 'back'; readonly rebooted: boolean }
  | { readonly endpointId: string; readonly kind: 'callUp' | 'callDown'; readonly remote: string }
  | { readonly endpointId: string; readonly kind: 'excessive'; readonly metric: QualityMetric; readonly value: number }
  | { readonly endpointId: string; readonly kind: 'changed'; readonly metric: 'micMuted' | 'cameraMuted'; readonly value: boolean };

export type FaultKind = 'down' | 'loss' | 'jitter' | 'latency' | 'clear';

interface Override {
  readonly value: number;
  readonly until: number | null;
}
interface Faults {
  down?: { readonly until: number | null };
  loss?: Override;
  jitter?: Override;
  latency?: Override;
}

interface Seen {
  readonly answering: boolean;
  readonly bootedAt: number;
  readonly view: CodecView;
  /** Per metric: whether crossing the threshold sends a trap (false until it falls back below). */
  readonly armed: Record<QualityMetric, boolean>;
}

export class ProvinceModel {
  private readonly params: ScenarioParams;
  private readonly codecs = new Map<string, CodecState>();
  private readonly faults = new Map<string, Faults>();
  private readonly seen = new Map<string, Seen>();
  /** District id → its endpoints (its own and its communes'). */
  private readonly districts = new Map<string, string[]>();
  private readonly sites = new Map<string, string[]>();
  private outage: { readonly district: string; readonly until: number } | null = null;
  private rand: number;
  private lastStep: number | null = null;

  constructor(inventory: Inventory, options: { readonly seed: number; readonly scenario: Scenario; readonly now: number }) {
    this.params = SCENARIOS[options.scenario];
    this.rand = seedFor(options.seed, '#province');
    const districtOf = districtResolver(inventory);
    for (const site of inventory.sites) {
      const ids = site.endpoints.map((e) => e.id);
      this.sites.set(site.id, ids);
      const d = districtOf(site.id);
      if (d !== null) this.districts.set(d, [...(this.districts.get(d) ?? []), ...ids]);
      for (const id of ids) this.codecs.set(id, initialCodec(options.now, seedFor(options.seed, id), this.params));
    }
    for (const id of this.codecs.keys()) this.seen.set(id, this.observe(id, options.now, null));
  }

  endpointIds(): string[] {
    return [...this.codecs.keys()];
  }

  /** Endpoint ids a fault target names: an endpoint; a site's endpoints; for a district, its communes' too. */
  resolveTarget(target: string): string[] | null {
    if (this.codecs.has(target)) return [target];
    return this.districts.get(target) ?? this.sites.get(target) ?? null;
  }

  /** Whether the codec answers SNMP now: powered, not cut off by a fault or a dark district. */
  isAnswering(id: string): boolean {
    const s = this.codecs.get(id);
    return s !== undefined && isPowered(s) && this.reachable(id);
  }

  /** What the codec reports at `now`, faults applied; null for an unknown id. */
  view(id: string, now: number): CodecView | null {
    const s = this.codecs.get(id);
    if (!s) return null;
    const v = viewCodec(s, now);
    const f = this.faults.get(id);
    if (!f) return v;
    return {
      ...v,
      packetLossPct: f.loss?.value ?? v.packetLossPct,
      jitterMs: f.jitter?.value ?? v.jitterMs,
      latencyMs: f.latency?.value ?? v.latencyMs,
    };
  }

  step(now: number): SimEvent[] {
    this.expireFaults(now);
    this.stepOutage(now);
    for (const [id, s] of this.codecs) this.codecs.set(id, stepCodec(s, now, this.params, this.reachable(id)));
    return this.diff(this.codecs.keys(), now);
  }

  applyFault(ids: readonly string[], kind: FaultKind, value: number | undefined, untilMs: number | null, now: number): SimEvent[] {
    for (const id of ids) {
      if (kind === 'clear') this.clear(id, now);
      else {
        const f: Faults = { ...this.faults.get(id) };
        if (kind === 'down') {
          f.down = { until: untilMs };
          this.codecs.set(id, endCall(this.codecs.get(id)!, now));
        } else f[kind] = { value: value ?? 0, until: untilMs };
        this.faults.set(id, f);
      }
    }
    return this.diff(ids, now);
  }

  /** The MCU put the codec in a call (held until told otherwise) or hung it up. Null: unknown id. */
  setCall(id: string, call: { readonly inCall: boolean; readonly remote?: string }, now: number): SimEvent[] | null {
    const s = this.codecs.get(id);
    if (!s) return null;
    const live = isPowered(s) && this.reachable(id);
    this.codecs.set(id, call.inCall && live ? startHeldCall(s, now, call.remote ?? DEFAULT_REMOTE) : endCall(s, now));
    return this.diff([id], now);
  }

  private reachable(id: string): boolean {
    if (this.faults.get(id)?.down) return false;
    return !(this.outage && this.districts.get(this.outage.district)?.includes(id));
  }

  private clear(id: string, now: number): void {
    const f = this.faults.get(id);
    if (!f) return;
    this.faults.delete(id);
    // A codec taken down was powered off: it boots again when the fault ends.
    if (f.down) this.codecs.set(id, rebootCodec(this.codecs.get(id)!, now));
  }

  private expireFaults(now: number): void {
    for (const [id, f] of [...this.faults]) {
      const left: Faults = {};
      let rebooted = false;
      for (const key of ['down', 'loss', 'jitter', 'latency'] as const) {
        const entry = f[key];
        if (!entry) continue;
        if (entry.until !== null && now >= entry.until) rebooted ||= key === 'down';
        else Object.assign(left, { [key]: entry });
      }
      if (Object.keys(left).length) this.faults.set(id, left);
      else this.faults.delete(id);
      if (rebooted) this.codecs.set(id, rebootCodec(this.codecs.get(id)!, now));
    }
  }

  private stepOutage(now: number): void {
    const r = randomFrom(this.rand);
    const dtS = this.lastStep === null ? 0 : (now - this.lastStep) / 1000;
    this.lastStep = now;
    if (this.outage && now >= this.outage.until) this.outage = null;
    else if (!this.outage && this.districts.size > 0 && happens(r, this.params.districtOutagesPerHour / 3600, dtS)) {
      const [a, b] = this.params.districtOutageS;
      this.outage = { district: pick(r, [...this.districts.keys()]), until: now + uniform(r, a, b) * 1000 };
    }
    this.rand = r.state();
  }

  private observe(id: string, now: number, before: Seen | null): Seen {
    const view = this.view(id, now)!;
    const armed = { ...(before?.armed ?? { packetLossPct: true, jitterMs: true, latencyMs: true }) };
    return { answering: this.isAnswering(id), bootedAt: this.codecs.get(id)!.bootedAt, view, armed };
  }

  private diff(ids: Iterable<string>, now: number): SimEvent[] {
    const events: SimEvent[] = [];
    for (const endpointId of ids) {
      const before = this.seen.get(endpointId)!;
      const after = this.observe(endpointId, now, before);
      this.seen.set(endpointId, after);
      if (!after.answering) {
        if (before.answering) events.push({ endpointId, kind: 'dark' });
        continue;
      }
      let was = before.view;
      if (!before.answering) {
        events.push({ endpointId, kind: 'back', rebooted: after.bootedAt !== before.bootedAt });
        was = { ...was, inCall: false, callIndex: null, packetLossPct: null, jitterMs: null, latencyMs: null };
      }
      const v = after.view;
      if (was.inCall && (!v.inCall || was.callIndex !== v.callIndex)) events.push({ endpointId, kind: 'callDown', remote: was.remoteSite });
      if (v.inCall && (!was.inCall || was.callIndex !== v.callIndex)) events.push({ endpointId, kind: 'callUp', remote: v.remoteSite });
      if (v.micMuted !== was.micMuted) events.push({ endpointId, kind: 'changed', metric: 'micMuted', value: v.micMuted });
      for (const metric of QUALITY_METRICS) {
        const value = v[metric] ?? 0;
        const limit = TRAP_THRESHOLDS[metric];
        if (after.armed[metric] && value > limit) {
          events.push({ endpointId, kind: 'excessive', metric, value });
          after.armed[metric] = false;
        } else if (!after.armed[metric] && value <= limit * REARM) after.armed[metric] = true;
      }
    }
    return events;
  }
}
