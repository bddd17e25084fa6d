import type { PollSample } from '../../../electron/engine/snmp/poller.js';

/** Samples per endpoint as the poller reports them, and a way to wait for the one a test needs. */
export class SampleLog {
  readonly byEndpoint = new Map<string, PollSample[]>();
  readonly lines: string[] = [];
  private waiters: (() => void)[] = [];

  readonly onSample = (id: string, s: PollSample): void => {
    const list = this.byEndpoint.get(id) ?? [];
    list.push(s);
    this.byEndpoint.set(id, list);
    this.notify();
  };

  readonly onLog = (line: string): void => {
    this.lines.push(line);
    this.notify();
  };

  of(id: string): PollSample[] {
    return this.byEndpoint.get(id) ?? [];
  }

  /** The first sample of `id` after the `skip` first ones that satisfies `pred`. */
  async next(id: string, pred: (s: PollSample) => boolean = () => true, skip = 0, timeoutMs = 5000): Promise<PollSample> {
    return this.until(() => this.of(id).slice(skip).find(pred), `a sample of ${id}`, timeoutMs);
  }

  async until<T>(probe: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v !== undefined && v !== false) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; log:\n${this.lines.join('\n')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Wake waiters after something they may wait for happened. */
  notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
