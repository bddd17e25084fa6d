import { isActive, type Alarm } from './alarm-machine.js';
import type { AlarmRule } from './alarm-rules.js';

/**
 * When the passing of time alone will next change an alarm (`tick`): its on-delay or off-delay
 * running out, or its shelf expiring. Infinity when time alone changes nothing (a condition that
 * agrees with the state, nothing shelved): most of a large book, most of the time.
 */
export function dueAt(alarm: Alarm, rule: AlarmRule): number {
  let at = alarm.shelved ? alarm.shelved.until : Infinity;
  const active = isActive(alarm);
  if (alarm.condition && !active) at = Math.min(at, alarm.conditionSince + rule.onDelayS * 1000);
  else if (!alarm.condition && active) at = Math.min(at, alarm.conditionSince + rule.offDelayS * 1000);
  return at;
}

/**
 * Alarm ids by the time they are due, earliest first (a binary min-heap). An id may be queued more
 * than once, or for a time that no longer holds: whoever pops it ticks the alarm, which changes
 * nothing when it was not due, and queues it again at its new time.
 */
export class DueQueue {
  private readonly at: number[] = [];
  private readonly ids: string[] = [];

  get size(): number {
    return this.at.length;
  }

  push(id: string, at: number): void {
    if (!Number.isFinite(at)) return;
    let i = this.at.length;
    this.at.push(at);
    this.ids.push(id);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (this.at[up]! <= at) break;
      this.move(up, i);
      i = up;
    }
    this.at[i] = at;
    this.ids[i] = id;
  }

  /** Every id due at or before `now`, removed from the queue. */
  popDue(now: number): string[] {
    const out: string[] = [];
    while (this.at.length > 0 && this.at[0]! <= now) out.push(this.popFirst());
    return out;
  }

  private popFirst(): string {
    const first = this.ids[0]!;
    const lastAt = this.at.pop()!;
    const lastId = this.ids.pop()!;
    const n = this.at.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const c = l + 1 < n && this.at[l + 1]! < this.at[l]! ? l + 1 : l;
        if (this.at[c]! >= lastAt) break;
        this.move(c, i);
        i = c;
      }
      this.at[i] = lastAt;
      this.ids[i] = lastId;
    }
    return first;
  }

  private move(from: number, to: number): void {
    this.at[to] = this.at[from]!;
    this.ids[to] = this.ids[from]!;
  }
}
