// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RequestMeta, RpcReply, Unsubscribe } from '../../shared/api/transport.js';
import type { ConnectionState } from '../../renderer/api/connection-state.js';
import type { SelectedTransport } from '../../renderer/api/select-transport.js';
import { startConsoleSession, type ConsoleSession } from '../../renderer/stores/console-session.js';
import { trackUserActivity } from '../../renderer/api/user-activity.js';
import { useConnectionStore } from '../../renderer/stores/connection-store.js';
import { useNetworkStore } from '../../renderer/stores/network-store.js';
import { useStatusStore } from '../../renderer/stores/status-store.js';
import { useEventsStore } from '../../renderer/stores/events-store.js';
import { useMonitoringStore } from '../../renderer/stores/monitoring-store.js';
import { useUiStore } from '../../renderer/stores/ui-store.js';
import { MONITORING, NETWORK, TWO_TIER, event, status } from './fixtures.js';

const flush = () => new Promise((r) => setTimeout(r, 0));

/** A transport that answers from a table and lets the test drive the link state and the stream. */
function scriptedTransport(initial: ConnectionState['phase']) {
  const calls: string[] = [];
  const inputs: { method: string; input: unknown; meta?: RequestMeta }[] = [];
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const streams = new Map<string, (p: unknown) => void>();
  const answers: Record<string, unknown> = { getNetwork: NETWORK, whoami: { user: 'lan', role: 'operator' }, getMonitoring: null, listEvents: [] };
  let state: ConnectionState = { phase: initial, since: 0, attempt: 0, retryAt: null };
  const selected: SelectedTransport = {
    kind: 'websocket',
    transport: {
      request: async (method, input, meta): Promise<RpcReply> => {
        calls.push(method);
        inputs.push({ method, input, meta });
        return { ok: true, result: answers[method] };
      },
      subscribe: (stream, l): Unsubscribe => {
        streams.set(stream, l);
        return () => streams.delete(stream);
      },
    },
    get state() {
      return state;
    },
    onState: (l) => {
      stateListeners.add(l);
      return () => stateListeners.delete(l);
    },
    onProtocolError: () => () => undefined,
    onSessionEnded: () => () => undefined,
    close: () => undefined,
  };
  return {
    selected,
    calls,
    inputs,
    answers,
    setPhase(phase: ConnectionState['phase']) {
      state = { ...state, phase };
      for (const l of stateListeners) l(state);
    },
    emit: (p: unknown) => streams.get('status')?.(p),
    emitEvent: (p: unknown) => streams.get('events')?.(p),
    subscribed: () => [...streams.keys()].sort(),
  };
}

describe('console session', () => {
  let session: ConsoleSession | null = null;
  afterEach(() => {
    session?.stop();
    session = null;
    useStatusStore.getState().clear();
    useEventsStore.getState().clear();
    useMonitoringStore.getState().clear();
  });

  it("states the user's idle time with every request, the monitoring poll included, and counts input as activity", async () => {
    const t = scriptedTransport('open');
    const clock = { now: 0 };
    const target = new EventTarget();
    const activity = trackUserActivity({ target, now: () => clock.now });
    session = startConsoleSession(t.selected, { userActivity: activity });
    await vi.waitFor(() => expect(t.calls).toContain('getMonitoring'));
    expect(t.inputs.every((x) => x.meta?.userIdleMs === 0)).toBe(true);
    clock.now = 90_000;
    await session.api.call('whoami', {});
    expect(t.inputs.at(-1)?.meta).toEqual({ userIdleMs: 90_000 });
    target.dispatchEvent(new Event('keydown'));
    clock.now = 91_000;
    await session.api.call('whoami', {});
    expect(t.inputs.at(-1)?.meta).toEqual({ userIdleMs: 1_000 });
    // Pointer moves count, at most once a second; stopping the tracker stops listening.
    clock.now = 95_000;
    target.dispatchEvent(new Event('pointermove'));
    expect(activity.idleMs()).toBe(0);
    activity.stop();
    clock.now = 99_000;
    target.dispatchEvent(new Event('pointerdown'));
    expect(activity.idleMs()).toBe(4_000);
  });

  it('loads the network and the caller, and feeds the status store from the stream', async () => {
    const t = scriptedTransport('open');
    session = startConsoleSession(t.selected);
    await flush();
    expect(t.calls.sort()).toEqual(['getMonitoring', 'getNetwork', 'listEvents', 'whoami']);
    expect(useNetworkStore.getState().network?.name).toBe('Bắc Kạn');
    expect(useConnectionStore.getState().identity).toEqual({ user: 'lan', role: 'operator' });
    t.emit({ kind: 'snapshot', seq: 3, statuses: [status('ba-be-1', 'ba-be', { reachability: 'up' })] });
    expect(useStatusStore.getState().statuses.get('ba-be-1')?.reachability).toBe('up');
  });

  it('reads the network again when the stream adds or drops codecs (an inventory import or undo)', async () => {
    const t = scriptedTransport('open');
    session = startConsoleSession(t.selected);
    await flush();
    t.emit({ kind: 'snapshot', seq: 1, statuses: [status('ba-be-1', 'ba-be', { reachability: 'up' })] });
    t.emit({ kind: 'delta', seq: 2, updates: [status('ba-be-1', 'ba-be', { reachability: 'down' })], removed: [] });
    useStatusStore.getState().flush();
    await flush();
    expect(t.calls.filter((c) => c === 'getNetwork')).toHaveLength(1); // a change of state is not a change of inventory
    t.answers.getNetwork = TWO_TIER;
    t.emit({ kind: 'delta', seq: 3, updates: [status('b1-1', 'b1', { reachability: 'unknown' })], removed: [] });
    useStatusStore.getState().flush();
    await flush();
    expect(t.calls.filter((c) => c === 'getNetwork')).toHaveLength(2);
    expect(useNetworkStore.getState().network?.name).toBe('Thử nghiệm');
  });

  it('reads the network again when the engine says its inventory was replaced (a rename or a move at another desk)', async () => {
    const t = scriptedTransport('open');
    session = startConsoleSession(t.selected);
    await flush();
    t.emit({ kind: 'snapshot', seq: 1, statuses: [status('ba-be-1', 'ba-be', { reachability: 'up' })], network: 'v1' });
    t.emit({ kind: 'delta', seq: 2, updates: [status('ba-be-1', 'ba-be', { reachability: 'down' })], removed: [] });
    useStatusStore.getState().flush();
    await flush();
    expect(t.calls.filter((c) => c === 'getNetwork')).toHaveLength(1);
    // Same codecs, a new version: the tree is read again.
    t.answers.getNetwork = TWO_TIER;
    t.emit({ kind: 'delta', seq: 3, updates: [], removed: [], network: 'v2' });
    await flush();
    expect(t.calls.filter((c) => c === 'getNetwork')).toHaveLength(2);
    expect(useNetworkStore.getState().network?.name).toBe('Thử nghiệm');
    // The same version again (a snapshot after a gap) reads nothing.
    t.emit({ kind: 'snapshot', seq: 3, statuses: [status('ba-be-1', 'ba-be', { reachability: 'up' })], network: 'v2' });
    await flush();
    expect(t.calls.filter((c) => c === 'getNetwork')).toHaveLength(2);
  });

  it('after a reconnect reloads the network and accepts the new engine snapshot', async () => {
    const t = scriptedTransport('open');
    session = startConsoleSession(t.selected);
    await flush();
    t.emit({ kind: 'snapshot', seq: 900, statuses: [status('ba-be-1', 'ba-be', { reachability: 'up' })] });

    t.setPhase('closed');
    expect(useConnectionStore.getState().link.phase).toBe('closed');
    t.answers.getNetwork = TWO_TIER;
    t.setPhase('connecting');
    t.setPhase('open');
    await flush();
    expect(t.calls.filter((c) => c === 'getNetwork')).toHaveLength(2);
    // The event log and the poller figures are asked for again too (a new engine has new ones).
    expect(t.calls.filter((c) => c === 'listEvents')).toHaveLength(2);
    expect(t.calls.filter((c) => c === 'getMonitoring')).toHaveLength(2);
    expect(useNetworkStore.getState().network?.name).toBe('Thử nghiệm');

    // A restarted engine counts from 0 again; the session's fresh follower takes it.
    t.emit({ kind: 'snapshot', seq: 0, statuses: [status('b1-1', 'b1', { reachability: 'down' })] });
    expect(useStatusStore.getState().statuses.get('b1-1')?.reachability).toBe('down');
    expect(useStatusStore.getState().statuses.has('ba-be-1')).toBe(false);
  });

  it('does not load twice when the first link opens with the first load on its way', async () => {
    const t = scriptedTransport('connecting');
    session = startConsoleSession(t.selected);
    t.setPhase('open');
    await flush();
    expect(t.calls.filter((c) => c === 'getNetwork')).toHaveLength(1);
    expect(t.calls.filter((c) => c === 'listEvents')).toHaveLength(1);
    expect(t.calls.filter((c) => c === 'getMonitoring')).toHaveLength(1);
  });

  it('feeds the events store, asks for the selected site\'s events, polls the monitoring figures, and stops all of it', async () => {
    useUiStore.setState({ selectedSiteId: null });
    const t = scriptedTransport('open');
    t.answers.getMonitoring = MONITORING;
    session = startConsoleSession(t.selected);
    await flush();
    expect(t.subscribed()).toEqual(['events', 'status']);
    expect(useMonitoringStore.getState().stats?.poller.pollsPerSecond).toBe(24.2);

    t.emitEvent(event(7, 'down', 'ba-be'));
    useEventsStore.getState().flush();
    expect(useEventsStore.getState().recent.map((e) => e.id)).toEqual([7]);

    t.answers.listEvents = [event(5, 'unreachable', 'ba-be-cho-ra', 'ba-be')];
    useUiStore.getState().select('ba-be-cho-ra');
    await flush();
    expect(t.inputs.at(-1)).toMatchObject({ method: 'listEvents', input: { siteId: 'ba-be-cho-ra', limit: 20 } });
    expect(useEventsStore.getState().site.events.map((e) => e.id)).toEqual([5]);
    t.emitEvent(event(8, 'up', 'ba-be-cho-ra'));
    useEventsStore.getState().flush();
    expect(useEventsStore.getState().site.events.map((e) => e.id)).toEqual([8, 5]);

    session.stop();
    session = null;
    expect(t.subscribed()).toEqual([]);
    useUiStore.getState().select(null);
  });
});
