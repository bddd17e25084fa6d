/**
 * Armed, then fired (ui.md): the first press arms the action and starts a countdown; a second
 * press within it fires. A second press sooner than ARM_GUARD_MS after arming is a double click
 * and is ignored; the countdown running out disarms.
 */
export const ARM_SECONDS = 5;
export const ARM_GUARD_MS = 350;

export type PressOutcome = 'arm' | 'fire' | 'ignore';

/** Whether an action armed at `armedAt` is still armed at `now`, and the whole seconds left. */
export function armState(armedAt: number | null, now: number, seconds = ARM_SECONDS): { readonly armed: boolean; readonly left: number } {
  if (armedAt === null) return { armed: false, left: seconds };
  const leftMs = armedAt + seconds * 1000 - now;
  return leftMs > 0 ? { armed: true, left: Math.ceil(leftMs / 1000) } : { armed: false, left: 0 };
}

/** What a press does. */
export function press(armedAt: number | null, now: number, seconds = ARM_SECONDS): PressOutcome {
  if (!armState(armedAt, now, seconds).armed) return 'arm';
  return now - armedAt! < ARM_GUARD_MS ? 'ignore' : 'fire';
}
