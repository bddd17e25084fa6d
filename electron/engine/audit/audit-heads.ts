import { appendFile } from 'node:fs/promises';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import { hostname } from 'node:os';
import type { ChainHead } from './audit-chain.js';

/**
 * Where the chain head goes off the machine, so a cut-off tail is detected: a syslog collector
 * (RFC 5424 over UDP, or TCP with octet-counting framing, RFC 6587) and/or an append-only file
 * of `id hash` lines. Heads are batched: at most one send per `batchMs` (the newest head; the
 * file gets every head of the batch). Sending never blocks a request and never throws: a lost
 * collector is retried with the next head and reported on stderr once per outage.
 */
export interface HeadSink {
  push(head: ChainHead): void;
  /** Send what is pending, then stop. */
  close(): Promise<void>;
}

export interface SyslogTarget {
  readonly protocol: 'udp' | 'tcp';
  readonly host: string;
  readonly port: number;
}

/** `udp://127.0.0.1:514` or `tcp://collector:6514` → the target; throws with a clear message otherwise. */
export function parseSyslogUrl(text: string): SyslogTarget {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new Error(`--audit-syslog must look like udp://HOST:PORT or tcp://HOST:PORT, not "${text}"`);
  }
  const protocol = u.protocol.replace(/:$/, '');
  if (protocol !== 'udp' && protocol !== 'tcp') throw new Error(`--audit-syslog: the scheme must be udp or tcp, not "${protocol}"`);
  const port = Number(u.port || 514);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--audit-syslog: bad port in "${text}"`);
  if (!u.hostname) throw new Error(`--audit-syslog: no host in "${text}"`);
  return { protocol, host: u.hostname.replace(/^\[|\]$/g, ''), port };
}

/** One RFC 5424 line: facility local0, severity info, structured data with the entry id and hash. */
export function syslogMessage(head: ChainHead, at: Date = new Date(), host: string = hostname(), pid: number = process.pid): string {
  const pri = 16 * 8 + 6;
  const h = host.replace(/[^\x21-\x7e]/g, '').slice(0, 255) || '-';
  return `<${pri}>1 ${at.toISOString()} ${h} bridgepoint ${pid} audit-head [bp-audit@32473 id="${head.id}" hash="${head.hash}"] audit head ${head.id} ${head.hash}`;
}

const warn = (what: string, e: unknown): void => console.error(`bridgepoint: audit head: ${what}: ${(e as Error).message ?? String(e)}`);

/** Batches heads: `flush` gets every head since the last flush, at most once per `batchMs`. */
function batcher(batchMs: number, flush: (heads: ChainHead[]) => Promise<void>): HeadSink {
  let pending: ChainHead[] = [];
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const run = (): void => {
    timer = null;
    const heads = pending;
    pending = [];
    if (heads.length) running = running.then(() => flush(heads)).catch((e: unknown) => warn('send failed', e));
  };
  return {
    push(head) {
      pending.push(head);
      timer ??= setTimeout(run, batchMs);
    },
    async close() {
      if (timer) clearTimeout(timer);
      run();
      await running;
    },
  };
}

export function headFileSink(file: string, batchMs = 200): HeadSink {
  let failing = false;
  return batcher(batchMs, async (heads) => {
    try {
      await appendFile(file, heads.map((h) => `${h.id} ${h.hash}\n`).join(''), { mode: 0o600 });
      failing = false;
    } catch (e) {
      if (!failing) warn(`cannot append to ${file}`, e);
      failing = true;
    }
  });
}

export function syslogSink(target: SyslogTarget, batchMs = 200, timeoutMs = 2000): HeadSink {
  let failing = false;
  const report = (e: unknown): void => {
    if (!failing) warn(`cannot reach the syslog collector ${target.protocol}://${target.host}:${target.port}`, e);
    failing = true;
  };
  let udp: UdpSocket | null = null;
  let tcp: Socket | null = null;
  const sendUdp = (line: string): Promise<void> =>
    new Promise((resolve) => {
      udp ??= createSocket(target.host.includes(':') ? 'udp6' : 'udp4').on('error', report);
      udp.send(Buffer.from(line, 'utf8'), target.port, target.host, (e) => (e ? report(e) : (failing = false), resolve()));
    });
  const tcpSocket = (): Promise<Socket> =>
    new Promise((resolve, reject) => {
      if (tcp && !tcp.destroyed) return resolve(tcp);
      const s = connect({ host: target.host, port: target.port });
      const timer = setTimeout(() => s.destroy(new Error(`no connection within ${timeoutMs} ms`)), timeoutMs);
      s.once('connect', () => (clearTimeout(timer), (tcp = s), resolve(s)));
      s.once('error', (e) => (clearTimeout(timer), reject(e)));
      s.on('close', () => (tcp === s ? (tcp = null) : undefined));
      s.on('error', () => {});
    });
  const sendTcp = async (line: string): Promise<void> => {
    try {
      const s = await tcpSocket();
      const frame = Buffer.from(line, 'utf8');
      await new Promise<void>((resolve, reject) => s.write(Buffer.concat([Buffer.from(`${frame.length} `), frame]), (e) => (e ? reject(e) : resolve())));
      failing = false;
    } catch (e) {
      tcp?.destroy();
      tcp = null;
      report(e);
    }
  };
  const inner = batcher(batchMs, async (heads) => {
    const line = syslogMessage(heads[heads.length - 1]!);
    await (target.protocol === 'udp' ? sendUdp(line) : sendTcp(line));
  });
  return {
    push: (h) => inner.push(h),
    async close() {
      await inner.close();
      udp?.close();
      tcp?.end();
      udp = null;
      tcp = null;
    },
  };
}
