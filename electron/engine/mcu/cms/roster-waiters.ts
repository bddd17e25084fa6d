/**
 * Waiting for the roster to show something (e.g. every participant in a whole-call layout): each
 * wait is checked at once and after every change of the call table, and ends when its check holds
 * or its time is up, whichever comes first. A check that throws counts as holding (and is logged),
 * so a wait can never outlive its time or take the driver down.
 */
export class RosterWaiters {
  private readonly checks = new Set<() => void>();

  constructor(private readonly log: (line: string) => void) {}

  until(settled: () => boolean, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.checks.delete(check);
        resolve();
      };
      const check = (): void => {
        let ok = true;
        try {
          ok = settled();
        } catch (e) {
          this.log(`roster check failed: ${(e as Error).message}`);
        }
        if (ok) finish();
      };
      const timer = setTimeout(finish, ms);
      this.checks.add(check);
      check();
    });
  }

  /** The call table changed: run every pending check. */
  changed(): void {
    for (const check of [...this.checks]) check();
  }
}
