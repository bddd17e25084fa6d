import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { rosterFields, type CmsModel, type ModelEvent, type RosterFields, type SimCall, type SimParticipant } from './cms-model.js';
import type { FaultState } from './cms-rest.js';

/**
 * The events half of the simulated CMS: `GET /events/v1?authToken=…` upgraded to a WebSocket.
 * Server messages are `{"type":"message","message":{"messageId":N,"type":…}}` with N rising per
 * socket from 1; each must be answered with `{"type":"messageAck","messageAck":{"messageId":N,"status":"success"}}`.
 * Client messages (`subscribeRequest`) are acked the same way by the server. A subscribeRequest
 * replaces the socket's whole subscription set; new subscriptions get `subscriptionUpdate` and a
 * full `callListUpdate` / `rosterUpdate` (every item as `add`, an empty `updates` when there is
 * none), then deltas: `update` entries carry only the elements that changed.
 */

const CALL_ELEMENTS = ['name', 'participants', 'callCorrelator', 'callType'] as const;
const ROSTER_ELEMENTS: readonly (keyof RosterFields)[] = [
  'name', 'uri', 'state', 'direction', 'audioMuted', 'videoMuted', 'importance', 'layout', 'activeSpeaker', 'presenter', 'endpointRecording', 'canMove',
];

type Subscription =
  | { readonly index: number; readonly type: 'calls'; readonly elements: readonly string[] }
  | { readonly index: number; readonly type: 'callRoster'; readonly call: string; readonly elements: readonly string[]; active: boolean };

interface Connection {
  readonly ws: WebSocket;
  nextId: number;
  /** messageId → when it was sent; cleared by the client's messageAck. */
  readonly unacked: Map<number, number>;
  subscriptions: Subscription[];
  lastFrame: string | null;
  /** Fault: the peer is gone without a FIN; nothing is read from or sent on this socket any more. */
  halfOpen: boolean;
}

export interface EventHub {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Fault: every event socket dies without a close frame. */
  dropAll(): void;
  /**
   * Fault: every open event socket goes half-open: it stays connected but nothing on it is read
   * (no pongs, no acks) or sent any more. Sockets opened later work normally.
   */
  halfOpenAll(): void;
  stats(): { sockets: number; unacked: number };
  close(): void;
}

export interface EventHubOptions {
  readonly model: CmsModel;
  readonly tokens: Map<string, number>;
  readonly faults: FaultState;
  /** A socket whose oldest unacked message is older than this is closed (1008). */
  readonly ackTimeoutMs: number;
}

const MAX_CLIENT_FRAME = 256 * 1024;

function elementsOf(raw: unknown, supported: readonly string[]): readonly string[] {
  return Array.isArray(raw) ? supported.filter((e) => raw.includes(e)) : supported;
}

function callEntry(call: SimCall, updateType: 'add' | 'update', elements: readonly string[]): Record<string, unknown> {
  const all: Record<string, unknown> = { name: call.name, participants: call.participants.size, callCorrelator: call.correlator, callType: 'coSpace' };
  const entry: Record<string, unknown> = { call: call.id, updateType };
  for (const e of elements) entry[e] = all[e];
  return entry;
}

/** An add (every element) or an update (only the elements that differ from `before`); null when nothing changed. */
function rosterEntry(p: SimParticipant, elements: readonly string[], before?: RosterFields): Record<string, unknown> | null {
  const now = rosterFields(p) as unknown as Record<string, unknown>;
  const old = before as unknown as Record<string, unknown> | undefined;
  const entry: Record<string, unknown> = { participant: p.id, updateType: before ? 'update' : 'add' };
  let changed = false;
  for (const e of elements) {
    if (old && old[e] === now[e]) continue;
    entry[e] = now[e];
    changed = true;
  }
  return before && !changed ? null : entry;
}

export function createEventHub(options: EventHubOptions): EventHub {
  const { model, tokens, faults } = options;
  // Pongs by hand, so the ignorePings fault can leave pings unanswered.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME, autoPong: false });
  const connections = new Set<Connection>();
  let brokenSent = 0;

  /** Fault: before the next real message, one broken frame (cycling broken JSON, unknown type, duplicate id). */
  const injectBroken = (conn: Connection): void => {
    if (faults.malformedLeft <= 0) return;
    faults.malformedLeft--;
    const kind = brokenSent++ % 3;
    if (kind === 0) conn.ws.send(`{"type":"message","message":{"messageId":${conn.nextId},"type":"rosterUpd`);
    else if (kind === 2 && conn.lastFrame) conn.ws.send(conn.lastFrame);
    else conn.ws.send(JSON.stringify({ type: 'message', message: { messageId: conn.nextId++, type: 'simulatorUnknownEvent', detail: 'not a CMS message type' } }));
  };

  const send = (conn: Connection, message: Record<string, unknown>): void => {
    if (conn.ws.readyState !== WebSocket.OPEN || conn.halfOpen) return;
    injectBroken(conn);
    const messageId = conn.nextId++;
    const frame = JSON.stringify({ type: 'message', message: { messageId, ...message } });
    conn.unacked.set(messageId, Date.now());
    conn.lastFrame = frame;
    conn.ws.send(frame);
  };

  const rosterSubs = (conn: Connection, callId: string) =>
    conn.subscriptions.filter((s): s is Extract<Subscription, { type: 'callRoster' }> => s.type === 'callRoster' && s.active && s.call === callId);
  const callSubs = (conn: Connection) => conn.subscriptions.filter((s): s is Extract<Subscription, { type: 'calls' }> => s.type === 'calls');

  const sendRoster = (conn: Connection, p: SimParticipant, before?: RosterFields, removedFor?: string): void => {
    for (const s of rosterSubs(conn, p.callId)) {
      const entry = removedFor ? { participant: p.id, updateType: 'remove', reason: removedFor } : rosterEntry(p, s.elements, before);
      if (entry) send(conn, { type: 'rosterUpdate', subscriptionIndex: s.index, updates: [entry] });
    }
  };

  const deliver = (conn: Connection, e: ModelEvent): void => {
    switch (e.kind) {
      case 'callAdded':
        for (const s of callSubs(conn)) send(conn, { type: 'callListUpdate', subscriptionIndex: s.index, updates: [callEntry(e.call, 'add', s.elements)] });
        return;
      case 'callUpdated':
        for (const s of callSubs(conn).filter((x) => x.elements.includes('participants'))) {
          send(conn, { type: 'callListUpdate', subscriptionIndex: s.index, updates: [callEntry(e.call, 'update', ['participants'])] });
        }
        return;
      case 'callRemoved':
        for (const s of callSubs(conn)) send(conn, { type: 'callListUpdate', subscriptionIndex: s.index, updates: [{ call: e.call.id, updateType: 'remove' }] });
        for (const s of rosterSubs(conn, e.call.id)) {
          s.active = false;
          send(conn, { type: 'subscriptionUpdate', subscriptions: [{ index: s.index, type: s.type, call: s.call, state: 'deactivated' }] });
        }
        return;
      case 'participantAdded':
        return sendRoster(conn, e.participant);
      case 'participantUpdated':
        return sendRoster(conn, e.participant, e.before);
      case 'participantRemoved':
        return sendRoster(conn, e.participant, undefined, e.reason);
    }
  };
  const unsubscribeModel = model.on((e) => connections.forEach((c) => deliver(c, e)));

  const subscribe = (conn: Connection, raw: readonly unknown[]): void => {
    const key = (s: Subscription) => JSON.stringify(s.type === 'callRoster' ? { ...s, active: undefined } : s);
    const before = new Set(conn.subscriptions.map(key));
    const next: Subscription[] = [];
    const states: Record<string, unknown>[] = [];
    for (const item of raw) {
      const r = (item ?? {}) as Record<string, unknown>;
      const index = typeof r.index === 'number' ? r.index : -1;
      if (r.type === 'calls') {
        next.push({ index, type: 'calls', elements: elementsOf(r.elements, CALL_ELEMENTS) });
        states.push({ index, type: 'calls', state: 'active' });
      } else if (r.type === 'callRoster' && typeof r.call === 'string') {
        const active = model.calls.has(r.call);
        next.push({ index, type: 'callRoster', call: r.call, elements: elementsOf(r.elements, ROSTER_ELEMENTS), active });
        states.push({ index, type: 'callRoster', call: r.call, state: active ? 'active' : 'deactivated' });
      } else {
        states.push({ index, type: typeof r.type === 'string' ? r.type : 'unknown', state: 'deactivated' });
      }
    }
    conn.subscriptions = next;
    send(conn, { type: 'subscriptionUpdate', subscriptions: states });
    for (const s of next.filter((x) => !before.has(key(x)))) {
      if (s.type === 'calls') {
        send(conn, { type: 'callListUpdate', subscriptionIndex: s.index, updates: [...model.calls.values()].map((c) => callEntry(c, 'add', s.elements)) });
      } else if (s.active) {
        const participants = [...(model.calls.get(s.call)?.participants.values() ?? [])];
        send(conn, { type: 'rosterUpdate', subscriptionIndex: s.index, updates: participants.map((p) => rosterEntry(p, s.elements)) });
      }
    }
  };

  const onClientFrame = (conn: Connection, data: string): void => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return; // a CMS ignores what it cannot read; so does the simulator
    }
    const msg = (parsed ?? {}) as { type?: unknown; messageAck?: { messageId?: unknown }; message?: Record<string, unknown> };
    if (msg.type === 'messageAck') {
      if (typeof msg.messageAck?.messageId === 'number') conn.unacked.delete(msg.messageAck.messageId);
      return;
    }
    if (msg.type !== 'message' || typeof msg.message !== 'object' || msg.message === null) return;
    const { messageId, type, subscriptions } = msg.message;
    const success = type === 'subscribeRequest' && Array.isArray(subscriptions);
    conn.ws.send(JSON.stringify({ type: 'messageAck', messageAck: { messageId, status: success ? 'success' : 'failure' } }));
    if (success) subscribe(conn, subscriptions as unknown[]);
  };

  const ackTimer = setInterval(() => {
    const now = Date.now();
    for (const conn of connections) {
      if (conn.halfOpen) continue;
      const oldest = Math.min(...conn.unacked.values());
      if (now - oldest <= options.ackTimeoutMs) continue;
      connections.delete(conn);
      conn.ws.close(1008, 'messageAck timeout');
    }
  }, Math.max(25, Math.min(1000, options.ackTimeoutMs / 4)));
  ackTimer.unref();

  const reject = (socket: Duplex, status: string): void => {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://cms.invalid');
      if (url.pathname !== '/events/v1') return reject(socket, '404 Not Found');
      const token = url.searchParams.get('authToken') ?? '';
      const expires = tokens.get(token);
      if (expires === undefined || expires <= Date.now()) return reject(socket, '401 Unauthorized');
      wss.handleUpgrade(req, socket, head, (ws) => {
        const conn: Connection = { ws, nextId: 1, unacked: new Map(), subscriptions: [], lastFrame: null, halfOpen: false };
        connections.add(conn);
        ws.on('ping', (data) => {
          if (!faults.ignorePings && !conn.halfOpen) ws.pong(data);
        });
        ws.on('message', (data, isBinary) => {
          if (!isBinary) onClientFrame(conn, data.toString());
        });
        ws.on('close', () => connections.delete(conn));
        ws.on('error', () => connections.delete(conn));
      });
    },
    dropAll() {
      for (const conn of connections) conn.ws.terminate();
      connections.clear();
    },
    halfOpenAll() {
      for (const conn of connections) {
        conn.halfOpen = true;
        conn.ws.pause();
      }
    },
    stats: () => ({ sockets: connections.size, unacked: [...connections].reduce((n, c) => n + c.unacked.size, 0) }),
    close() {
      clearInterval(ackTimer);
      unsubscribeModel();
      for (const conn of connections) conn.ws.terminate();
      connections.clear();
      wss.close();
    },
  };
}
