/**
 * Alarm flood (EEMUA 191): more than 10 new alarms in 10 minutes is more than an operator can
 * take in, so annunciation switches to one summary per area ("N new alarms in Ba Bể") until
 * fewer than 5 arrived in the last 10 minutes. Pure state, replayed by tests.
 */
export const FLOOD_WINDOW_MS = 10 * 60_000;
export const FLOOD_ENTER_ABOVE = 10;
export const FLOOD_LEAVE_BELOW = 5;

export interface FloodState {
  /** Times of alarms that would have been annunciated, within the window, oldest first. */
  readonly recent: readonly number[];
  readonly since: number | null;
  /** New alarms per area (district) since the flood began: what the summary says. */
  readonly byArea: Readonly<Record<string, number>>;
  /** Floods that ended, for the KPI "% of time in flood". */
  readonly past: readonly { readonly start: number; readonly end: number }[];
}

/** How long ended floods are remembered (the KPI panel looks back at most this far). */
export const FLOOD_MEMORY_MS = 31 * 24 * 3600_000;

export const NO_FLOOD: FloodState = { recent: [], since: null, byArea: {}, past: [] };

export function inFlood(state: FloodState): boolean {
  return state.since !== null;
}

/**
 * A new annunciable alarm at `now` in `area`: whether to annunciate it on its own (false while a
 * flood lasts, and for the one that starts it), and the flood state after it.
 */
export function noteNewAlarm(state: FloodState, now: number, area: string): { state: FloodState; annunciate: boolean } {
  const recent = [...state.recent.filter((t) => now - t < FLOOD_WINDOW_MS), now];
  if (state.since !== null) return { state: { ...state, recent, byArea: { ...state.byArea, [area]: (state.byArea[area] ?? 0) + 1 } }, annunciate: false };
  if (recent.length > FLOOD_ENTER_ABOVE) {
    return { state: { ...state, recent, since: now, byArea: { [area]: 1 } }, annunciate: false };
  }
  return { state: { ...state, recent }, annunciate: true };
}

/** Time passing: the flood ends once fewer than 5 new alarms remain in the window. */
export function tickFlood(state: FloodState, now: number): FloodState {
  const recent = state.recent.filter((t) => now - t < FLOOD_WINDOW_MS);
  const past = state.past.filter((s) => now - s.end < FLOOD_MEMORY_MS);
  if (state.since !== null && recent.length < FLOOD_LEAVE_BELOW) {
    return { recent, since: null, byArea: {}, past: [...past, { start: state.since, end: now }] };
  }
  return recent.length === state.recent.length && past.length === state.past.length ? state : { ...state, recent, past };
}

/** Milliseconds of [from, to) spent in flood, the flood still running included. */
export function floodMs(state: FloodState, from: number, to: number): number {
  const spans = [...state.past, ...(state.since !== null ? [{ start: state.since, end: to }] : [])];
  return spans.reduce((sum, s) => sum + Math.max(0, Math.min(s.end, to) - Math.max(s.start, from)), 0);
}
