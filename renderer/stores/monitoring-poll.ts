import { errorWords } from '../i18n/error-words.js';
import type { ConsoleApi } from '../../shared/api/console-api.js';
import type { MonitoringStore } from './monitoring-store.js';

export const MONITORING_REFRESH_MS = 5_000;

export interface MonitoringPollOptions {
  readonly intervalMs?: number;
  readonly now?: () => number;
}

export interface MonitoringPoll {
  /** Ask now (and at once after a reconnect). */
  refresh(): void;
  stop(): void;
}

/** A failure in the user's words (the catalogue's), never an exception's English text. */
const message = (e: unknown): string => errorWords(e);

/**
 * Asks `getMonitoring` every few seconds, one request at a time; a failure (no link, no reply)
 * is recorded as such, and the last figures stay with their age.
 */
export function startMonitoringPoll(api: ConsoleApi, store: MonitoringStore, options: MonitoringPollOptions = {}): MonitoringPoll {
  const intervalMs = options.intervalMs ?? MONITORING_REFRESH_MS;
  const now = options.now ?? Date.now;
  let inFlight = false;
  let stopped = false;

  const refresh = (): void => {
    if (inFlight || stopped) return;
    inFlight = true;
    api
      .call('getMonitoring', {})
      .then(
        (stats) => {
          if (!stopped) store.getState().record(stats, now());
        },
        (e: unknown) => {
          if (!stopped) store.getState().fail(message(e), now());
        },
      )
      .finally(() => {
        inFlight = false;
      });
  };

  const timer = setInterval(refresh, intervalMs);
  refresh();
  return {
    refresh,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
