import { create } from 'zustand';
import type { UserActivity } from '../api/user-activity.js';

/** How long before the idle expiry the console warns the person at it. */
export const IDLE_WARNING_S = 60;

export interface IdleState {
  /** Seconds until the session ends for want of input, while the warning shows; null otherwise. */
  readonly secondsLeft: number | null;
  /** The session's idle time (minutes) the warning names. */
  readonly idleMinutes: number | null;
}

export const useIdleStore = create<IdleState>()(() => ({ secondsLeft: null, idleMinutes: null }));

export interface IdleWatchOptions {
  readonly activity: UserActivity;
  /** The session's idle expiry (whoami), once known. */
  readonly idleTimeoutS: () => number | undefined;
  /** Tell the engine the person is back (a request states the new idle time). */
  readonly ping: () => void;
  readonly everyMs?: number;
}

/**
 * Warns a minute before the engine would end the session for want of input (issue 11: idle
 * expiry), and when the person acts while warned, tells the engine at once rather than at the next
 * poll, which might come after the expiry.
 */
export function startIdleWatch(options: IdleWatchOptions): () => void {
  let warned = false;
  /** The store written only when its figures change (the check runs every second). */
  const show = (secondsLeft: number | null, idleMinutes: number | null): void => {
    const now = useIdleStore.getState();
    if (now.secondsLeft !== secondsLeft || now.idleMinutes !== idleMinutes) useIdleStore.setState({ secondsLeft, idleMinutes });
  };
  const check = (): void => {
    const timeoutS = options.idleTimeoutS();
    if (!timeoutS) return show(null, null);
    const left = Math.ceil((timeoutS * 1000 - options.activity.idleMs()) / 1000);
    if (left <= IDLE_WARNING_S) {
      warned = true;
      return show(Math.max(0, left), Math.round(timeoutS / 60));
    }
    if (warned) {
      warned = false;
      options.ping();
    }
    show(null, null);
  };
  const timer = setInterval(check, options.everyMs ?? 1_000);
  check();
  return () => {
    clearInterval(timer);
    show(null, null);
  };
}
