import { describe, expect, it } from 'vitest';
import { ENGINE_HEAP_GROWING_PERCENT, limitHeapGrowth } from '../../electron/engine/heap-growth.js';

describe('limitHeapGrowth', () => {
  it('refuses a growth that is not a whole per cent in 1..300, before touching V8', () => {
    for (const bad of [0, -5, 301, 12.5, Number.NaN]) expect(() => limitHeapGrowth(bad)).toThrow(RangeError);
  });

  it('accepts the engine default (set for the rest of this worker: a GC tuning, harmless to the tests)', () => {
    expect(ENGINE_HEAP_GROWING_PERCENT).toBeGreaterThan(0);
    expect(() => limitHeapGrowth()).not.toThrow();
  });
});
