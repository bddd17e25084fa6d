import { i18n } from '../../renderer/i18n/index.js';
import { describe, expect, it, vi } from 'vitest';
import { createConsoleApi } from '../../shared/api/console-api.js';
import type { ConsoleTransport, RpcReply } from '../../shared/api/transport.js';
import type { EngineEvent } from '../../shared/events.js';
import { startEventsFeed } from '../../renderer/stores/events-feed.js';
import { createEventsStore, latestUnreachable, mergeEvents } from '../../renderer/stores/events-store.js';
import { event } from './fixtures.js';

const ids = (list: readonly EngineEvent[]): number[] => list.map((e) => e.id);
/** Frames run at once here. */
const now = (cb: () => void): void => cb();

describe('events store', () => {
  it('merges lists by id, newest first, without duplicates, bounded', () => {
    const merged = mergeEvents([event(3, 'up', 'a'), event(1, 'down', 'a')], [event(2, 'trap', 'b'), event(3, 'up', 'a'), event(5, 'up', 'b')], 3);
    expect(ids(merged)).toEqual([5, 3, 2]);
  });

  it('keeps the network list newest first and bounded as live events arrive', () => {
    const store = createEventsStore({ recent: 5 }, now);
    for (let id = 10; id <= 120; id += 10) store.getState().add(event(id, 'up', 'a'));
    expect(ids(store.getState().recent)).toEqual([120, 110, 100, 90, 80]);
    // A late one (lower id) goes into its place; one already there is not doubled; one older than the bound stays out.
    store.getState().add(event(95, 'up', 'a'));
    store.getState().add(event(110, 'up', 'a'));
    store.getState().add(event(5, 'up', 'a'));
    expect(ids(store.getState().recent)).toEqual([120, 110, 100, 95, 90]);
  });

  it('lands a burst of live events in one store update, with the next frame', () => {
    const frames: (() => void)[] = [];
    const store = createEventsStore({}, (cb) => frames.push(cb));
    const updates = vi.fn();
    store.subscribe(updates);
    for (let id = 1; id <= 40; id++) store.getState().add(event(id, 'unreachable', 'ba-be-cho-ra', 'ba-be'));
    expect(store.getState().recent).toEqual([]);
    expect(frames).toHaveLength(1);
    frames[0]!();
    expect(updates).toHaveBeenCalledTimes(1);
    expect(ids(store.getState().recent).slice(0, 3)).toEqual([40, 39, 38]);
    // A list arriving while events wait in the queue takes them in first.
    store.getState().add(event(41, 'up', 'ba-be-cho-ra'));
    store.getState().beginSite('ba-be-cho-ra');
    store.getState().loadedSite('ba-be-cho-ra', [event(2, 'unreachable', 'ba-be-cho-ra', 'ba-be')]);
    expect(ids(store.getState().recent)[0]).toBe(41);
  });

  it('merges the fetched network list with what the stream brought meanwhile', () => {
    const store = createEventsStore({}, now);
    store.getState().add(event(1, 'up', 'old-engine'));
    store.getState().beginRecent(); // a new link: forget the old engine's list
    store.getState().add(event(41, 'down', 'a'));
    store.getState().loadedRecent([event(40, 'up', 'a'), event(39, 'up', 'b')]);
    expect(ids(store.getState().recent)).toEqual([41, 40, 39]);
  });

  it('holds the selected site\'s events: the fetched list merged with live ones, bounded, others ignored', () => {
    const store = createEventsStore({ site: 4 }, now);
    store.getState().beginSite('ba-be');
    expect(store.getState().site).toMatchObject({ siteId: 'ba-be', loading: true, events: [] });
    store.getState().add(event(20, 'down', 'ba-be')); // live, before the list is back
    store.getState().add(event(21, 'up', 'cho-don')); // another site
    store.getState().loadedSite('ba-be', [event(12, 'trap', 'ba-be'), event(11, 'up', 'ba-be')]);
    expect(store.getState().site.loading).toBe(false);
    expect(ids(store.getState().site.events)).toEqual([20, 12, 11]);
    store.getState().add(event(22, 'up', 'ba-be'));
    store.getState().add(event(23, 'trap', 'ba-be'));
    expect(ids(store.getState().site.events)).toEqual([23, 22, 20, 12]);
    expect(ids(store.getState().recent)).toEqual([23, 22, 21, 20]);
  });

  it('ignores a list or failure for a selection that has moved on', () => {
    const store = createEventsStore();
    store.getState().beginSite('a');
    store.getState().beginSite('b');
    store.getState().loadedSite('a', [event(1, 'up', 'a')]);
    store.getState().failSite('a', 'late');
    expect(store.getState().site).toEqual({ siteId: 'b', events: [], loading: true, error: null });
    store.getState().failSite('b', 'no reply');
    expect(store.getState().site).toMatchObject({ siteId: 'b', loading: false, error: 'no reply' });
    store.getState().beginSite(null);
    expect(store.getState().site.siteId).toBeNull();
  });

  it('finds the latest unreachable event of an endpoint across lists', () => {
    const a = [event(9, 'up', 'x'), event(5, 'unreachable', 'x', 'old-parent')];
    const b = [event(7, 'unreachable', 'x', 'ba-be'), event(6, 'unreachable', 'y', 'z')];
    expect(latestUnreachable('x-1', a, b)?.text).toBe('ba-be');
    expect(latestUnreachable('q-1', a, b)).toBeNull();
  });
});

/** A transport answering listEvents by hand, with a drivable `events` stream. */
function fakeTransport() {
  let listener: ((p: unknown) => void) | null = null;
  const requests: { method: string; input: unknown; answer: (r: RpcReply) => void }[] = [];
  const transport: ConsoleTransport = {
    request: (method, input) => new Promise((resolve) => requests.push({ method, input, answer: resolve })),
    subscribe: (_stream, l) => {
      listener = l;
      return () => (listener = null);
    },
  };
  return { transport, requests, emit: (p: unknown) => listener?.(p), subscribed: () => listener !== null };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('events feed', () => {
  it('asks for the recent events and the selection\'s, follows the selection and appends live events', async () => {
    const t = fakeTransport();
    const store = createEventsStore({}, now);
    let selected: string | null = 'ba-be';
    let onSel: ((s: string | null) => void) | null = null;
    const onInvalid = vi.fn();
    const feed = startEventsFeed(createConsoleApi(t.transport), store, {
      selection: () => selected,
      onSelection: (l) => {
        onSel = l;
        return () => (onSel = null);
      },
      onInvalid,
    });
    expect(t.requests.map((r) => r.input)).toEqual([{ limit: 100 }, { siteId: 'ba-be', limit: 20 }]);
    t.requests[0]!.answer({ ok: true, result: [event(3, 'down', 'ba-be'), event(2, 'up', 'cho-don')] });
    t.requests[1]!.answer({ ok: true, result: [event(3, 'down', 'ba-be')] });
    await flush();
    expect(ids(store.getState().recent)).toEqual([3, 2]);
    expect(ids(store.getState().site.events)).toEqual([3]);

    t.emit(event(4, 'unreachable', 'ba-be-cho-ra', 'ba-be'));
    t.emit({ id: 'bad' });
    expect(onInvalid).toHaveBeenCalledTimes(1);
    expect(ids(store.getState().recent)).toEqual([4, 3, 2]);
    expect(ids(store.getState().site.events)).toEqual([3]);

    selected = 'ba-be-cho-ra';
    onSel!(selected);
    expect(t.requests[2]!.input).toEqual({ siteId: 'ba-be-cho-ra', limit: 20 });
    expect(store.getState().site).toMatchObject({ siteId: 'ba-be-cho-ra', loading: true });
    t.requests[2]!.answer({ ok: false, error: { code: 'unavailable', message: 'engine gone' } });
    await flush();
    // In the user's words, from the error's code (the engine's English stays out of the UI).
    expect(store.getState().site.error).toBe(i18n.t('errors.code.unavailable'));

    feed.reload();
    expect(t.requests.slice(3).map((r) => r.input)).toEqual([{ limit: 100 }, { siteId: 'ba-be-cho-ra', limit: 20 }]);
    feed.stop();
    expect(t.subscribed()).toBe(false);
    expect(onSel).toBeNull();
  });
});
