import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requests, streams, type RequestName } from '../../../shared/api/contract.js';
import { ROLES, type Identity, type Role } from '../../../shared/roles.js';
import { REQUEST_SCOPE_RULES } from '../../../shared/scope-rules.js';
import { WORLDS, type MatrixWorld } from './matrix-worlds.js';

// The 0-leak matrix (issue #11 item 3): every request of the contract and every stream, as every
// role × {unscoped, scoped to Ba Bể, scoped to an unknown id}, on the Bắc Kạn demo with its
// seeded schedule and a live conference mixing Ba Bể with sites outside it. Every answer and event
// a scoped caller gets is scanned for any site id, endpoint id, site name or participant name from
// outside the scope; in-scope data must be there too, so the scan can fail.

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const plusDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const VISIBLE_MEETING = 'demo-giao-ban-tuan'; // every district, Ba Bể included
const HIDDEN_MEETING = 'demo-lam-viec-xa'; // Pác Nặm with its communes only
const DAYS = { from: plusDays(today, -7), to: plusDays(today, 30) };
const PERIOD = { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() };

/** Valid inputs per request (several where the scope matters); anything else gets {}. */
function examples(t: MatrixWorld['target']): Partial<Record<RequestName, unknown[]>> {
  return {
    login: [{ user: 'admin', password: 'not-the-password' }],
    setPassword: [{ user: 'local', password: 'a-new-password-1', currentPassword: 'x' }],
    createUser: [{ user: 'giam-sat', displayName: 'Giám sát', role: 'supervisor', scope: ['na-ri'], password: 'a-password-123' }],
    updateUser: [{ user: 'giam-sat', scope: ['na-ri'] }],
    deleteUser: [{ user: 'giam-sat' }],
    revokeSession: [{ id: 's-1' }],
    listEvents: [{}, { endpointId: 'na-ri-1' }, { siteId: 'na-ri' }, { endpointId: 'ba-be-1' }],
    injectFault: [{ target: 'na-ri', kind: 'down' }],
    previewInventoryImport: [{ format: 'csv', content: '' }],
    applyInventoryImport: [{ format: 'csv', content: '', baseVersion: 'x' }],
    previewInventoryReorganisation: [{ operation: { kind: 'removeTier', tier: 'district' } }],
    applyInventoryReorganisation: [{ operation: { kind: 'move', sites: ['na-ri-kim-hy'], parent: 'ba-be' }, baseVersion: 'x' }],
    exportInventory: [{ format: 'csv' }],
    getInventoryEditBase: [{}, { site: 'na-ri' }],
    editInventory: [{ baseVersion: 'x', edit: { op: 'moveSite', id: 'na-ri', parent: null } }],
    // A valid input, so a scoped technician is refused by the scope rule, not by validation.
    testEndpointConnection: [{ host: '127.0.0.1', port: 9, snmp: { version: '2c', community: 'public' } }],
    startDiscovery: [{ cidr: '127.0.0.0/30', port: 9, snmp: { version: '2c', community: 'public' } }],
    cancelDiscovery: [{ sweepId: 'x' }],
    getDiscovery: [{ sweepId: 'x' }],
    addDiscovered: [{ sweepId: 'x', siteId: 'na-ri', addresses: ['127.0.0.1'] }],
    muteParticipant: [{ conferenceId: t.conferenceId, participantId: t.outParticipant, audio: true }],
    muteAllExceptChair: [{ conferenceId: t.conferenceId, chairParticipantId: t.inParticipant }],
    setLayout: [{ conferenceId: t.conferenceId, layout: 'allEqual' }],
    dialOut: [{ conferenceId: t.conferenceId, endpointId: 'na-ri-kim-hy-1' }],
    connectSites: [{ conferenceId: t.conferenceId, district: 'na-ri' }],
    disconnectParticipant: [{ conferenceId: t.conferenceId, participantId: t.outParticipant }],
    endConference: [{ conferenceId: t.otherConferenceId }],
    listMeetings: [DAYS],
    checkBooking: [{ request: {} }],
    bookMeeting: [{ request: {} }],
    editMeeting: [{ request: {} }],
    cancelMeeting: [{ id: VISIBLE_MEETING, version: 1 }],
    getReadiness: [{ meetingId: VISIBLE_MEETING }, { meetingId: HIDDEN_MEETING }],
    startMeeting: [{ meetingId: VISIBLE_MEETING }],
    getAttendance: [{ meetingId: VISIBLE_MEETING }, { meetingId: HIDDEN_MEETING }],
    exportSchedule: [DAYS],
    exportAttendance: [{ meetingId: VISIBLE_MEETING }, { meetingId: HIDDEN_MEETING }],
    listAlarms: [{}, { includeHidden: true }, { siteId: 'na-ri' }, { siteId: 'ba-be' }],
    acknowledgeAlarms: [{ ids: ['endpoint-down@endpoint:na-ri-1'], comment: 'đã báo' }],
    shelveAlarm: [{ id: 'endpoint-down@endpoint:na-ri-1', reason: 'đang sửa', minutes: 30 }],
    unshelveAlarm: [{ id: 'endpoint-down@endpoint:na-ri-1' }],
    setMaintenance: [{ siteId: 'na-ri', reason: 'thay thiết bị' }],
    clearMaintenance: [{ siteId: 'na-ri' }],
    listAlarmJournal: [{}, { alarmId: 'endpoint-down@endpoint:na-ri-1' }],
    getAvailability: [
      { ...PERIOD, groupBy: 'site' },
      { ...PERIOD, groupBy: 'district' },
      { ...PERIOD, groupBy: 'tier', workingHours: true },
      { ...PERIOD, groupBy: 'province' },
    ],
    getHistory: [
      { ...PERIOD, endpointId: 'ba-be-1', metric: 'latencyMs' },
      { ...PERIOD, endpointId: 'na-ri-1', metric: 'latencyMs' },
      { ...PERIOD, endpointId: 'khong-co-ma-1', metric: 'latencyMs' },
    ],
    // Today (the matrix's outages and maintenance are in it), the province and a district, both
    // formats; a district outside Ba Bể, and one that does not exist.
    getHealthReport: [
      { period: 'day', end: today, scope: 'province', format: 'csv' },
      { period: 'day', end: today, scope: 'na-ri', format: 'csv' },
      { period: 'day', end: today, scope: 'khong-co-huyen', format: 'csv' },
      { period: 'week', end: today, scope: 'province', format: 'pdf', language: 'en' },
      { period: 'day', end: today, scope: 'ba-be', format: 'csv', workingHours: true },
    ],
  };
}

const scopes = { unscoped: undefined, 'ba-be': ['ba-be'], unknown: ['khong-co-dau'] } as const;
const who = (role: Role, scope: keyof typeof scopes): Identity => ({ user: `u-${role}`, role, ...(scopes[scope] ? { scope: scopes[scope] } : {}) });
const names = Object.keys(requests) as RequestName[];
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
type Reply = { ok: boolean; result?: unknown; error?: { code: string; message: string } };

/** A report's file as text (the CSV itself, the PDF through pdftotext), so the scan reads what a person would. */
function reportText(reply: Reply): string {
  const file = reply.result as { mediaType: string; content: string } | undefined;
  if (!reply.ok || !file) return '';
  const bytes = Buffer.from(file.content, 'base64');
  return file.mediaType === 'application/pdf' ? execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes, encoding: 'utf8' }) : bytes.toString('utf8');
}

describe.each(WORLDS)('the 0-leak matrix behind $name', (setup) => {
  let w: MatrixWorld;
  let leaks: (payload: unknown) => string[];
  let inScope: { sites: string[]; endpoints: string[] };
  let ex: ReturnType<typeof examples>;

  beforeAll(async () => {
    w = await setup.start();
    ex = examples(w.target);
    const inv = w.engine.inventory();
    const under = new Set(['ba-be']);
    for (const s of inv.sites) if (s.parent && under.has(s.parent)) under.add(s.id);
    const outside = inv.sites.filter((s) => !under.has(s.id));
    inScope = { sites: [...under], endpoints: inv.sites.filter((s) => under.has(s.id)).flatMap((s) => s.endpoints.map((e) => e.id)) };
    const ids = outside.flatMap((s) => [s.id, ...s.endpoints.map((e) => e.id)]);
    // An id counts only as a whole token: "ba-be" inside "ba-be-cho-ra" is not a leak, "na-ri" in "sip:na-ri@…" is.
    const idPattern = new RegExp(`(?<![a-z0-9._-])(${ids.map(esc).join('|')})(?![a-z0-9._-])`, 'g');
    const namePattern = new RegExp([...outside.map((s) => s.name), ...w.hiddenNames].map(esc).join('|'), 'gu');
    leaks = (payload) => {
      const text = JSON.stringify(payload);
      return [...new Set([...[...text.matchAll(idPattern)].map((m) => m[1]!), ...[...text.matchAll(namePattern)].map((m) => m[0])])];
    };
    const { events, status } = w.engine;
    events.add({ code: 'down', severity: 'critical', endpointId: 'ba-be-1', siteId: 'ba-be', text: 'Ba Bể down' });
    // In-scope records that name outside sites in free text: the names must go, the records stay.
    events.add({ code: 'unreachable', severity: 'warning', endpointId: 'ba-be-cho-ra-1', siteId: 'ba-be-cho-ra', text: 'behind Văn phòng UBND tỉnh' });
    status.update('ba-be-1', { inCall: true, remoteSite: 'UBND huyện Na Rì' });
    events.add({ code: 'down', severity: 'critical', endpointId: 'na-ri-1', siteId: 'na-ri', text: 'Na Rì down' });
    events.add({ code: 'trap-rejected', severity: 'warning', endpointId: null, siteId: null, text: 'trap from 127.0.0.9 with an unknown community' });
    // Alarms inside and outside the scope, one of them out of service with a reason naming a site.
    status.update('na-ri-1', { reachability: 'down' });
    status.update('ba-be-cho-ra-1', { reachability: 'down' });
    status.update('na-ri-kim-hy-1', { reachability: 'unreachable' });
    status.flush();
    // Link-health history: Ba Bể unreachable behind the province's UBND (outside the scope) for 40 ms,
    // by the verdicts' times (all in this turn: the alarm service never sees it), and samples on both sides.
    const t = Date.now();
    const verdict = (id: string, reachability: 'down' | 'unreachable' | 'up', at: number) => status.update(id, { reachability, measuredAt: { reachability: new Date(at).toISOString() } });
    verdict('ubnd-tinh-1', 'down', t - 50);
    verdict('ba-be-1', 'unreachable', t - 50);
    status.update('ba-be-1', { latencyMs: 42, measuredAt: { latencyMs: new Date(t).toISOString() } });
    status.update('na-ri-1', { latencyMs: 77, measuredAt: { latencyMs: new Date(t).toISOString() } });
    status.flush();
    verdict('ubnd-tinh-1', 'up', t - 10);
    verdict('ba-be-1', 'up', t - 10);
    status.flush();
    w.engine.alarms.step();
    w.engine.alarms.setMaintenance({ user: 'kythuat', role: 'technician' }, { siteId: 'na-ri', reason: 'Na Rì thay thiết bị' });
    w.engine.alarms.acknowledge({ user: 'dieuhanh', role: 'operator' }, { ids: ['endpoint-down@endpoint:na-ri-1'], comment: 'đã gọi Na Rì' });
  }, 30_000);

  afterAll(async () => {
    await w?.close();
  });

  for (const role of ROLES) {
    for (const scope of ['ba-be', 'unknown'] as const) {
      it(`${role} scoped to ${scope}: every answer and event free of outside sites`, async () => {
        const caller = who(role, scope);
        const { engine } = w;
        const found: string[] = [];
        const answers = new Map<RequestName, Reply[]>();
        const got: Record<string, unknown[]> = {};
        const offs = Object.keys(streams).map((s) => engine.subscribe(caller, s, (p) => (got[s] ??= []).push(p)));
        const mcuBefore = w.mcuState();
        for (const name of names) {
          for (const input of ex[name] ?? [{}]) {
            const reply = (await engine.call(caller, name, input)) as Reply;
            answers.set(name, [...(answers.get(name) ?? []), reply]);
            found.push(...leaks(reply).map((l) => `${name}(${JSON.stringify(input)}): ${l}`));
            if (name === 'getHealthReport') found.push(...leaks(reportText(reply)).map((l) => `${name}(${JSON.stringify(input)}) file: ${l}`));
            if (REQUEST_SCOPE_RULES[name].kind === 'forbidden') expect(reply, name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
          }
        }
        expect(w.mcuState()).toBe(mcuBefore); // nothing refused above reached the MCU
        // Changes inside and outside the scope during the window.
        engine.status.update('ba-be-1', { reachability: 'up' });
        engine.status.update('na-ri-1', { reachability: 'down' });
        engine.events.add({ code: 'up', severity: 'info', endpointId: 'ba-be-cho-ra-1', siteId: 'ba-be-cho-ra', text: 'back' });
        engine.events.add({ code: 'degraded', severity: 'warning', endpointId: 'na-ri-kim-hy-1', siteId: 'na-ri-kim-hy', text: 'UBND xã Kim Hỷ lossy' });
        await w.poke();
        engine.schedule.ctx.changed([HIDDEN_MEETING]);
        engine.schedule.ctx.changed([VISIBLE_MEETING]);
        await new Promise((r) => setTimeout(r, 150));
        offs.forEach((off) => off());
        for (const [s, list] of Object.entries(got)) found.push(...list.flatMap((p) => leaks(p).map((l) => `stream ${s}: ${l}`)));
        expect(found).toEqual([]);
        expect(JSON.stringify(got)).not.toContain(HIDDEN_MEETING); // not even the id of a meeting it never saw

        const ok = (name: RequestName, i = 0) => {
          const r = answers.get(name)![i]!;
          expect(r, name).toMatchObject({ ok: true });
          return JSON.stringify(r.result);
        };
        if (scope === 'ba-be') {
          expect(ok('listAlarms')).toContain('endpoint-down@endpoint:ba-be-cho-ra-1');
          expect(JSON.stringify(got['alarms']?.[0])).toContain('ba-be-cho-ra-1');
          for (const id of inScope.sites) expect(ok('getNetwork')).toContain(`"${id}"`);
          for (const id of inScope.endpoints) expect(ok('getStatusSnapshot')).toContain(`"${id}"`);
          expect(ok('getStatusSnapshot')).toContain('"remoteSite":"…"');
          expect(ok('getConferences')).toContain('"endpointId":"ba-be-1"');
          expect(ok('listMeetings')).toContain(VISIBLE_MEETING);
          expect(ok('listMeetings')).not.toContain(HIDDEN_MEETING);
          expect(ok('exportSchedule')).toContain(VISIBLE_MEETING);
          expect(ok('listEvents')).toContain('Ba Bể down');
          expect(ok('listEvents')).toContain('behind …');
          expect(ok('listEvents', 3)).toContain('Ba Bể down');
          expect(ok('getAttendance')).toContain(VISIBLE_MEETING);
          expect(JSON.parse(ok('getHealth')).endpoints).toBe(inScope.endpoints.length);
          expect(JSON.stringify(got.status)).toContain('"reachability":"up"');
          expect(JSON.stringify(got.events)).toContain('back');
          expect(got.conferences!.length).toBeGreaterThan(1); // the in-scope change came through
          expect(got.schedule?.some((e) => (e as { changed: string[] }).changed.includes(VISIBLE_MEETING))).toBe(true);
          // History: the scope's figures and outages, the dark site above it not named.
          expect(ok('getAvailability')).toContain('"group":"ba-be-cho-ra"');
          expect(JSON.parse(ok('getAvailability', 3))).toMatchObject({ scoped: true, rows: [{ group: null, endpoints: inScope.endpoints.length }] });
          expect(JSON.parse(ok('getHistory')).outages).toEqual([expect.objectContaining({ cause: 'unreachable', behind: null })]);
          // Reports: the scope's sites by name, in the CSV and the PDF alike, and the limit said.
          for (const i of [0, 3, 4]) {
            ok('getHealthReport', i);
            expect(reportText(answers.get('getHealthReport')![i]!)).toContain('UBND huyện Ba Bể');
          }
          expect(reportText(answers.get('getHealthReport')![0]!)).toContain('Chỉ phần mạng được giao cho tài khoản: UBND huyện Ba Bể');
          expect(reportText(answers.get('getHealthReport')![4]!)).toContain('UBND thị trấn Chợ Rã');
        } else {
          expect(JSON.parse(ok('getNetwork')).sites).toEqual([]);
          expect(JSON.parse(ok('getAvailability')).rows).toEqual([]);
          expect(JSON.parse(ok('getAvailability', 3)).rows).toMatchObject([{ group: null, endpoints: 0, availabilityPct: null }]);
          expect(JSON.parse(ok('getStatusSnapshot')).statuses).toEqual([]);
          expect(JSON.parse(ok('getConferences')).conferences).toEqual([]);
          expect(JSON.parse(ok('listMeetings'))).toEqual([]);
          expect(reportText(answers.get('getHealthReport')![0]!)).not.toContain('UBND huyện');
        }
        // A meeting outside the scope answers exactly as a missing one (no existence oracle).
        for (const name of ['getReadiness', 'getAttendance', 'exportAttendance'] as const) {
          const hidden = answers.get(name)![1]!;
          const missing = (await engine.call(caller, name, { meetingId: 'khong-co-cuoc-hop' })) as Reply;
          expect(hidden.ok, name).toBe(false);
          expect(hidden.error!.code).toBe(missing.error!.code);
          expect(hidden.error!.message.replace(HIDDEN_MEETING, 'X')).toBe(missing.error!.message.replace('khong-co-cuoc-hop', 'X'));
          if (scope === 'unknown') expect(answers.get(name)![0]!.ok).toBe(false);
        }
        // History of an endpoint outside the scope: exactly as for an id that does not exist.
        const [, outsideHistory, unknownHistory] = answers.get('getHistory')!;
        expect(outsideHistory!.ok).toBe(false);
        expect(outsideHistory).toEqual(unknownHistory);
        // A report of a district outside the scope: exactly as for one that does not exist.
        const [, outsideReport, unknownReport] = answers.get('getHealthReport')!;
        expect(outsideReport).toMatchObject({ ok: false, error: { code: 'not_found' } });
        expect(outsideReport).toEqual(unknownReport);
        // listEvents for an outside endpoint or site: as for an unknown id, an empty list.
        expect(ok('listEvents', 1)).toBe('[]');
        expect(ok('listEvents', 2)).toBe('[]');
      });
    }
  }

  for (const role of ROLES) {
    it(`${role} unscoped still sees the whole network (the scan would find the outside data)`, async () => {
      const caller = who(role, 'unscoped');
      for (const name of names.filter((n) => REQUEST_SCOPE_RULES[n].kind === 'filtered' && requests[n].roles.includes(role))) {
        expect(await w.engine.call(caller, name, (ex[name] ?? [{}])[0]), name).toMatchObject({ ok: true });
      }
      const all = [
        await w.engine.call(caller, 'getNetwork', {}),
        await w.engine.call(caller, 'getConferences', {}),
        await w.engine.call(caller, 'listMeetings', DAYS),
        await w.engine.call(caller, 'getAvailability', ex.getAvailability![0]),
        await w.engine.call(caller, 'getHistory', ex.getHistory![0]),
      ];
      const report = (await w.engine.call(caller, 'getHealthReport', ex.getHealthReport![0])) as Reply;
      // The district rows always name Na Rì; which communes make the five worst depends on timing.
      expect(leaks(reportText(report))).toEqual(expect.arrayContaining(['na-ri', 'UBND huyện Na Rì']));
      expect(leaks(all)).toEqual(expect.arrayContaining(['na-ri', 'na-ri-1', 'UBND huyện Na Rì', 'Họp riêng Pác Nặm', 'ubnd-tinh', 'na-ri-kim-hy']));
      expect(JSON.stringify(all)).toContain(HIDDEN_MEETING);
    });
  }
});
