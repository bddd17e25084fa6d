import { describe, expect, it } from 'vitest';
import { evaluate, type AlarmBook, type EvaluationContext, type Maintenance } from '../../../shared/alarms/alarm-book.js';
import { isAnnunciable, type Alarm } from '../../../shared/alarms/alarm-machine.js';
import { DEFAULT_ALARM_RULES, endpointSamples } from '../../../shared/alarms/alarm-rules.js';
import { unknownStatus, type EndpointStatus, type Reachability } from '../../../shared/status.js';

// tinh ─ ba-be ─ cho-ra, nam-mau, khang-ninh ; tinh ─ pac-nam
const parent: Record<string, string | undefined> = { 'ba-be': 'tinh', 'cho-ra': 'ba-be', 'nam-mau': 'ba-be', 'khang-ninh': 'ba-be', 'pac-nam': 'tinh' };
const ancestorsOf = (site: string): string[] => {
  const out: string[] = [];
  for (let p = parent[site]; p; p = parent[p]) out.push(p);
  return out;
};
const SITES = ['tinh', 'ba-be', 'cho-ra', 'nam-mau', 'khang-ninh', 'pac-nam'];
const S = 1000;

const status = (site: string, reachability: Reachability, extra: Partial<EndpointStatus> = {}): EndpointStatus => ({
  ...unknownStatus(`${site}-codec`, site),
  reachability,
  ...extra,
});

/** The network at one moment: every site's codec with a reachability (others up). */
function samples(reach: Record<string, Reachability>, extra: Record<string, Partial<EndpointStatus>> = {}) {
  return SITES.flatMap((s) => endpointSamples(status(s, reach[s] ?? 'up', extra[s]), DEFAULT_ALARM_RULES));
}

interface Replay {
  book: AlarmBook;
  annunciated: Alarm[];
  everDown: Set<string>;
}

function replay(steps: { at: number; reach: Record<string, Reachability>; maintenance?: Maintenance[] }[]): Replay {
  let book = new Map<string, Alarm>();
  const annunciated: Alarm[] = [];
  const everDown = new Set<string>();
  for (const step of steps) {
    for (const [site, r] of Object.entries(step.reach)) if (r === 'down') everDown.add(site);
    const ctx: EvaluationContext = { rules: DEFAULT_ALARM_RULES, ancestorsOf, maintenance: step.maintenance ?? [], now: step.at * S };
    const e = evaluate(book, samples(step.reach), ctx);
    book = e.book;
    annunciated.push(...e.annunciate);
  }
  return { book, annunciated, everDown };
}

const communesUnreachable = { 'ba-be': 'down', 'cho-ra': 'unreachable', 'nam-mau': 'unreachable', 'khang-ninh': 'unreachable' } as const;

describe('a district outage through the alarm book', () => {
  type Step = { at: number; reach: Record<string, Reachability> };
  const steps: Step[] = [
    { at: 0, reach: {} },
    { at: 5, reach: communesUnreachable },
    { at: 10, reach: communesUnreachable },
    { at: 15, reach: communesUnreachable },
    { at: 60, reach: communesUnreachable },
    // The district is back; its communes stay unreachable until their own next poll.
    { at: 65, reach: { 'cho-ra': 'unreachable', 'nam-mau': 'unreachable', 'khang-ninh': 'unreachable' } as const },
    { at: 70, reach: { 'nam-mau': 'unreachable' } as const },
    { at: 80, reach: {} },
    { at: 100, reach: {} },
  ];

  it('annunciates exactly one alarm, the district, and keeps its communes suppressed by it', () => {
    const { annunciated, book } = replay(steps.slice(0, 4));
    expect(annunciated.map((a) => a.id)).toEqual(['endpoint-down@endpoint:ba-be-codec']);
    const communes = [...book.values()].filter((a) => a.ruleId === 'endpoint-unreachable');
    expect(communes.map((a) => [a.subject.siteId, a.state, a.suppressedBy])).toEqual([
      ['cho-ra', 'unack', 'endpoint-down@endpoint:ba-be-codec'],
      ['nam-mau', 'unack', 'endpoint-down@endpoint:ba-be-codec'],
      ['khang-ninh', 'unack', 'endpoint-down@endpoint:ba-be-codec'],
    ]);
    expect(communes.every((a) => !isAnnunciable(a))).toBe(true);
  });

  it('through the recovery: nothing else annunciated, no commune ever down, communes back to normal without a latch', () => {
    const { annunciated, book, everDown } = replay(steps);
    expect(annunciated.map((a) => a.id)).toEqual(['endpoint-down@endpoint:ba-be-codec']);
    expect([...everDown]).toEqual(['ba-be']);
    const district = book.get('endpoint-down@endpoint:ba-be-codec')!;
    expect(district.state).toBe('rtn_unack'); // returned, latched until the operator acknowledges it
    for (const site of ['cho-ra', 'nam-mau', 'khang-ninh']) expect(book.get(`endpoint-unreachable@endpoint:${site}-codec`)).toMatchObject({ state: 'normal', suppressedBy: null });
  });

  it('annunciates a commune that goes down on its own', () => {
    const { annunciated } = replay([
      { at: 0, reach: { 'pac-nam': 'down' } },
      { at: 10, reach: { 'pac-nam': 'down' } },
    ]);
    expect(annunciated.map((a) => a.id)).toEqual(['endpoint-down@endpoint:pac-nam-codec']);
  });

  it('keeps a subtree in maintenance out of service: recorded, never annunciated', () => {
    const maintenance: Maintenance[] = [{ siteId: 'ba-be', by: 'kythuat', at: 0, reason: 'thay bộ mã hoá', from: 0, until: null }];
    const { annunciated, book } = replay(steps.slice(0, 4).map((s) => ({ ...s, maintenance })));
    expect(annunciated).toEqual([]);
    expect(book.get('endpoint-down@endpoint:ba-be-codec')).toMatchObject({ state: 'unack', outOfService: { siteId: 'ba-be', reason: 'thay bộ mã hoá' } });
    expect(book.get('endpoint-unreachable@endpoint:cho-ra-codec')?.outOfService?.siteId).toBe('ba-be');
  });

  it('takes a planned window out of service only while it is in force', () => {
    // In force from 100 s to 200 s; the district goes down at 5 s and stays down.
    const maintenance: Maintenance[] = [{ siteId: 'ba-be', by: 'kythuat', at: 0, reason: 'thay bộ mã hoá', from: 100 * S, until: 200 * S }];
    const at = (t: number) => replay([0, 5, 10, 15, t].map((s) => ({ at: s, reach: s === 0 ? {} : communesUnreachable, maintenance })));
    const before = at(60);
    expect(before.annunciated.map((a) => a.id)).toEqual(['endpoint-down@endpoint:ba-be-codec']);
    expect(before.book.get('endpoint-down@endpoint:ba-be-codec')?.outOfService).toBeNull();
    expect(at(100).book.get('endpoint-down@endpoint:ba-be-codec')?.outOfService).toEqual({ siteId: 'ba-be', by: 'kythuat', at: 100 * S, reason: 'thay bộ mã hoá' });
    expect(at(199).book.get('endpoint-unreachable@endpoint:cho-ra-codec')?.outOfService?.siteId).toBe('ba-be');
    expect(at(200).book.get('endpoint-down@endpoint:ba-be-codec')?.outOfService).toBeNull();
  });

  it('creates no record for a subject whose conditions never held, and reports only what changed', () => {
    const first = evaluate(new Map(), samples({}), { rules: DEFAULT_ALARM_RULES, ancestorsOf, maintenance: [], now: 0 });
    expect(first.book.size).toBe(0);
    const down = evaluate(first.book, samples({ 'pac-nam': 'down' }), { rules: DEFAULT_ALARM_RULES, ancestorsOf, maintenance: [], now: 1 * S });
    expect(down.changed.map((a) => a.id)).toEqual(['endpoint-down@endpoint:pac-nam-codec']);
    const same = evaluate(down.book, samples({ 'pac-nam': 'down' }), { rules: DEFAULT_ALARM_RULES, ancestorsOf, maintenance: [], now: 2 * S });
    expect(same.changed).toEqual([]);
  });
});

describe('endpoint conditions from the live status', () => {
  it('judges link quality only while the codec is up, with the value and its unit', () => {
    const lossy = endpointSamples(status('cho-ra', 'up', { packetLossPct: 4.2, jitterMs: 12, latencyMs: null }), DEFAULT_ALARM_RULES);
    expect(lossy.find((s) => s.ruleId === 'loss-high')).toMatchObject({ active: true, value: 4.2, unit: '%' });
    expect(lossy.find((s) => s.ruleId === 'jitter-high')).toMatchObject({ active: false, value: 12, unit: 'ms' });
    expect(lossy.find((s) => s.ruleId === 'latency-high')).toMatchObject({ active: false, value: null });
    const down = endpointSamples(status('cho-ra', 'down', { packetLossPct: 100 }), DEFAULT_ALARM_RULES);
    expect(down.find((s) => s.ruleId === 'loss-high')?.active).toBe(false);
    expect(down.find((s) => s.ruleId === 'endpoint-down')?.active).toBe(true);
  });

  it('raises nothing for a codec never polled (unknown), and stale only for one that is up', () => {
    expect(endpointSamples(unknownStatus('x', 'cho-ra'), DEFAULT_ALARM_RULES).filter((s) => s.active)).toEqual([]);
    expect(endpointSamples(status('cho-ra', 'up', { stale: true }), DEFAULT_ALARM_RULES).filter((s) => s.active).map((s) => s.ruleId)).toEqual(['stale-data']);
  });
});

describe('traps explained by an outage', () => {
  const ctx = (at: number): EvaluationContext => ({ rules: DEFAULT_ALARM_RULES, ancestorsOf, maintenance: [], now: at * S });
  const trap = (active: boolean) => ({ ruleId: 'trap-cold-start', subject: { kind: 'endpoint' as const, id: 'pac-nam-codec', siteId: 'pac-nam' }, active });

  function afterOutage(): Map<string, Alarm> {
    let book = new Map<string, Alarm>();
    for (const [at, r] of [
      [0, 'down'],
      [5, 'down'],
      [10, 'up'],
      [25, 'up'],
    ] as const)
      book = evaluate(book, samples({ 'pac-nam': r }), ctx(at)).book;
    expect(book.get('endpoint-down@endpoint:pac-nam-codec')?.state).toBe('rtn_unack');
    return book;
  }

  it('the coldStart of a codec coming back is suppressed by the outage it follows', () => {
    let book = afterOutage();
    const annunciated: string[] = [];
    for (const [at, active] of [
      [30, true],
      [50, true],
      [51, false],
    ] as const) {
      const e = evaluate(book, [trap(active)], ctx(at));
      book = e.book;
      annunciated.push(...e.annunciate.map((a) => a.id));
    }
    expect(book.get('trap-cold-start@endpoint:pac-nam-codec')).toMatchObject({ state: 'unack', suppressedBy: 'endpoint-down@endpoint:pac-nam-codec' });
    expect(annunciated).toEqual([]);
  });

  it('a coldStart long after the outage is news', () => {
    let book = afterOutage();
    const annunciated: string[] = [];
    for (const [at, active] of [
      [400, true],
      [420, true],
    ] as const) {
      const e = evaluate(book, [trap(active)], ctx(at));
      book = e.book;
      annunciated.push(...e.annunciate.map((a) => a.id));
    }
    expect(annunciated).toEqual(['trap-cold-start@endpoint:pac-nam-codec']);
  });
});
