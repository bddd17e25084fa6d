import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../../electron/engine/engine.js';
import { requests } from '../../../shared/api/contract.js';
import { AUDIT_CLASSES, AUDITED_ACTIONS, isAudited, targetKey, targetOf, withoutSecrets } from '../../../shared/audit-actions.js';
import type { AuditEntry } from '../../../shared/audit.js';
import type { Identity } from '../../../shared/roles.js';
import { smallInventory, writeInventory } from '../../fixtures/inventory.js';
import { FakeDriver } from '../conference/fake-driver.js';

const op: Identity = { user: 'minh', role: 'operator', source: '10.0.0.7', client: 'browser', sessionId: 'sess-42' };
const sup: Identity = { user: 'hoa', role: 'supervisor', source: '10.0.0.9', client: 'browser', sessionId: 'sess-7' };
const participant = (id: string, uri: string) => ({ id, name: id, uri, state: 'connected' as const, audioMuted: false, videoMuted: false, activeSpeaker: false, layout: null });

let engine: Engine;
let driver: FakeDriver;
const entries = (): AuditEntry[] => engine.audit.list();

beforeEach(async () => {
  driver = new FakeDriver();
  engine = await startEngine({ inventoryPath: writeInventory(smallInventory()), monitoring: false, mcuDriver: () => driver });
  driver.setConferences([
    { id: 'call-1', name: 'Giao ban tháng 12', layout: 'allEqual', rosterKnown: true, participants: [participant('p-babe', 'sip:ba-be@vc.test'), participant('p-guest', 'sip:guest@elsewhere')] },
  ]);
  await new Promise((r) => setTimeout(r, 80));
});
afterEach(() => engine.close());

describe('the audit classification', () => {
  it('classifies every request of the contract, and only those', () => {
    expect(Object.keys(AUDIT_CLASSES).sort()).toEqual(Object.keys(requests).sort());
    expect(AUDITED_ACTIONS).toEqual(expect.arrayContaining(['muteParticipant', 'bookMeeting', 'startMeeting', 'reloadInventory', 'createUser', 'setPassword']));
    expect(isAudited('getNetwork')).toBe(false);
    expect(isAudited('login')).toBe(false); // the accounts service records it
    expect(isAudited('toString')).toBe(false);
  });

  it('finds a target in any input, valid or not, and drops secrets from params', () => {
    expect(targetKey(targetOf('muteParticipant', { conferenceId: 'c', participantId: 'p' }))).toBe('participant:c/p');
    expect(targetKey(targetOf('connectSites', { conferenceId: 'c', siteIds: ['a', 7, 'b'] }))).toBe('sites:a,b');
    expect(targetKey(targetOf('editMeeting', { request: { id: 'm-1' } }))).toBe('meeting:m-1');
    for (const bad of [null, 42, 'x', [], { conferenceId: 5 }]) expect(() => targetOf('endConference', bad)).not.toThrow();
    expect(withoutSecrets({ user: 'a', password: 'x', current: { newPassword: 'y', token: 'z' }, snmp: { community: 'c', authKey: 'k' } })).toEqual({ user: 'a', current: {}, snmp: {} });
  });
});

describe('the audit gate', () => {
  it('records a control action once, with who, where from, the target in words and the result', async () => {
    const r = await engine.call(op, 'muteParticipant', { conferenceId: 'call-1', participantId: 'p-babe', audio: true });
    expect(r.ok).toBe(true);
    expect(entries()).toHaveLength(1);
    expect(entries()[0]).toMatchObject({
      user: 'minh', role: 'operator', source: '10.0.0.7', client: 'browser', session: 'sess-42',
      action: 'muteParticipant', target: 'endpoint:ba-be-1', targetLabel: 'UBND huyện Ba Bể',
      params: '{"conferenceId":"call-1","participantId":"p-babe","audio":true}', result: 'ok', error: null,
    });
  });

  it('does not record reads', async () => {
    await engine.call(op, 'getConferences', {});
    await engine.call(op, 'listAudit', {});
    await engine.call(op, 'checkBooking', { request: {} });
    expect(entries()).toEqual([]);
  });

  it("records the MCU's refusal, a bulk action with some failures, and an ended conference by its name", async () => {
    driver.refuse.add('disconnect');
    await engine.call(op, 'disconnectParticipant', { conferenceId: 'call-1', participantId: 'p-guest' });
    driver.refuse.add('na-ri');
    await engine.call(op, 'connectSites', { conferenceId: 'call-1', siteIds: ['na-ri', 'ba-be-cho-ra'] });
    await engine.call(op, 'endConference', { conferenceId: 'call-1' });
    const [end, connect, disconnect] = entries();
    expect(disconnect).toMatchObject({ target: 'uri:sip:guest@elsewhere', targetLabel: 'p-guest', result: 'failed', error: { code: 'mcu_refused', params: { message: expect.stringMatching(/MCU refused/) } } });
    expect(connect).toMatchObject({ target: 'sites:na-ri,ba-be-cho-ra', targetLabel: 'UBND huyện Na Rì, UBND thị trấn Chợ Rã', result: 'failed', error: { code: 'partly_failed', params: { failed: 1, total: 2 } } });
    expect(end).toMatchObject({ target: 'conference:call-1', targetLabel: 'Giao ban tháng 12', result: 'ok' });
    expect(entries()).toHaveLength(3);
  });

  it('records refused calls: forbidden, and bad input with the field that was wrong', async () => {
    const forbidden = await engine.call(sup, 'muteParticipant', { conferenceId: 'call-1', participantId: 'p-babe', audio: true });
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await engine.call(op, 'setLayout', { conferenceId: 'call-1', layout: 'nonsense' });
    await engine.call(op, 'endConference', { conferenceId: 'nope' });
    const [missing, bad, refused] = entries();
    expect(refused).toMatchObject({ user: 'hoa', role: 'supervisor', action: 'muteParticipant', result: 'failed', error: { code: 'forbidden' }, targetLabel: 'UBND huyện Ba Bể' });
    expect(bad).toMatchObject({ action: 'setLayout', result: 'failed', error: { code: 'bad_request', field: 'layout' }, target: 'conference:call-1' });
    expect(missing).toMatchObject({ action: 'endConference', result: 'failed', error: { code: 'not_found' }, target: 'conference:nope', targetLabel: null });
    expect(driver.actions).toEqual([]);
  });

  it('records bookings by the meeting title, refused ones with the rule, and never a secret', async () => {
    const refused = await engine.call(op, 'bookMeeting', { request: { title: 'Họp khẩn', password: 'hunter2' } });
    expect(refused).toMatchObject({ ok: true, result: { ok: false } });
    const [e] = entries();
    expect(e).toMatchObject({ action: 'bookMeeting', target: 'meeting:new', targetLabel: 'Họp khẩn', result: 'failed', error: { code: 'booking_refused', field: 'hostBody', params: { count: 9 } } });
    expect(e!.params).not.toContain('hunter2');
  });

  it('records account changes by the account, without passwords, even when refused', async () => {
    const tech: Identity = { user: 'lan', role: 'technician', source: 'desktop', client: 'desktop' };
    await engine.call(tech, 'setPassword', { user: 'minh', password: 'correct horse battery staple', currentPassword: 'old-secret-1' });
    await engine.call(tech, 'createUser', { user: 'hoa', displayName: 'Hoa', role: 'supervisor', password: 'another secret 22' });
    const text = JSON.stringify(entries());
    expect(text).not.toMatch(/correct horse|old-secret|another secret/);
    expect(entries().map((e) => [e.action, e.target, e.targetLabel, e.client])).toEqual([
      ['createUser', 'user:hoa', 'hoa', 'desktop'],
      ['setPassword', 'user:minh', 'minh', 'desktop'],
    ]);
  });

  it('pages and filters: user, action, result, time and target', async () => {
    await engine.call(op, 'muteParticipant', { conferenceId: 'call-1', participantId: 'p-babe', audio: true });
    await engine.call(sup, 'endConference', { conferenceId: 'call-1' });
    await engine.call(op, 'setLayout', { conferenceId: 'call-1', layout: 'allEqual' });
    const list = async (q: object) => ((await engine.call(op, 'listAudit', q)) as { result: AuditEntry[] }).result.map((x) => x.action);
    expect(await list({})).toEqual(['setLayout', 'endConference', 'muteParticipant']);
    expect(await list({ user: 'hoa' })).toEqual(['endConference']);
    expect(await list({ action: 'setLayout' })).toEqual(['setLayout']);
    expect(await list({ result: 'failed' })).toEqual(['endConference']);
    expect(await list({ target: 'endpoint:ba-be-1' })).toEqual(['muteParticipant']);
    expect(await list({ target: 'tháng 12' })).toEqual(['setLayout', 'endConference']);
    const newest = entries()[0]!;
    expect(await list({ limit: 1, beforeId: newest.id })).toEqual(['endConference']);
    expect(await list({ from: newest.at })).toContain('setLayout');
    expect(await list({ to: '2000-01-01T00:00:00Z' })).toEqual([]);
    expect(await engine.call(op, 'listAudit', { from: 'yesterday' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(entries()).toHaveLength(3);
  });
});
