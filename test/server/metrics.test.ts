import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../electron/engine/engine.js';
import { metricsRegistry, provinceLabel, type MetricsSources } from '../../electron/server/metrics-registry.js';
import { gatherMetrics, ScrapeLimiter } from '../../electron/server/metrics-route.js';
import { DEFAULT_ALARM_RULES } from '../../shared/alarms/alarm-rules.js';
import type { LoginResult } from '../../shared/accounts.js';
import type { Identity } from '../../shared/roles.js';
import { smallInventory, writeInventory } from '../fixtures/inventory.js';
import { parseExposition, samples, type Family } from './exposition.js';
import { startServer, type Harness } from './server-harness.js';

// GET /metrics on a real engine (small inventory, no SNMP, no MCU driver): the exposition as
// Prometheus reads it, the caller's scope, no secret, the bearer token, the scrape limits.

const PROMTOOL = process.env.BRIDGEPOINT_PROMTOOL ?? '/usr/bin/promtool';
const PROVINCE = 'Tỉnh "Thử" \\ Một';
const BA_BE_NAME = 'UBND huyện "Ba Bể" \\ mới';
const OUTSIDE = { ids: ['ubnd-tinh', 'na-ri', 'na-ri-kim-hy', 'ubnd-tinh-1', 'na-ri-1', 'na-ri-kim-hy-1'], names: ['Văn phòng UBND tỉnh', 'UBND huyện Na Rì', 'UBND xã Kim Hỷ'] };
const INSIDE = ['ba-be', 'ba-be-cho-ra', 'ba-be-nam-mau', 'ba-be-1', 'ba-be-cho-ra-1', 'ba-be-nam-mau-1'];

/** `promtool check metrics` (names, units, types, labels), where Debian's prometheus is installed. */
function lint(text: string): void {
  if (!existsSync(PROMTOOL)) return;
  const run = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
  expect(run.stdout + run.stderr).toBe('');
  expect(run.status).toBe(0);
}

let engine: Engine;
let h: Harness;
const tokens: Record<string, string> = {};
const passwords: Record<string, string> = {};

function inventory(): Record<string, unknown> {
  const inv = smallInventory() as { name: string; sites: { id: string; name: string }[] };
  inv.name = PROVINCE;
  inv.sites.find((s) => s.id === 'ba-be')!.name = BA_BE_NAME;
  return inv;
}

async function login(user: string): Promise<string> {
  const r = await fetch(`${h.base}/api/v1/rpc/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, password: passwords[user] }) });
  expect(r.status).toBe(200);
  return ((await r.json()) as LoginResult).token;
}

const scrape = (token: string | null, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(`${h.base}/metrics`, { method, headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...headers } });

async function exposition(token: string): Promise<{ text: string; families: Family[] }> {
  const r = await scrape(token);
  expect(r.status).toBe(200);
  const text = await r.text();
  return { text, families: parseExposition(text) };
}

beforeAll(async () => {
  engine = await startEngine({
    inventoryPath: writeInventory(inventory()),
    monitoring: false,
    mcuDriver: null,
    flushMs: 5,
    accounts: { scryptCost: 10, demoAccounts: true },
    alarms: { rules: DEFAULT_ALARM_RULES.map((r) => ({ ...r, onDelayS: 0 })), evaluateEveryMs: 60_000 },
  });
  for (const a of engine.createdAccounts) if (a.password) passwords[a.user] = a.password;
  const { status } = engine;
  status.update('ba-be-1', { reachability: 'up', inCall: true, packetLossPct: 2.5, jitterMs: 12, latencyMs: 80, bitrateKbps: 1920, rxBps: 1_000_000, txBps: 900_000, uptimeS: 3600 });
  status.update('ba-be-cho-ra-1', { reachability: 'down' });
  status.update('na-ri-1', { reachability: 'down' });
  status.update('na-ri-kim-hy-1', { reachability: 'unreachable' });
  status.update('ubnd-tinh-1', { reachability: 'up', inCall: false });
  status.flush();
  engine.alarms.step();
  h = await startServer({ engine, scrapeLimits: { burst: 1000 } });
  for (const user of ['kythuat', 'giamsat', 'giamsat-babe']) tokens[user] = await login(user);
}, 30_000);

afterAll(async () => {
  await h?.close();
  await engine?.close();
});

describe('GET /metrics', () => {
  it('answers 401 without a token or with an unknown one, naming the Bearer scheme', async () => {
    for (const token of [null, 'not-a-token-0123456789abcdef']) {
      const r = await scrape(token);
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Bearer realm="bridgepoint"');
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    }
    // The token goes in the header, never in the URL (the guard's 400, before any authentication).
    const r = await fetch(`${h.base}/metrics?access_token=${tokens.kythuat}`);
    expect(r.status).toBe(400);
  });

  it('is the text format prom-client wrote: every sample the registry holds, parsed back with its labels', async () => {
    const r = await scrape(tokens.kythuat!);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(r.headers.get('cache-control')).toBe('no-store');
    const families = parseExposition(await r.text());
    // The truth: the registry built from the same answers, as prom-client holds it.
    const caller = engine.authenticate(tokens.kythuat!, { source: '127.0.0.1', client: 'script' })!;
    const gathered = await gatherMetrics(engine, caller);
    if (!gathered.ok) throw new Error('gather failed');
    const json = await metricsRegistry(gathered.sources).getMetricsAsJSON();
    expect(families.map((f) => f.name)).toEqual(json.map((m) => m.name));
    for (const m of json) {
      const f = families.find((x) => x.name === m.name)!;
      expect(f.type, m.name).toBe(m.type);
      expect(f.help, m.name).toBe(m.help);
      const norm = (list: { labels: object; value: number }[]) => list.map((s) => JSON.stringify([Object.entries(s.labels).sort(), s.value])).sort();
      expect(norm(f.samples), m.name).toEqual(norm(m.values as { labels: object; value: number }[]));
    }
  });

  it('shows each codec by ids, in base units, and leaves out what is not known', async () => {
    const { families } = await exposition(tokens.kythuat!);
    const one = (name: string, endpoint: string) => samples(families, name).filter((s) => s.labels.endpoint === endpoint);
    expect(one('bridgepoint_endpoint_up', 'ba-be-1')).toEqual([
      { name: 'bridgepoint_endpoint_up', labels: { province: 'tinh-thu-mot', district: 'ba-be', tier: 'district', site: 'ba-be', endpoint: 'ba-be-1' }, value: 1 },
    ]);
    expect(one('bridgepoint_endpoint_up', 'na-ri-1')[0]!.value).toBe(0);
    expect(one('bridgepoint_endpoint_reachability', 'na-ri-kim-hy-1').filter((s) => s.value === 1).map((s) => s.labels.state)).toEqual(['unreachable']);
    expect(one('bridgepoint_endpoint_packet_loss_ratio', 'ba-be-1')[0]!.value).toBeCloseTo(0.025);
    expect(one('bridgepoint_endpoint_jitter_seconds', 'ba-be-1')[0]!.value).toBeCloseTo(0.012);
    expect(one('bridgepoint_endpoint_latency_seconds', 'ba-be-1')[0]!.value).toBeCloseTo(0.08);
    expect(one('bridgepoint_endpoint_call_rate_bytes_per_second', 'ba-be-1')[0]!.value).toBe(240_000);
    expect(one('bridgepoint_endpoint_receive_bytes_per_second', 'ba-be-1')[0]!.value).toBe(125_000);
    expect(one('bridgepoint_endpoint_transmit_bytes_per_second', 'ba-be-1')[0]!.value).toBe(112_500);
    expect(one('bridgepoint_endpoint_in_call', 'ba-be-1')[0]!.value).toBe(1);
    expect(one('bridgepoint_endpoint_in_call', 'ubnd-tinh-1')[0]!.value).toBe(0);
    expect(one('bridgepoint_endpoint_in_call', 'na-ri-1')).toEqual([]); // unknown: no series, never a made-up 0
    expect(one('bridgepoint_endpoint_packet_loss_ratio', 'na-ri-1')).toEqual([]);
    // The province commune: no district above it (two of the three tiers) reads "".
    expect(one('bridgepoint_endpoint_up', 'ubnd-tinh-1')[0]!.labels.district).toBe('');
    // Alarms: every priority × state, the down codecs counted.
    const alarms = samples(families, 'bridgepoint_alarms');
    expect(alarms).toHaveLength(4 * 3);
    expect(alarms.reduce((n, s) => n + s.value, 0)).toBeGreaterThanOrEqual(2);
    expect(samples(families, 'bridgepoint_mcu_state').filter((s) => s.value === 1).map((s) => s.labels.state)).toEqual(['none']);
    expect(samples(families, 'bridgepoint_endpoints')[0]!.value).toBe(6);
    // Monitoring off: no poller figures at all rather than zeros.
    expect(families.some((f) => f.name.startsWith('bridgepoint_poller_'))).toBe(false);
  });

  it.skipIf(!existsSync(PROMTOOL))(`passes Prometheus's own lint (${PROMTOOL} check metrics)`, async () => {
    lint((await exposition(tokens.kythuat!)).text);
  });

  it('escapes label values: quotes and backslashes in names come back exactly', async () => {
    const { text, families } = await exposition(tokens.kythuat!);
    expect(text).toContain('site_name="UBND huyện \\"Ba Bể\\" \\\\ mới"');
    expect(samples(families, 'bridgepoint_site_info').find((s) => s.labels.site === 'ba-be')!.labels.site_name).toBe(BA_BE_NAME);
    expect(samples(families, 'bridgepoint_info')[0]!.labels).toMatchObject({ province: 'tinh-thu-mot', province_name: PROVINCE });
    expect(provinceLabel('Tỉnh Bắc Kạn')).toBe('tinh-bac-kan');
    expect(provinceLabel('Đắk Lắk')).toBe('dak-lak');
    expect(provinceLabel('"\\')).toBe('unnamed');
  });

  it("gives a scoped supervisor only their subtree's series", async () => {
    const { text, families } = await exposition(tokens['giamsat-babe']!);
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const idPattern = new RegExp(`(?<![a-z0-9._-])(${OUTSIDE.ids.map(esc).join('|')})(?![a-z0-9._-])`, 'g');
    expect([...text.matchAll(idPattern)].map((m) => m[1])).toEqual([]);
    for (const name of OUTSIDE.names) expect(text).not.toContain(name);
    for (const id of INSIDE) expect(text).toContain(`"${id}"`);
    expect(samples(families, 'bridgepoint_endpoints')[0]!.value).toBe(3);
    expect(new Set(samples(families, 'bridgepoint_endpoint_up').map((s) => s.labels.endpoint))).toEqual(new Set(['ba-be-1', 'ba-be-cho-ra-1', 'ba-be-nam-mau-1']));
    // Alarms are the scope's: Ba Bể's Chợ Rã is down, Na Rì's alarm is not counted.
    const full = samples((await exposition(tokens.giamsat!)).families, 'bridgepoint_alarms').reduce((n, s) => n + s.value, 0);
    const scoped = samples(families, 'bridgepoint_alarms').reduce((n, s) => n + s.value, 0);
    expect(scoped).toBeGreaterThanOrEqual(1);
    expect(scoped).toBeLessThan(full);
  });

  it('holds no secret: no community, no MCU password, no token, no password hash', async () => {
    const texts: string[] = [];
    for (const u of ['kythuat', 'giamsat', 'giamsat-babe']) texts.push((await exposition(tokens[u]!)).text);
    const secrets = ['secret-community', 'mcu-password', 'scrypt', '$s', ...Object.values(tokens), ...Object.values(passwords)];
    for (const text of texts) for (const s of secrets) expect(text).not.toContain(s);
    // Nor the codecs' addresses and ports, which the metrics have no use for.
    for (const text of texts) expect(text).not.toMatch(/127\.0\.0\.1|1610\d/);
  });

  it('sends gzip when asked, answers HEAD without a body and refuses other methods', async () => {
    const r = await scrape(tokens.kythuat!, { 'accept-encoding': 'gzip' });
    expect(r.headers.get('content-encoding')).toBe('gzip');
    // fetch undoes the gzip itself; the bytes are checked through node:zlib as Prometheus would.
    expect(parseExposition(await r.text()).length).toBeGreaterThan(10);
    const raw = await new Promise<Buffer>((resolve, reject) => {
      import('node:http').then(({ get }) =>
        get(`${h.base}/metrics`, { headers: { authorization: `Bearer ${tokens.kythuat}`, 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks)));
        }).on('error', reject),
      );
    });
    expect(gunzipSync(raw).toString()).toContain('bridgepoint_endpoint_up');
    const head = await scrape(tokens.kythuat!, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await scrape(tokens.kythuat!, {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('refuses an account that must still change its one-time password (403), as the API does', async () => {
    const tech = engine.authenticate(tokens.kythuat!, { source: '127.0.0.1', client: 'script' })!;
    const created = await engine.call(tech, 'createUser', { user: 'prometheus-moi', displayName: 'Prometheus', role: 'supervisor', password: 'mot-mat-khau-tam' });
    expect(created.ok).toBe(true);
    passwords['prometheus-moi'] = 'mot-mat-khau-tam';
    const r = await scrape(await login('prometheus-moi'));
    expect(r.status).toBe(403);
    expect(((await r.json()) as { error: { params?: { reason?: string } } }).error.params?.reason).toBe('must_change_password');
  });
});

describe('scrape limits', () => {
  it('a session past its burst waits (429 with Retry-After); another session does not', async () => {
    const limited = await startServer({ engine, scrapeLimits: { burst: 2, refillMs: 60_000 } });
    try {
      const get = (token: string) => fetch(`${limited.base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect((await get(tokens.giamsat!)).status).toBe(200);
      expect((await get(tokens.giamsat!)).status).toBe(200);
      const third = await get(tokens.giamsat!);
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await get(tokens.kythuat!)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('refills one scrape per interval, and bounds scrapes built at once', async () => {
    let t = 0;
    const limiter = new ScrapeLimiter({ burst: 2, refillMs: 5_000, maxConcurrent: 1 }, () => t);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 5]);
    t += 2_500;
    expect(limiter.take('a')).toBe(3); // half a token back: 2.5 s more
    t += 5_000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('b')).toBe(0);

    const slow: Identity = { user: 'x', role: 'technician', sessionId: 's-x' };
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const stalling = { ...engine, call: async (c: Identity, m: string, i: unknown) => (await gate, engine.call(c, m, i)), authenticate: () => slow };
    const server = await startServer({ engine: stalling, scrapeLimits: { maxConcurrent: 1 } });
    try {
      const first = fetch(`${server.base}/metrics`, { headers: { authorization: 'Bearer any-token-0123456789' } });
      await new Promise((r) => setTimeout(r, 100));
      const second = await fetch(`${server.base}/metrics`, { headers: { authorization: 'Bearer any-token-0123456789' } });
      expect(second.status).toBe(503);
      expect(second.headers.get('retry-after')).toBe('1');
      release();
      expect((await first).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('the registry', () => {
  const sources = (over: Partial<MetricsSources> = {}): MetricsSources => ({
    health: { ok: true, version: '0.1.0', endpoints: 1, mcu: 'ok' },
    network: { name: 'Tỉnh Thử', timezone: 'Asia/Ho_Chi_Minh', tiers: ['t'], sites: [{ id: 's', name: 'S', tier: 't', parent: null, district: null, endpoints: [{ id: 'e', name: 'E', host: '10.0.0.1', port: 161, profile: 'generic-mib2', uri: null }] }] },
    statuses: [],
    pollResults: [{ endpointId: 'e', at: '2026-12-07T02:00:00.000Z', durationMs: 2_000, answered: false, failure: 'timeout', failures: { timeout: 3, auth: 1 } }],
    alarms: [],
    conferences: { mcu: { state: 'ok', message: 'connected', since: '2026-12-07T00:00:00.000Z' }, conferences: [] },
    monitoring: null,
    ...over,
  });

  it("shows each codec's last poll and its failures by kind, never the error text", async () => {
    const text = await metricsRegistry(sources()).metrics();
    lint(text);
    const families = parseExposition(text);
    const l = { province: 'tinh-thu', district: '', tier: 't', site: 's', endpoint: 'e' };
    expect(samples(families, 'bridgepoint_endpoint_last_poll_duration_seconds')).toEqual([{ name: 'bridgepoint_endpoint_last_poll_duration_seconds', labels: l, value: 2 }]);
    expect(samples(families, 'bridgepoint_endpoint_last_poll_timestamp_seconds')[0]!.value).toBe(Date.parse('2026-12-07T02:00:00.000Z') / 1000);
    expect(samples(families, 'bridgepoint_endpoint_last_poll_failure')).toEqual([{ name: 'bridgepoint_endpoint_last_poll_failure', labels: { ...l, kind: 'timeout' }, value: 1 }]);
    expect(samples(families, 'bridgepoint_endpoint_poll_failures_total').map((s) => [s.labels.kind, s.value]).sort()).toEqual([['auth', 1], ['timeout', 3]]);
    expect(families.find((f) => f.name === 'bridgepoint_endpoint_poll_failures_total')!.type).toBe('counter');
    const ok = parseExposition(await metricsRegistry(sources({ pollResults: [{ endpointId: 'e', at: '2026-12-07T02:00:05.000Z', durationMs: 40, answered: true, failure: null, failures: { timeout: 3 } }] })).metrics());
    expect(samples(ok, 'bridgepoint_endpoint_last_poll_failure')).toEqual([]);
  });

  it('shows the poller and trap receiver figures when the engine polls', async () => {
    const q = { p50: 40, p99: 900, max: null };
    const monitoring = {
      intervalMs: 5000,
      poller: { endpoints: 1, inFlight: 2, maxInFlight: 500, queued: 0, backedOff: 1, polls: 100, probes: 5, answered: 90, timeouts: 10, errors: 5, overruns: 1, pollsPerSecond: 0.2, pollCycleMs: q, startDelayMs: q, rttMs: q },
      traps: { port: 10162, received: 7, rejected: 2, rejectedBy: { auth: 2, malformed: 0, unencodable_reply: 0, unexpected_pdu: 0, no_trap_oid: 0, library_error: 0, over_budget: 0 }, unknownSource: 1, malformed: 0 },
    };
    const text = await metricsRegistry(sources({ monitoring })).metrics();
    lint(text);
    const families = parseExposition(text);
    expect(samples(families, 'bridgepoint_poller_timeouts_total')[0]!.value).toBe(10);
    expect(samples(families, 'bridgepoint_poller_poll_cycle_p50_seconds')[0]!.value).toBe(0.04);
    expect(samples(families, 'bridgepoint_poller_rtt_p99_seconds')[0]!.value).toBe(0.9);
    expect(samples(families, 'bridgepoint_poller_rtt_max_seconds')).toEqual([]); // not known: no series
    expect(samples(families, 'bridgepoint_traps_rejected_total').find((s) => s.labels.reason === 'auth')!.value).toBe(2);
    expect(samples(families, 'bridgepoint_traps_rejected_total')).toHaveLength(7);
    expect(samples(families, 'bridgepoint_mcu_state').find((s) => s.value === 1)!.labels.state).toBe('ok');
  });
});
