import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { ApiError, describeZodError, type ApiErrorData } from '../../shared/api/errors.js';
import type { Unsubscribe } from '../../shared/api/transport.js';
import { ClientFrameSchema, type ServerFrame } from '../../shared/api/wire.js';
import type { Identity } from '../../shared/roles.js';
import type { EngineApi } from '../engine/engine-api.js';

/** Frames larger than this are refused by `ws` itself (close 1009); status batches stay far below. */
export const MAX_FRAME_BYTES = 1 << 20;
/** A client that stops reading is dropped rather than allowed to grow the engine's memory. */
const MAX_BUFFERED_BYTES = 16 << 20;
const PING_MS = 15_000;

export interface WsBridge {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, caller: Identity): void;
  readonly clients: number;
  close(): void;
}

/** The WebSocket side of ConsoleApi (`/ws`): requests, and event streams per connection. */
export function createWsBridge(engine: EngineApi): WsBridge {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  // The engine hands every subscriber the same payload object: serialise it once for all clients.
  const payloadJson = new WeakMap<object, string>();
  const eventText = (stream: string, payload: unknown): string => {
    if (typeof payload !== 'object' || payload === null) return JSON.stringify({ t: 'evt', stream, payload });
    let json = payloadJson.get(payload);
    if (json === undefined) payloadJson.set(payload, (json = JSON.stringify(payload)));
    return `{"t":"evt","stream":${JSON.stringify(stream)},"payload":${json}}`;
  };
  const alive = new WeakSet<WebSocket>();

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, PING_MS);
  heartbeat.unref();

  const serve = (ws: WebSocket, caller: Identity): void => {
    const subs = new Map<string, Unsubscribe>();
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));

    const sendText = (text: string): void => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        ws.close(1008, 'client too slow');
        return;
      }
      ws.send(text);
    };
    const send = (frame: ServerFrame): void => sendText(JSON.stringify(frame));
    const bad = (error: ApiErrorData): void => send({ t: 'bad', error });

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return bad({ code: 'bad_request', message: 'binary frames are not accepted; send JSON text' });
      let raw: unknown;
      try {
        raw = JSON.parse(data.toString());
      } catch (e) {
        return bad({ code: 'bad_request', message: `frame is not valid JSON: ${(e as Error).message}` });
      }
      const parsed = ClientFrameSchema.safeParse(raw);
      if (!parsed.success) {
        return bad({ code: 'bad_request', message: 'frame does not match the protocol', details: describeZodError(parsed.error) });
      }
      const frame = parsed.data;
      switch (frame.t) {
        case 'req':
          void engine.call(caller, frame.method, frame.input).then((reply) =>
            send(reply.ok ? { t: 'res', id: frame.id, ok: true, result: reply.result } : { t: 'res', id: frame.id, ok: false, error: reply.error as ApiErrorData }),
          );
          return;
        case 'sub':
          if (subs.has(frame.stream)) return;
          try {
            subs.set(frame.stream, engine.subscribe(caller, frame.stream, (payload) => sendText(eventText(frame.stream, payload))));
          } catch (e) {
            bad(e instanceof ApiError ? e.toData() : { code: 'internal', message: String(e) });
          }
          return;
        case 'unsub':
          subs.get(frame.stream)?.();
          subs.delete(frame.stream);
          return;
      }
    });
    ws.on('close', () => {
      for (const off of subs.values()) off();
      subs.clear();
    });
    ws.on('error', () => ws.terminate());
  };

  return {
    handleUpgrade(req, socket, head, caller) {
      wss.handleUpgrade(req, socket, head, (ws) => serve(ws, caller));
    },
    get clients() {
      return wss.clients.size;
    },
    close() {
      clearInterval(heartbeat);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
