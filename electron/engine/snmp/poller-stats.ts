import type { Percentiles } from './types.js';

/** The last `size` observations, for percentiles read on demand (stats() is called rarely). */
export class Window {
  private readonly values: Float64Array;
  private count = 0;
  private next = 0;

  constructor(size = 4096) {
    this.values = new Float64Array(size);
  }

  add(v: number): void {
    this.values[this.next] = v;
    this.next = (this.next + 1) % this.values.length;
    if (this.count < this.values.length) this.count++;
  }

  percentiles(): Percentiles {
    if (this.count === 0) return { p50: null, p99: null, max: null };
    const sorted = this.values.slice(0, this.count).sort();
    const at = (q: number) => round(sorted[Math.min(this.count - 1, Math.floor(q * this.count))]!);
    return { p50: at(0.5), p99: at(0.99), max: round(sorted[this.count - 1]!) };
  }
}

/** Events per second over the last `seconds` complete seconds, in one-second buckets. */
export class RateMeter {
  private readonly buckets: Float64Array;
  private lastSecond: number;
  private readonly startedAt: number;
  private readonly startSecond: number;

  constructor(
    private readonly now: () => number,
    private readonly seconds = 10,
  ) {
    this.buckets = new Float64Array(seconds + 1);
    this.startedAt = now();
    this.startSecond = Math.floor(this.startedAt / 1000);
    this.lastSecond = this.startSecond;
  }

  add(n = 1): void {
    this.roll();
    this.buckets[this.lastSecond % this.buckets.length]! += n;
  }

  perSecond(): number {
    this.roll();
    const complete = Math.min(this.seconds, this.lastSecond - this.startSecond);
    if (complete <= 0) {
      // Not one full second yet: the rate so far.
      const elapsed = Math.max(0.001, (this.now() - this.startedAt) / 1000);
      return round(this.buckets[this.lastSecond % this.buckets.length]! / elapsed);
    }
    let sum = 0;
    for (let i = 1; i <= complete; i++) sum += this.buckets[(this.lastSecond - i) % this.buckets.length]!;
    return round(sum / complete);
  }

  private roll(): void {
    const second = Math.floor(this.now() / 1000);
    const steps = Math.min(this.buckets.length, second - this.lastSecond);
    for (let i = 1; i <= steps; i++) this.buckets[(this.lastSecond + i) % this.buckets.length] = 0;
    if (second > this.lastSecond) this.lastSecond = second;
  }
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/** Counters the poller bumps; `snapshot` adds the live gauges. */
export class PollerCounters {
  polls = 0;
  probes = 0;
  answered = 0;
  timeouts = 0;
  errors = 0;
  overruns = 0;
  readonly rate: RateMeter;
  readonly pollCycle = new Window();
  readonly startDelay = new Window();
  readonly rtt = new Window();

  constructor(now: () => number) {
    this.rate = new RateMeter(now);
  }
}
