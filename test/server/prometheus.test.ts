import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../electron/engine/engine.js';
import type { LoginResult } from '../../shared/accounts.js';
import { smallInventory, writeInventory } from '../fixtures/inventory.js';
import { startServer, type Harness } from './server-harness.js';

// Debian's Prometheus scraping two consoles (two provinces, each its own engine and HTTP port)
// with bearer tokens of a supervisor account made as the README says, then one PromQL query
// across both. Province A's token lives in a credentials_file kept fresh by
// scripts/prometheus-token.sh (the answer to sessions ending after 12 h); province B's account
// is scoped to one district, and Prometheus holds nothing of B outside it.

const PROMETHEUS = process.env.BRIDGEPOINT_PROMETHEUS ?? '/usr/bin/prometheus';
const HAVE_PROMETHEUS = existsSync(PROMETHEUS);
const SCRIPT = join(import.meta.dirname, '../../scripts/prometheus-token.sh');
const ADMIN_PASSWORD = 'quan-tri-vien-thu-nghiem';
const PROM_PASSWORD = 'prometheus-doc-so-lieu-1';

/** The second province: other name, every id prefixed with `b-`, no MCU. */
function secondInventory(): Record<string, unknown> {
  const inv = smallInventory() as { name: string; mcu?: unknown; sites: { id: string; parent?: string; endpoints: { id: string; uri?: string }[] }[] };
  inv.name = 'Tỉnh Thứ Hai';
  delete inv.mcu;
  for (const s of inv.sites) {
    s.id = `b-${s.id}`;
    if (s.parent) s.parent = `b-${s.parent}`;
    for (const e of s.endpoints) {
      e.id = `b-${e.id}`;
      delete e.uri;
    }
  }
  return inv;
}

interface Console {
  readonly engine: Engine;
  readonly http: Harness;
}

async function startProvince(inventory: Record<string, unknown>, down: readonly string[]): Promise<Console> {
  const engine = await startEngine({ inventoryPath: writeInventory(inventory), monitoring: false, mcuDriver: null, flushMs: 5, accounts: { scryptCost: 10, adminPassword: ADMIN_PASSWORD } });
  for (const id of engine.status.snapshot().statuses.map((s) => s.endpointId)) engine.status.update(id, { reachability: down.includes(id) ? 'down' : 'up' });
  engine.status.flush();
  // Scraped every second in this test: a session may scrape twice a second here (default: one per 2 s).
  const http = await startServer({ engine, scrapeLimits: { refillMs: 500 } });
  return { engine, http };
}

async function rpc<T>(base: string, method: string, body: unknown, token?: string): Promise<T> {
  const r = await fetch(`${base}/api/v1/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const answer = (await r.json()) as T;
  if (r.status !== 200) throw new Error(`${method}: ${r.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** The README's steps: the administrator makes a supervisor for Prometheus, which changes its one-time password. */
async function prometheusAccount(base: string, scope: string[]): Promise<void> {
  const admin = await rpc<LoginResult>(base, 'login', { user: 'admin', password: ADMIN_PASSWORD });
  await rpc(base, 'createUser', { user: 'prometheus', displayName: 'Prometheus', role: 'supervisor', scope, password: 'mat-khau-mot-lan' }, admin.token);
  const first = await rpc<LoginResult>(base, 'login', { user: 'prometheus', password: 'mat-khau-mot-lan' });
  expect(first.identity.mustChangePassword).toBe(true);
  await rpc(base, 'setPassword', { user: 'prometheus', password: PROM_PASSWORD, currentPassword: 'mat-khau-mot-lan' }, first.token);
  await rpc(base, 'logout', {}, first.token);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, probe: () => Promise<T | null>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown = null;
  while (Date.now() < end) {
    try {
      const v = await probe();
      if (v !== null) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

interface Target {
  labels: { job: string };
  health: string;
  lastError: string;
  lastScrape: string;
}

describe.skipIf(!HAVE_PROMETHEUS)(`Prometheus (${PROMETHEUS}) scraping two consoles`, () => {
  let a: Console;
  let b: Console;
  let dir: string;
  let prometheus: ChildProcess | null = null;
  let promLog = '';
  let api = '';
  const tokenFile = () => join(dir, 'a.token');

  const targets = async (): Promise<Target[]> => {
    const r = (await (await fetch(`${api}/api/v1/targets?state=active`)).json()) as { data: { activeTargets: Target[] } };
    return r.data.activeTargets;
  };
  const query = async (promql: string): Promise<Record<string, number>> => {
    const r = (await (await fetch(`${api}/api/v1/query?query=${encodeURIComponent(promql)}`)).json()) as {
      status: string;
      data: { result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    expect(r.status).toBe('success');
    return Object.fromEntries(r.data.result.map((x) => [x.metric.province ?? '', Number(x.value[1])]));
  };
  // Asynchronously: the consoles answering the script's curl run in this very process.
  const refreshToken = async () => {
    const run = await promisify(execFile)('sh', [SCRIPT, a.http.base, 'prometheus', join(dir, 'a.password'), tokenFile()], { encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).toBe('');
    return readFileSync(tokenFile(), 'utf8');
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bp-prometheus-'));
    a = await startProvince(smallInventory(), ['na-ri-1', 'ba-be-cho-ra-1']);
    // In B, one codec down inside the scope (Na Rì) and two outside it, which Prometheus must never see.
    b = await startProvince(secondInventory(), ['b-na-ri-kim-hy-1', 'b-ubnd-tinh-1', 'b-ba-be-1']);
    await prometheusAccount(a.http.base, []);
    await prometheusAccount(b.http.base, ['b-na-ri']);
    writeFileSync(join(dir, 'a.password'), `${PROM_PASSWORD}\n`, { mode: 0o600 });
    await refreshToken();
    const bToken = (await rpc<LoginResult>(b.http.base, 'login', { user: 'prometheus', password: PROM_PASSWORD, client: 'script' })).token;

    const port = await freePort();
    api = `http://127.0.0.1:${port}`;
    const config = [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      'scrape_configs:',
      '  - job_name: bridgepoint-a',
      '    authorization:',
      `      credentials_file: ${tokenFile()}`,
      '    static_configs:',
      `      - targets: ['127.0.0.1:${a.http.port}']`,
      '  - job_name: bridgepoint-b',
      '    authorization:',
      `      credentials: ${bToken}`,
      '    static_configs:',
      `      - targets: ['127.0.0.1:${b.http.port}']`,
      '',
    ].join('\n');
    writeFileSync(join(dir, 'prometheus.yml'), config);
    prometheus = spawn(PROMETHEUS, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    prometheus.stderr!.on('data', (d: Buffer) => (promLog += d.toString()));
    await until('both targets up', async () => {
      const list = await targets();
      return list.length === 2 && list.every((t) => t.health === 'up') ? list : null;
    }).catch((e: Error) => {
      throw new Error(`${e.message}\nprometheus said:\n${promLog}`);
    });
  }, 90_000);

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((r) => prometheus!.once('exit', r));
      prometheus.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (prometheus.exitCode === null) prometheus.kill('SIGKILL');
    }
    for (const c of [a, b]) {
      await c?.http.close();
      await c?.engine.close();
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('answers one PromQL query across both provinces: codecs and sites down per province', async () => {
    // `count`, not `sum`: `== 0` keeps the zeros, whose sum is 0.
    const codecsDown = await until('both provinces in the answer', async () => {
      const r = await query('count by (province) (bridgepoint_endpoint_up == 0)');
      return Object.keys(r).length === 2 ? r : null;
    });
    expect(codecsDown).toEqual({ 'tinh-thu': 2, 'tinh-thu-hai': 1 });
    // A site is down when none of its codecs is up.
    expect(await query('count by (province) (max by (province, site) (bridgepoint_endpoint_up) == 0)')).toEqual({ 'tinh-thu': 2, 'tinh-thu-hai': 1 });
    expect(await query('sum by (province) (bridgepoint_endpoint_reachability{state="down"})')).toEqual({ 'tinh-thu': 2, 'tinh-thu-hai': 1 });
    // Prometheus's own `up`: every scrape succeeded with the bearer tokens.
    expect(await query('sum(up)')).toEqual({ '': 2 });
  });

  it("holds only the scoped account's subtree of the second province", async () => {
    expect(await query('count by (province) (bridgepoint_endpoint_up)')).toEqual({ 'tinh-thu': 6, 'tinh-thu-hai': 2 });
    const r = (await (await fetch(`${api}/api/v1/label/site/values`)).json()) as { data: string[] };
    expect(r.data.filter((s) => s.startsWith('b-')).sort()).toEqual(['b-na-ri', 'b-na-ri-kim-hy']);
    // Vietnamese names come through Prometheus intact (as label values of the info series).
    const names = (await (await fetch(`${api}/api/v1/label/site_name/values`)).json()) as { data: string[] };
    expect(names.data).toContain('UBND xã Kim Hỷ');
  });

  it('keeps scraping when the token file is renewed and the old session logged out (sessions end after 12 h)', async () => {
    const before = readFileSync(tokenFile(), 'utf8');
    const renewed = await refreshToken();
    expect(renewed).not.toBe(before);
    // The old token is dead (the script logged it out): only a re-read file can keep the target up.
    const old = await fetch(`${a.http.base}/metrics`, { headers: { authorization: `Bearer ${before}` } });
    expect(old.status).toBe(401);
    const renewedAt = Date.now();
    const target = await until('a scrape of province A after the renewal', async () => {
      const t = (await targets()).find((x) => x.labels.job === 'bridgepoint-a')!;
      return Date.parse(t.lastScrape) > renewedAt + 100 ? t : null;
    });
    expect(target).toMatchObject({ health: 'up', lastError: '' });
  });
});

// Without Prometheus the suite above is skipped; this line says why in the test report.
if (!HAVE_PROMETHEUS) it.skip(`Prometheus integration skipped: ${PROMETHEUS} is missing (apt-get install prometheus, or set BRIDGEPOINT_PROMETHEUS to its path)`, () => undefined);
