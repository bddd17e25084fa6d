import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../../electron/engine/engine.js';
import type { AlarmStreamPayload, AlarmView } from '../../../shared/alarms/alarm-api.js';
import type { Identity } from '../../../shared/roles.js';

const OPERATOR: Identity = { user: 'dieuhanh', role: 'operator' };
const TECH: Identity = { user: 'kythuat', role: 'technician' };
const SUPERVISOR: Identity = { user: 'giamsat', role: 'supervisor' };
const T0 = Date.parse('2026-12-07T08:00:00Z');

let engine: Engine | null = null;
let clock = T0;

afterEach(async () => {
  await engine?.close();
  engine = null;
});

/** An engine on the demo inventory whose alarm clock the test moves (one step per call). */
async function start(databasePath?: string): Promise<Engine> {
  engine = await startEngine({ inventoryPath: null, monitoring: false, mcuDriver: null, databasePath, flushMs: 5, alarms: { now: () => clock, evaluateEveryMs: 3_600_000 } });
  return engine;
}

/** The communes under a district, as the demo inventory has them. */
const communesOf = (e: Engine, district: string): string[] => e.inventory().sites.filter((s) => s.parent === district).flatMap((s) => s.endpoints.map((x) => x.id));

function at(e: Engine, seconds: number): void {
  clock = T0 + seconds * 1000;
  e.status.flush();
  e.alarms.step();
}

const result = <T>(reply: { ok: boolean; result?: unknown; error?: unknown }): T => {
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  return reply.result as T;
};

function districtDown(e: Engine, district: string, down: boolean): void {
  e.status.update(`${district}-1`, { reachability: down ? 'down' : 'up' });
  for (const id of communesOf(e, district)) e.status.update(id, { reachability: down ? 'unreachable' : 'up' });
}

/** An engine where Pác Nặm's codec has been down for 10 s: one active, unacknowledged alarm. */
async function pacNamDown(): Promise<{ e: Engine; id: string }> {
  clock = T0;
  const e = await start();
  e.status.update('pac-nam-1', { reachability: 'down' });
  at(e, 0);
  at(e, 10);
  return { e, id: 'endpoint-down@endpoint:pac-nam-1' };
}

describe('the alarm service in the engine', () => {
  it('a district outage: one annunciated alarm, its communes suppressed by it, nothing else on recovery', async () => {
    clock = T0;
    const e = await start();
    const got: AlarmStreamPayload[] = [];
    e.subscribe(OPERATOR, 'alarms', (p) => got.push(p as AlarmStreamPayload));
    expect(got[0]).toEqual({ kind: 'snapshot', alarms: [], flood: { since: null, byArea: {} } });

    districtDown(e, 'ba-be', true);
    at(e, 0);
    at(e, 10);
    const shown = result<AlarmView[]>(await e.call(OPERATOR, 'listAlarms', {}));
    expect(shown.map((a) => [a.id, a.priority, a.state])).toEqual([['endpoint-down@endpoint:ba-be-1', 'critical', 'unack']]);
    const all = result<AlarmView[]>(await e.call(OPERATOR, 'listAlarms', { includeHidden: true }));
    const communes = all.filter((a) => a.ruleId === 'endpoint-unreachable');
    expect(communes.length).toBe(communesOf(e, 'ba-be').length);
    expect(communes.every((a) => a.suppressedBy === 'endpoint-down@endpoint:ba-be-1' && !a.annunciable)).toBe(true);
    const annunciated = got.flatMap((p) => (p.kind === 'changed' ? p.annunciate : []));
    expect(annunciated).toEqual(['endpoint-down@endpoint:ba-be-1']);

    // Recovery: the district first, its communes on their own next polls.
    e.status.update('ba-be-1', { reachability: 'up' });
    at(e, 30);
    for (const id of communesOf(e, 'ba-be')) e.status.update(id, { reachability: 'up' });
    at(e, 35);
    at(e, 60);
    expect(got.flatMap((p) => (p.kind === 'changed' ? p.annunciate : []))).toEqual(['endpoint-down@endpoint:ba-be-1']);
    expect(got.flatMap((p) => p.alarms).filter((a) => a.ruleId === 'endpoint-down' && a.subject.id !== 'ba-be-1')).toEqual([]);
    const after = result<AlarmView[]>(await e.call(OPERATOR, 'listAlarms', { includeHidden: true }));
    expect(after.map((a) => [a.id, a.state])).toEqual([['endpoint-down@endpoint:ba-be-1', 'rtn_unack']]);
  });

  it('acknowledgement with a comment is audited and survives a restart', async () => {
    clock = T0;
    const db = join(mkdtempSync(join(tmpdir(), 'bp-alarms-')), 'bp.db');
    let e = await start(db);
    e.status.update('pac-nam-1', { reachability: 'down' });
    at(e, 0);
    at(e, 10);
    const acked = await e.call(OPERATOR, 'acknowledgeAlarms', { ids: ['endpoint-down@endpoint:pac-nam-1'], comment: 'Đã gọi kỹ thuật huyện' });
    expect(result<{ acknowledged: AlarmView[] }>(acked).acknowledged[0]).toMatchObject({ state: 'ack', ack: { by: 'dieuhanh', comment: 'Đã gọi kỹ thuật huyện' } });
    const audit = result<{ action: string; target: string; result: string }[]>(await e.call(TECH, 'listAudit', { action: 'acknowledgeAlarms' }));
    expect(audit[0]).toMatchObject({ action: 'acknowledgeAlarms', target: 'alarms:endpoint-down@endpoint:pac-nam-1', result: 'ok' });
    await e.close();
    engine = null;

    e = await start(db);
    const kept = result<AlarmView[]>(await e.call(OPERATOR, 'listAlarms', {}));
    expect(kept).toEqual([expect.objectContaining({ id: 'endpoint-down@endpoint:pac-nam-1', state: 'ack', ack: expect.objectContaining({ comment: 'Đã gọi kỹ thuật huyện' }) })]);
    const journal = result<{ kind: string; user: string | null }[]>(await e.call(SUPERVISOR, 'listAlarmJournal', {}));
    expect(journal.map((j) => j.kind)).toEqual(['acknowledged', 'activated']);
  });

  it('refuses bad actions clearly and changes nothing', async () => {
    const { e, id } = await pacNamDown();
    const err = (r: { ok: boolean; error?: unknown }) => (r.ok ? null : r.error);
    expect(err(await e.call(OPERATOR, 'acknowledgeAlarms', { ids: [id, 'khong-co'] }))).toMatchObject({ code: 'not_found', params: { alarmId: 'khong-co' } });
    expect(result<AlarmView[]>(await e.call(OPERATOR, 'listAlarms', {}))[0]!.state).toBe('unack'); // all or nothing
    expect(err(await e.call(SUPERVISOR, 'acknowledgeAlarms', { ids: [id] }))).toMatchObject({ code: 'forbidden' });
    expect(err(await e.call(OPERATOR, 'shelveAlarm', { id, reason: ' ', minutes: 10 }))).toMatchObject({ code: 'bad_request', params: { reason: 'reason_required' } });
    expect(err(await e.call(OPERATOR, 'shelveAlarm', { id, reason: 'sửa cáp', minutes: 481 }))).toMatchObject({ code: 'bad_request', params: { reason: 'shelve_too_long', maxS: 28800 } });
    expect(err(await e.call(OPERATOR, 'unshelveAlarm', { id }))).toMatchObject({ code: 'conflict', params: { reason: 'not_shelved' } });
    expect(err(await e.call(OPERATOR, 'setMaintenance', { siteId: 'pac-nam', reason: 'x' }))).toMatchObject({ code: 'forbidden' });
    expect(err(await e.call(TECH, 'setMaintenance', { siteId: 'khong-co', reason: 'x' }))).toMatchObject({ code: 'not_found' });
    expect(err(await e.call(TECH, 'setMaintenance', { siteId: 'pac-nam', reason: '' }))).toMatchObject({ code: 'bad_request' });
    expect(err(await e.call(TECH, 'getAlarmKpis', { from: '2026-12-07T10:00:00Z', to: '2026-12-07T09:00:00Z' }))).toMatchObject({ code: 'bad_request' });
    const still = result<AlarmView[]>(await e.call(OPERATOR, 'listAlarms', {}))[0]!;
    expect(still).toMatchObject({ state: 'unack', shelved: null, outOfService: null });
  });

  it('a shelf expires by itself; maintenance takes a subtree out of service', async () => {
    const { e, id } = await pacNamDown();
    const shelved = result<AlarmView>(await e.call(OPERATOR, 'shelveAlarm', { id, reason: 'đang thay cáp', minutes: 1 }));
    expect(shelved.shelved).toMatchObject({ by: 'dieuhanh', reason: 'đang thay cáp', until: '2026-12-07T08:01:10.000Z' });
    expect(result<AlarmView[]>(await e.call(OPERATOR, 'listAlarms', {}))).toEqual([]); // hidden while shelved
    at(e, 69);
    expect(result<AlarmView[]>(await e.call(OPERATOR, 'listAlarms', { includeHidden: true }))[0]!.shelved).not.toBeNull();
    at(e, 70);
    expect(result<AlarmView[]>(await e.call(OPERATOR, 'listAlarms', {}))[0]).toMatchObject({ id, shelved: null });
    const shelfJournal = result<{ kind: string; user: string | null; at: string }[]>(await e.call(OPERATOR, 'listAlarmJournal', { alarmId: id })).filter((j) => j.kind.includes('shelved'));
    expect(shelfJournal).toMatchObject([
      { kind: 'unshelved', user: null, at: '2026-12-07T08:01:10.000Z' },
      { kind: 'shelved', user: 'dieuhanh' },
    ]);

    await e.call(TECH, 'setMaintenance', { siteId: 'pac-nam', reason: 'Bảo trì định kỳ' });
    expect(result<AlarmView[]>(await e.call(OPERATOR, 'listAlarms', { includeHidden: true }))[0]!.outOfService).toMatchObject({ siteId: 'pac-nam', reason: 'Bảo trì định kỳ' });
    const commune = communesOf(e, 'pac-nam')[0]!;
    e.status.update(commune, { reachability: 'down' });
    at(e, 80);
    at(e, 90);
    const hidden = result<AlarmView[]>(await e.call(OPERATOR, 'listAlarms', { includeHidden: true })).find((a) => a.subject.id === commune)!;
    expect(hidden).toMatchObject({ state: 'unack', annunciable: false, outOfService: { siteId: 'pac-nam' } });
    await e.call(TECH, 'clearMaintenance', { siteId: 'pac-nam' });
    // Back in service: the district's alarm shows again; the commune's stays explained by it.
    expect(result<AlarmView[]>(await e.call(OPERATOR, 'listAlarms', {})).map((a) => a.subject.id)).toEqual(['pac-nam-1']);
    const back = result<AlarmView[]>(await e.call(OPERATOR, 'listAlarms', { includeHidden: true })).find((a) => a.subject.id === commune)!;
    expect(back).toMatchObject({ outOfService: null, suppressedBy: 'endpoint-down@endpoint:pac-nam-1' });
  });

  it('a planned maintenance window: planned before, out of service from–until, ends by itself and history is told', async () => {
    const { e, id } = await pacNamDown();
    const iso = (s: number) => new Date(T0 + s * 1000).toISOString();
    const told: number[] = [];
    e.alarms.onMaintenanceChange(() => told.push(clock));
    const set = result<{ phase: string; from: string; until: string | null }>(await e.call(TECH, 'setMaintenance', { siteId: 'pac-nam', reason: 'Thay bộ mã hoá', from: iso(100), until: iso(200) }));
    expect(set).toMatchObject({ phase: 'planned', from: iso(100), until: iso(200) });
    expect(result<AlarmView[]>(await e.call(OPERATOR, 'listAlarms', {})).map((a) => a.id)).toEqual([id]); // not yet
    at(e, 100);
    expect(result<{ phase: string }[]>(await e.call(TECH, 'listMaintenance', {}))).toMatchObject([{ siteId: 'pac-nam', phase: 'in-force' }]);
    expect(result<AlarmView[]>(await e.call(OPERATOR, 'listAlarms', { includeHidden: true }))[0]!.outOfService).toMatchObject({ siteId: 'pac-nam', at: iso(100) });
    at(e, 200);
    expect(result<unknown[]>(await e.call(TECH, 'listMaintenance', {}))).toEqual([]);
    expect(result<AlarmView[]>(await e.call(OPERATOR, 'listAlarms', {}))[0]).toMatchObject({ id, outOfService: null });
    expect(told).toEqual([T0 + 10_000, T0 + 200_000]); // set, then ended by itself
    const journal = result<{ kind: string; user: string | null; at: string; siteId: string | null; detail: string }[]>(await e.call(TECH, 'listAlarmJournal', {}));
    expect(journal.filter((j) => j.kind === 'maintenance-ended')).toEqual([expect.objectContaining({ user: null, at: iso(200), siteId: 'pac-nam', detail: 'Thay bộ mã hoá' })]);
    const err = (r: { ok: boolean; error?: unknown }) => (r.ok ? null : r.error);
    const now = 200;
    expect(err(await e.call(TECH, 'setMaintenance', { siteId: 'pac-nam', reason: 'x', from: iso(now - 61) }))).toMatchObject({ code: 'bad_request', params: { reason: 'maintenance_from_in_past', field: 'from' } });
    expect(err(await e.call(TECH, 'setMaintenance', { siteId: 'pac-nam', reason: 'x', until: iso(now) }))).toMatchObject({ code: 'bad_request', params: { reason: 'maintenance_until_not_after_from' } });
    expect(err(await e.call(TECH, 'setMaintenance', { siteId: 'pac-nam', reason: 'x', until: iso(now + 32 * 86400) }))).toMatchObject({ code: 'bad_request', params: { reason: 'maintenance_too_long', maxDays: 31 } });
    expect(err(await e.call(TECH, 'setMaintenance', { siteId: 'pac-nam', reason: 'x', from: 'ngày mai' }))).toMatchObject({ code: 'bad_request', params: { reason: 'maintenance_time_unreadable', field: 'from' } });
    expect(result<unknown[]>(await e.call(TECH, 'listMaintenance', {}))).toEqual([]); // nothing half-applied
  });

  it('notices a window’s start and end with no new samples and no evaluation tick (a timer to the next boundary)', async () => {
    const { e, id } = await pacNamDown();
    const iso = (ms: number) => new Date(ms).toISOString();
    const start = clock;
    await e.call(TECH, 'setMaintenance', { siteId: 'pac-nam', reason: 'Thay bộ mã hoá', from: iso(start + 40), until: iso(start + 80) });
    const oos = async () => result<AlarmView[]>(await e.call(OPERATOR, 'listAlarms', { includeHidden: true })).find((a) => a.id === id)!.outOfService;
    expect(await oos()).toBeNull();
    clock = start + 50; // the evaluation tick is an hour away: only the boundary timer can notice
    await new Promise((r) => setTimeout(r, 150));
    expect(await oos()).toMatchObject({ siteId: 'pac-nam' });
    clock = start + 90;
    await new Promise((r) => setTimeout(r, 150));
    expect(await oos()).toBeNull();
    expect(e.alarms.maintenance()).toEqual([]);
  });

  it('a trap raises its alarm once, which returns after its off-delay; a flood is summarised by district', async () => {
    clock = T0;
    const e = await start();
    const got: AlarmStreamPayload[] = [];
    e.subscribe(OPERATOR, 'alarms', (p) => got.push(p as AlarmStreamPayload));
    e.events.add({ code: 'trap', severity: 'warning', endpointId: 'na-ri-1', siteId: 'na-ri', text: 'linkDown ifIndex 2 (127.0.0.1)' });
    at(e, 0);
    at(e, 19);
    expect(result<AlarmView[]>(await e.call(OPERATOR, 'listAlarms', { includeHidden: true }))).toEqual([]); // the hold-off
    at(e, 20);
    expect(result<AlarmView[]>(await e.call(OPERATOR, 'listAlarms', {})).map((a) => a.id)).toEqual(['trap-link-down@endpoint:na-ri-1']);
    at(e, 21);
    at(e, 321);
    expect(result<AlarmView[]>(await e.call(OPERATOR, 'listAlarms', {}))[0]!.state).toBe('rtn_unack');

    // Twelve communes down on their own within a minute: 10 annunciated, then one summary.
    const communes = communesOf(e, 'cho-don').slice(0, 12);
    expect(communes).toHaveLength(12);
    for (const id of communes) e.status.update(id, { reachability: 'down' });
    at(e, 330);
    at(e, 340);
    const last = got.at(-1)!;
    const annunciated = got.flatMap((p) => (p.kind === 'changed' ? p.annunciate : []));
    expect(annunciated.filter((id) => id.startsWith('endpoint-down'))).toHaveLength(9); // the trap was the first of the ten
    expect(last.flood).toEqual({ since: new Date(T0 + 340_000).toISOString(), byArea: { 'cho-don': 3 } });
    const kpis = result<{ activations: number; floodPct: number; top10: unknown[] }>(await e.call(SUPERVISOR, 'getAlarmKpis', { from: new Date(T0).toISOString(), to: new Date(T0 + 600_000).toISOString() }));
    expect(kpis.activations).toBe(13);
    expect(kpis.floodPct).toBeGreaterThan(40);
  });

  it('the linkDown traps of a district going dark are explained by its outage, never annunciated', async () => {
    clock = T0;
    const e = await start();
    const got: AlarmStreamPayload[] = [];
    e.subscribe(OPERATOR, 'alarms', (p) => got.push(p as AlarmStreamPayload));
    // As the simulator (and a real codec) does: the traps first, the failed polls seconds later.
    for (const id of ['ba-be-1', ...communesOf(e, 'ba-be')]) e.events.add({ code: 'trap', severity: 'warning', endpointId: id, siteId: id.replace(/-1$/, ''), text: 'linkDown ifIndex 1 (127.0.0.1)' });
    at(e, 0);
    districtDown(e, 'ba-be', true);
    at(e, 8);
    at(e, 13);
    at(e, 20);
    at(e, 25);
    expect(got.flatMap((p) => (p.kind === 'changed' ? p.annunciate : []))).toEqual(['endpoint-down@endpoint:ba-be-1']);
    const traps = result<AlarmView[]>(await e.call(OPERATOR, 'listAlarms', { includeHidden: true })).filter((a) => a.ruleId === 'trap-link-down');
    expect(traps).toHaveLength(1 + communesOf(e, 'ba-be').length);
    expect(traps.every((a) => a.suppressedBy === 'endpoint-down@endpoint:ba-be-1')).toBe(true);
  });
});
