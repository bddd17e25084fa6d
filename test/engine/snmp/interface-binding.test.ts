import { describe, expect, it } from 'vitest';
import type { DeviceProfile } from '../../../shared/device-profile.js';
import { SNMP_TYPE } from '../../../shared/snmp-values.js';
import type { EndpointSession, RequestOutcome } from '../../../electron/engine/snmp/endpoint-session.js';
import { compareOids, InterfaceBinding, MAX_INTERFACE_ROWS } from '../../../electron/engine/snmp/interface-binding.js';
import type { Limiter } from '../../../electron/engine/snmp/limiter.js';
import type { PollContext, PollOutcome } from '../../../electron/engine/snmp/poll-endpoint.js';

// The binding's state machine against an in-memory agent: what it asks, what it concludes, when
// it looks again. The same against Debian's snmpd is in poller-interfaces.test.ts.

const profile: DeviceProfile = {
  id: 'p',
  name: 'p',
  mib: 'test',
  metrics: {
    uptimeS: { oid: '1.3.6.1.2.1.1.3.0', encoding: 'timeticks', scale: 0.01 },
    ifOperUp: { oid: '1.3.6.1.2.1.2.2.1.8', encoding: 'integer', interface: true, map: { '1': true }, mapDefault: false },
    rxBps: { oid: '1.3.6.1.2.1.31.1.1.1.6', encoding: 'counter64', interface: true, fallback: { oid: '1.3.6.1.2.1.2.2.1.10', encoding: 'counter32' }, rate: true, scale: 8 },
  },
  traps: [],
};

type Cell = { type: number; value: unknown };
const S = SNMP_TYPE;
function ifRows(rows: { i: number; name?: string; descr: string; type: number; oper: number; hc?: boolean; c32?: boolean }[]): Map<string, Cell> {
  const t = new Map<string, Cell>();
  for (const r of rows) {
    t.set(`1.3.6.1.2.1.2.2.1.2.${r.i}`, { type: S.OctetString, value: Buffer.from(r.descr) });
    t.set(`1.3.6.1.2.1.2.2.1.3.${r.i}`, { type: S.Integer, value: r.type });
    t.set(`1.3.6.1.2.1.2.2.1.8.${r.i}`, { type: S.Integer, value: r.oper });
    if (r.c32 !== false) t.set(`1.3.6.1.2.1.2.2.1.10.${r.i}`, { type: S.Counter, value: 5 });
    if (r.name) t.set(`1.3.6.1.2.1.31.1.1.1.1.${r.i}`, { type: S.OctetString, value: Buffer.from(r.name) });
    if (r.hc) t.set(`1.3.6.1.2.1.31.1.1.1.6.${r.i}`, { type: S.Counter64, value: Buffer.from([1]) });
  }
  return t;
}

/** A fake session over a table: GET and GetNext as an agent answers them; `down` times every request out. */
class FakeSession {
  readonly asked: { kind: string; oids: string[] }[] = [];
  down = false;
  constructor(public table: Map<string, Cell>) {}
  request(kind: 'get' | 'getNext', oids: string[], _attempts: number, onSend?: () => void): Promise<RequestOutcome> {
    onSend?.();
    this.asked.push({ kind, oids });
    if (this.down) return Promise.resolve({ ok: false, error: 'timeout', timedOut: true, fromAgent: false, detail: '' });
    const sorted = [...this.table.keys()].sort(compareOids);
    const varbinds = oids.map((oid) => {
      if (kind === 'get') {
        const c = this.table.get(oid);
        return c ? { oid, ...c } : { oid, type: S.NoSuchInstance, value: null };
      }
      const next = sorted.find((o) => compareOids(o, oid) > 0);
      return next ? { oid: next, ...this.table.get(next)! } : { oid, type: S.EndOfMibView, value: null };
    });
    return Promise.resolve({ ok: true, varbinds: varbinds as never, rttMs: 1, foreignSource: null });
  }
}

const limiter = { run: (_lane: unknown, f: () => Promise<RequestOutcome>) => f() } as unknown as Limiter;
const ctx = (s: FakeSession): PollContext => ({ session: s as unknown as EndpointSession, limiter, lane: 'poll', attempts: 1, onStart: () => {} });
const answered = (values: PollOutcome['sample']['values'], missing: PollOutcome['missing'] = []): PollOutcome => ({
  sample: { at: new Date().toISOString(), answered: true, error: null, rttMs: 1, values, problems: [] },
  timedOut: false,
  requests: 1,
  missing,
});

const CODEC = [
  { i: 1, name: 'lo', descr: 'lo', type: 24, oper: 1, hc: true },
  { i: 2, name: 'eth0', descr: 'eth0', type: 6, oper: 1, hc: true },
];

describe('InterfaceBinding', () => {
  it('walks, chooses, and binds each metric to its column at that ifIndex (64-bit when there, else 32-bit, else nothing)', async () => {
    const s = new FakeSession(ifRows(CODEC));
    const b = new InterfaceBinding(profile, {}, 60_000);
    expect(b.due()).toBe(true);
    expect(await b.resolve(ctx(s), () => {})).toMatchObject({ failure: null });
    expect(b.ifIndex).toBe(2);
    expect(b.due()).toBe(false);
    expect(b.plan()).toEqual({
      specs: {
        ifOperUp: { oid: '1.3.6.1.2.1.2.2.1.8.2', encoding: 'integer', map: { '1': true }, mapDefault: false },
        rxBps: { oid: '1.3.6.1.2.1.31.1.1.1.6.2', encoding: 'counter64', rate: true, scale: 8 },
      },
      nulls: [],
    });
    // Three rows of GetNext (two rows, then the end) and one GET of the counters' two columns.
    expect(s.asked.map((a) => a.kind)).toEqual(['getNext', 'getNext', 'getNext', 'get']);
    expect(s.asked[3]!.oids).toEqual(['1.3.6.1.2.1.31.1.1.1.6.2', '1.3.6.1.2.1.2.2.1.10.2']);

    const old = new InterfaceBinding(profile, {}, 60_000);
    await old.resolve(ctx(new FakeSession(ifRows(CODEC.map((r) => ({ ...r, name: undefined, hc: false }))))), () => {});
    expect(old.plan().specs.rxBps).toMatchObject({ oid: '1.3.6.1.2.1.2.2.1.10.2', encoding: 'counter32' });
    expect(old.describe()).toBe('watching interface eth0 (ifIndex 2, the first one up that is not a loopback; 32-bit counters (no ifXTable counters))');

    const bare = new InterfaceBinding(profile, {}, 60_000);
    await bare.resolve(ctx(new FakeSession(ifRows(CODEC.map((r) => ({ ...r, hc: false, c32: false }))))), () => {});
    expect(bare.plan()).toEqual({
      specs: { ifOperUp: expect.objectContaining({ oid: '1.3.6.1.2.1.2.2.1.8.2' }) },
      nulls: [{ metrics: ['rxBps'], problem: 'rxBps: the agent has neither ifHCInOctets.2 nor ifInOctets.2 (interface eth0)' }],
    });
  });

  it('with nothing to watch: every interface metric null with the reason, looked for again after retryMs only', async () => {
    let now = 1000;
    const s = new FakeSession(ifRows([CODEC[0]!]));
    const b = new InterfaceBinding(profile, {}, 60_000, () => now);
    await b.resolve(ctx(s), () => {});
    expect(b.ifIndex).toBeNull();
    expect(b.plan()).toEqual({ specs: {}, nulls: [{ metrics: ['ifOperUp', 'rxBps'], problem: expect.stringMatching(/^interface: no interface to watch: only a loopback/) }] });
    expect(b.due()).toBe(false);
    now += 59_999;
    expect(b.due()).toBe(false);
    now += 1;
    expect(b.due()).toBe(true);
    s.table = ifRows(CODEC); // plugged in since
    await b.resolve(ctx(s), () => {});
    expect(b.ifIndex).toBe(2);
  });

  it('a lookup nobody answers is the poll itself failing; one answered half-way skips the metrics with the reason', async () => {
    const s = new FakeSession(ifRows(CODEC));
    s.down = true;
    const b = new InterfaceBinding(profile, {}, 60_000);
    const r = await b.resolve(ctx(s), () => {});
    expect(r.failure).toMatchObject({ timedOut: true, sample: { answered: false, error: 'timeout' } });
    expect(b.due()).toBe(true);

    const half = new FakeSession(ifRows(CODEC));
    const request = half.request.bind(half);
    half.request = (kind, oids, attempts, onSend) => (half.asked.length === 1 ? Promise.resolve({ ok: false, error: 'timeout', timedOut: true, fromAgent: false, detail: '' }) : request(kind, oids, attempts, onSend));
    expect((await b.resolve(ctx(half), () => {})).failure).toBeNull();
    expect(b.plan()).toEqual({ specs: {}, nulls: [{ metrics: [], problem: 'interface: cannot list the interfaces: timeout' }] });
    expect(b.due()).toBe(true);
  });

  it('looks again after a poll without answer, and once (not every poll) when its row answers noSuchInstance', async () => {
    const s = new FakeSession(ifRows(CODEC));
    const b = new InterfaceBinding(profile, {}, 60_000);
    await b.resolve(ctx(s), () => {});
    const silent: PollOutcome = { sample: { at: '', answered: false, error: 'timeout', rttMs: null, values: {}, problems: [] }, timedOut: true, requests: 1 };
    await b.afterPoll(silent, ctx(s), () => {});
    expect(b.due()).toBe(true);
    await b.resolve(ctx(s), () => {});
    await b.afterPoll(answered({ uptimeS: 10 }, ['ifOperUp']), ctx(s), () => {});
    expect(b.due()).toBe(true);
    await b.resolve(ctx(s), () => {});
    await b.afterPoll(answered({ uptimeS: 11 }, ['ifOperUp']), ctx(s), () => {});
    expect(b.due()).toBe(false); // the same index again: the agent just has no such row for it
  });

  it('after a restart that left the interface where it was, the poll keeps its values', async () => {
    const s = new FakeSession(ifRows(CODEC));
    const b = new InterfaceBinding(profile, {}, 60_000);
    await b.resolve(ctx(s), () => {});
    await b.afterPoll(answered({ uptimeS: 500 }), ctx(s), () => {});
    const asked = s.asked.length;
    const out = await b.afterPoll(answered({ uptimeS: 3, ifOperUp: true, rxBps: null }), ctx(s), () => {});
    expect(s.asked.length).toBeGreaterThan(asked); // looked up again at once
    expect(out.sample.values).toEqual({ uptimeS: 3, ifOperUp: true, rxBps: null });
    expect(out.sample.problems).toEqual([]);
    expect(b.ifIndex).toBe(2);
  });

  it('stops after MAX_INTERFACE_ROWS rows, and at an agent that does not move forward', async () => {
    const many = ifRows(Array.from({ length: 300 }, (_, k) => ({ i: k + 1, descr: `port${k + 1}`, type: 6, oper: 2 })));
    const s = new FakeSession(many);
    const b = new InterfaceBinding(profile, { name: 'port300' }, 60_000);
    await b.resolve(ctx(s), () => {});
    expect(s.asked.length).toBeLessThanOrEqual(MAX_INTERFACE_ROWS + 2);
    expect(b.describe()).toMatch(/^interface "port300" not found by ifName or ifDescr \(interfaces: port1, .*, … 118 more\)$/);

    const stuck = new FakeSession(ifRows(CODEC));
    stuck.request = (kind, oids) => {
      stuck.asked.push({ kind, oids });
      // Always the same row, whatever is asked: a broken agent.
      return Promise.resolve({ ok: true, varbinds: oids.map(() => ({ oid: '1.3.6.1.2.1.2.2.1.2.1', type: S.OctetString, value: Buffer.from('lo') })) as never, rttMs: 1, foreignSource: null });
    };
    const c = new InterfaceBinding(profile, {}, 60_000);
    await c.resolve(ctx(stuck), () => {});
    expect(stuck.asked.length).toBeLessThanOrEqual(3);
  });

  it('compareOids orders arc by arc', () => {
    expect(['1.3.6.1.10', '1.3.6.1.2.1', '1.3.6.1.2', '1.3.6.1.9'].sort(compareOids)).toEqual(['1.3.6.1.2', '1.3.6.1.2.1', '1.3.6.1.9', '1.3.6.1.10']);
  });
});
