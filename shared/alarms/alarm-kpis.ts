import { isChattering, isStaleAlarm, type Alarm } from './alarm-machine.js';
import { floodMs, type FloodState } from './flood.js';

/**
 * The figures a province tunes its rules by (EEMUA 191 / ISA-18.2 performance KPIs): alarm rate
 * per 10 minutes (average and peak), share of time in flood, how much of the load the ten most
 * frequent alarms make, and the chattering and standing (stale) alarms by name.
 */
export interface Activation {
  readonly alarmId: string;
  readonly at: number;
}

export interface AlarmKpis {
  readonly from: number;
  readonly to: number;
  readonly activations: number;
  readonly perTenMinutes: { readonly average: number; readonly peak: number };
  readonly floodPct: number;
  /** The ten alarms raised most often, and their share of all activations (%). */
  readonly top10: readonly { readonly alarmId: string; readonly count: number }[];
  readonly top10SharePct: number;
  readonly chattering: readonly string[];
  readonly stale: readonly string[];
}

const TEN_MINUTES = 10 * 60_000;

export function alarmKpis(activations: readonly Activation[], alarms: Iterable<Alarm>, flood: FloodState, from: number, to: number): AlarmKpis {
  const inRange = activations.filter((a) => a.at >= from && a.at < to);
  const buckets = new Map<number, number>();
  const perAlarm = new Map<string, number>();
  for (const a of inRange) {
    const bucket = Math.floor((a.at - from) / TEN_MINUTES);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
    perAlarm.set(a.alarmId, (perAlarm.get(a.alarmId) ?? 0) + 1);
  }
  const periods = Math.max(1, Math.ceil((to - from) / TEN_MINUTES));
  const top10 = [...perAlarm]
    .map(([alarmId, count]) => ({ alarmId, count }))
    .sort((a, b) => b.count - a.count || a.alarmId.localeCompare(b.alarmId))
    .slice(0, 10);
  const topCount = top10.reduce((s, t) => s + t.count, 0);
  const list = [...alarms];
  return {
    from,
    to,
    activations: inRange.length,
    perTenMinutes: { average: round1(inRange.length / periods), peak: Math.max(0, ...buckets.values()) },
    floodPct: to > from ? round1((100 * floodMs(flood, from, to)) / (to - from)) : 0,
    top10,
    top10SharePct: inRange.length ? round1((100 * topCount) / inRange.length) : 0,
    chattering: list.filter((a) => isChattering(a, to)).map((a) => a.id).sort(),
    stale: list.filter((a) => isStaleAlarm(a, to)).map((a) => a.id).sort(),
  };
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
