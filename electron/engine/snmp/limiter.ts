/**
 * The global bound on SNMP requests in flight, with two lanes: full polls, and re-probes of
 * endpoints in back-off. Probes may hold at most `probeMax` of the `max` slots, so a district gone
 * dark (hundreds of endpoints each holding a slot until its timeout) cannot starve the endpoints
 * that answer. Waiters are served first in, first out; full polls before probes.
 */
export type Lane = 'poll' | 'probe';

class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;
  get length(): number {
    return this.items.length - this.head;
  }
  push(item: T): void {
    this.items.push(item);
  }
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

export class Limiter {
  private active = 0;
  private activeProbes = 0;
  private readonly waiting = { poll: new Fifo<() => void>(), probe: new Fifo<() => void>() };

  constructor(
    readonly max: number,
    readonly probeMax: number = Math.max(1, Math.floor(max / 4)),
  ) {}

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.poll.length + this.waiting.probe.length;
  }

  /** Run `task` when a slot of `lane` is free; the slot is released when it settles. */
  async run<T>(lane: Lane, task: () => Promise<T>): Promise<T> {
    if (!this.canStart(lane)) await new Promise<void>((resolve) => this.waiting[lane].push(resolve));
    else this.take(lane);
    try {
      return await task();
    } finally {
      this.release(lane);
    }
  }

  private canStart(lane: Lane): boolean {
    return this.active < this.max && (lane === 'poll' || this.activeProbes < this.probeMax);
  }

  private take(lane: Lane): void {
    this.active++;
    if (lane === 'probe') this.activeProbes++;
  }

  private release(lane: Lane): void {
    this.active--;
    if (lane === 'probe') this.activeProbes--;
    this.drain();
  }

  /** Hand freed slots to waiters; the slot is taken here, before the waiter resumes. */
  private drain(): void {
    while (this.active < this.max) {
      if (this.waiting.poll.length > 0) {
        this.take('poll');
        this.waiting.poll.shift()!();
      } else if (this.waiting.probe.length > 0 && this.activeProbes < this.probeMax) {
        this.take('probe');
        this.waiting.probe.shift()!();
      } else return;
    }
  }
}
