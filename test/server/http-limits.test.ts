import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TECH_TOKEN, withFakeAuth } from './fake-engine.js';
import { rawRequest, startServer, type Harness } from './server-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startServer({ engine: withFakeAuth(), limits: { headersTimeoutMs: 400, requestTimeoutMs: 800 } });
});
afterAll(() => h.close());

const head = (length: number | 'chunked'): string =>
  `POST /api/v1/rpc/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TECH_TOKEN}\r\nContent-Type: application/json\r\n` +
  (length === 'chunked' ? 'Transfer-Encoding: chunked\r\n' : `Content-Length: ${length}\r\n`) + '\r\n';

/**
 * Like curl or a browser uploading: write the whole body in pieces over time, and only then read.
 * A server that closes at once after its 413 makes the kernel reset the connection, and the
 * client loses the answer; one that lingers is read correctly.
 */
function uploadThenRead(port: number, size: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const got: Buffer[] = [];
    socket.pause();
    socket.on('data', (d) => got.push(d));
    socket.on('error', (e) => resolve(`error: ${e.message} after ${Buffer.concat(got).toString()}`));
    socket.on('close', () => resolve(Buffer.concat(got).toString()));
    socket.on('connect', async () => {
      socket.write(head(size));
      const chunk = Buffer.alloc(64 << 10, 0x20);
      for (let sent = 0; sent < size; sent += chunk.length) {
        if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r));
        await new Promise((r) => setTimeout(r, 2));
      }
      socket.resume();
    });
  });
}

describe('HTTP limits', () => {
  it('a client that reads only after uploading 3 MB still gets the 413', async () => {
    const answer = await uploadThenRead(h.port, 3 << 20);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
  });


  it('delivers 413 for a body over 1 MB announced by Content-Length, while the client is still sending', async () => {
    const size = 3 << 20;
    const answer = await rawRequest(h.port, (write) => {
      write(head(size));
      const chunk = Buffer.alloc(64 << 10, 0x20);
      for (let sent = 0; sent < size; sent += chunk.length) write(chunk);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('"code":"payload_too_large"');
    expect(answer).toContain('"limitBytes":1048576');
  });

  it('delivers 413 for a chunked body that grows past 1 MB', async () => {
    const answer = await rawRequest(h.port, (write) => {
      write(head('chunked'));
      const chunk = Buffer.alloc(64 << 10, 0x20);
      for (let i = 0; i < 40; i++) write(Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
  });

  it('fetch with a 2 MB body reads the 413 (no reset)', async () => {
    const res = await fetch(h.base + '/api/v1/rpc/echo', {
      method: 'POST',
      body: JSON.stringify({ pad: 'x'.repeat(2 << 20) }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TECH_TOKEN}` },
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  it('answers a body just under the cap', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat((1 << 20) - 20) });
    const res = await fetch(h.base + '/api/v1/rpc/echo', { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${TECH_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { pad: string }).pad).toHaveLength((1 << 20) - 20);
  });

  it('answers headers over 16 KB with 431', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: h.port, path: '/api/v1/health', headers: { authorization: `Bearer ${TECH_TOKEN}`, 'x-pad': 'y'.repeat(20 << 10) } });
      req.on('response', (res) => resolve(res.statusCode!));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(431);
  });

  it('answers 400 to a malformed request and 408 to headers that never finish', async () => {
    expect(await rawRequest(h.port, 'BREW /pot HTCPCP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    const slow = await rawRequest(h.port, 'GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n', 4_000);
    expect(slow).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('keeps answering after all of that', async () => {
    const res = await fetch(h.base + '/api/v1/health', { headers: { authorization: `Bearer ${TECH_TOKEN}` } });
    expect(res.status).toBe(200);
  });
});

describe('a failing engine', () => {
  it('answers 500 internal, keeps serving, and logs one line per source and window', async () => {
    const engine = withFakeAuth({
      call: () => Promise.reject(new Error('engine bug')),
      subscribe: () => () => {},
    });
    const lines: string[] = [];
    const original = console.error;
    console.error = (line: string) => void lines.push(line);
    const broken = await startServer({ engine });
    try {
      for (let i = 0; i < 20; i++) {
        const res = await fetch(broken.base + '/api/v1/health', { headers: { authorization: `Bearer ${TECH_TOKEN}` } });
        expect(res.status).toBe(500);
        expect((await res.json()).error.code).toBe('internal');
      }
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^bridgepoint: failed request from 127\.0\.0\.1: Error: engine bug/);
      expect((await fetch(broken.base + '/')).status).toBe(200);
    } finally {
      await broken.close();
      console.error = original;
    }
    expect(lines.at(-1)).toMatch(/… and 19 more failed requests from 127\.0\.0\.1/);
  });
});
