/**
 * How many bad datagrams a sender (address and port) may send per second before the trap
 * receiver stops reading its datagrams for the rest of that second: they are then counted as
 * 'over_budget' without being parsed, so a storm costs a counter increment per packet instead of
 * a BER decode and an authorizer check. Keyed by address and port, not address alone: the
 * simulator's codecs all send from 127.0.0.1, each from its own port, and a storm from one
 * socket must not silence the others. A sender that only sends good notifications is never
 * limited; a legitimate codec never sends hundreds of bad datagrams a second.
 *
 * Pure: the caller passes the time. The table is cleared when it grows past `maxSenders`.
 */
export interface SenderBudgetLimits {
  readonly badPerSecond: number;
  readonly maxSenders: number;
}

export const DEFAULT_SENDER_BUDGET: SenderBudgetLimits = { badPerSecond: 200, maxSenders: 10_000 };

export class SenderBudget {
  private readonly senders = new Map<string, { second: number; bad: number }>();

  constructor(private readonly limits: SenderBudgetLimits = DEFAULT_SENDER_BUDGET) {}

  /** False while `sender` is over its budget of bad datagrams in the current second. */
  admits(sender: string, nowMs: number): boolean {
    const s = this.senders.get(sender);
    return !s || s.second !== Math.floor(nowMs / 1000) || s.bad < this.limits.badPerSecond;
  }

  /** One more bad datagram from `sender`. */
  noteBad(sender: string, nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    const s = this.senders.get(sender);
    if (s && s.second === second) {
      s.bad++;
      return;
    }
    if (!s && this.senders.size >= this.limits.maxSenders) this.senders.clear();
    this.senders.set(sender, { second, bad: 1 });
  }
}
