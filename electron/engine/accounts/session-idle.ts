/**
 * How long a login session may stay idle (no key or pointer on the console) before it ends: a
 * setting of the control centre (`serve --session-idle-min`, the desktop's `sessionIdleMinutes`).
 * A wall display watched without touching wants more than the desks' default.
 */
export const SESSION_IDLE_MINUTES = { min: 1, max: 24 * 60, default: 30 } as const;

/** The minutes as given, or why they cannot be (a sentence for the usage error or the log). */
export function checkSessionIdleMinutes(value: unknown): { ok: true; minutes: number } | { ok: false; why: string } {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < SESSION_IDLE_MINUTES.min || n > SESSION_IDLE_MINUTES.max) {
    return { ok: false, why: `must be whole minutes from ${SESSION_IDLE_MINUTES.min} to ${SESSION_IDLE_MINUTES.max} (a day), not ${JSON.stringify(value)}` };
  }
  return { ok: true, minutes: n };
}
