import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTlsFiles } from '../../electron/server/tls.js';
import { TECH_TOKEN, withFakeAuth } from './fake-engine.js';
import { openWs, startServer, type Harness } from './server-harness.js';

const fixture = (name: string): string => join(import.meta.dirname, 'fixtures', name);
const CERT = fixture('tls-cert.pem');
const KEY = fixture('tls-key.pem');

let h: Harness;
beforeAll(async () => {
  h = await startServer({ engine: withFakeAuth(), tls: loadTlsFiles(CERT, KEY) });
});
afterAll(() => h.close());

function httpsGet(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(h.base + path, { ca: readFileSync(CERT), headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('TLS', () => {
  it('serves https with the given certificate, and the same guard', async () => {
    expect(h.base).toMatch(/^https:/);
    const ok = await httpsGet('/api/v1/health', { authorization: `Bearer ${TECH_TOKEN}` });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true });
    expect((await httpsGet('/api/v1/health', {})).status).toBe(401);
    // Same host and port but plain http is another origin.
    expect((await httpsGet('/api/v1/health', { authorization: `Bearer ${TECH_TOKEN}`, origin: h.base.replace('https', 'http') })).status).toBe(403);
    expect((await httpsGet('/api/v1/health', { authorization: `Bearer ${TECH_TOKEN}`, origin: h.base })).status).toBe(200);
  });

  it('serves wss', async () => {
    const c = await openWs(h.base, TECH_TOKEN);
    expect(c.ws.url).toMatch(/^wss:/);
    c.ws.send(JSON.stringify({ t: 'req', id: 1, method: 'whoami', input: {} }));
    expect(await c.next((f) => f.id === 1)).toMatchObject({ ok: true, result: { role: 'technician' } });
    c.ws.close();
  });

  it('names the file when the certificate or key cannot be used', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-tls-'));
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello');
    expect(() => loadTlsFiles(join(dir, 'missing.pem'), KEY)).toThrow(`--tls-cert ${join(dir, 'missing.pem')}: cannot read: no such file`);
    expect(() => loadTlsFiles(CERT, text)).toThrow(`--tls-key ${text}: not a PEM private key`);
    expect(() => loadTlsFiles(KEY, KEY)).toThrow(`--tls-cert ${KEY}: not a PEM certificate`);
    expect(() => loadTlsFiles(CERT, fixture('other-key.pem'))).toThrow(`--tls-key ${fixture('other-key.pem')}: this key does not belong to the certificate ${CERT}`);
    expect(() => loadTlsFiles(dir, KEY)).toThrow(`--tls-cert ${dir}: not a regular file`);
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(() => loadTlsFiles(CERT, fifo)).toThrow(`--tls-key ${fifo}: not a regular file`);
  });
});
