/** Reconnect delays: exponential with jitter, and a slower pace after the MCU refused our credentials. */

export interface BackoffSettings {
  readonly initialMs: number;
  readonly maxMs: number;
  /** Ceiling after connections that opened but never delivered a complete roster. Default 60 s. */
  readonly stalledMaxMs?: number;
}

/**
 * A fault that recurs on every connection (a roster frame over the size cap) must not become a
 * reconnect-and-login loop: those retries keep doubling up to a minute until a roster is read.
 */
export const DEFAULT_STALLED_MAX_MS = 60_000;

/**
 * One MCU per console, so retrying often costs nothing, and after an outage the console must be
 * live again within seconds (issue 4: full resync ≤ 5 s): delays stop growing at 4 s.
 */
export const DEFAULT_BACKOFF: BackoffSettings = { initialMs: 500, maxMs: 4_000 };

/** Refusals in a row retried at the normal pace (a token refused once during an MCU restart). */
export const AUTH_FAST_RETRIES = 5;
/** The slow pace after that: wrong credentials will not fix themselves, and a lockout must be avoided. */
export const AUTH_SLOW_RETRY_MS = 30_000;

/**
 * Delay before reconnect attempt `attempt` (0 = first retry): initial × 2^attempt capped at max,
 * then "equal jitter" (a random point in the upper half) so many consoles that lost the same MCU
 * do not come back in step.
 */
export function retryDelay(attempt: number, settings: BackoffSettings, random: () => number): number {
  const ceiling = Math.min(settings.maxMs, settings.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * clamp01(random()));
}

/**
 * Delay after the `refusals`-th refused token in a row (401 at authTokens, 0 = first): the normal
 * pace for the first few (an MCU restarting may refuse briefly), then 30 s ±20 %, since wrong
 * credentials will not fix themselves and hammering the login can lock the API account out.
 */
export function authRetryDelay(refusals: number, settings: BackoffSettings, random: () => number): number {
  if (refusals < AUTH_FAST_RETRIES) return retryDelay(refusals, settings, random);
  return Math.round(AUTH_SLOW_RETRY_MS * (0.8 + 0.4 * clamp01(random())));
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0.5;
}
