/**
 * Is the events socket still alive? A CMS is not known to answer WebSocket pings, and a healthy
 * MCU with nothing to report sends nothing, so silence alone proves nothing and a missing pong must
 * never drop a socket. Instead, after `probeAfterMs` of quiet we send a request the MCU must answer
 * (a resubscribe, acknowledged by a messageAck), again every `probeAfterMs` while it stays quiet;
 * after `unconfirmedAfterMs` of quiet the rosters are marked unconfirmed (at once shown as such);
 * after `deadAfterMs` the socket is taken as half-open and dropped. Anything received (a message,
 * an ack, a pong, even a frame we cannot use) is a sign of life.
 *
 * Assumed (no public source either way): a CMS acknowledges a repeated subscribeRequest like any
 * other; clients resend their whole list to add a call, so a repeat is an ordinary request, and
 * the call table takes any full lists it may resend as upserts.
 */

export interface LivenessSettings {
  /** Quiet this long → send a probe. Default 4 s. */
  readonly probeAfterMs: number;
  /** Quiet this long → rosters unconfirmed. Default 7 s (the console promises ≤ 10 s). */
  readonly unconfirmedAfterMs: number;
  /** Quiet this long (probes unanswered) → the socket is dead. Default 14 s. */
  readonly deadAfterMs: number;
}

export const DEFAULT_LIVENESS: LivenessSettings = { probeAfterMs: 4_000, unconfirmedAfterMs: 7_000, deadAfterMs: 14_000 };

export interface LivenessHooks {
  readonly now: () => number;
  readonly probe: () => void;
  /** Quiet since `lastHeardAt` (epoch ms). */
  readonly unconfirmed: (lastHeardAt: number) => void;
  /** Heard again after being unconfirmed. */
  readonly confirmed: () => void;
  readonly dead: (quietMs: number) => void;
}

/** Checks run this often: a quarter of the probe delay, between 25 ms and 1 s. */
export const checkInterval = (s: LivenessSettings): number => Math.max(25, Math.min(1_000, Math.floor(s.probeAfterMs / 4)));

export class Liveness {
  private lastHeard: number;
  private probedAt: number | null = null;
  private isUnconfirmed = false;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly settings: LivenessSettings,
    private readonly hooks: LivenessHooks,
  ) {
    this.lastHeard = hooks.now();
  }

  start(): void {
    this.lastHeard = this.hooks.now();
    this.timer ??= setInterval(() => this.check(), checkInterval(this.settings));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  get unconfirmed(): boolean {
    return this.isUnconfirmed;
  }

  heard(): void {
    this.lastHeard = this.hooks.now();
    this.probedAt = null;
    if (!this.isUnconfirmed) return;
    this.isUnconfirmed = false;
    this.hooks.confirmed();
  }

  /** One check (the timer calls it; tests may too). */
  check(): void {
    if (!this.timer) return;
    const now = this.hooks.now();
    const quiet = now - this.lastHeard;
    if (quiet >= this.settings.deadAfterMs) {
      this.stop();
      this.hooks.dead(quiet);
      return;
    }
    if (quiet >= this.settings.unconfirmedAfterMs && !this.isUnconfirmed) {
      this.isUnconfirmed = true;
      this.hooks.unconfirmed(this.lastHeard);
    }
    if (quiet >= this.settings.probeAfterMs && (this.probedAt === null || now - this.probedAt >= this.settings.probeAfterMs)) {
      this.probedAt = now;
      this.hooks.probe();
    }
  }
}
