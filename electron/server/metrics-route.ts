import type { IncomingMessage, ServerResponse } from 'node:http';
import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { AlarmView } from '../../shared/alarms/alarm-api.js';
import type { Health } from '../../shared/api/contract.js';
import type { RpcReply } from '../../shared/api/transport.js';
import type { ConferencesView } from '../../shared/conference.js';
import type { NetworkView } from '../../shared/inventory.js';
import type { MonitoringStatsView, PollResult } from '../../shared/monitoring.js';
import type { Identity } from '../../shared/roles.js';
import type { StatusSnapshot } from '../../shared/status.js';
import type { EngineApi } from '../engine/engine-api.js';
import { error, replyError } from './http-api.js';
import { metricsRegistry, type MetricsSources } from './metrics-registry.js';

const gzip = promisify(gzipCallback);

/** Where Prometheus scrapes: outside /api/, as every exporter has it. */
export const METRICS_PATH = '/metrics';

/** What scraping may cost: per login session a token bucket, and a bound on scrapes built at once. */
export interface ScrapeLimits {
  /** Scrapes one session may make back to back. */
  readonly burst: number;
  /** Then one more per this many ms (2 s: two Prometheus servers scraping every 5 s with one account fit). */
  readonly refillMs: number;
  /** Scrapes being built at the same time, all sessions together; more are answered 503. */
  readonly maxConcurrent: number;
}

export const DEFAULT_SCRAPE_LIMITS: ScrapeLimits = { burst: 10, refillMs: 2_000, maxConcurrent: 4 };

/** Per-session token buckets (in memory; a session that stops scraping drops out once its bucket is full again). */
export class ScrapeLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  inFlight = 0;

  constructor(
    readonly limits: ScrapeLimits = DEFAULT_SCRAPE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one scrape for this key: 0 when allowed, else the seconds until the next one is. */
  take(key: string): number {
    const t = this.now();
    const { burst, refillMs } = this.limits;
    const refill = (b: { tokens: number; at: number }) => Math.min(burst, b.tokens + (t - b.at) / refillMs);
    if (this.buckets.size > 1024) for (const [k, b] of this.buckets) if (refill(b) >= burst) this.buckets.delete(k);
    const b = this.buckets.get(key);
    const tokens = b ? refill(b) : burst;
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: t });
      return Math.max(1, Math.ceil(((1 - tokens) * refillMs) / 1000));
    }
    this.buckets.set(key, { tokens: tokens - 1, at: t });
    return 0;
  }
}

/**
 * The scrape's data, through the same RPC requests (and so the same role, password-change and
 * scope checks) as the REST views: a scoped supervisor's answers come back cut to their subtrees.
 * The first refusal is returned as it came.
 */
export async function gatherMetrics(engine: EngineApi, caller: Identity): Promise<{ ok: true; sources: MetricsSources } | Extract<RpcReply, { ok: false }>> {
  const ask = (method: string, input: unknown = {}) => engine.call(caller, method, input);
  const replies = await Promise.all([
    ask('getHealth'),
    ask('getNetwork'),
    ask('getStatusSnapshot'),
    ask('getPollResults'),
    ask('listAlarms', { includeHidden: true }),
    ask('getConferences'),
    ask('getMonitoring'),
  ]);
  for (const r of replies) if (!r.ok) return r;
  const [health, network, snapshot, pollResults, alarms, conferences, monitoring] = replies.map((r) => (r as { result: unknown }).result);
  return {
    ok: true,
    sources: {
      health: health as Health,
      network: network as NetworkView,
      statuses: (snapshot as StatusSnapshot).statuses,
      pollResults: pollResults as PollResult[],
      alarms: alarms as AlarmView[],
      conferences: conferences as ConferencesView,
      monitoring: monitoring as MonitoringStatsView | null,
    },
  };
}

/**
 * `GET /metrics`: the caller's part of the network in the Prometheus text format (prom-client),
 * gzip when asked for. The caller is authenticated already (a bearer token, as for the API).
 */
export async function handleMetrics(engine: EngineApi, caller: Identity, req: IncomingMessage, res: ServerResponse, limiter: ScrapeLimiter): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return error(res, 405, 'bad_request', `use GET for ${METRICS_PATH}`, { allow: 'GET, HEAD' });
  const wait = limiter.take(caller.sessionId ?? `user:${caller.user}`);
  if (wait > 0) {
    return error(res, 429, 'too_many_requests', `scraping too often; try again in ${wait} s`, { 'retry-after': String(wait) }, { retryAfterS: wait });
  }
  if (limiter.inFlight >= limiter.limits.maxConcurrent) {
    return error(res, 503, 'unavailable', 'other scrapes are being built; try again shortly', { 'retry-after': '1' }, { retryAfterS: 1 });
  }
  limiter.inFlight++;
  try {
    const gathered = await gatherMetrics(engine, caller);
    if (!gathered.ok) return replyError(res, gathered);
    // Building and rendering are synchronous (~0.25 s and ~0.55 s at 5,000 codecs): the poller's
    // timers get their turn in between.
    await setImmediatePromise();
    const registry = metricsRegistry(gathered.sources);
    await setImmediatePromise();
    const text = Buffer.from(await registry.metrics(), 'utf8');
    const gzipped = /\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzipped ? await gzip(text) : text;
    res.writeHead(200, {
      'content-type': registry.contentType,
      'content-length': body.length,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      vary: 'Accept-Encoding',
      ...(gzipped ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } finally {
    limiter.inFlight--;
  }
}
