import type { McuState, McuStatus } from '../../../../shared/conference.js';

/** Extra fields of a status (see McuStatusSchema). */
export type StatusExtra = Pick<McuStatus, 'problem' | 'retryAt' | 'unconfirmed' | 'lastHeardAt'>;

/**
 * The driver's McuStatus and its listeners: emitted only on change; `since` moves when the
 * connection becomes ok or stops being ok, not on every retry.
 */
export class DriverStatus {
  private value: McuStatus;
  private sinceMs: number;
  private readonly listeners = new Set<(s: McuStatus) => void>();

  constructor(
    private readonly now: () => number,
    private readonly safely: (fn: () => void) => void,
  ) {
    this.sinceMs = now();
    this.value = { state: 'none', message: 'not started', since: new Date(this.sinceMs).toISOString() };
  }

  get current(): McuStatus {
    return this.value;
  }

  /** Epoch ms of `current.since`. */
  get since(): number {
    return this.sinceMs;
  }

  on(listener: (s: McuStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.listeners.clear();
  }

  set(state: McuState, message: string, extra: StatusExtra = {}): void {
    const prev = this.value;
    if ((state === 'ok') !== (prev.state === 'ok')) this.sinceMs = this.now();
    const next: McuStatus = {
      state,
      message,
      since: new Date(this.sinceMs).toISOString(),
      problem: extra.problem ?? null,
      retryAt: extra.retryAt ?? null,
      unconfirmed: extra.unconfirmed ?? false,
      lastHeardAt: extra.lastHeardAt ?? null,
    };
    const same =
      state === prev.state &&
      message === prev.message &&
      next.problem === (prev.problem ?? null) &&
      next.retryAt === (prev.retryAt ?? null) &&
      next.unconfirmed === (prev.unconfirmed ?? false);
    if (same) return;
    this.value = next;
    for (const l of this.listeners) this.safely(() => l(next));
  }
}
