import { create } from 'zustand';
import type { MonitoringStatsView } from '../../shared/monitoring.js';

/**
 * The poller and trap receiver figures from `getMonitoring`, asked for every few seconds, with
 * when they arrived, and a short history of the counters the top bar watches for growth
 * (overruns, rejected traps). `stats` null with a `fetchedAt` means monitoring is off.
 */
export const HISTORY_WINDOW_MS = 60_000;
const HISTORY_LIMIT = 64;

export interface CounterSample {
  readonly at: number;
  readonly overruns: number;
  readonly trapsRejected: number;
}

export interface MonitoringState {
  readonly stats: MonitoringStatsView | null;
  /** When the last answer arrived (ms since epoch); null before the first. */
  readonly fetchedAt: number | null;
  /** Why the last request failed; cleared by the next answer. */
  readonly error: string | null;
  readonly failedAt: number | null;
  /** Counter samples of the last minute, oldest first. */
  readonly history: readonly CounterSample[];
  record(stats: MonitoringStatsView | null, at: number): void;
  fail(message: string, at: number): void;
  clear(): void;
}

export function createMonitoringStore() {
  return create<MonitoringState>()((set, get) => ({
    stats: null,
    fetchedAt: null,
    error: null,
    failedAt: null,
    history: [],
    record(stats, at) {
      let history: CounterSample[] = [];
      if (stats) {
        const sample = { at, overruns: stats.poller.overruns, trapsRejected: stats.traps?.rejected ?? 0 };
        const prev = get().history;
        const last = prev[prev.length - 1];
        // A counter that went down belongs to a new engine: its history starts again.
        const restarted = last !== undefined && (sample.overruns < last.overruns || sample.trapsRejected < last.trapsRejected);
        history = [...(restarted ? [] : prev.filter((s) => s.at >= at - HISTORY_WINDOW_MS)), sample].slice(-HISTORY_LIMIT);
      }
      set({ stats, fetchedAt: at, error: null, failedAt: null, history });
    },
    fail: (error, at) => set({ error, failedAt: at }),
    clear: () => set({ stats: null, fetchedAt: null, error: null, failedAt: null, history: [] }),
  }));
}

export type MonitoringStore = ReturnType<typeof createMonitoringStore>;

export const useMonitoringStore: MonitoringStore = createMonitoringStore();
