/**
 * Failed logins slow down per (account, source address) instead of locking the account: the
 * first few failures cost nothing, then each one doubles the wait, up to a ceiling. An attacker
 * hammering from one address delays only that address's attempts on that account; the operator
 * at another desk logs in as usual. A success clears the slate for that pair.
 */
export interface BackoffOptions {
  /** Failures allowed without waiting (default 3). */
  readonly freeFailures?: number;
  readonly baseMs?: number;
  readonly maxMs?: number;
  /** Pairs kept at most; the least recently failed are forgotten first (default 10,000). */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

interface Entry {
  failures: number;
  nextAllowedAt: number;
  /** A refusal was reported since the last failure (refusals are audited once per wait). */
  refusalNoted: boolean;
}

export class LoginBackoff {
  private readonly entries = new Map<string, Entry>();
  private readonly freeFailures: number;
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: BackoffOptions = {}) {
    this.freeFailures = options.freeFailures ?? 3;
    this.baseMs = options.baseMs ?? 1_000;
    this.maxMs = options.maxMs ?? 5 * 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  private static key(user: string, source: string): string {
    return `${user}\u0000${source}`;
  }

  /** Seconds to wait before this pair may try again; 0 when it may try now. */
  retryAfterS(user: string, source: string): number {
    const entry = this.entries.get(LoginBackoff.key(user, source));
    if (!entry) return 0;
    const wait = entry.nextAllowedAt - this.now();
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  /** The wait after `failures` consecutive failures: 0 … 0, then base, 2 × base, … up to max. */
  delayAfter(failures: number): number {
    if (failures <= this.freeFailures) return 0;
    const steps = failures - this.freeFailures - 1;
    return Math.min(this.maxMs, this.baseMs * 2 ** Math.min(steps, 30));
  }

  fail(user: string, source: string): void {
    const key = LoginBackoff.key(user, source);
    const entry = this.entries.get(key) ?? { failures: 0, nextAllowedAt: 0, refusalNoted: false };
    this.entries.delete(key); // re-insert: the map's order is the eviction order
    entry.failures += 1;
    entry.nextAllowedAt = this.now() + this.delayAfter(entry.failures);
    entry.refusalNoted = false;
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /**
   * True for the first refusal of a wait, false for the rest: a script hammering a slowed pair
   * costs nothing to refuse and must not flood the audit log either.
   */
  noteRefusal(user: string, source: string): boolean {
    const entry = this.entries.get(LoginBackoff.key(user, source));
    if (!entry || entry.refusalNoted) return false;
    entry.refusalNoted = true;
    return true;
  }

  succeed(user: string, source: string): void {
    this.entries.delete(LoginBackoff.key(user, source));
  }

  failures(user: string, source: string): number {
    return this.entries.get(LoginBackoff.key(user, source))?.failures ?? 0;
  }
}
