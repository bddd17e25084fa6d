import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateInventory } from '../../shared/inventory.js';
import { unknownStatus } from '../../shared/status.js';
import {
  DEFAULT_DEGRADED_THRESHOLDS,
  DegradedThresholdsSchema,
  degradedBy,
  deriveNetworkReachability,
  deriveReachability,
  isDegraded,
  isStale,
  reachabilityMeasuredAt,
  type PollState,
  type SiteNode,
} from '../../shared/status-derivation.js';

const T0 = Date.UTC(2025, 0, 1, 8, 0, 0);
const at = (s: number) => T0 + s * 1000;

const UP: PollState = { lastAnswerAt: at(10), lastTimeoutAt: null, consecutiveTimeouts: 0 };
const DOWN: PollState = { lastAnswerAt: at(10), lastTimeoutAt: at(20), consecutiveTimeouts: 3 };
const NEVER_ANSWERED: PollState = { lastAnswerAt: null, lastTimeoutAt: at(20), consecutiveTimeouts: 1 };

describe('deriveReachability (one endpoint)', () => {
  it('is unknown before any poll', () => {
    expect(deriveReachability(undefined)).toBe('unknown');
    expect(deriveReachability({ lastAnswerAt: null, lastTimeoutAt: null })).toBe('unknown');
  });

  it('is up when the last poll answered', () => {
    expect(deriveReachability(UP)).toBe('up');
    // answered again after an earlier timeout
    expect(deriveReachability({ lastAnswerAt: at(30), lastTimeoutAt: at(20), consecutiveTimeouts: 0 })).toBe('up');
  });

  it('is down after it stopped answering', () => {
    expect(deriveReachability(DOWN)).toBe('down');
    expect(deriveReachability(NEVER_ANSWERED)).toBe('down');
    expect(deriveReachability({ lastAnswerAt: at(10), lastTimeoutAt: at(11) })).toBe('down'); // count left out → 1
  });

  it('an answer and a timeout at the same instant: the answer wins', () => {
    expect(deriveReachability({ lastAnswerAt: at(10), lastTimeoutAt: at(10), consecutiveTimeouts: 1 })).toBe('up');
  });

  it('with timeoutsToDown, a single miss keeps the last verdict', () => {
    const oneMiss: PollState = { lastAnswerAt: at(10), lastTimeoutAt: at(15), consecutiveTimeouts: 1 };
    expect(deriveReachability(oneMiss, { timeoutsToDown: 2 })).toBe('up');
    expect(deriveReachability({ ...oneMiss, consecutiveTimeouts: 2 }, { timeoutsToDown: 2 })).toBe('down');
    expect(deriveReachability({ ...NEVER_ANSWERED, consecutiveTimeouts: 1 }, { timeoutsToDown: 2 })).toBe('unknown');
  });

  it('says which time the verdict rests on', () => {
    expect(reachabilityMeasuredAt(UP)).toBe(at(10));
    expect(reachabilityMeasuredAt(DOWN)).toBe(at(20));
    expect(reachabilityMeasuredAt(NEVER_ANSWERED)).toBe(at(20));
    expect(reachabilityMeasuredAt(undefined)).toBeNull();
  });
});

// province → two districts → communes; one endpoint per site unless said otherwise.
const site = (id: string, parent: string | null, endpoints = [`${id}-1`]): SiteNode => ({ id, parent, endpoints: endpoints.map((e) => ({ id: e })) });
const TREE: SiteNode[] = [
  site('tinh', null),
  site('huyen-a', 'tinh'),
  site('xa-a1', 'huyen-a'),
  site('xa-a2', 'huyen-a'),
  site('xa-a3', 'huyen-a', ['xa-a3-1', 'xa-a3-2']),
  site('huyen-b', 'tinh'),
  site('xa-b1', 'huyen-b'),
];
const polls = (entries: Record<string, PollState>) => new Map(Object.entries(entries));

describe('deriveNetworkReachability (the tree)', () => {
  it('everything answering is up; nothing polled is unknown', () => {
    const all = deriveNetworkReachability(TREE, polls(Object.fromEntries(TREE.flatMap((s) => s.endpoints.map((e) => [e.id, UP])))));
    expect([...all.endpoints.values()].every((e) => e.reachability === 'up' && e.behind === null)).toBe(true);
    const none = deriveNetworkReachability(TREE, new Map());
    expect([...none.endpoints.values()].map((e) => e.reachability)).toEqual(Array(8).fill('unknown'));
    expect(none.sites.get('huyen-a')).toEqual({ reachability: 'unknown', behind: null });
  });

  it('communes behind a down district are unreachable; the district itself is down', () => {
    const r = deriveNetworkReachability(
      TREE,
      polls({ 'tinh-1': UP, 'huyen-a-1': DOWN, 'xa-a1-1': DOWN, 'xa-a2-1': DOWN, 'huyen-b-1': UP, 'xa-b1-1': DOWN }),
    );
    expect(r.endpoints.get('huyen-a-1')).toEqual({ siteId: 'huyen-a', reachability: 'down', measuredAt: at(20), behind: null });
    expect(r.endpoints.get('xa-a1-1')).toEqual({ siteId: 'xa-a1', reachability: 'unreachable', measuredAt: at(20), behind: 'huyen-a' });
    expect(r.endpoints.get('xa-a2-1')?.reachability).toBe('unreachable');
    // a commune under a healthy district is blamed for its own failure
    expect(r.endpoints.get('xa-b1-1')).toMatchObject({ reachability: 'down', behind: null });
    expect(r.sites.get('huyen-a')).toEqual({ reachability: 'down', behind: null });
    expect(r.sites.get('xa-a1')).toEqual({ reachability: 'unreachable', behind: 'huyen-a' });
    expect(r.sites.get('xa-b1')).toEqual({ reachability: 'down', behind: null });
  });

  it('a commune that answers behind a down district stays up; an unpolled one stays unknown', () => {
    const r = deriveNetworkReachability(TREE, polls({ 'huyen-a-1': DOWN, 'xa-a1-1': UP }));
    expect(r.endpoints.get('xa-a1-1')?.reachability).toBe('up');
    expect(r.endpoints.get('xa-a2-1')?.reachability).toBe('unknown');
    expect(r.sites.get('xa-a1')?.reachability).toBe('up');
  });

  it('a down codec at a site where another codec answers is down, not unreachable', () => {
    const r = deriveNetworkReachability(TREE, polls({ 'huyen-a-1': DOWN, 'xa-a3-1': UP, 'xa-a3-2': DOWN }));
    expect(r.endpoints.get('xa-a3-2')).toMatchObject({ reachability: 'down', behind: null });
    expect(r.sites.get('xa-a3')?.reachability).toBe('up');
  });

  it('a district with one codec up and one down is not down, so its communes are not masked', () => {
    const tree = [site('tinh', null), site('huyen', 'tinh', ['h-1', 'h-2']), site('xa', 'huyen')];
    const r = deriveNetworkReachability(tree, polls({ 'h-1': UP, 'h-2': DOWN, 'xa-1': DOWN }));
    expect(r.endpoints.get('xa-1')?.reachability).toBe('down');
    expect(r.sites.get('huyen')?.reachability).toBe('up');
  });

  it('a district with one codec down and one unknown is down', () => {
    const tree = [site('huyen', null, ['h-1', 'h-2']), site('xa', 'huyen')];
    const r = deriveNetworkReachability(tree, polls({ 'h-1': DOWN, 'xa-1': DOWN }));
    expect(r.sites.get('huyen')?.reachability).toBe('down');
    expect(r.endpoints.get('h-2')?.reachability).toBe('unknown');
    expect(r.endpoints.get('xa-1')).toMatchObject({ reachability: 'unreachable', behind: 'huyen' });
  });

  it('a down province makes a down district unreachable too, and names the nearest down ancestor', () => {
    const r = deriveNetworkReachability(TREE, polls({ 'tinh-1': DOWN, 'huyen-a-1': DOWN, 'xa-a1-1': DOWN, 'huyen-b-1': UP }));
    expect(r.endpoints.get('tinh-1')?.reachability).toBe('down');
    expect(r.endpoints.get('huyen-a-1')).toMatchObject({ reachability: 'unreachable', behind: 'tinh' });
    expect(r.endpoints.get('xa-a1-1')).toMatchObject({ reachability: 'unreachable', behind: 'huyen-a' });
    expect(r.endpoints.get('huyen-b-1')?.reachability).toBe('up');
  });

  it('looks through sites without codecs (grouping nodes) and works for any number of tiers', () => {
    const tree = [site('vung', null), { id: 'nhom', parent: 'vung', endpoints: [] }, site('huyen', 'nhom'), site('xa', 'huyen'), site('thon', 'xa')];
    const r = deriveNetworkReachability(tree, polls({ 'vung-1': DOWN, 'huyen-1': DOWN, 'xa-1': DOWN, 'thon-1': DOWN }));
    expect(r.endpoints.get('huyen-1')).toMatchObject({ reachability: 'unreachable', behind: 'vung' });
    expect(r.endpoints.get('thon-1')).toMatchObject({ reachability: 'unreachable', behind: 'xa' });
    expect(r.sites.get('nhom')?.reachability).toBe('unknown');
  });

  it('does not loop on a parent cycle or an unknown parent', () => {
    const tree = [site('a', 'b'), site('b', 'a'), site('c', 'missing')];
    const r = deriveNetworkReachability(tree, polls({ 'a-1': DOWN, 'b-1': DOWN, 'c-1': DOWN }));
    expect(r.endpoints.get('c-1')?.reachability).toBe('down');
    expect(r.endpoints.size).toBe(3);
  });

  it('takes the Bắc Kạn inventory as it is (Inventory fits SiteNode)', () => {
    const raw: unknown = JSON.parse(readFileSync(new URL('../../assets/inventory/bac-kan.json', import.meta.url), 'utf8'));
    const v = validateInventory(raw);
    if (!v.ok) throw new Error('inventory invalid');
    const inv = v.inventory;
    const district = inv.sites.find((s) => s.tier === 'district' && inv.sites.some((c) => c.parent === s.id))!;
    const communes = inv.sites.filter((s) => s.parent === district.id);
    const state = new Map<string, PollState>();
    for (const s of inv.sites) for (const e of s.endpoints) state.set(e.id, UP);
    for (const s of [district, ...communes]) for (const e of s.endpoints) state.set(e.id, DOWN);
    const r = deriveNetworkReachability(inv.sites, state);
    expect(r.endpoints.size).toBe(inv.sites.reduce((n, s) => n + s.endpoints.length, 0));
    const counts = { up: 0, down: 0, unreachable: 0, unknown: 0 };
    for (const e of r.endpoints.values()) counts[e.reachability]++;
    expect(counts.down).toBe(district.endpoints.length);
    expect(counts.unreachable).toBe(communes.reduce((n, s) => n + s.endpoints.length, 0));
    expect(counts.unreachable).toBeGreaterThan(0);
  });

  it('scales linearly: every site of a 20 000-deep chain finds the down root once', () => {
    const tree: SiteNode[] = [];
    for (let i = 0; i < 20_000; i++) tree.push(site(`s${i}`, i === 0 ? null : `s${i - 1}`));
    // Only the root and the deepest site are down, so every walk climbs the whole chain unless
    // the answers are shared (a quadratic walk would take seconds here).
    const state = polls({ 's0-1': DOWN, 's19999-1': DOWN });
    const t = performance.now();
    const r = deriveNetworkReachability(tree, state);
    expect(performance.now() - t).toBeLessThan(1000);
    expect(r.endpoints.get('s0-1')?.reachability).toBe('down');
    expect(r.endpoints.get('s19999-1')).toMatchObject({ reachability: 'unreachable', behind: 's0' });
    expect(r.endpoints.get('s10000-1')?.reachability).toBe('unknown');
  });
});

describe('isDegraded', () => {
  it('uses loss > 1 %, jitter > 35 ms, latency > 150 ms by default', () => {
    expect(DEFAULT_DEGRADED_THRESHOLDS).toEqual({ packetLossPct: 1, jitterMs: 35, latencyMs: 150 });
  });

  it('exactly at a threshold is not degraded; just above is', () => {
    expect(isDegraded({ packetLossPct: 1, jitterMs: 35, latencyMs: 150 })).toBe(false);
    expect(degradedBy({ packetLossPct: 1.01 })).toEqual(['packetLossPct']);
    expect(degradedBy({ jitterMs: 35.1 })).toEqual(['jitterMs']);
    expect(degradedBy({ latencyMs: 151 })).toEqual(['latencyMs']);
    expect(degradedBy({ packetLossPct: 5, jitterMs: 80, latencyMs: 400 })).toEqual(['packetLossPct', 'jitterMs', 'latencyMs']);
  });

  it('null, missing or non-finite metrics never degrade', () => {
    expect(isDegraded({ packetLossPct: null, jitterMs: null, latencyMs: null })).toBe(false);
    expect(isDegraded({})).toBe(false);
    expect(isDegraded({ packetLossPct: Number.NaN, latencyMs: Number.POSITIVE_INFINITY })).toBe(false);
    expect(isDegraded(unknownStatus('e', 's'))).toBe(false);
  });

  it('takes measured values with their time', () => {
    expect(isDegraded({ packetLossPct: { value: 2.5, measuredAt: at(0) } })).toBe(true);
    expect(isDegraded({ packetLossPct: { value: null, measuredAt: at(0) } })).toBe(false);
  });

  it('thresholds are configurable, partially', () => {
    expect(isDegraded({ packetLossPct: 0.6 }, { packetLossPct: 0.5 })).toBe(true);
    expect(isDegraded({ latencyMs: 200 }, { latencyMs: 250 })).toBe(false);
    expect(isDegraded({ jitterMs: 36 }, { latencyMs: 250 })).toBe(true); // other defaults still apply
  });

  it('the thresholds schema refuses negatives and unknown keys', () => {
    expect(DegradedThresholdsSchema.safeParse({ packetLossPct: -1, jitterMs: 35, latencyMs: 150 }).success).toBe(false);
    expect(DegradedThresholdsSchema.safeParse({ ...DEFAULT_DEGRADED_THRESHOLDS, mos: 3 }).success).toBe(false);
    expect(DegradedThresholdsSchema.partial().parse({ jitterMs: 50 })).toEqual({ jitterMs: 50 });
  });
});

describe('isStale', () => {
  const interval = 5_000;
  it('is fresh just before 2 intervals and stale at exactly 2', () => {
    expect(isStale(at(0), at(0) + 2 * interval - 1, interval)).toBe(false);
    expect(isStale(at(0), at(0) + 2 * interval, interval)).toBe(true);
    expect(isStale(at(0), at(0) + 3 * interval, interval)).toBe(true);
  });

  it('accepts ISO times as EndpointStatus.measuredAt holds them', () => {
    const iso = new Date(at(0)).toISOString();
    expect(isStale(iso, at(9.999), interval)).toBe(false);
    expect(isStale(iso, at(10), interval)).toBe(true);
  });

  it('never measured is not stale; an unreadable time is', () => {
    expect(isStale(null, at(1000), interval)).toBe(false);
    expect(isStale(undefined, at(1000), interval)).toBe(false);
    expect(isStale('yesterday-ish', at(0), interval)).toBe(true);
  });

  it('a measurement from the future (clock skew) is not stale', () => {
    expect(isStale(at(60), at(0), interval)).toBe(false);
  });

  it('takes another number of intervals, and refuses a non-positive interval', () => {
    expect(isStale(at(0), at(14), interval, 3)).toBe(false);
    expect(isStale(at(0), at(15), interval, 3)).toBe(true);
    expect(() => isStale(at(0), at(1), 0)).toThrow(RangeError);
  });
});
