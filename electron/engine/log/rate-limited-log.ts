/**
 * Log lines from the network, rate-limited per kind and source: a storm of bad packets writes the
 * first line of each window, then one summary ("… and 9,999 more bad packets from 127.0.0.1 in
 * the last 10 s"), not a line per packet. Bounded: at most `maxKeys` sources are tracked per
 * window; the rest are folded into one "other sources" count.
 */
export interface RateLimitedLogOptions {
  /** Length of a window (default 10 s). */
  readonly windowMs?: number;
  /** Lines written as they come per (kind, source) in one window before counting starts (default 1). */
  readonly burst?: number;
  /** Sources tracked per window (default 100). */
  readonly maxKeys?: number;
  readonly write?: (line: string) => void;
  readonly now?: () => number;
}

export interface RateLimitedLog {
  /** `kind` names what happened in the plural ("bad packets"), `source` where it came from. */
  warn(kind: string, source: string, message: string): void;
  /** Write the pending summaries now (on close, or by a timer). */
  flush(): void;
  close(): void;
}

interface Counter {
  written: number;
  suppressed: number;
}

const OTHER = '\u0000other';

export function createRateLimitedLog(options: RateLimitedLogOptions = {}): RateLimitedLog {
  const windowMs = options.windowMs ?? 10_000;
  const burst = options.burst ?? 1;
  const maxKeys = options.maxKeys ?? 100;
  const write = options.write ?? ((line: string) => console.warn(line));
  const now = options.now ?? Date.now;
  let windowStart = now();
  const counters = new Map<string, Map<string, Counter>>();
  let timer: NodeJS.Timeout | null = null;

  const summarise = (): void => {
    const seconds = Math.round(windowMs / 1000);
    for (const [kind, bySource] of counters) {
      for (const [source, c] of bySource) {
        if (c.suppressed === 0) continue;
        const from = source === OTHER ? 'other sources' : source;
        write(`bridgepoint: … and ${c.suppressed.toLocaleString('en-US')} more ${kind} from ${from} in the last ${seconds} s`);
      }
    }
    counters.clear();
  };
  const roll = (): void => {
    const t = now();
    if (t - windowStart < windowMs) return;
    summarise();
    windowStart = t;
  };
  const arm = (): void => {
    if (timer || options.now) return; // with an injected clock the caller drives flush()
    timer = setTimeout(() => {
      timer = null;
      roll();
      if (counters.size) arm();
    }, windowMs);
    timer.unref();
  };

  return {
    warn(kind, source, message) {
      roll();
      let bySource = counters.get(kind);
      if (!bySource) counters.set(kind, (bySource = new Map()));
      let key = source;
      if (!bySource.has(key) && bySource.size >= maxKeys) key = OTHER;
      let c = bySource.get(key);
      if (!c) bySource.set(key, (c = { written: 0, suppressed: 0 }));
      if (c.written < burst && key !== OTHER) {
        c.written++;
        write(message);
      } else {
        c.suppressed++;
      }
      arm();
    },
    flush() {
      summarise();
      windowStart = now();
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
      summarise();
    },
  };
}
