import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../../electron/engine/engine.js';
import type { Identity } from '../../../shared/roles.js';
import { LOCAL_IDENTITY } from '../../../shared/roles.js';
import { createStatusFollower } from '../../../shared/status-follower.js';
import type { EndpointStatus, StatusEvent, StatusSnapshot } from '../../../shared/status.js';
import { smallInventory, writeInventory } from '../../fixtures/inventory.js';

const BA_BE: Identity = { user: 'giam-sat', role: 'supervisor', scope: ['ba-be'] };
const NA_RI: Identity = { user: 'giam-sat-2', role: 'supervisor', scope: ['na-ri'] };
const IN = ['ba-be-1', 'ba-be-cho-ra-1', 'ba-be-nam-mau-1'];
const OUT = ['ubnd-tinh-1', 'na-ri-1', 'na-ri-kim-hy-1'];
const tick = (ms = 15) => new Promise((r) => setTimeout(r, ms));

let engine: Engine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

function follower(e: Engine, caller: Identity, drop: (ev: StatusEvent) => boolean = () => false) {
  const rows = new Map<string, EndpointStatus>();
  const f = createStatusFollower(
    {
      reset: (s) => {
        rows.clear();
        for (const r of s) rows.set(r.endpointId, r);
      },
      apply: (u, removed) => {
        for (const r of u) rows.set(r.endpointId, r);
        for (const id of removed) rows.delete(id);
      },
    },
    async () => {
      const r = await e.call(caller, 'getStatusSnapshot', {});
      if (!r.ok) throw new Error('snapshot refused');
      return r.result as StatusSnapshot;
    },
  );
  const seen: StatusEvent[] = [];
  const off = e.subscribe(caller, 'status', (p) => {
    const ev = p as StatusEvent;
    seen.push(ev);
    if (!drop(ev)) f.receive(ev);
  });
  return { f, rows, seen, off };
}

describe('the scoped status channel', () => {
  it('numbers its own deltas: a scoped follower never sees a gap, whatever changes outside', async () => {
    engine = await startEngine({ inventoryPath: writeInventory(smallInventory()), flushMs: 2, monitoring: false });
    const a = follower(engine, BA_BE);
    expect(a.seen[0]).toMatchObject({ kind: 'snapshot', seq: 0 });
    expect((a.seen[0] as StatusSnapshot).statuses.map((s) => s.endpointId).sort()).toEqual(IN);
    let late: ReturnType<typeof follower> | null = null;
    for (let round = 0; round < 40; round++) {
      const ids = round % 3 === 0 ? OUT : [...OUT.slice(0, 1), IN[round % IN.length]!];
      for (const id of ids) engine.status.update(id, { reachability: round % 2 ? 'up' : 'down', uptimeS: round });
      if (round === 20) late = follower(engine, BA_BE); // joins midway: snapshot at the scope's seq
      await tick(4);
    }
    await tick();
    for (const x of [a, late!]) {
      expect(x.f.gaps).toBe(0);
      const deltas = x.seen.filter((e) => e.kind === 'delta');
      deltas.forEach((d, i) => expect(d.seq).toBe((x.seen[0] as StatusSnapshot).seq + i + 1));
      expect([...x.rows.keys()].sort()).toEqual(IN);
      for (const id of IN) expect(x.rows.get(id)).toEqual(engine.status.get(id));
    }
    // Rounds that touched only outside endpoints sent nothing to the scope: fewer deltas than rounds.
    expect(a.seen.filter((e) => e.kind === 'delta').length).toBeLessThanOrEqual(27);
    // getStatusSnapshot answers with the same numbering as the stream.
    const snap = await engine.call(BA_BE, 'getStatusSnapshot', {});
    expect(snap).toMatchObject({ ok: true, result: { seq: a.f.lastSeq } });
  });

  it('recovers from a lost delta with one resync, not a loop', async () => {
    engine = await startEngine({ inventoryPath: writeInventory(smallInventory()), flushMs: 2, monitoring: false });
    let dropped = false;
    const a = follower(engine, BA_BE, (ev) => ev.kind === 'delta' && ev.seq === 3 && !dropped && (dropped = true));
    for (let round = 0; round < 12; round++) {
      engine.status.update(IN[round % 3]!, { uptimeS: round });
      engine.status.update('na-ri-1', { uptimeS: round });
      await tick(4);
    }
    await tick();
    expect(dropped).toBe(true);
    expect(a.f.gaps).toBe(1);
    expect(a.f.lastSeq).toBe(12);
    for (const id of IN) expect(a.rows.get(id)).toEqual(engine.status.get(id));
  });

  it('filters each change once per scope: clients of one scope share the payload, another scope gets its own', async () => {
    engine = await startEngine({ inventoryPath: writeInventory(smallInventory()), flushMs: 2, monitoring: false });
    const got = (caller: Identity, stream: string) => {
      const list: unknown[] = [];
      engine!.subscribe(caller, stream, (p) => list.push(p));
      return list;
    };
    const [s1, s2, s3] = [got(BA_BE, 'status'), got({ ...BA_BE, user: 'other' }, 'status'), got(NA_RI, 'status')];
    const [e1, e2] = [got(BA_BE, 'events'), got({ ...BA_BE, scope: ['ba-be', 'ba-be'] }, 'events')];
    engine.status.update('ba-be-1', { reachability: 'up' });
    engine.status.update('na-ri-1', { reachability: 'up' });
    engine.events.add({ code: 'up', severity: 'info', endpointId: 'ba-be-1', siteId: 'ba-be', text: 'up' });
    engine.events.add({ code: 'up', severity: 'info', endpointId: 'na-ri-1', siteId: 'na-ri', text: 'up' });
    await tick();
    expect(s1).toHaveLength(2);
    expect(s1[1]).toBe(s2[1]); // the same object: filtered once for the scope
    expect(s1[1]).toMatchObject({ seq: 1, updates: [{ endpointId: 'ba-be-1' }] });
    expect(s3[1]).toMatchObject({ seq: 1, updates: [{ endpointId: 'na-ri-1' }] });
    expect(e1).toHaveLength(1);
    expect(e1[0]).toBe(e2[0]);
    // The unscoped fast path is untouched: the engine's own numbering and every endpoint.
    const all = await engine.call(LOCAL_IDENTITY, 'getStatusSnapshot', {});
    expect(all).toMatchObject({ ok: true, result: { seq: 2 } });
  });

  it('follows an inventory reload: endpoints leaving the scope are removed, new ones sent whole', async () => {
    const inv = smallInventory() as { sites: { id: string; parent?: string; endpoints: { id: string }[] }[] };
    const file = writeInventory(inv);
    engine = await startEngine({ inventoryPath: file, flushMs: 2, monitoring: false });
    const a = follower(engine, BA_BE);
    const moved = inv.sites.find((s) => s.id === 'na-ri-kim-hy')!;
    moved.parent = 'ba-be'; // Kim Hỷ moves into Ba Bể
    inv.sites.find((s) => s.id === 'ba-be-nam-mau')!.parent = 'na-ri'; // Nam Mẫu moves out
    writeFileSync(file, JSON.stringify(inv));
    expect(await engine.call(LOCAL_IDENTITY, 'reloadInventory', {})).toMatchObject({ ok: true });
    // No status changed, yet the subscribers hear at once; a snapshot afterwards has the same seq.
    expect(a.seen.at(-1)).toMatchObject({ kind: 'delta', removed: ['ba-be-nam-mau-1'], updates: [{ endpointId: 'na-ri-kim-hy-1' }] });
    const other = await engine.call({ ...BA_BE, user: 'other' }, 'getStatusSnapshot', {});
    expect(other).toMatchObject({ ok: true, result: { seq: a.f.lastSeq } });
    expect(a.f.gaps).toBe(0);
    expect([...a.rows.keys()].sort()).toEqual(['ba-be-1', 'ba-be-cho-ra-1', 'na-ri-kim-hy-1']);
    const net = await engine.call(BA_BE, 'getNetwork', {});
    expect(net.ok && (net.result as { sites: { id: string }[] }).sites.map((s) => s.id).sort()).toEqual(['ba-be', 'ba-be-cho-ra', 'na-ri-kim-hy']);
  });
});
