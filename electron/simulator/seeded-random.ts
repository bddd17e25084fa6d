/**
 * A small seeded random source (mulberry32) whose whole state is one 32-bit number, so a model can
 * keep it inside its immutable state and stay a pure function of (state, time).
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** The state to store; `randomFrom(state)` continues the same sequence. */
  state(): number;
}

export function randomFrom(state: number): Random {
  let a = state >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    state: () => a,
  };
}

/** A per-key seed (FNV-1a of the key, mixed with the run's seed): adding a codec leaves the others' sequences alone. */
export function seedFor(seed: number, key: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function uniform(r: Random, min: number, max: number): number {
  return min + (max - min) * r.next();
}

/** True with the probability that an event of `perSecond` rate happens within `dtS` seconds. */
export function happens(r: Random, perSecond: number, dtS: number): boolean {
  if (perSecond <= 0 || dtS <= 0) return false;
  return r.next() < 1 - Math.exp(-perSecond * dtS);
}

export function pick<T>(r: Random, items: readonly T[]): T {
  return items[Math.min(items.length - 1, Math.floor(r.next() * items.length))]!;
}
