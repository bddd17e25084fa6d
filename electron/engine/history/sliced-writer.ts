/**
 * Writes a long list in slices, one transaction each, so no single task holds the main thread for
 * long (issue 10: at 5,000 codecs a minute's close is 5,000 rollup rows, an hour's 15,000).
 *
 * `push` writes, in ONE call of `writeSlice` (the store's transaction), the caller's other work and
 * up to `sliceRows` items: those still queued first, then the new ones, in order. What does not fit
 * waits in the queue and goes in later slices, `gapMs` apart, each its own call. If a call throws,
 * nothing of that call is taken: `push` rethrows with the new items not queued (the caller keeps
 * them and retries), a later slice stays queued and is retried at the next push or after
 * `retryMs`. `drain` writes everything queued in one call: before a read (so reads see every row
 * handed over) and at shutdown (so a clean stop loses nothing). A crash between slices loses the
 * rows still queued: at most one flush's worth, written within a fraction of a second.
 */

export interface SliceOptions {
  /** Items per slice (default 500: for the store, metric rows, about 125 rows of history_buckets). */
  readonly sliceRows?: number;
  /** Pause between slices (default 5 ms). */
  readonly gapMs?: number;
  /** Pause before retrying a slice that failed (default 10 s). */
  readonly retryMs?: number;
  /** At most this many items wait; beyond it the oldest are dropped (default 200,000). */
  readonly maxQueued?: number;
  /** How a later slice is scheduled (tests pass their own; default an unref'd setTimeout). */
  readonly schedule?: (run: () => void, ms: number) => void;
  /** Told once per run of failures, and once when the queue overflows. */
  readonly onError?: (message: string, e?: unknown) => void;
}

const defaultSchedule = (run: () => void, ms: number): void => {
  setTimeout(run, ms).unref?.();
};

export class SlicedWriter<T> {
  private queue: T[] = [];
  private head = 0;
  private scheduled = false;
  private failing = false;
  private readonly sliceRows: number;
  private readonly gapMs: number;
  private readonly retryMs: number;
  private readonly maxQueued: number;
  private readonly schedule: (run: () => void, ms: number) => void;
  private readonly onError: (message: string, e?: unknown) => void;
  /** Slices written (by push, by the timer, by drain). */
  slices = 0;
  /** Items dropped because the queue overflowed while writes failed. */
  dropped = 0;

  constructor(
    private readonly writeSlice: (items: readonly T[], extra?: () => void) => void,
    options: SliceOptions = {},
  ) {
    this.sliceRows = Math.max(1, options.sliceRows ?? 500);
    this.gapMs = options.gapMs ?? 5;
    this.retryMs = options.retryMs ?? 10_000;
    this.maxQueued = options.maxQueued ?? 200_000;
    this.schedule = options.schedule ?? defaultSchedule;
    this.onError = options.onError ?? ((m, e) => console.error(`bridgepoint: history: ${m}`, e ?? ''));
  }

  get queued(): number {
    return this.queue.length - this.head;
  }

  /** `extra` and the first slice of (queued ++ items) in one call; the rest later. Throws as `writeSlice` does. */
  push(items: readonly T[], extra?: () => void): void {
    const queued = this.queued;
    const n = Math.min(this.sliceRows, queued + items.length);
    const slice = n <= queued ? this.queue.slice(this.head, this.head + n) : [...this.queue.slice(this.head), ...items.slice(0, n - queued)];
    this.writeSlice(slice, extra);
    this.slices++;
    this.failing = false;
    if (n <= queued) {
      this.head += n;
      for (const it of items) this.queue.push(it);
    } else {
      this.queue = items.slice(n - queued);
      this.head = 0;
    }
    this.bound();
    this.later(this.gapMs);
  }

  /** Everything queued, in one call. Throws as `writeSlice` does (the items stay queued). */
  drain(): void {
    if (this.queued === 0) return;
    this.writeSlice(this.queue.slice(this.head));
    this.slices++;
    this.queue = [];
    this.head = 0;
  }

  private tick(): void {
    this.scheduled = false;
    if (this.queued === 0) return;
    const slice = this.queue.slice(this.head, this.head + this.sliceRows);
    try {
      this.writeSlice(slice);
    } catch (e) {
      if (!this.failing) this.onError(`cannot write a slice of ${slice.length} rollup rows (kept, retried):`, e);
      this.failing = true;
      this.later(this.retryMs);
      return;
    }
    this.slices++;
    this.failing = false;
    this.head += slice.length;
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.later(this.gapMs);
  }

  private later(ms: number): void {
    if (this.scheduled || this.queued === 0) return;
    this.scheduled = true;
    this.schedule(() => this.tick(), ms);
  }

  private bound(): void {
    const over = this.queued - this.maxQueued;
    if (over <= 0) return;
    this.head += over;
    this.dropped += over;
    this.onError(`${over} rollup rows dropped: more than ${this.maxQueued} waited to be written`);
  }
}
