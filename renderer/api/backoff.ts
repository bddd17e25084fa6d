/** Reconnect delays: exponential, capped, with "equal jitter" so many desks do not retry in step. */
export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 15_000, factor: 2 };

/** Delay before attempt `attempt` (1 = the first retry); `random` in [0, 1). */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exp = options.initialMs * options.factor ** Math.max(0, attempt - 1);
  const capped = Math.min(options.maxMs, exp);
  return Math.round(capped / 2 + (random() * capped) / 2);
}
