import WebSocket from 'ws';
import type { CmsSimulator } from '../../../electron/simulator/mcu/cms-simulator.js';

// A bare CMS client for the simulator tests: real HTTP via fetch, a real `ws` socket. No driver code.

export const USER = 'bp-api';
export const PASSWORD = 's3cret!';
export const CODECS = [
  { endpointId: 'tinh-1', uri: 'sip:tinh-1@vc.tinh.example', name: 'UBND tỉnh' },
  { endpointId: 'huyen-a-1', uri: 'sip:huyen-a-1@vc.tinh.example', name: 'Huyện A' },
  { endpointId: 'xa-a1-1', uri: 'sip:xa-a1-1@vc.tinh.example', name: 'Xã A1' },
  { endpointId: 'xa-a2-1', uri: 'sip:xa-a2-1@vc.tinh.example', name: 'Xã A2' },
] as const;
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ApiReply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export async function api(sim: CmsSimulator, method: string, path: string, form?: Record<string, string>, auth: string | null = basic(USER, PASSWORD)): Promise<ApiReply> {
  const headers: Record<string, string> = {};
  if (auth) headers.authorization = auth;
  if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const res = await fetch(`${sim.url}/api/v1${path}`, { method, headers, ...(form ? { body: new URLSearchParams(form).toString() } : {}) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** The ids of every `<tag id="…">` in an XML answer. */
export const xmlIds = (xml: string, tag: string): string[] => [...xml.matchAll(new RegExp(`<${tag} id="([^"]+)"`, 'g'))].map((m) => m[1]!);
export const xmlText = (xml: string, tag: string): string | undefined => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];

export async function token(sim: CmsSimulator): Promise<string> {
  const r = await api(sim, 'POST', '/authTokens');
  const t = r.headers.get('x-cisco-cms-auth-token');
  if (r.status !== 200 || !t) throw new Error(`authTokens: ${r.status}`);
  return t;
}

export async function waitUntil<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 2000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('waitUntil: timed out');
    await sleep(10);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Message = { messageId: number; type: string; [k: string]: any };

/** One events socket: records every frame, acks server messages unless told not to. */
export class EventClient {
  readonly frames: string[] = [];
  readonly messages: Message[] = [];
  readonly acks: { messageId: unknown; status: string }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  autoAck = true;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    ws.on('message', (data) => {
      const text = data.toString();
      this.frames.push(text);
      try {
        const env = JSON.parse(text);
        if (env.type === 'messageAck') this.acks.push(env.messageAck);
        if (env.type === 'message') {
          this.messages.push(env.message);
          if (this.autoAck) this.ack(env.message.messageId);
        }
      } catch {
        // broken frames stay in `frames` for the fault tests
      }
      this.waiters.forEach((w) => w());
    });
  }

  static open(sim: CmsSimulator, authToken: string): Promise<EventClient> {
    const ws = new WebSocket(`${sim.url.replace(/^http/, 'ws')}/events/v1?authToken=${encodeURIComponent(authToken)}`);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new EventClient(ws)));
      ws.once('error', reject);
    });
  }

  ack(messageId: number): void {
    this.ws.send(JSON.stringify({ type: 'messageAck', messageAck: { messageId, status: 'success' } }));
  }

  subscribe(messageId: number, subscriptions: readonly object[]): void {
    this.ws.send(JSON.stringify({ type: 'message', message: { messageId, type: 'subscribeRequest', subscriptions } }));
  }

  /** The first message (from index `from`) matching, waiting for it if needed. */
  waitFor(match: (m: Message) => boolean, timeoutMs = 2000, from = 0): Promise<Message> {
    const find = () => this.messages.slice(from).find(match);
    const found = find();
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const check = () => {
        const m = find();
        if (!m) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(m);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`waitFor: nothing matched in ${timeoutMs} ms; got ${JSON.stringify(this.messages.map((m) => m.type))}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** The roster entry for `participant` in a rosterUpdate matching `entry`. */
  waitForRoster(participant: string, entry: (u: Record<string, unknown>) => boolean, timeoutMs = 2000, from = 0): Promise<Record<string, unknown>> {
    const pick = (m: Message) => (m.type === 'rosterUpdate' ? (m.updates as Record<string, unknown>[]).find((u) => u.participant === participant && entry(u)) : undefined);
    return this.waitFor((m) => pick(m) !== undefined, timeoutMs, from).then((m) => pick(m)!);
  }

  close(): void {
    this.ws.close();
  }
}
