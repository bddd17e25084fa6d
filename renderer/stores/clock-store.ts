import { create } from 'zustand';

/** One ticking "now" for the clock and every age on screen, so they all agree and tick together. */
export interface ClockState {
  readonly now: number;
  tick(now?: number): void;
}

export const useClockStore = create<ClockState>()((set) => ({
  now: Date.now(),
  tick: (now = Date.now()) => set({ now }),
}));

/** Ticks on each whole second; returns a stop function. */
export function startClock(): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const loop = (): void => {
    useClockStore.getState().tick();
    timer = setTimeout(loop, 1000 - (Date.now() % 1000) + 5);
  };
  loop();
  return () => clearTimeout(timer);
}
