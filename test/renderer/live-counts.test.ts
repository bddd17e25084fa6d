import { describe, expect, it, vi } from 'vitest';
import { countEndpoints } from '../../shared/endpoint-state.js';
import { LiveCounts } from '../../shared/live-counts.js';
import { followedCounts } from '../../renderer/stores/live-counts.js';
import { createStatusStore } from '../../renderer/stores/status-store.js';
import { status } from './fixtures.js';

describe('counts following the status store', () => {
  it('counts each batch’s endpoints only, and always the numbers of a full count', () => {
    const queued: (() => void)[] = [];
    const store = createStatusStore((cb) => queued.push(cb));
    const ids = ['a', 'b', 'c', 'd'];
    store.getState().reset([status('a', 's', { reachability: 'up' }), status('b', 's', { reachability: 'down' })]);
    const followed = followedCounts(ids, store);
    const heard = vi.fn();
    const off = followed.subscribe(heard);
    expect(followed.get()).toEqual(countEndpoints(ids, store.getState().statuses));
    const reset = vi.spyOn(LiveCounts.prototype, 'reset');
    const update = vi.spyOn(LiveCounts.prototype, 'update');

    store.getState().enqueue([status('c', 's', { reachability: 'up', conferenceId: 'c1' }), status('x', 's', { reachability: 'down' })], ['b']);
    queued.shift()!();
    expect(store.getState().changed?.ids).toEqual(['c', 'x', 'b']);
    expect(followed.get()).toEqual(countEndpoints(ids, store.getState().statuses));
    expect(followed.get()).toMatchObject({ up: 2, unknown: 2, down: 0, inCall: 1 });
    expect(update).toHaveBeenCalledTimes(1);
    expect(reset).not.toHaveBeenCalled();
    expect(heard).toHaveBeenCalledTimes(1);

    // A batch that changes no number: the same counts object, no one told.
    const before = followed.get();
    store.getState().enqueue([status('x', 's', { reachability: 'up' })], []);
    queued.shift()!();
    expect(followed.get()).toBe(before);
    expect(heard).toHaveBeenCalledTimes(1);

    // A snapshot names nothing: counted in full.
    store.getState().reset([status('d', 's', { reachability: 'unreachable' })]);
    expect(reset).toHaveBeenCalledTimes(1);
    expect(followed.get()).toEqual(countEndpoints(ids, store.getState().statuses));
    off();

    // Not followed while nobody listens; a batch missed meanwhile is caught by counting in full.
    store.getState().enqueue([status('a', 's', { reachability: 'down' })], []);
    queued.shift()!();
    store.getState().enqueue([status('b', 's', { reachability: 'up', conferenceId: 'c1' })], []);
    queued.shift()!();
    expect(followed.get()).toEqual(countEndpoints(ids, store.getState().statuses));
    expect(reset).toHaveBeenCalledTimes(2);
    vi.restoreAllMocks();
  });
});
