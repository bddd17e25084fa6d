import { happens, pick, randomFrom, uniform, type Random } from './seeded-random.js';

/**
 * One simulated codec as pure functions of (state, time): calls that start and end, call quality
 * with now and then a loss burst, the codec's own short power cuts, traffic counters. The random
 * source lives in the state, so the same seed and the same step times always give the same values.
 * No SNMP here: agents read `viewCodec`, the province model adds faults and district outages.
 */

export type Scenario = 'calm' | 'lively' | 'static';

export interface ScenarioParams {
  /** Mean idle time between calls (s); Infinity means no calls start on their own. */
  readonly idleMeanS: number;
  readonly callS: readonly [number, number];
  /** Loss/jitter bursts per hour spent in call, and how long one lasts (s). */
  readonly burstsPerCallHour: number;
  readonly burstS: readonly [number, number];
  /** Microphone mute toggles per hour spent in call. */
  readonly mutesPerCallHour: number;
  /** The codec's own power cuts per day (it reboots when power returns), and their length (s). */
  readonly powerCutsPerDay: number;
  readonly powerCutS: readonly [number, number];
  /** Whole-district outages per hour (the district's link; its codecs keep running), and length (s). */
  readonly districtOutagesPerHour: number;
  readonly districtOutageS: readonly [number, number];
  /** Whether bitrate, loss, jitter and latency wander from step to step. */
  readonly wander: boolean;
}

/** calm: a quiet working day (about one codec in five in a call, a dark district every few hours). */
export const SCENARIOS: Readonly<Record<Scenario, ScenarioParams>> = {
  calm: {
    idleMeanS: 2 * 3600, callS: [10 * 60, 45 * 60], burstsPerCallHour: 0.3, burstS: [10, 60], mutesPerCallHour: 2,
    powerCutsPerDay: 0.5, powerCutS: [60, 8 * 60], districtOutagesPerHour: 1 / 3, districtOutageS: [2 * 60, 5 * 60], wander: true,
  },
  lively: {
    idleMeanS: 10 * 60, callS: [2 * 60, 8 * 60], burstsPerCallHour: 6, burstS: [10, 45], mutesPerCallHour: 12,
    powerCutsPerDay: 4, powerCutS: [30, 3 * 60], districtOutagesPerHour: 3, districtOutageS: [60, 3 * 60], wander: true,
  },
  static: {
    idleMeanS: Infinity, callS: [0, 0], burstsPerCallHour: 0, burstS: [0, 0], mutesPerCallHour: 0,
    powerCutsPerDay: 0, powerCutS: [0, 0], districtOutagesPerHour: 0, districtOutageS: [0, 0], wander: false,
  },
};

/** The province's MCU, the far end of most calls. */
export const DEFAULT_REMOTE = 'MCU-BKN';
const CALL_RATES_KBPS = [1920, 2048, 3072, 4096] as const;

export interface CallState {
  readonly remote: string;
  readonly since: number;
  /** When the model ends the call; null: held until `endCall` (a dial-out by the MCU). */
  readonly until: number | null;
  readonly nominalKbps: number;
  readonly baseLatencyMs: number;
  /** Row index of the call in call tables: grows with every call, as codecs number their calls. */
  readonly index: number;
}

export interface CodecState {
  /** Time of this state (ms, any monotonic clock). */
  readonly at: number;
  readonly rand: number;
  readonly bootedAt: number;
  /** End of the codec's own power cut, or null when powered. */
  readonly powerCutUntil: number | null;
  readonly call: CallState | null;
  readonly callsSoFar: number;
  /** Far end of the last call ('' before the first), as Polycom's polycomVSPhoneNumber keeps it. */
  readonly lastRemote: string;
  readonly bitrateKbps: number;
  readonly lossPct: number;
  readonly jitterMs: number;
  readonly latencyMs: number;
  readonly burstUntil: number | null;
  readonly micMuted: boolean;
  /** Traffic since boot at `at` (bits), and the rates in force from `at` on (bit/s). */
  readonly rxBits: number;
  readonly txBits: number;
  readonly rxBps: number;
  readonly txBps: number;
}

/** What the codec reports at one instant; call-quality values are null outside a call. */
export interface CodecView {
  readonly uptimeS: number;
  readonly inCall: boolean;
  readonly callIndex: number | null;
  readonly remoteSite: string;
  readonly bitrateKbps: number;
  readonly packetLossPct: number | null;
  readonly jitterMs: number | null;
  readonly latencyMs: number | null;
  readonly micMuted: boolean;
  readonly cameraMuted: boolean;
  readonly ifOperUp: boolean;
  readonly rxBps: number;
  readonly txBps: number;
  readonly rxBits: number;
  readonly txBits: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round2 = (x: number) => Math.round(x * 100) / 100;

export function initialCodec(now: number, seed: number, params: ScenarioParams): CodecState {
  const r = randomFrom(seed);
  const uptimeS = uniform(r, 3600, 30 * 86400); // has been running a while: hours to a month
  const idleBps = uniform(r, 3000, 12000);
  let s: CodecState = {
    at: now, rand: 0, bootedAt: now - uptimeS * 1000, powerCutUntil: null, call: null, callsSoFar: Math.floor(uniform(r, 0, 400)),
    lastRemote: '', bitrateKbps: 0, lossPct: 0, jitterMs: 0, latencyMs: 0, burstUntil: null, micMuted: false,
    // Traffic so far averages idle chatter and the calls of the past: tens to hundreds of kbit/s.
    rxBits: uptimeS * uniform(r, 50e3, 400e3), txBits: uptimeS * uniform(r, 50e3, 400e3), rxBps: idleBps, txBps: idleBps,
  };
  const callMeanS = (params.callS[0] + params.callS[1]) / 2;
  const shareInCall = Number.isFinite(params.idleMeanS) ? callMeanS / (callMeanS + params.idleMeanS) : 0;
  if (r.next() < shareInCall) s = withCall(s, r, now, DEFAULT_REMOTE, now + uniform(r, 0.1, 1) * params.callS[1] * 1000);
  return { ...s, rand: r.state() };
}

/** Advance to `at` (never backwards): counters first, at the old rates, then what happened in between. */
export function stepCodec(s: CodecState, at: number, params: ScenarioParams, reachable: boolean): CodecState {
  const now = Math.max(at, s.at);
  const dtS = Math.max(0, (now - s.at) / 1000);
  const r = randomFrom(s.rand);
  let n: CodecState = { ...s, at: now, rxBits: s.rxBits + s.rxBps * dtS, txBits: s.txBits + s.txBps * dtS };

  if (n.powerCutUntil !== null && now >= n.powerCutUntil) n = rebootCodec(n, now);
  else if (n.powerCutUntil === null && happens(r, params.powerCutsPerDay / 86400, dtS)) {
    n = { ...endCall(n, now), powerCutUntil: now + uniform(r, params.powerCutS[0], params.powerCutS[1]) * 1000 };
  }
  const live = reachable && n.powerCutUntil === null;

  if (n.call && (!live || (n.call.until !== null && now >= n.call.until))) n = endCall(n, now);
  else if (!n.call && live && happens(r, 1 / params.idleMeanS, dtS)) {
    n = withCall(n, r, now, DEFAULT_REMOTE, now + uniform(r, params.callS[0], params.callS[1]) * 1000);
  }

  if (n.call) {
    if (n.burstUntil !== null && now >= n.burstUntil) n = { ...n, burstUntil: null };
    else if (n.burstUntil === null && happens(r, params.burstsPerCallHour / 3600, dtS)) {
      n = { ...n, burstUntil: now + uniform(r, params.burstS[0], params.burstS[1]) * 1000 };
    }
    if (happens(r, params.mutesPerCallHour / 3600, dtS)) n = { ...n, micMuted: !n.micMuted };
    if (params.wander) n = wander(n, r);
  }
  n = withTraffic(n, r, params.wander);
  return { ...n, rand: r.state() };
}

/** Call quality drifts: loss mostly 0–0.5 %, jitter 2–20 ms, latency around the call's base; a burst spoils both. */
function wander(s: CodecState, r: Random): CodecState {
  const call = s.call!;
  const burst = s.burstUntil !== null;
  const lossTarget = burst ? uniform(r, 2, 8) : 0.5 * r.next() ** 3;
  const jitterTarget = burst ? uniform(r, 30, 60) : 2 + 18 * r.next() ** 2;
  return {
    ...s,
    lossPct: round2(clamp(0.6 * s.lossPct + 0.4 * lossTarget, 0, 100)),
    jitterMs: round2(clamp(0.7 * s.jitterMs + 0.3 * jitterTarget, 0, 1000)),
    latencyMs: round2(clamp(call.baseLatencyMs + uniform(r, -3, 3) + (burst ? 15 : 0), 1, 1000)),
    bitrateKbps: Math.round(call.nominalKbps * (burst ? uniform(r, 0.6, 0.8) : uniform(r, 0.97, 1))),
  };
}

function withTraffic(s: CodecState, r: Random, wanders: boolean): CodecState {
  if (s.call) {
    const f = () => (wanders ? uniform(r, 1.02, 1.06) : 1.04);
    return { ...s, rxBps: Math.round(s.bitrateKbps * 1000 * f()), txBps: Math.round(s.bitrateKbps * 1000 * f()) };
  }
  if (!wanders) return s;
  return { ...s, rxBps: Math.round(uniform(r, 3000, 12000)), txBps: Math.round(uniform(r, 3000, 12000)) };
}

function withCall(s: CodecState, r: Random, now: number, remote: string, until: number | null): CodecState {
  const nominalKbps = pick(r, CALL_RATES_KBPS);
  const call: CallState = { remote, since: now, until, nominalKbps, baseLatencyMs: uniform(r, 20, 80), index: s.callsSoFar + 1 };
  const n: CodecState = {
    ...s, call, callsSoFar: call.index, lastRemote: remote, micMuted: false, burstUntil: null,
    bitrateKbps: nominalKbps, lossPct: round2(0.2 * r.next()), jitterMs: round2(uniform(r, 2, 8)), latencyMs: round2(call.baseLatencyMs),
  };
  return withTraffic(n, r, false);
}

/** Move the state to `now` without anything happening: counters run on at the current rates. */
export function settle(s: CodecState, now: number): CodecState {
  if (now <= s.at) return s;
  const dtS = (now - s.at) / 1000;
  return { ...s, at: now, rxBits: s.rxBits + s.rxBps * dtS, txBits: s.txBits + s.txBps * dtS };
}

/** Put the codec in a call held until `endCall` (the MCU dialled it), whatever the model had. */
export function startHeldCall(s: CodecState, now: number, remote: string): CodecState {
  const r = randomFrom(s.rand);
  const n = withCall(endCall(s, now), r, now, remote, null);
  return { ...n, rand: r.state() };
}

/** Hang up (settling first, so the counters never run backwards when the rates change). */
export function endCall(s0: CodecState, now: number): CodecState {
  const s = settle(s0, now);
  if (!s.call) return s;
  return { ...s, call: null, bitrateKbps: 0, lossPct: 0, jitterMs: 0, latencyMs: 0, burstUntil: null, micMuted: false, rxBps: 6000, txBps: 6000 };
}

/** Power back: uptime and interface counters start again from zero, as on a real restart. */
export function rebootCodec(s: CodecState, now: number): CodecState {
  return { ...endCall(s, now), at: now, bootedAt: now, powerCutUntil: null, rxBits: 0, txBits: 0 };
}

export function isPowered(s: CodecState): boolean {
  return s.powerCutUntil === null;
}

/** The codec's values at `now` (between steps the counters run on at the current rates). */
export function viewCodec(s: CodecState, now: number): CodecView {
  const dtS = Math.max(0, (now - s.at) / 1000);
  const call = s.call;
  return {
    uptimeS: Math.max(0, (now - s.bootedAt) / 1000),
    inCall: call !== null,
    callIndex: call?.index ?? null,
    remoteSite: s.lastRemote,
    bitrateKbps: call ? s.bitrateKbps : 0,
    packetLossPct: call ? s.lossPct : null,
    jitterMs: call ? s.jitterMs : null,
    latencyMs: call ? s.latencyMs : null,
    micMuted: s.micMuted,
    cameraMuted: false,
    ifOperUp: true,
    rxBps: s.rxBps,
    txBps: s.txBps,
    rxBits: s.rxBits + s.rxBps * dtS,
    txBits: s.txBits + s.txBps * dtS,
  };
}
