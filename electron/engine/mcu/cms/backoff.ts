/** Reconnect delays: exponential with jitter, and a slower pace after the MCU refused our credentials. */

export interface BackoffSettings {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { initialMs: 1_000, maxMs: 30_000 };

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
 * Delay after a refused token (401 at authTokens): twice the cap, ±20 %. Wrong credentials will
 * not fix themselves quickly, and hammering the MCU's login can lock the API account out.
 */
export function authRetryDelay(settings: BackoffSettings, random: () => number): number {
  return Math.round(settings.maxMs * 2 * (0.8 + 0.4 * clamp01(random())));
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0.5;
}
