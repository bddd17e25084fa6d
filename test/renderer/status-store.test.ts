import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStatusStore } from '../../renderer/stores/status-store.js';
import { status } from './fixtures.js';

describe('status store', () => {
  let frames: (() => void)[];

  beforeEach(() => {
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
      frames.push(() => cb(performance.now()));
      return frames.length;
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  const runFrame = (): void => {
    const pending = frames;
    frames = [];
    for (const f of pending) f();
  };

  it('queues deltas and applies them together once per animation frame', () => {
    const store = createStatusStore();
    store.getState().reset([status('a', 's1'), status('b', 's2')]);
    const renders = vi.fn();
    store.subscribe(renders);

    store.getState().enqueue([status('a', 's1', { reachability: 'up' })], []);
    store.getState().enqueue([status('b', 's2', { reachability: 'down' })], []);
    store.getState().enqueue([status('a', 's1', { reachability: 'unreachable' })], []);

    // Nothing lands before the frame; one frame is requested for all three batches.
    expect(store.getState().statuses.get('a')!.reachability).toBe('unknown');
    expect(renders).not.toHaveBeenCalled();
    expect(frames).toHaveLength(1);

    runFrame();
    expect(renders).toHaveBeenCalledTimes(1);
    expect(store.getState().statuses.get('a')!.reachability).toBe('unreachable'); // latest wins
    expect(store.getState().statuses.get('b')!.reachability).toBe('down');

    // The next delta asks for a new frame.
    store.getState().enqueue([status('b', 's2', { reachability: 'up' })], []);
    expect(frames).toHaveLength(1);
    runFrame();
    expect(renders).toHaveBeenCalledTimes(2);
    expect(store.getState().statuses.get('b')!.reachability).toBe('up');
  });

  it('applies removals in the frame', () => {
    const store = createStatusStore();
    store.getState().reset([status('a', 's1'), status('b', 's2')]);
    store.getState().enqueue([], ['a']);
    expect(store.getState().statuses.has('a')).toBe(true);
    runFrame();
    expect(store.getState().statuses.has('a')).toBe(false);
    expect(store.getState().statuses.has('b')).toBe(true);
  });

  it('keeps unchanged statuses by reference, so rows that select them do not re-render', () => {
    const store = createStatusStore();
    store.getState().reset([status('a', 's1'), status('b', 's2')]);
    const b = store.getState().statuses.get('b');
    store.getState().enqueue([status('a', 's1', { reachability: 'up' })], []);
    runFrame();
    expect(store.getState().statuses.get('b')).toBe(b);
  });

  it('resets on a snapshot at once, dropping queued deltas that are older', () => {
    const store = createStatusStore();
    expect(store.getState().ready).toBe(false);
    store.getState().reset([status('a', 's1')]);
    expect(store.getState().ready).toBe(true);

    store.getState().enqueue([status('a', 's1', { reachability: 'down' }), status('x', 's9')], []);
    store.getState().reset([status('a', 's1', { reachability: 'up' }), status('c', 's3')]);
    expect([...store.getState().statuses.keys()].sort()).toEqual(['a', 'c']);
    expect(store.getState().statuses.get('a')!.reachability).toBe('up');

    runFrame(); // the frame requested before the snapshot finds an empty queue
    expect(store.getState().statuses.get('a')!.reachability).toBe('up');
    expect(store.getState().statuses.has('x')).toBe(false);
  });
});
