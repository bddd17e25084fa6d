import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { readdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeviceProfile } from '../../../shared/device-profile.js';
import { EndpointSession, type RequestOutcome } from '../../../electron/engine/snmp/endpoint-session.js';
import { createFloodLog } from '../../../electron/engine/snmp/flood-log.js';
import { PollSocket, RequestIdInUseError, SOCKETS_PER_FAMILY } from '../../../electron/engine/snmp/poll-socket.js';
import { createSnmpPoller } from '../../../electron/engine/snmp/poller.js';
import { int, parseRequest, response, TAG, varbind, type Request } from './ber.js';
import { SampleLog } from './collect.js';

const UPTIME = '1.3.6.1.2.1.1.3.0';

/**
 * A raw agent on 127.0.0.1 with a second socket on 127.0.0.2 (the other interface of a multi-homed
 * codec). Requests are kept; the test decides what is answered, when, and from which socket.
 */
class Agent {
  readonly requests: { req: Request; rinfo: RemoteInfo }[] = [];
  onRequest: (req: Request, rinfo: RemoteInfo) => void = (req, rinfo) => this.answer(good(req), rinfo);
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly main: Socket,
    private readonly other: Socket,
  ) {
    main.on('message', (buf, rinfo) => {
      let req: Request;
      try {
        req = parseRequest(buf);
      } catch {
        return;
      }
      this.requests.push({ req, rinfo });
      for (const w of this.waiters.splice(0)) w();
      this.onRequest(req, rinfo);
    });
  }

  static async start(): Promise<Agent> {
    const bind = async (address: string) => {
      const s = createSocket('udp4');
      await new Promise<void>((resolve) => s.bind(0, address, resolve));
      return s;
    };
    return new Agent(await bind('127.0.0.1'), await bind('127.0.0.2'));
  }

  get port(): number {
    return this.main.address().port;
  }

  get otherPort(): number {
    return this.other.address().port;
  }

  answer(packet: Buffer, to: RemoteInfo, from: 'main' | 'other' = 'main'): void {
    (from === 'main' ? this.main : this.other).send(packet, to.port, to.address);
  }

  async received(n: number): Promise<void> {
    while (this.requests.length < n) await new Promise<void>((r) => this.waiters.push(r));
  }

  async close(): Promise<void> {
    await Promise.all([this.main, this.other].map((s) => new Promise<void>((r) => s.close(() => r()))));
  }
}

/** sysUpTime.0 answered with the request's community length × 100 ticks, to tell answers apart. */
const good = (req: Request): Buffer => response(req.version, req.community, req.reqId, req.oids.map((o) => varbind(o, int(req.community.length * 100, TAG.TimeTicks))));

let agent: Agent;
let socket: PollSocket;
const sessions: EndpointSession[] = [];
const lines: string[] = [];
const flood = createFloodLog((l) => lines.push(l), 'test: ');

beforeAll(async () => {
  agent = await Agent.start();
});
afterAll(async () => {
  flood.close();
  await agent?.close();
});
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
  socket?.close();
  agent.onRequest = (req, rinfo) => agent.answer(good(req), rinfo);
  agent.requests.length = 0;
  lines.length = 0;
  vi.restoreAllMocks();
});

function session(community: string, timeoutMs = 400): EndpointSession {
  const s = new EndpointSession(community, '127.0.0.1', agent.port, { version: '2c', community }, { timeoutMs, onLog: (l) => lines.push(l), flood, pollSocket: socket });
  sessions.push(s);
  return s;
}

const ticks = (o: RequestOutcome): unknown => (o.ok ? o.varbinds[0]?.value : o.error);

describe('shared poll socket', () => {
  it('two sessions polling the same address and port get their own answers, sent in the other order', async () => {
    socket = new PollSocket(2400, () => {}, 1);
    agent.onRequest = () => {}; // held until both are in
    const a = session('a');
    const b = session('bbb');
    const pa = a.request('get', [UPTIME], 1);
    const pb = b.request('get', [UPTIME], 1);
    await agent.received(2);
    for (const { req, rinfo } of [...agent.requests].reverse()) agent.answer(good(req), rinfo);
    expect(ticks(await pa)).toBe(100);
    expect(ticks(await pb)).toBe(300);
    // One socket for both, and every answer routed by its request id.
    expect(new Set(agent.requests.map((r) => r.rinfo.port)).size).toBe(1);
    expect(socket.stats()).toMatchObject({ sockets: 1, views: 2, sent: 2, routed: 2, foreign: 0, unreadable: 0, unmatched: 0 });
  });

  it('an answer from another address than asked (a multi-homed agent) reaches its session by request id', async () => {
    socket = new PollSocket(2400, () => {}, 1);
    agent.onRequest = (req, rinfo) => agent.answer(good(req), rinfo, 'other');
    const out = await session('moved').request('get', [UPTIME], 1);
    expect(out).toMatchObject({ ok: true, foreignSource: `127.0.0.2:${agent.otherPort}` });
    expect(ticks(out)).toBe(500);
    expect(socket.stats()).toMatchObject({ routed: 1, foreign: 1 });
  });

  it('unreadable datagrams are dropped and counted; one from the polled agent makes its request a "malformed response"', async () => {
    socket = new PollSocket(2400, () => {}, 1);
    // From another address: nobody's, dropped; the request times out.
    agent.onRequest = (_req, rinfo) => agent.answer(Buffer.from('not SNMP at all'), rinfo, 'other');
    const stray = session('stray');
    expect(await stray.request('get', [UPTIME], 1)).toMatchObject({ ok: false, error: 'timeout' });
    expect(socket.stats()).toMatchObject({ unreadable: 1, routed: 0 });
    // From the polled address and port, with two sessions waiting there (the stray one's id is still
    // held): it cannot be told whose, so it is dropped and the request times out.
    agent.onRequest = (_req, rinfo) => agent.answer(Buffer.from([0x30, 0x03, 0x02, 0x01]), rinfo);
    expect(await session('unsure').request('get', [UPTIME], 1)).toMatchObject({ ok: false, error: 'timeout' });
    expect(socket.stats()).toMatchObject({ unreadable: 2, routed: 0 });
    // The only session waiting there: its library reads it and fails.
    await stray.close();
    await sessions.splice(sessions.indexOf(stray) + 1, 1)[0]!.close();
    expect(await session('junk').request('get', [UPTIME], 1)).toMatchObject({ ok: false, error: 'malformed response' });
    // An answer cut short after its request id: routed by that id, unreadable to its session.
    agent.onRequest = (req, rinfo) => {
      const whole = good(req);
      agent.answer(whole.subarray(0, whole.length - 6), rinfo);
    };
    expect(await session('cut').request('get', [UPTIME], 1)).toMatchObject({ ok: false, error: 'malformed response' });
    // An id nobody holds: dropped, counted.
    agent.onRequest = (req, rinfo) => agent.answer(good({ ...req, reqId: req.reqId + 1 }), rinfo);
    expect(await session('wrongid').request('get', [UPTIME], 1)).toMatchObject({ ok: false, error: 'timeout' });
    expect(socket.stats()).toMatchObject({ unreadable: 3, routed: 1, unmatched: 1 });
    expect(lines.join('\n')).toMatch(/snmp junk: unreadable packet from agent/);
  });

  it('a request id another request holds never leaves: refused, asked again with a new id, both answered', async () => {
    socket = new PollSocket(2400, () => {}, 1);
    const a = session('a');
    const b = session('bbb');
    // Both sessions open (first requests), then both draw the same id for the next one.
    await Promise.all([a.request('get', [UPTIME], 1), b.request('get', [UPTIME], 1)]);
    agent.requests.length = 0;
    vi.spyOn(Math, 'random').mockReturnValueOnce(0.4242).mockReturnValueOnce(0.4242);
    const [ra, rb] = await Promise.all([a.request('get', [UPTIME], 1), b.request('get', [UPTIME], 1)]);
    expect([ticks(ra), ticks(rb)]).toEqual([100, 300]);
    const ids = agent.requests.map((r) => r.req.reqId);
    expect(ids).toHaveLength(2);
    expect(ids).toContain(42_420_000);
    expect(new Set(ids).size).toBe(2);
    expect(socket.stats()).toMatchObject({ idCollisions: 1, routed: 4 });
  });

  it('the refusal itself: a view sending an id held by another view gets RequestIdInUseError; after the hold it may', async () => {
    socket = new PollSocket(50, () => {}, 1);
    const v1 = socket.moduleFor('127.0.0.1', agent.port).createSocket('udp4');
    const v2 = socket.moduleFor('127.0.0.1', agent.port).createSocket('udp4');
    agent.onRequest = () => {};
    const packet = response(1, 'x', 777, []);
    const send = (v: Socket) => new Promise<Error | null>((r) => v.send(packet, 0, packet.length, agent.port, '127.0.0.1', (e) => r(e)));
    expect(await send(v1)).toBeNull();
    expect(await send(v2)).toBeInstanceOf(RequestIdInUseError);
    expect(await send(v1)).toBeInstanceOf(RequestIdInUseError); // its own id again, too: net-snmp would confuse the two
    await new Promise((r) => setTimeout(r, 80));
    expect(await send(v2)).toBeNull();
    expect(socket.stats()).toMatchObject({ idCollisions: 2, sent: 2 });
  });
});

const profile: DeviceProfile = {
  id: 'uptime-only',
  name: 'uptime only',
  mib: 'test',
  metrics: { uptimeS: { oid: UPTIME, encoding: 'timeticks', scale: 0.01, unit: 's' } },
  traps: [],
};

describe('poller on the shared socket', () => {
  it('1,000 endpoints poll through a fixed few sockets: the process does not open a file descriptor per endpoint', async () => {
    const N = 1000;
    const fds = () => readdirSync('/proc/self/fd').length;
    const before = fds();
    const log = new SampleLog();
    const answered = new Set<string>();
    let most = before;
    const poller = createSnmpPoller({
      intervalMs: 2000,
      timeoutMs: 1500,
      onSample: (id, s) => {
        log.onSample(id, s);
        if (s.answered) answered.add(id);
        most = Math.max(most, fds());
      },
      onLog: log.onLog,
    });
    try {
      poller.setEndpoints(Array.from({ length: N }, (_, i) => ({ endpointId: `e${i}`, host: '127.0.0.1', port: agent.port, snmp: { version: '2c' as const, community: `c${i}` }, profile })));
      await log.until(() => answered.size === N, 'every endpoint answered once', 15_000);
      const st = poller.stats();
      expect(st.socket).toMatchObject({ sockets: SOCKETS_PER_FAMILY, views: N, idCollisions: expect.any(Number) });
      expect(st.socket.routed).toBeGreaterThanOrEqual(N);
      // A fixed few sockets (and what else the process opened meanwhile), not N.
      expect(most - before).toBeLessThan(SOCKETS_PER_FAMILY + 20);
    } finally {
      await poller.close();
    }
    expect(fds() - before).toBeLessThan(5);
  });
});
