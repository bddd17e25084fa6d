/**
 * Log lines about bad input, rate-limited per kind and source address: a storm of bad packets
 * must not become a storm of log lines. Per (kind, source) at most `burst` lines in a window of
 * `windowMs` (the window opens with the first line); when it closes, one summary line says how
 * many more there were. Past `maxKeys` pairs, new sources share one bucket ("other addresses"),
 * so a storm from spoofed addresses cannot grow the table either.
 *
 * FloodLimiter is the pure rule (the caller passes the time); createFloodLog puts it on a timer.
 */

export interface FloodLimits {
  /** Lines written per (kind, source) per window. */
  readonly burst: number;
  readonly windowMs: number;
  /** (kind, source) pairs tracked at once; past that, new sources share one bucket. */
  readonly maxKeys: number;
}

export const DEFAULT_FLOOD_LIMITS: FloodLimits = { burst: 3, windowMs: 10_000, maxKeys: 1000 };

/** The bucket sources share once `maxKeys` pairs are tracked. */
export const OTHER_SOURCES = 'other addresses';

export interface Suppressed {
  /** A plural noun phrase: "unreadable packets". */
  readonly kind: string;
  readonly source: string;
  readonly count: number;
  readonly windowMs: number;
}

interface Bucket {
  readonly kind: string;
  readonly source: string;
  readonly opened: number;
  written: number;
  suppressed: number;
}

export class FloodLimiter {
  private readonly buckets = new Map<string, Bucket>();
  /** Windows admit() found ended that held back lines, for the next expire(). */
  private ended: Suppressed[] = [];

  constructor(private readonly limits: FloodLimits = DEFAULT_FLOOD_LIMITS) {}

  /** True when this line may be written; false when it is only counted for the summary. */
  admit(kind: string, source: string, now: number): boolean {
    const bucket = this.bucket(kind, source, now);
    if (bucket.written < this.limits.burst) {
      bucket.written++;
      return true;
    }
    bucket.suppressed++;
    return false;
  }

  /** Close the windows that ended by `now`; those that held back lines, for their summary. */
  expire(now: number): Suppressed[] {
    const out = this.ended;
    this.ended = [];
    for (const [key, b] of this.buckets) {
      if (now - b.opened < this.limits.windowMs) continue;
      this.buckets.delete(key);
      this.close(b, out);
    }
    return out;
  }

  /** Every open window's held-back count (at close), regardless of time. */
  drain(): Suppressed[] {
    const out = this.expire(Number.POSITIVE_INFINITY);
    this.buckets.clear();
    return out;
  }

  get tracked(): number {
    return this.buckets.size;
  }

  private bucket(kind: string, source: string, now: number): Bucket {
    let key = `${kind}\u0000${source}`;
    let from = source;
    if (!this.buckets.has(key) && this.buckets.size >= this.limits.maxKeys) {
      key = `${kind}\u0000${OTHER_SOURCES}`;
      from = OTHER_SOURCES;
    }
    const found = this.buckets.get(key);
    if (found && now - found.opened < this.limits.windowMs) return found;
    if (found) {
      this.buckets.delete(key);
      this.close(found, this.ended);
    }
    const b: Bucket = { kind, source: from, opened: now, written: 0, suppressed: 0 };
    this.buckets.set(key, b);
    return b;
  }

  private close(b: Bucket, into: Suppressed[]): void {
    if (b.suppressed > 0) into.push({ kind: b.kind, source: b.source, count: b.suppressed, windowMs: this.limits.windowMs });
  }
}

/** "… and 9,999 more bad packets from 127.0.0.1 in the last 10 s" */
export function summaryLine(prefix: string, s: Suppressed): string {
  return `${prefix}… and ${s.count.toLocaleString('en-US')} more ${s.kind} from ${s.source} in the last ${Math.round(s.windowMs / 1000)} s`;
}

export interface FloodLog {
  /** Write `text` unless (kind, source) is over its budget (then false); kind is a plural noun phrase. */
  line(kind: string, source: string, text: string): boolean;
  /** Write the pending summaries and stop the timer. */
  close(): void;
}

/** A FloodLimiter in front of `write`, summaries written by an unref'd timer once a second. */
export function createFloodLog(
  write: (line: string) => void,
  prefix: string,
  limits: FloodLimits = DEFAULT_FLOOD_LIMITS,
  now: () => number = Date.now,
): FloodLog {
  const limiter = new FloodLimiter(limits);
  const flush = (list: Suppressed[]) => {
    for (const s of list) write(summaryLine(prefix, s));
  };
  const timer = setInterval(() => flush(limiter.expire(now())), Math.min(1000, limits.windowMs));
  timer.unref();
  return {
    line(kind, source, text) {
      const admitted = limiter.admit(kind, source, now());
      if (admitted) write(text);
      return admitted;
    },
    close() {
      clearInterval(timer);
      flush(limiter.drain());
    },
  };
}
