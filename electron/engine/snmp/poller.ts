import type { DeviceProfile } from '../../../shared/device-profile.js';
import { Backoff } from './backoff.js';
import { EndpointSession } from './endpoint-session.js';
import { createFloodLog } from './flood-log.js';
import { InterfaceBinding } from './interface-binding.js';
import { Limiter } from './limiter.js';
import { planPoll, pollEndpoint, probeEndpoint, type CounterMemory, type PollContext, type PollOutcome, type PollPlan } from './poll-endpoint.js';
import { PollSocket } from './poll-socket.js';
import { PollerCounters } from './poller-stats.js';
import type { PolledEndpoint, PollerStats, PollSample, SnmpPoller, SnmpPollerOptions } from './types.js';

export type { PolledEndpoint, PollerStats, PollSample, SnmpPoller, SnmpPollerOptions } from './types.js';

/**
 * The SNMP poller: one session per endpoint, all on a few shared UDP sockets per address family
 * (poll-socket.ts: answers routed by request id, no file descriptor per endpoint), each endpoint on its own timer (a random phase within
 * the interval, then a fixed rate, so 5,000 endpoints spread evenly instead of firing at once),
 * every request through one global limiter, back-off for endpoints that stop answering.
 *
 * Overrun: a tick whose poll could not start on time, because the endpoint's previous poll was
 * still running (the tick is skipped) or its first request went out more than interval/10 after
 * the due time (queued behind the limiter, or a blocked event loop).
 */
export function createSnmpPoller(options: SnmpPollerOptions): SnmpPoller {
  const intervalMs = options.intervalMs ?? 5000;
  const timeoutMs = options.timeoutMs ?? 1000;
  const attempts = (options.retries ?? 1) + 1;
  const log = options.onLog ?? (() => {});
  const flood = createFloodLog(log, 'snmp: ');
  const limiter = new Limiter(options.maxInFlight ?? 500);
  const interfaceRetryMs = options.interfaceRetryMs ?? 60_000;
  const counters = new PollerCounters(() => performance.now());
  // An id stays taken a while past its request's timeout, so a late answer finds no newer request.
  const socket = new PollSocket(timeoutMs + 2000, (e) => flood.line('socket errors', 'poll socket', `snmp: socket error ${e.message}`));
  const entries = new Map<string, Entry>();
  const closing = new Set<Promise<void>>();
  const running = new Set<Promise<void>>();
  let closed = false;

  interface Entry {
    readonly ep: PolledEndpoint;
    readonly key: string;
    readonly session: EndpointSession;
    readonly plan: PollPlan;
    /** The interface the profile's interface metrics follow (looked up at run time). */
    readonly binding: InterfaceBinding;
    lastInterface: string | null;
    boundPlan: { readonly from: unknown; readonly plan: PollPlan } | null;
    readonly memory: CounterMemory;
    readonly backoff: Backoff;
    due: number;
    timer: NodeJS.Timeout | null;
    running: boolean;
    removed: boolean;
    lastError: string | null;
    lastProblems: string;
    wasBackedOff: boolean;
  }

  /** What re-creates the session when it changes, without the profile (compared apart: see sameProfile). */
  function keyOf(ep: PolledEndpoint): string {
    return JSON.stringify([ep.host, ep.port, ep.snmp, ep.interface ?? null]);
  }

  function makeEntry(ep: PolledEndpoint, due: number): Entry {
    const session = new EndpointSession(ep.endpointId, ep.host, ep.port, ep.snmp, { timeoutMs, onLog: log, flood, pollSocket: socket });
    return {
      ep,
      key: keyOf(ep),
      session,
      plan: basePlan(ep.profile),
      binding: new InterfaceBinding(ep.profile, ep.interface ?? {}, interfaceRetryMs),
      lastInterface: null,
      boundPlan: null,
      memory: new Map(),
      backoff: new Backoff(),
      due,
      timer: null,
      running: false,
      removed: false,
      lastError: null,
      lastProblems: '',
      wasBackedOff: false,
    };
  }

  function arm(entry: Entry): void {
    if (closed || entry.removed) return;
    // Timers may fire a fraction of a millisecond early; round up so a tick never starts before it is due.
    entry.timer = setTimeout(() => fire(entry), Math.max(0, Math.ceil(entry.due - performance.now())));
  }

  function retire(entry: Entry): void {
    entry.removed = true;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    const p = entry.session.close();
    closing.add(p);
    void p.then(() => closing.delete(p));
  }

  function fire(entry: Entry): void {
    entry.timer = null;
    const due = entry.due;
    const now = performance.now();
    entry.due += intervalMs;
    // A stalled event loop can leave us more than an interval behind: skip the missed ticks.
    while (entry.due <= now) {
      entry.due += intervalMs;
      counters.overruns++;
    }
    arm(entry);
    if (entry.running) {
      counters.overruns++;
      return;
    }
    start(entry, due);
  }

  /** One poll of the entry now (its cycle's, or one asked for out of it). */
  function start(entry: Entry, due: number): void {
    entry.running = true;
    const p = runTick(entry, due)
      .catch((e: unknown) => log(`snmp ${entry.ep.endpointId}: poll failed unexpectedly: ${String(e)}`))
      .finally(() => {
        entry.running = false;
        running.delete(p);
      });
    running.add(p);
  }

  async function runTick(entry: Entry, due: number): Promise<void> {
    const kind = entry.backoff.tick();
    if (kind === 'skip') return;
    let started = false;
    let sentAt: string | undefined;
    const onStart = () => {
      if (started) return;
      started = true;
      sentAt = new Date().toISOString();
      const delay = Math.max(0, performance.now() - due);
      counters.startDelay.add(delay);
      if (delay > intervalMs / 10) counters.overruns++;
    };
    const ctx = (lane: 'poll' | 'probe', n: number): PollContext => ({ session: entry.session, limiter, lane, attempts: n, onStart });

    let outcome: PollOutcome;
    if (kind === 'poll') {
      outcome = await fullPoll(entry, ctx('poll', attempts));
      counters.polls++;
      entry.backoff.polled(outcome.sample.answered, outcome.timedOut);
    } else {
      const probe = await probeEndpoint(ctx('probe', 1), entry.ep.profile);
      counters.probes++;
      outcome = probe;
      if (probe.sample.answered && entry.backoff.fullPollDue()) {
        const full = await fullPoll(entry, ctx('poll', attempts));
        counters.polls++;
        entry.backoff.polled(full.sample.answered, full.timedOut);
        // The probe proved it answers; a full poll that then fails does not make it down.
        outcome = full.sample.answered ? full : withProblem(probe, `full poll: ${full.sample.error ?? 'failed'}`);
      } else {
        entry.backoff.probed(probe.sample.answered, probe.timedOut);
      }
    }
    counters.pollCycle.add(Math.max(0, performance.now() - due));
    counters.rate.add();
    emit(entry, sentAt === undefined ? outcome.sample : { ...outcome.sample, sentAt });
  }

  /**
   * A full poll: the interface looked up first when due (a lookup that gets no answer at all is
   * this tick's outcome), then every metric, then what the answer says about the interface.
   */
  async function fullPoll(entry: Entry, ctx: PollContext): Promise<PollOutcome> {
    const { binding } = entry;
    if (!binding.needed) return pollEndpoint(ctx, entry.plan, entry.memory);
    let requests = 0;
    if (binding.due()) {
      const r = await binding.resolve(ctx, ctx.onStart);
      requests += r.requests;
      if (r.failure) return r.failure;
    }
    const iface = binding.plan();
    if (entry.boundPlan?.from !== iface) entry.boundPlan = { from: iface, plan: planPoll(entry.ep.profile, iface) };
    const polled = await pollEndpoint(ctx, entry.boundPlan.plan, entry.memory);
    const outcome = await binding.afterPoll(polled, ctx, ctx.onStart);
    const now = binding.describe();
    if (now !== null && now !== entry.lastInterface && !entry.removed && !closed) log(`snmp ${entry.ep.endpointId}: ${now}`);
    if (now !== null) entry.lastInterface = now;
    return { ...outcome, requests: outcome.requests + requests };
  }

  function emit(entry: Entry, sample: PollSample): void {
    if (entry.removed || closed || sample.error === 'closed') return;
    if (sample.answered) counters.answered++;
    if (sample.error === 'timeout') counters.timeouts++;
    else if (sample.error !== null) counters.errors++;
    if (sample.rttMs !== null) counters.rtt.add(sample.rttMs);
    logChanges(entry, sample);
    try {
      options.onSample(entry.ep.endpointId, sample);
    } catch (e) {
      log(`snmp ${entry.ep.endpointId}: onSample threw: ${String(e)}`);
    }
  }

  /** One log line when an endpoint's error or set of problems changes, not one per poll. */
  function logChanges(entry: Entry, sample: PollSample): void {
    const id = entry.ep.endpointId;
    if (sample.error !== entry.lastError) {
      if (sample.error !== null) log(`snmp ${id}: ${sample.error}`);
      else if (entry.lastError !== null) log(`snmp ${id}: answering again`);
      entry.lastError = sample.error;
    }
    if (entry.backoff.backedOff !== entry.wasBackedOff) {
      entry.wasBackedOff = entry.backoff.backedOff;
      log(`snmp ${id}: ${entry.wasBackedOff ? 'backing off: one sysUpTime probe per interval until it answers' : 'back-off ended'}`);
    }
    const problems = sample.problems.join('; ');
    if (problems !== entry.lastProblems) {
      if (problems) log(`snmp ${id}: ${problems}`);
      entry.lastProblems = problems;
    }
  }

  return {
    setEndpoints(list) {
      if (closed) return;
      const now = performance.now();
      const wanted = new Map(list.map((ep) => [ep.endpointId, ep]));
      for (const [id, entry] of entries) {
        if (!wanted.has(id)) {
          retire(entry);
          entries.delete(id);
        }
      }
      for (const ep of wanted.values()) {
        const old = entries.get(ep.endpointId);
        if (old && old.key === keyOf(ep) && sameProfile(old.ep.profile, ep.profile)) continue;
        // A changed endpoint keeps its phase; a new one gets a random one.
        const due = old ? old.due : now + Math.random() * intervalMs;
        if (old) retire(old);
        const entry = makeEntry(ep, due);
        entries.set(ep.endpointId, entry);
        arm(entry);
      }
    },

    pollNow(endpointIds) {
      if (closed) return;
      for (const id of endpointIds) {
        const entry = entries.get(id);
        // A codec backed off is known not to answer: asking now would only spend a timeout.
        if (!entry || entry.removed || entry.running || entry.backoff.backedOff) continue;
        start(entry, performance.now());
      }
    },

    watchedIfIndex(endpointId) {
      const entry = entries.get(endpointId);
      return entry?.binding.needed ? entry.binding.ifIndex : undefined;
    },

    overruns: () => counters.overruns,

    stats(): PollerStats {
      let backedOff = 0;
      for (const e of entries.values()) if (e.backoff.backedOff) backedOff++;
      return {
        endpoints: entries.size,
        inFlight: limiter.inFlight,
        maxInFlight: limiter.max,
        queued: limiter.queued,
        backedOff,
        polls: counters.polls,
        probes: counters.probes,
        answered: counters.answered,
        timeouts: counters.timeouts,
        errors: counters.errors,
        overruns: counters.overruns,
        pollsPerSecond: counters.rate.perSecond(),
        pollCycleMs: counters.pollCycle.percentiles(),
        startDelayMs: counters.startDelay.percentiles(),
        rttMs: counters.rtt.percentiles(),
        socket: socket.stats(),
      };
    },

    async close() {
      if (closed) return;
      closed = true;
      for (const entry of entries.values()) retire(entry);
      entries.clear();
      await Promise.all([...closing, ...running]);
      socket.close();
      flood.close();
    },
  };
}

/**
 * A profile's text, once per profile object: 5,000 endpoints share three profiles, and a copy of
 * a 5 KB profile in each endpoint's key was 25 MB of strings.
 */
const profileTexts = new WeakMap<DeviceProfile, string>();
function profileText(profile: DeviceProfile): string {
  let text = profileTexts.get(profile);
  if (text === undefined) profileTexts.set(profile, (text = JSON.stringify(profile)));
  return text;
}

/** Same profile object, or one with the same content (a reloaded inventory brings new objects). */
function sameProfile(a: DeviceProfile, b: DeviceProfile): boolean {
  return a === b || profileText(a) === profileText(b);
}

/** The plan of a profile without interface metrics bound: the same for every endpoint of that profile object. */
const basePlans = new WeakMap<DeviceProfile, PollPlan>();
function basePlan(profile: DeviceProfile): PollPlan {
  let plan = basePlans.get(profile);
  if (plan === undefined) basePlans.set(profile, (plan = planPoll(profile)));
  return plan;
}

function withProblem(outcome: PollOutcome, problem: string): PollOutcome {
  return { ...outcome, sample: { ...outcome.sample, problems: [...outcome.sample.problems, problem] } };
}
