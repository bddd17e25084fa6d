import { afterEach, describe, expect, it } from 'vitest';
import type { RpcReply, Unsubscribe } from '../../shared/api/transport.js';
import type { ConnectionState } from '../../renderer/api/connection-state.js';
import type { SelectedTransport } from '../../renderer/api/select-transport.js';
import { startConsoleSession, type ConsoleSession } from '../../renderer/stores/console-session.js';
import { useConnectionStore } from '../../renderer/stores/connection-store.js';
import { useNetworkStore } from '../../renderer/stores/network-store.js';
import { useStatusStore } from '../../renderer/stores/status-store.js';
import { NETWORK, TWO_TIER, status } from './fixtures.js';

const flush = () => new Promise((r) => setTimeout(r, 0));

/** A transport that answers from a table and lets the test drive the link state and the stream. */
function scriptedTransport(initial: ConnectionState['phase']) {
  const calls: string[] = [];
  const stateListeners = new Set<(s: ConnectionState) => void>();
  let streamListener: ((p: unknown) => void) | null = null;
  const answers: Record<string, unknown> = { getNetwork: NETWORK, whoami: { user: 'lan', role: 'operator' } };
  let state: ConnectionState = { phase: initial, since: 0, attempt: 0, retryAt: null };
  const selected: SelectedTransport = {
    kind: 'websocket',
    transport: {
      request: async (method): Promise<RpcReply> => {
        calls.push(method);
        return { ok: true, result: answers[method] };
      },
      subscribe: (_stream, l): Unsubscribe => {
        streamListener = l;
        return () => (streamListener = null);
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
  };
  return {
    selected,
    calls,
    answers,
    setPhase(phase: ConnectionState['phase']) {
      state = { ...state, phase };
      for (const l of stateListeners) l(state);
    },
    emit: (p: unknown) => streamListener?.(p),
  };
}

describe('console session', () => {
  let session: ConsoleSession | null = null;
  afterEach(() => {
    session?.stop();
    session = null;
    useStatusStore.getState().clear();
  });

  it('loads the network and the caller, and feeds the status store from the stream', async () => {
    const t = scriptedTransport('open');
    session = startConsoleSession(t.selected);
    await flush();
    expect(t.calls.sort()).toEqual(['getNetwork', 'whoami']);
    expect(useNetworkStore.getState().network?.name).toBe('Bắc Kạn');
    expect(useConnectionStore.getState().identity).toEqual({ user: 'lan', role: 'operator' });
    t.emit({ kind: 'snapshot', seq: 3, statuses: [status('ba-be-1', 'ba-be', { reachability: 'up' })] });
    expect(useStatusStore.getState().statuses.get('ba-be-1')?.reachability).toBe('up');
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
  });
});
