import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A scriptable stand-in for the parts of a CMS the simulator cannot misbehave in: the test
 * decides every REST answer and every events frame (out-of-order ids, binary frames, silence,
 * a socket that stops answering pings). Only for bad-input tests; the simulator covers the rest.
 */

export interface RestReply {
  readonly status: number;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface FakeCms {
  readonly url: string;
  tokensIssued: number;
  /** REST answers; the default issues a token at POST /api/v1/authTokens and 404s the rest. */
  rest: (method: string, path: string, body: string) => RestReply | undefined;
  /** Answer subscribeRequests with a messageAck (default true). */
  ackSubscribes: boolean;
  /** Refuse the WebSocket upgrade with this status (0 = accept). */
  refuseUpgrade: number;
  /** Every frame the client sent, parsed. */
  readonly received: { type: string; message?: Record<string, unknown>; messageAck?: { messageId: number; status: string } }[];
  /** The open server-side sockets, newest last. */
  readonly sockets: WebSocket[];
  /** Resolve with the next socket the driver opens. */
  nextSocket(): Promise<WebSocket>;
  send(ws: WebSocket, frame: unknown): void;
  message(ws: WebSocket, messageId: number, type: string, body: Record<string, unknown>): void;
  acksFor(messageId: number): number;
  close(): Promise<void>;
}

export async function startFakeCms(options: { answerPings?: boolean } = {}): Promise<FakeCms> {
  const wss = new WebSocketServer({ noServer: true, autoPong: options.answerPings ?? true });
  const waiting: ((ws: WebSocket) => void)[] = [];
  const readBody = async (req: IncomingMessage): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
    return Buffer.concat(chunks).toString('utf8');
  };
  const fake: FakeCms = {
    url: '',
    tokensIssued: 0,
    ackSubscribes: true,
    refuseUpgrade: 0,
    received: [],
    sockets: [],
    rest: (method, path) => {
      if (method === 'POST' && path === '/api/v1/authTokens') return { status: 200, headers: { 'X-Cisco-CMS-Auth-Token': `token-${++fake.tokensIssued}` } };
      return undefined;
    },
    nextSocket: () => new Promise((resolve) => waiting.push(resolve)),
    send: (ws, frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    message: (ws, messageId, type, body) => fake.send(ws, { type: 'message', message: { messageId, type, ...body } }),
    acksFor: (id) => fake.received.filter((f) => f.type === 'messageAck' && f.messageAck?.messageId === id).length,
    close: async () => {
      for (const ws of fake.sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const reply = fake.rest(req.method ?? 'GET', new URL(req.url ?? '/', 'http://x').pathname, body) ?? {
        status: 404,
        body: '<?xml version="1.0"?><failureDetails><unrecognizedObject /></failureDetails>',
      };
      res.writeHead(reply.status, { 'content-type': 'text/xml', ...reply.headers }).end(reply.body ?? '');
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if (fake.refuseUpgrade) {
      socket.end(`HTTP/1.1 ${fake.refuseUpgrade} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      fake.sockets.push(ws);
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        const frame = JSON.parse(data.toString()) as FakeCms['received'][number];
        fake.received.push(frame);
        if (frame.type === 'message' && frame.message?.type === 'subscribeRequest' && fake.ackSubscribes) {
          fake.send(ws, { type: 'messageAck', messageAck: { messageId: frame.message.messageId, status: 'success' } });
        }
      });
      ws.on('close', () => fake.sockets.splice(fake.sockets.indexOf(ws), 1));
      waiting.splice(0).forEach((w) => w(ws));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (fake as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** The subscriptions of the client's latest subscribeRequest. */
export function lastSubscriptions(fake: FakeCms): { index: number; type: string; call?: string }[] {
  const req = fake.received.filter((f) => f.type === 'message' && f.message?.type === 'subscribeRequest').at(-1);
  return (req?.message?.subscriptions as { index: number; type: string; call?: string }[] | undefined) ?? [];
}
