import { IF_ENTRY, IF_X_ENTRY, oidHasPrefix, type DeviceProfile, type MetricSpec, type ProfileMetric } from '../../../shared/device-profile.js';
import { SNMP_TYPE, textFromOctets } from '../../../shared/snmp-values.js';
import type snmp from 'net-snmp';
import { chooseInterface, type InterfaceRow, type InterfaceWanted } from './interface-choice.js';
import { failed, fetchBatch, interfaceMetrics, newAnswer, type Answer, type InterfacePlan, type PollContext, type PollOutcome } from './poll-endpoint.js';

/**
 * Binds a profile's `interface` metrics (ifOperUp, rxBps, txBps as IF-MIB columns) to one ifIndex
 * of one endpoint, found by walking its ifTable/ifXTable (ifDescr, ifType, ifOperStatus, ifName)
 * and choosing with interface-choice.ts. Then, for each metric with a `fallback`, one GET tells
 * which column the agent has at that index: the 64-bit ifHCInOctets/ifHCOutOctets, else the
 * 32-bit ifInOctets/ifOutOctets (whose wraps shared/snmp-values.ts handles), else neither (null,
 * with a problem saying so).
 *
 * Looked up once per session, and again: after a poll that got no answer (the codec may come back
 * renumbered), after the agent restarted (sysUpTime went back: ifIndex values may change across a
 * restart; done in the same tick, so no value of the old index is shown for the new one), when
 * the watched row is gone (noSuchInstance), and, when no interface could be chosen, every
 * `retryMs`. A walk that gets no answer at all is the poll's failure (no second timeout).
 */

export const IF_COLUMNS = {
  ifDescr: `${IF_ENTRY}.2`,
  ifType: `${IF_ENTRY}.3`,
  ifOperStatus: `${IF_ENTRY}.8`,
  ifName: `${IF_X_ENTRY}.1`,
} as const;

/** IF-MIB names of the columns a profile's interface metrics read, for problem texts. */
const COLUMN_NAMES: Readonly<Record<string, string>> = {
  [`${IF_ENTRY}.8`]: 'ifOperStatus',
  [`${IF_ENTRY}.10`]: 'ifInOctets',
  [`${IF_ENTRY}.16`]: 'ifOutOctets',
  [`${IF_X_ENTRY}.6`]: 'ifHCInOctets',
  [`${IF_X_ENTRY}.10`]: 'ifHCOutOctets',
};
const columnName = (oid: string): string => COLUMN_NAMES[oid] ?? oid;

/** Rows read at most (a codec has a handful; a router would be walked for ever). */
export const MAX_INTERFACE_ROWS = 128;

type Source = 'primary' | 'fallback';

type State =
  | { readonly kind: 'unresolved' }
  | { readonly kind: 'bound'; readonly ifIndex: number; readonly label: string; readonly how: string; readonly sources: Partial<Record<ProfileMetric, Source | null>> }
  | { readonly kind: 'none'; readonly problem: string; readonly at: number };

export interface ResolveResult {
  /** Set when nothing answered: the tick's outcome (the poll is not tried after it). */
  readonly failure: PollOutcome | null;
  readonly requests: number;
}

export class InterfaceBinding {
  private state: State = { kind: 'unresolved' };
  /** A walk that was answered in part and then failed: the metrics are skipped this poll. */
  private walkProblem: string | null = null;
  private lastUptimeS: number | null = null;
  /** The index looked up again because its row answered noSuchInstance: not again for the same index. */
  private rechecked: number | null = null;
  private cached: InterfacePlan | null = null;
  private readonly metrics: readonly ProfileMetric[];

  constructor(
    private readonly profile: DeviceProfile,
    private readonly wanted: InterfaceWanted,
    private readonly retryMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.metrics = interfaceMetrics(profile);
  }

  /** True when the profile has interface metrics at all (else there is nothing to bind). */
  get needed(): boolean {
    return this.metrics.length > 0;
  }

  /** The watched ifIndex; null while unknown or when none could be chosen. */
  get ifIndex(): number | null {
    return this.state.kind === 'bound' ? this.state.ifIndex : null;
  }

  /** What is watched, in a line for the log; null before the first lookup. */
  describe(): string | null {
    if (this.state.kind === 'bound') return `watching interface ${this.state.label} (ifIndex ${this.state.ifIndex}, ${this.state.how})`;
    if (this.state.kind === 'none') return this.state.problem;
    return null;
  }

  /** Whether this tick should look the interface up (again) before polling. */
  due(): boolean {
    if (!this.needed) return false;
    if (this.state.kind === 'unresolved') return true;
    return this.state.kind === 'none' && this.now() - this.state.at >= this.retryMs;
  }

  /** Forget the interface: the next poll looks it up again. */
  invalidate(): void {
    if (this.state.kind === 'unresolved') return;
    this.state = { kind: 'unresolved' };
    this.cached = null;
  }

  /** The interface metrics as the next poll should read them. */
  plan(): InterfacePlan {
    if (this.cached) return this.cached;
    const s = this.state;
    let plan: InterfacePlan;
    if (s.kind === 'bound') {
      const specs: Partial<Record<ProfileMetric, MetricSpec>> = {};
      const nulls: { metrics: ProfileMetric[]; problem: string }[] = [];
      for (const m of this.metrics) {
        const spec = this.profile.metrics[m]!;
        // Metrics without a fallback were not probed: their own column.
        const source: Source | null = Object.hasOwn(s.sources, m) ? (s.sources[m] ?? null) : 'primary';
        if (source === null) {
          const names = [spec.oid, spec.fallback?.oid].filter((o): o is string => !!o).map((o) => `${columnName(o)}.${s.ifIndex}`);
          nulls.push({ metrics: [m], problem: `${m}: the agent has neither ${names.join(' nor ')} (interface ${s.label})` });
          continue;
        }
        specs[m] = bound(spec, source, s.ifIndex);
      }
      plan = { specs, nulls };
    } else if (s.kind === 'none') {
      plan = { specs: {}, nulls: [{ metrics: this.metrics, problem: `interface: ${s.problem}` }] };
    } else {
      // Unresolved after a walk that failed half-way: not measured this time, with the reason.
      plan = { specs: {}, nulls: this.walkProblem ? [{ metrics: [], problem: `interface: ${this.walkProblem}` }] : [] };
    }
    this.cached = plan;
    return plan;
  }

  /** Walk the interface tables and choose; then which counter columns the agent has at that index. */
  async resolve(ctx: PollContext, onSend: () => void): Promise<ResolveResult> {
    this.cached = null;
    this.walkProblem = null;
    const walk = await walkInterfaces(ctx, onSend);
    if (!walk.ok) {
      if (walk.answer.answered === 0) {
        this.state = { kind: 'unresolved' };
        return { failure: failed(walk.answer, new Date().toISOString()), requests: walk.requests };
      }
      this.state = { kind: 'unresolved' };
      this.walkProblem = `cannot list the interfaces: ${walk.error}`;
      return { failure: null, requests: walk.requests };
    }
    const choice = chooseInterface(walk.rows, this.wanted);
    if (!choice.ok) {
      this.state = { kind: 'none', problem: choice.problem, at: this.now() };
      return { failure: null, requests: walk.requests };
    }
    const how = choice.by === 'first-up' ? 'the first one up that is not a loopback' : `named in the inventory, by ${choice.by}`;
    const probe = await this.probeColumns(ctx, choice.ifIndex, onSend);
    if (probe.failure) {
      this.state = { kind: 'unresolved' };
      this.walkProblem = `cannot read the counters of ${choice.label}: ${probe.failure}`;
      return { failure: null, requests: walk.requests + probe.requests };
    }
    const counters = Object.values(probe.sources).includes('fallback') ? '; 32-bit counters (no ifXTable counters)' : '';
    this.state = { kind: 'bound', ifIndex: choice.ifIndex, label: choice.label, how: how + counters, sources: probe.sources };
    return { failure: null, requests: walk.requests + probe.requests };
  }

  /**
   * After a poll: an answer with sysUpTime lower than before means the agent restarted; no answer,
   * or the watched row gone, means the interface is looked up again next time. Returns the outcome
   * to report (for a restart the interface is looked up again now, in this tick).
   */
  async afterPoll(outcome: PollOutcome, ctx: PollContext, onSend: () => void): Promise<PollOutcome> {
    if (!this.needed) return outcome;
    const { sample } = outcome;
    if (!sample.answered) {
      this.invalidate();
      return outcome;
    }
    const uptime = typeof sample.values.uptimeS === 'number' ? sample.values.uptimeS : null;
    const restarted = uptime !== null && this.lastUptimeS !== null && uptime < this.lastUptimeS;
    if (uptime !== null) this.lastUptimeS = uptime;
    if (!restarted) {
      if (this.state.kind === 'bound' && outcome.missing?.some((m) => this.metrics.includes(m)) && this.rechecked !== this.state.ifIndex) {
        this.rechecked = this.state.ifIndex;
        this.invalidate();
      }
      return outcome;
    }

    const before = this.state.kind === 'bound' ? JSON.stringify([this.state.ifIndex, this.state.sources]) : null;
    this.invalidate();
    const again = await this.resolve(ctx, onSend);
    const after = this.state.kind === 'bound' ? JSON.stringify([this.state.ifIndex, this.state.sources]) : null;
    const requests = outcome.requests + again.requests;
    if (before !== null && before === after) return { ...outcome, requests };
    // The values read this poll belong to the interface of before the restart: not shown.
    const values = { ...sample.values };
    for (const m of this.metrics) delete values[m];
    const now = this.describe() ?? 'the interface could not be looked up again';
    return { ...outcome, requests, sample: { ...sample, values, problems: [...sample.problems, `interface: the agent restarted; ${now}`] } };
  }

  private async probeColumns(ctx: PollContext, ifIndex: number, onSend: () => void): Promise<{ sources: Partial<Record<ProfileMetric, Source | null>>; failure: string | null; requests: number }> {
    const sources: Partial<Record<ProfileMetric, Source | null>> = {};
    const withFallback = this.metrics.filter((m) => this.profile.metrics[m]!.fallback);
    if (withFallback.length === 0) return { sources, failure: null, requests: 0 };
    const oids = withFallback.flatMap((m) => {
      const spec = this.profile.metrics[m]!;
      return [`${spec.oid}.${ifIndex}`, `${spec.fallback!.oid}.${ifIndex}`];
    });
    const answer = newAnswer();
    await fetchBatch(ctx, 'get', oids, answer, onSend);
    if (answer.answered === 0) return { sources, failure: answer.failures[0] ?? 'no answer', requests: answer.requests };
    const has = (oid: string): boolean => {
      const vb = answer.varbinds.get(oid);
      return !!vb && !isAbsent(vb);
    };
    for (const m of withFallback) {
      const spec = this.profile.metrics[m]!;
      sources[m] = has(`${spec.oid}.${ifIndex}`) ? 'primary' : has(`${spec.fallback!.oid}.${ifIndex}`) ? 'fallback' : null;
    }
    return { sources, failure: null, requests: answer.requests };
  }
}

/** The metric's spec for one ifIndex: its own column, or its fallback's with the fallback's encoding. */
function bound(spec: MetricSpec, source: Source, ifIndex: number): MetricSpec {
  const { interface: _i, fallback, ...rest } = spec;
  if (source === 'fallback' && fallback) return { ...rest, oid: `${fallback.oid}.${ifIndex}`, encoding: fallback.encoding };
  return { ...rest, oid: `${spec.oid}.${ifIndex}` };
}

function isAbsent(vb: snmp.Varbind): boolean {
  return vb.type === SNMP_TYPE.NoSuchObject || vb.type === SNMP_TYPE.NoSuchInstance || vb.type === SNMP_TYPE.EndOfMibView;
}

/** -1, 0 or 1 as OID `a` sorts before, equal to or after `b`, arc by arc. */
export function compareOids(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

type WalkResult = { ok: true; rows: InterfaceRow[]; requests: number } | { ok: false; error: string; answer: Answer; requests: number };

/**
 * GetNext down the four columns side by side, one PDU per row, until every column has left its
 * table (or endOfMibView, or v1 noSuchName), MAX_INTERFACE_ROWS rows, or an agent that does not
 * move forward. A column the agent lacks (ifName without ifXTable) ends at once.
 */
export async function walkInterfaces(ctx: PollContext, onSend: () => void): Promise<WalkResult> {
  const rows = new Map<number, { name: string | null; descr: string | null; type: number | null; operStatus: number | null }>();
  const cursor = new Map<keyof typeof IF_COLUMNS, string>(Object.entries(IF_COLUMNS) as [keyof typeof IF_COLUMNS, string][]);
  const total = newAnswer();
  let requests = 0;
  for (let step = 0; cursor.size > 0 && step <= MAX_INTERFACE_ROWS; step++) {
    const asked = [...cursor.entries()];
    const answer = newAnswer();
    await fetchBatch(ctx, 'getNext', asked.map(([, oid]) => oid), answer, onSend);
    requests += answer.requests;
    total.answered += answer.answered;
    total.timeouts += answer.timeouts;
    total.requests += answer.requests;
    total.refusals.push(...answer.refusals);
    total.failures.push(...answer.failures);
    if (answer.rtt !== null) total.rtt = total.rtt === null ? answer.rtt : Math.min(total.rtt, answer.rtt);
    if (answer.failures.length) return { ok: false, error: answer.failures[0]!, answer: total, requests };
    for (const [column, oid] of asked) {
      const vb = answer.varbinds.get(oid);
      const base = IF_COLUMNS[column];
      if (!vb || isAbsent(vb) || !vb.oid || !oidHasPrefix(vb.oid, base) || vb.oid === base || compareOids(vb.oid, oid) <= 0) {
        cursor.delete(column);
        continue;
      }
      cursor.set(column, vb.oid);
      const rest = vb.oid.slice(base.length + 1);
      const ifIndex = Number(rest);
      if (!/^\d+$/.test(rest) || !Number.isSafeInteger(ifIndex) || ifIndex < 1) continue;
      if (!rows.has(ifIndex) && rows.size >= MAX_INTERFACE_ROWS) continue;
      const row = rows.get(ifIndex) ?? { name: null, descr: null, type: null, operStatus: null };
      rows.set(ifIndex, row);
      if (column === 'ifName' || column === 'ifDescr') {
        const text = vb.type === SNMP_TYPE.OctetString && (typeof vb.value === 'string' || vb.value instanceof Uint8Array) ? textFromOctets(vb.value).text : null;
        row[column === 'ifName' ? 'name' : 'descr'] = text || null;
      } else if (vb.type === SNMP_TYPE.Integer && typeof vb.value === 'number') {
        row[column === 'ifType' ? 'type' : 'operStatus'] = vb.value;
      }
    }
  }
  return { ok: true, rows: [...rows.entries()].map(([ifIndex, r]) => ({ ifIndex, ...r })), requests };
}
