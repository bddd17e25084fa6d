import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countEndpoints, type CountedStatus } from '../../shared/endpoint-state.js';
import { LiveCounts } from '../../shared/live-counts.js';
import { REACHABILITY } from '../../shared/status.js';

/** Ids drawn from a small pool, so lists repeat ids and batches touch ids the list does not hold. */
const idArb = fc.constantFrom(...Array.from({ length: 12 }, (_, i) => `e${i}`));

const statusArb: fc.Arbitrary<CountedStatus | undefined> = fc.option(
  fc.record({
    reachability: fc.constantFrom(...REACHABILITY),
    stale: fc.boolean(),
    degraded: fc.boolean(),
    conferenceId: fc.option(fc.constantFrom('c1', 'c2'), { nil: null }),
  }),
  { nil: undefined },
);

/** A batch: some ids get a new status (undefined: removed). */
const batchArb = fc.array(fc.tuple(idArb, statusArb), { maxLength: 8 });

function apply(statuses: Map<string, CountedStatus>, batch: readonly (readonly [string, CountedStatus | undefined])[]): string[] {
  for (const [id, s] of batch) {
    if (s) statuses.set(id, s);
    else statuses.delete(id);
  }
  return batch.map(([id]) => id);
}

describe('counts kept up to date change by change', () => {
  it('always equal a full count (countEndpoints) of the same statuses', () => {
    fc.assert(
      fc.property(fc.array(idArb, { maxLength: 20 }), batchArb, fc.array(batchArb, { maxLength: 12 }), (ids, first, batches) => {
        const statuses = new Map<string, CountedStatus>();
        apply(statuses, first);
        const live = new LiveCounts(ids, statuses);
        expect(live.counts).toEqual(countEndpoints(ids, statuses));
        for (const batch of batches) {
          const before = live.counts;
          const changed = apply(statuses, batch);
          const after = live.update(statuses, changed);
          const full = countEndpoints(ids, statuses);
          expect(after).toEqual(full);
          // A new object whenever a number changed (what React re-renders on); the same when nothing did.
          if (JSON.stringify(before) !== JSON.stringify(full)) expect(after).not.toBe(before);
          if (changed.length === 0) expect(after).toBe(before);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('counts again in full on reset, whatever the batches missed', () => {
    const statuses = new Map<string, CountedStatus>([['a', { reachability: 'up', stale: false, degraded: false, conferenceId: 'c1' }]]);
    const live = new LiveCounts(['a', 'b'], statuses);
    expect(live.counts).toMatchObject({ total: 2, up: 1, unknown: 1, inCall: 1 });
    statuses.set('b', { reachability: 'down', stale: false, degraded: false, conferenceId: 'c1' });
    // Not told about b: the counts stay as they were …
    expect(live.update(statuses, ['a'])).toMatchObject({ up: 1, unknown: 1, down: 0 });
    // … until it is counted again.
    expect(live.reset(statuses)).toEqual(countEndpoints(['a', 'b'], statuses));
    expect(live.counts).toMatchObject({ up: 1, down: 1, unknown: 0, inCall: 1 });
  });
});
