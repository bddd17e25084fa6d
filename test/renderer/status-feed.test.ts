import { describe, expect, it, vi } from 'vitest';
import { createConsoleApi } from '../../shared/api/console-api.js';
import type { ConsoleTransport, RpcReply } from '../../shared/api/transport.js';
import type { StatusEvent, StatusSnapshot } from '../../shared/status.js';
import { startStatusFeed } from '../../renderer/stores/status-feed.js';
import { createStatusStore } from '../../renderer/stores/status-store.js';
import { status } from './fixtures.js';

/** A transport whose stream we drive by hand and whose snapshot request we answer by hand. */
function fakeTransport() {
  const listeners = new Map<string, (payload: unknown) => void>();
  const requests: string[] = [];
  let answer: (reply: RpcReply) => void = () => undefined;
  const transport: ConsoleTransport = {
    request: (method) => {
      requests.push(method);
      return new Promise((resolve) => (answer = resolve));
    },
    subscribe: (stream, l) => {
      listeners.set(stream, l);
      return () => listeners.delete(stream);
    },
  };
  return {
    transport,
    requests,
    emit: (e: StatusEvent | unknown) => listeners.get('status')!(e),
    answerSnapshot: (s: StatusSnapshot) => answer({ ok: true, result: s }),
    subscribed: () => listeners.has('status'),
  };
}

const flushPromises = () => new Promise((r) => setTimeout(r, 0));

describe('status feed (follower → store)', () => {
  it('applies the snapshot, then deltas in sequence through the frame queue', () => {
    const t = fakeTransport();
    const store = createStatusStore((cb) => cb()); // frames run at once here
    startStatusFeed(createConsoleApi(t.transport), store);
    t.emit({ kind: 'snapshot', seq: 5, statuses: [status('a', 's1')] });
    expect(store.getState().ready).toBe(true);
    t.emit({ kind: 'delta', seq: 6, updates: [status('a', 's1', { reachability: 'up' })], removed: [] });
    expect(store.getState().statuses.get('a')!.reachability).toBe('up');
    expect(t.requests).toEqual([]);
  });

  it('asks for a snapshot on a sequence gap and ignores deltas until it arrives', async () => {
    const t = fakeTransport();
    const store = createStatusStore((cb) => cb());
    const feed = startStatusFeed(createConsoleApi(t.transport), store);
    t.emit({ kind: 'snapshot', seq: 5, statuses: [status('a', 's1')] });
    t.emit({ kind: 'delta', seq: 8, updates: [status('a', 's1', { reachability: 'down' })], removed: [] });

    expect(t.requests).toEqual(['getStatusSnapshot']);
    expect(feed.follower.gaps).toBe(1);
    expect(store.getState().statuses.get('a')!.reachability).toBe('unknown'); // the gapped delta is not applied

    t.emit({ kind: 'delta', seq: 9, updates: [status('a', 's1', { reachability: 'unreachable' })], removed: [] });
    t.answerSnapshot({ kind: 'snapshot', seq: 9, statuses: [status('a', 's1', { reachability: 'down' }), status('b', 's2')] });
    await flushPromises();

    expect(store.getState().statuses.get('a')!.reachability).toBe('down');
    expect(store.getState().statuses.has('b')).toBe(true);
    t.emit({ kind: 'delta', seq: 10, updates: [status('b', 's2', { reachability: 'up' })], removed: [] });
    expect(store.getState().statuses.get('b')!.reachability).toBe('up');
  });

  it('after restart accepts a snapshot from a new engine whose sequence started again', () => {
    const t = fakeTransport();
    const store = createStatusStore((cb) => cb());
    const feed = startStatusFeed(createConsoleApi(t.transport), store);
    t.emit({ kind: 'snapshot', seq: 500, statuses: [status('a', 's1', { reachability: 'up' })] });
    feed.restart();
    t.emit({ kind: 'snapshot', seq: 0, statuses: [status('a', 's1', { reachability: 'down' })] });
    expect(store.getState().statuses.get('a')!.reachability).toBe('down');
    t.emit({ kind: 'delta', seq: 1, updates: [status('a', 's1', { reachability: 'up' })], removed: [] });
    expect(store.getState().statuses.get('a')!.reachability).toBe('up');
  });

  it('reports an invalid status event and keeps going', () => {
    const t = fakeTransport();
    const store = createStatusStore((cb) => cb());
    const onInvalid = vi.fn();
    const feed = startStatusFeed(createConsoleApi(t.transport), store, onInvalid);
    t.emit({ kind: 'snapshot', seq: 'x' });
    expect(onInvalid).toHaveBeenCalledTimes(1);
    expect(store.getState().ready).toBe(false);
    t.emit({ kind: 'snapshot', seq: 1, statuses: [] });
    expect(store.getState().ready).toBe(true);
    feed.stop();
    expect(t.subscribed()).toBe(false);
  });
});
