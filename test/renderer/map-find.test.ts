import { describe, expect, it } from 'vitest';
import type { EndpointStatus } from '../../shared/status.js';
import { applyFilter, filterActive, filterUsesStatus, NO_FILTER, type MapFilter } from '../../renderer/features/map/map-filter.js';
import { layoutNetwork } from '../../renderer/features/map/map-layout.js';
import { createStatusTracker } from '../../renderer/features/map/map-status.js';
import { NETWORK, status, up } from './fixtures.js';
import { ago } from './dom-setup.js';

const layout = layoutNetwork(NETWORK);
const tracker = createStatusTracker(layout);
tracker.update(
  new Map<string, EndpointStatus>(
    [
      up('ubnd-tinh-1', 'ubnd-tinh', ago(1), { conferenceId: 'c1', inCall: true }),
      up('so-tttt-1', 'so-tttt', ago(1)),
      up('ba-be-1', 'ba-be', ago(1), { degraded: true, conferenceId: 'c1' }),
      status('cho-don-1', 'cho-don', { reachability: 'down' }),
      status('cho-don-bang-lung-1', 'cho-don-bang-lung', { reachability: 'unreachable' }),
      up('ba-be-cho-ra-1', 'ba-be-cho-ra', ago(1)),
      up('ba-be-nam-mau-1', 'ba-be-nam-mau', ago(1), { stale: true }),
    ].map((s) => [s.endpointId, s]),
  ),
);
const find = (f: Partial<MapFilter>) => {
  const r = applyFilter(layout, tracker.states, { ...NO_FILTER, ...f });
  return r.matches.map((i) => layout.ids[i]);
};

describe('find on the map', () => {
  it('folds diacritics and matches each word at the start of a word', () => {
    expect(find({ query: 'cho ra' })).toEqual(['ba-be-cho-ra']);
    expect(find({ query: 'CHỢ RÃ' })).toEqual(['ba-be-cho-ra']);
    expect(find({ query: 'ra cho' })).toEqual(['ba-be-cho-ra']);
    expect(find({ query: 'bang lung' })).toEqual(['cho-don-bang-lung']);
    // "ra" alone does not match the "ra" inside "trấn" or "Truyền".
    expect(find({ query: 'ra' })).toEqual(['ba-be-cho-ra']);
    // Đ folds to d; a site id's words count too (a commune's id starts with its district's).
    expect(find({ query: 'cho don' })).toEqual(['cho-don', 'cho-don-bang-lung']);
    expect(find({ query: 'chợ đồn ubnd huyện' })).toEqual(['cho-don']);
    // Site ids work too.
    expect(find({ query: 'ba-be-nam-mau' })).toEqual(['ba-be-nam-mau']);
    expect(find({ query: 'xyz' })).toEqual([]);
  });

  it('filters by status, tier, district and only problems, and combines them', () => {
    expect(find({ status: 'down' })).toEqual(['cho-don']);
    expect(find({ status: 'inCall' })).toEqual(['ubnd-tinh', 'ba-be']);
    expect(find({ tier: 'commune' })).toEqual(['ba-be-cho-ra', 'ba-be-nam-mau', 'cho-don-bang-lung']);
    expect(find({ district: 'ba-be' })).toEqual(['ba-be', 'ba-be-cho-ra', 'ba-be-nam-mau']);
    expect(find({ onlyProblems: true })).toEqual(['ba-be', 'cho-don', 'ba-be-nam-mau', 'cho-don-bang-lung']);
    expect(find({ onlyProblems: true, district: 'cho-don', tier: 'commune' })).toEqual(['cho-don-bang-lung']);
    expect(find({ query: 'ubnd', tier: 'district' })).toEqual(['ba-be', 'cho-don']);
  });

  it('shows everything when nothing is asked, and dims the rest when something is', () => {
    const none = applyFilter(layout, tracker.states, NO_FILTER);
    expect(none.active).toBe(false);
    expect([...none.mask].every((m) => m === 1)).toBe(true);
    const some = applyFilter(layout, tracker.states, { ...NO_FILTER, query: 'cho ra' });
    expect(some.active).toBe(true);
    expect(some.total).toBe(1);
    expect(some.mask[0]).toBe(1); // the MCU stays
    expect(some.mask[layout.indexById.get('ba-be')!]).toBe(0);
    expect(filterActive({ ...NO_FILTER, query: '   ' })).toBe(false);
    expect(filterUsesStatus({ ...NO_FILTER, query: 'x' })).toBe(false);
    expect(filterUsesStatus({ ...NO_FILTER, onlyProblems: true })).toBe(true);
  });

  it('caps the result list but counts them all', () => {
    const r = applyFilter(layout, tracker.states, { ...NO_FILTER, query: 'ubnd' }, 2);
    expect(r.matches).toHaveLength(2);
    expect(r.total).toBe(6);
  });
});
