/**
 * Back-off of one endpoint, as a small pure state machine (the poller asks it what each tick does
 * and tells it how the tick went).
 *
 * - Answering endpoint: every tick is a full poll.
 * - After FAILURES_TO_BACK_OFF full polls in a row without an answer, the endpoint is backed off:
 *   each tick (still every interval) sends only a probe, one sysUpTime GET with one attempt, so a
 *   dead codec costs one slot for one timeout per interval instead of every PDU × every retry.
 *   As soon as a probe answers, the full poll runs in the same tick: a recovered codec shows up
 *   within one interval.
 * - Exponential part: if the probe answers but the full poll still fails (an agent that answers
 *   sysUpTime but drops the big GET), full polls are tried only every 2, 4, 8 … ticks, capped at
 *   CAP_TICKS; probes keep reporting it up in between. Failures that are not timeouts (a name that
 *   does not resolve) space the probes the same way, so a dead DNS name does not cost a lookup per
 *   interval.
 */
export const FAILURES_TO_BACK_OFF = 2;
export const CAP_TICKS = 12;

export type TickKind = 'poll' | 'probe' | 'skip';

export class Backoff {
  /** Full polls in a row without an answer. */
  private failures = 0;
  /** 0: not backed off; n ≥ 1: full polls (or probes after hard errors) every 2^(n-1) ticks. */
  private level = 0;
  private ticksSinceTry = 0;
  /** The last failure in back-off was a timeout (probe each tick) or something harder (spaced). */
  private hardFailure = false;

  get backedOff(): boolean {
    return this.level > 0;
  }

  /** What this tick sends. */
  tick(): TickKind {
    if (this.level === 0) return 'poll';
    this.ticksSinceTry++;
    if (this.hardFailure && this.ticksSinceTry < this.spacing()) return 'skip';
    return 'probe';
  }

  /** After a probe answered: is a full poll due now? */
  fullPollDue(): boolean {
    return this.hardFailure || this.ticksSinceTry >= this.spacing();
  }

  /** Outcome of a full poll. */
  polled(answered: boolean, timedOut: boolean): void {
    if (answered) {
      this.failures = 0;
      this.level = 0;
      this.hardFailure = false;
      this.ticksSinceTry = 0;
      return;
    }
    this.failures++;
    if (this.level > 0) this.escalate(!timedOut);
    else if (this.failures >= FAILURES_TO_BACK_OFF) {
      this.level = 1;
      this.ticksSinceTry = 0;
      this.hardFailure = !timedOut;
    }
  }

  /** Outcome of a probe that did not lead to a full poll. */
  probed(answered: boolean, timedOut: boolean): void {
    if (answered) {
      this.hardFailure = false;
      return;
    }
    if (!timedOut) this.escalate(true);
    else this.hardFailure = false;
  }

  private escalate(hard: boolean): void {
    this.hardFailure = hard;
    this.ticksSinceTry = 0;
    if (this.spacing() < CAP_TICKS) this.level++;
  }

  private spacing(): number {
    return Math.min(CAP_TICKS, 2 ** (this.level - 1));
  }
}
