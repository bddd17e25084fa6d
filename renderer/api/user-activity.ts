/**
 * When the person at the console last touched it (a key, a click, the wheel, the pointer moving),
 * so the engine's idle expiry counts from the user's last action and not from the console's own
 * polling. Every request states `userIdleMs` (shared/api/transport.ts RequestMeta).
 */
export interface UserActivity {
  /** Milliseconds since the last input (since the console started, before any). */
  idleMs(): number;
  stop(): void;
}

/** Inputs that mean a person is there. Pointer moves are many: they are noted at most once a second. */
const INPUTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
const MOVE_NOTE_MS = 1_000;

export interface UserActivityOptions {
  readonly target?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  readonly now?: () => number;
}

export function trackUserActivity(options: UserActivityOptions = {}): UserActivity {
  const target = options.target ?? window;
  const now = options.now ?? Date.now;
  let lastInputAt = now();
  const note = (): void => {
    lastInputAt = now();
  };
  const onMove = (): void => {
    if (now() - lastInputAt >= MOVE_NOTE_MS) note();
  };
  const listen = { capture: true, passive: true } as const;
  for (const type of INPUTS) target.addEventListener(type, note, listen);
  target.addEventListener('pointermove', onMove, listen);
  return {
    idleMs: () => Math.max(0, now() - lastInputAt),
    stop() {
      for (const type of INPUTS) target.removeEventListener(type, note, listen);
      target.removeEventListener('pointermove', onMove, listen);
    },
  };
}
