import type { DeviceProfile, MetricSpec, ProfileMetric } from '../../../shared/device-profile.js';
import { readMetric, snmpTypeName, SNMP_TYPE, type CounterSample } from '../../../shared/snmp-values.js';
import type snmp from 'net-snmp';
import type { EndpointSession, RequestKind, RequestOutcome } from './endpoint-session.js';
import type { Lane, Limiter } from './limiter.js';
import type { MetricValue, PollSample } from './types.js';

/**
 * One poll of one endpoint: every scalar of the profile in as few GETs as possible (at most
 * MAX_VARBINDS per PDU, split further when the agent says tooBig), one GetNext per batch of
 * `column` metrics, all through the global limiter; then each varbind converted by
 * shared/snmp-values.ts, with the previous counter samples kept in `memory` for rates.
 */

export const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';
const MAX_VARBINDS = 20;

interface Planned {
  readonly metric: ProfileMetric;
  readonly spec: MetricSpec;
}

/** Metrics that have nothing to read this time (no interface to watch): null, with why. */
export interface NullMetrics {
  readonly metrics: readonly ProfileMetric[];
  readonly problem: string;
}

export interface PollPlan {
  readonly gets: readonly (readonly Planned[])[];
  readonly nexts: readonly (readonly Planned[])[];
  readonly nulls?: readonly NullMetrics[];
}

/**
 * The profile's `interface` metrics bound to the endpoint's interface (interface-binding.ts): each
 * with the spec to read it by (its column at the chosen ifIndex), or among `nulls`. A metric in
 * neither is not measured this time.
 */
export interface InterfacePlan {
  readonly specs: Partial<Record<ProfileMetric, MetricSpec>>;
  readonly nulls: readonly NullMetrics[];
}

/** Metrics whose OID is an IF-MIB column completed with an ifIndex at run time. */
export function interfaceMetrics(profile: DeviceProfile): ProfileMetric[] {
  return (Object.entries(profile.metrics) as [ProfileMetric, MetricSpec | undefined][]).filter(([, spec]) => spec?.interface).map(([m]) => m);
}

export function planPoll(profile: DeviceProfile, iface?: InterfacePlan): PollPlan {
  const scalars: Planned[] = [];
  const columns: Planned[] = [];
  for (const [metric, profileSpec] of Object.entries(profile.metrics) as [ProfileMetric, MetricSpec | undefined][]) {
    const spec = profileSpec?.interface ? iface?.specs[metric] : profileSpec;
    if (spec) (spec.column ? columns : scalars).push({ metric, spec });
  }
  // sysUpTime first: it also tells whether the agent restarted between two counter readings.
  scalars.sort((a, b) => Number(b.spec.oid === SYS_UPTIME) - Number(a.spec.oid === SYS_UPTIME));
  return { gets: chunk(scalars, MAX_VARBINDS), nexts: chunk(columns, MAX_VARBINDS), nulls: iface?.nulls ?? [] };
}

/** A plan's OID lists and metrics in order, worked out once per plan (plans are shared and reused every poll). */
const expansions = new WeakMap<PollPlan, { getOids: string[][]; nextOids: string[][]; all: Planned[] }>();
function expanded(plan: PollPlan): { getOids: string[][]; nextOids: string[][]; all: Planned[] } {
  let e = expansions.get(plan);
  if (!e) {
    const oids = (b: readonly Planned[]) => b.map((p) => p.spec.oid);
    e = { getOids: plan.gets.map(oids), nextOids: plan.nexts.map(oids), all: [...plan.gets.flat(), ...plan.nexts.flat()] };
    expansions.set(plan, e);
  }
  return e;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Previous counter samples of one endpoint, per metric. */
export type CounterMemory = Map<ProfileMetric, CounterSample>;

export interface PollContext {
  readonly session: EndpointSession;
  readonly limiter: Limiter;
  readonly lane: Lane;
  readonly attempts: number;
  /** Called once, when the first request of this poll is sent (after any queueing). */
  readonly onStart: () => void;
}

export interface PollOutcome {
  readonly sample: PollSample;
  /** Every request timed out (for back-off); false when anything answered or failed otherwise. */
  readonly timedOut: boolean;
  readonly requests: number;
  /** Scalars the agent has no such object or instance for (noSuchObject, noSuchInstance, v1 noSuchName). */
  readonly missing?: readonly ProfileMetric[];
}

export interface Answer {
  readonly varbinds: Map<string, snmp.Varbind>;
  /** OIDs a v1 GET was refused for with noSuchName (asked again without them). */
  readonly noSuchName: Set<string>;
  readonly problems: string[];
  readonly failures: string[];
  timeouts: number;
  answered: number;
  /** Requests the agent refused (auth failure, error-status): it is up, but gave no values. */
  refusals: string[];
  rtt: number | null;
  foreign: string | null;
  requests: number;
}

export async function pollEndpoint(ctx: PollContext, plan: PollPlan, memory: CounterMemory): Promise<PollOutcome> {
  const answer = newAnswer();
  let started = false;
  const onSend = () => {
    if (!started) {
      started = true;
      ctx.onStart();
    }
  };
  const tasks: Promise<void>[] = [];
  const { getOids, nextOids, all } = expanded(plan);
  for (const oids of getOids) tasks.push(fetchBatch(ctx, 'get', oids, answer, onSend));
  for (const oids of nextOids) tasks.push(fetchBatch(ctx, 'getNext', oids, answer, onSend));
  await Promise.all(tasks);
  const at = Date.now();

  if (answer.answered === 0) return failed(answer, new Date(at).toISOString());

  const values: Partial<Record<ProfileMetric, MetricValue>> = {};
  const problems = [...answer.problems];
  const missing: ProfileMetric[] = [];
  const uptime = answer.varbinds.get(SYS_UPTIME);
  const uptimeTicks = uptime?.type === SNMP_TYPE.TimeTicks && typeof uptime.value === 'number' ? uptime.value : null;
  for (const { metric, spec } of all) {
    const vb = answer.varbinds.get(spec.oid);
    if (!spec.column && answer.noSuchName.has(spec.oid)) missing.push(metric);
    if (!vb) continue; // its request failed; already a problem
    if (!spec.column && isAbsent(vb.type)) {
      problems.push(`${metric}: ${snmpTypeName(vb.type)} at ${spec.oid}`);
      missing.push(metric);
    }
    const reading = readMetric(spec, vb, { at, uptimeTicks, previous: memory.get(metric) ?? null });
    if (!reading.ok) {
      problems.push(`${metric}: ${reading.error.message}`);
      values[metric] = null;
      continue;
    }
    values[metric] = reading.value;
    if (reading.counter) memory.set(metric, reading.counter);
    else if (spec.rate) memory.delete(metric);
    if (reading.note === 'truncated') problems.push(`${metric}: text longer than the console keeps, cut off`);
    if (reading.note === 'counter-reset' || reading.note === 'implausible-rate') problems.push(`${metric}: ${reading.note}`);
  }
  for (const { metrics, problem } of plan.nulls ?? []) {
    for (const m of metrics) values[m] = null;
    problems.push(problem);
  }
  if (answer.foreign) problems.push(`answered from ${answer.foreign}, not the polled address and port`);
  return {
    sample: { at: new Date(at).toISOString(), answered: true, error: null, rttMs: round(answer.rtt), values, problems },
    timedOut: false,
    requests: answer.requests,
    missing,
  };
}

/** The cheap re-probe of an endpoint in back-off: one sysUpTime GET, one attempt. */
export async function probeEndpoint(ctx: PollContext, profile: DeviceProfile): Promise<PollOutcome> {
  const answer = newAnswer();
  await fetchBatch(ctx, 'get', [SYS_UPTIME], answer, ctx.onStart);
  const at = new Date().toISOString();
  if (answer.answered === 0) return failed(answer, at);
  const values: Partial<Record<ProfileMetric, MetricValue>> = {};
  const spec = profile.metrics.uptimeS;
  const vb = answer.varbinds.get(SYS_UPTIME);
  if (spec && spec.oid === SYS_UPTIME && vb) {
    const r = readMetric(spec, vb, { at: Date.now() });
    if (r.ok) values.uptimeS = r.value;
  }
  return { sample: { at, answered: true, error: null, rttMs: round(answer.rtt), values, problems: answer.problems }, timedOut: false, requests: answer.requests };
}

export function newAnswer(): Answer {
  return { varbinds: new Map(), noSuchName: new Set(), problems: [], failures: [], refusals: [], timeouts: 0, answered: 0, rtt: null, foreign: null, requests: 0 };
}

/** No values came back: the agent refused (answered, with an error) or nothing came at all. */
export function failed(answer: Answer, at: string): PollOutcome {
  const refusal = answer.refusals[0];
  if (refusal !== undefined) {
    return { sample: { at, answered: true, error: refusal, rttMs: round(answer.rtt), values: {}, problems: [] }, timedOut: false, requests: answer.requests };
  }
  const error = answer.failures.find((f) => f !== 'timeout') ?? 'timeout';
  return {
    sample: { at, answered: false, error, rttMs: null, values: {}, problems: [] },
    timedOut: answer.timeouts > 0 && error === 'timeout',
    requests: answer.requests,
  };
}

function isAbsent(type: number): boolean {
  return type === SNMP_TYPE.NoSuchObject || type === SNMP_TYPE.NoSuchInstance || type === SNMP_TYPE.EndOfMibView;
}

function round(v: number | null): number | null {
  return v === null ? null : Math.round(v * 10) / 10;
}

const NO_SUCH_NAME = /^agent error: NoSuchName: (\S+)/;

/**
 * One PDU (through the limiter) and what it takes to get an answer for the rest when the agent
 * refuses part of it: SNMPv1 fails a whole request for one missing OID (noSuchName names it: drop
 * it, ask again); tooBig means the answer would not fit (halve the batch).
 */
export async function fetchBatch(ctx: PollContext, kind: RequestKind, oids: string[], answer: Answer, onSend: () => void): Promise<void> {
  answer.requests++;
  const out: RequestOutcome = await ctx.limiter.run(ctx.lane, () => ctx.session.request(kind, oids, ctx.attempts, onSend));
  if (out.ok) {
    answer.answered++;
    answer.rtt = answer.rtt === null ? out.rttMs : Math.min(answer.rtt, out.rttMs);
    if (out.foreignSource) answer.foreign = out.foreignSource;
    oids.forEach((oid, i) => {
      const vb = out.varbinds[i];
      if (vb) answer.varbinds.set(oid, vb);
      else answer.problems.push(`${oid}: missing from the response`);
    });
    return;
  }
  const missing = NO_SUCH_NAME.exec(out.error)?.[1];
  if (missing && oids.includes(missing)) {
    answer.answered++; // the agent did answer, about one OID
    // A v1 GetNext past the last object is noSuchName too: for a column that is "no row".
    if (kind === 'getNext') answer.varbinds.set(missing, { oid: missing, type: SNMP_TYPE.EndOfMibView, value: null });
    else {
      answer.problems.push(`noSuchName at ${missing}`);
      answer.noSuchName.add(missing);
    }
    const rest = oids.filter((o) => o !== missing);
    if (rest.length) await fetchBatch(ctx, kind, rest, answer, onSend);
    return;
  }
  if (out.error.startsWith('agent error: TooBig') && oids.length > 1) {
    const half = Math.ceil(oids.length / 2);
    await Promise.all([fetchBatch(ctx, kind, oids.slice(0, half), answer, onSend), fetchBatch(ctx, kind, oids.slice(half), answer, onSend)]);
    return;
  }
  if (out.timedOut) answer.timeouts++;
  if (out.fromAgent) answer.refusals.push(out.error);
  answer.failures.push(out.error);
  answer.problems.push(`${oids.length === 1 ? oids[0] : `${oids.length} OIDs`}: ${out.error}`);
}
