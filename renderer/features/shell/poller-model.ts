import type { TFunction } from 'i18next';
import type { MonitoringStatsView } from '../../../shared/monitoring.js';
import { formatNumber } from '../../i18n/format.js';
import type { MonitoringState } from '../../stores/monitoring-store.js';

/**
 * What the top bar says about the poller, as data: calm while it polls on time; attention (colour
 * and a word) only when overruns grew within the last minute, traps are being rejected, or the
 * engine does not answer. Figures with no answer for a while count as the engine not answering.
 */
export type PollerLevel = 'waiting' | 'off' | 'ok' | 'attention';
export type PollerReason = 'unreachable' | 'overruns' | 'trapsRejected';

export interface PollerAssessment {
  readonly level: PollerLevel;
  /** Why attention, most serious first; empty when calm. */
  readonly reasons: readonly PollerReason[];
  /** How much each counter grew within the window (0 when it did not). */
  readonly overrunsGrowth: number;
  readonly rejectedGrowth: number;
  /** The figures shown are older than the freshness budget. */
  readonly stale: boolean;
}

/** Figures older than this (three refreshes) are not current. */
export const POLLER_FRESH_MS = 15_000;

type Assessed = Pick<MonitoringState, 'stats' | 'fetchedAt' | 'error' | 'history'>;

export function assessPoller(m: Assessed, now: number): PollerAssessment {
  const stale = m.fetchedAt !== null && now - m.fetchedAt > POLLER_FRESH_MS;
  const first = m.history[0];
  const last = m.history[m.history.length - 1];
  const overrunsGrowth = first && last ? Math.max(0, last.overruns - first.overruns) : 0;
  const rejectedGrowth = first && last ? Math.max(0, last.trapsRejected - first.trapsRejected) : 0;
  const reasons: PollerReason[] = [];
  if (m.error !== null || stale) reasons.push('unreachable');
  if (m.stats && overrunsGrowth > 0) reasons.push('overruns');
  if (m.stats && rejectedGrowth > 0) reasons.push('trapsRejected');
  let level: PollerLevel;
  if (reasons.length > 0) level = 'attention';
  else if (m.fetchedAt === null) level = 'waiting';
  else if (m.stats === null) level = 'off';
  else level = 'ok';
  return { level, reasons, overrunsGrowth, rejectedGrowth, stale };
}

export interface Figure {
  /** Message key under `poller.figure.` and a stable id for tests. */
  readonly key: string;
  readonly value: string;
  /** This figure is why the indicator calls for attention. */
  readonly attention?: boolean;
  /** Shown in the same cell as the figure before it (traps received · rejected). */
  readonly joined?: boolean;
  /** Needs no label in the compact view: its unit says what it is ("24 polls/s"). */
  readonly bare?: boolean;
}

const ms = (v: number | null, locale: string, t: TFunction): string => {
  const n = formatNumber(v, locale, 1);
  return n === null ? t('value.none') : `${n}\u00a0${t('unit.ms')}`;
};
const count = (v: number, locale: string): string => formatNumber(v, locale, 0) ?? '0';

/** The compact figures of the top bar: cycle p99, polls/s, overruns, timeouts, backed off, traps received and rejected. */
export function compactFigures(stats: MonitoringStatsView, a: PollerAssessment, t: TFunction, locale: string): Figure[] {
  const p = stats.poller;
  const figures: Figure[] = [
    { key: 'cycleP99', value: ms(p.pollCycleMs.p99, locale, t) },
    { key: 'pollsPerSecond', value: `${formatNumber(p.pollsPerSecond, locale, 1) ?? '0'}\u00a0${t('unit.perS')}`, bare: true },
    { key: 'overruns', value: count(p.overruns, locale), attention: a.overrunsGrowth > 0 },
    { key: 'timeouts', value: count(p.timeouts, locale) },
    { key: 'backedOff', value: count(p.backedOff, locale) },
  ];
  if (stats.traps) {
    figures.push({ key: 'traps', value: count(stats.traps.received, locale) });
    figures.push({ key: 'trapsRejected', value: count(stats.traps.rejected, locale), attention: a.rejectedGrowth > 0, joined: true });
  } else {
    figures.push({ key: 'traps', value: t('poller.trapsOff') });
  }
  return figures;
}

export interface FigureGroup {
  readonly key: 'poller' | 'timing' | 'traps';
  readonly figures: readonly Figure[];
}

/** Every figure of `getMonitoring`, grouped, each with its unit: the expanded panel. */
export function fullFigures(stats: MonitoringStatsView, a: PollerAssessment, t: TFunction, locale: string): FigureGroup[] {
  const p = stats.poller;
  const n = (v: number) => count(v, locale);
  const pct = (q: { p50: number | null; p99: number | null; max: number | null }) =>
    `${ms(q.p50, locale, t)} · ${ms(q.p99, locale, t)} · ${ms(q.max, locale, t)}`;
  const groups: FigureGroup[] = [
    {
      key: 'poller',
      figures: [
        { key: 'interval', value: `${formatNumber(stats.intervalMs / 1000, locale, 1)}\u00a0${t('unit.s')}` },
        { key: 'endpoints', value: t('poller.endpoints', { count: p.endpoints, n: n(p.endpoints) }) },
        { key: 'inFlight', value: `${n(p.inFlight)} / ${n(p.maxInFlight)}` },
        { key: 'queued', value: n(p.queued) },
        { key: 'backedOff', value: t('poller.endpoints', { count: p.backedOff, n: n(p.backedOff) }) },
        { key: 'pollsPerSecond', value: `${formatNumber(p.pollsPerSecond, locale, 1) ?? '0'}\u00a0${t('unit.perS')}` },
        { key: 'polls', value: n(p.polls) },
        { key: 'probes', value: n(p.probes) },
        { key: 'answered', value: n(p.answered) },
        { key: 'timeouts', value: n(p.timeouts) },
        { key: 'errors', value: n(p.errors) },
        {
          key: 'overruns',
          value: a.overrunsGrowth > 0 ? t('poller.grew', { value: n(p.overruns), growth: n(a.overrunsGrowth) }) : n(p.overruns),
          attention: a.overrunsGrowth > 0,
        },
      ],
    },
    {
      key: 'timing',
      figures: [
        { key: 'pollCycle', value: pct(p.pollCycleMs) },
        { key: 'startDelay', value: pct(p.startDelayMs) },
        { key: 'rtt', value: pct(p.rttMs) },
      ],
    },
  ];
  if (stats.traps) {
    const tr = stats.traps;
    groups.push({
      key: 'traps',
      figures: [
        { key: 'trapPort', value: `UDP ${tr.port}` },
        { key: 'trapsReceived', value: n(tr.received) },
        {
          key: 'trapsRejected',
          value: a.rejectedGrowth > 0 ? t('poller.grew', { value: n(tr.rejected), growth: n(a.rejectedGrowth) }) : n(tr.rejected),
          attention: a.rejectedGrowth > 0,
        },
        { key: 'trapsUnknownSource', value: n(tr.unknownSource) },
        { key: 'trapsMalformed', value: n(tr.malformed) },
      ],
    });
  } else {
    groups.push({ key: 'traps', figures: [{ key: 'trapReceiver', value: t('poller.trapsOff') }] });
  }
  return groups;
}
