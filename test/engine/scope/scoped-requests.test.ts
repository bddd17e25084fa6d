import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../../electron/engine/engine.js';
import type { Identity } from '../../../shared/roles.js';
import { FakeDriver } from '../conference/fake-driver.js';

const BA_BE: Identity = { user: 'giam-sat', role: 'supervisor', scope: ['ba-be'] };

let engine: Engine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

describe('scoped requests', () => {
  it('redacts outside names in error messages too', async () => {
    engine = await startEngine({ inventoryPath: null, monitoring: false, demoSchedule: true, mcuDriver: null });
    const store = engine.schedule.ctx.store;
    const m = store.get('demo-giao-ban-tuan')!;
    const tz = engine.network().timezone;
    const titled = store.update({ ...m, title: 'Giao ban với UBND huyện Na Rì' }, m.version, tz);
    expect(titled.ok).toBe(true);
    store.setStatus(store.get(m.id)!, 'cancelled', tz);
    const everyone = await engine.call({ user: 'op', role: 'operator' }, 'getReadiness', { meetingId: m.id });
    expect(everyone).toMatchObject({ ok: false, error: { code: 'bad_request', message: '"Giao ban với UBND huyện Na Rì" was cancelled' } });
    const scoped = await engine.call(BA_BE, 'getReadiness', { meetingId: m.id });
    expect(scoped).toMatchObject({ ok: false, error: { code: 'bad_request', message: '"Giao ban với …" was cancelled' } });
  });

  it('refuses control to a scoped caller of any role, and leaves the unscoped path as it was', async () => {
    const fake = new FakeDriver();
    engine = await startEngine({ inventoryPath: null, monitoring: false, mcuDriver: () => fake });
    const input = { conferenceId: 'c-1', participantId: 'p-1', audio: true };
    const scopedOperator = { user: 'op', role: 'operator' as const, scope: ['ba-be'] };
    expect(await engine.call(scopedOperator, 'muteParticipant', input)).toMatchObject({ ok: false, error: { code: 'forbidden', params: { method: 'muteParticipant' } } });
    expect(await engine.call(BA_BE, 'muteParticipant', input)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await engine.call(scopedOperator, 'muteParticipant', { conferenceId: 'c-1' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    // Unscoped (scope absent or empty): the request reaches the conference service.
    const reply = await engine.call({ user: 'op', role: 'operator', scope: [] }, 'muteParticipant', input);
    expect(reply.ok || (reply.error as { code: string }).code !== 'forbidden').toBe(true);
  });

  it('gives a scoped caller up to `limit` of its own events, however many others came after', async () => {
    engine = await startEngine({ inventoryPath: null, monitoring: false, mcuDriver: null });
    for (let i = 0; i < 5; i++) engine.events.add({ code: 'up', severity: 'info', endpointId: 'ba-be-1', siteId: 'ba-be', text: `ba-be ${i}` });
    for (let i = 0; i < 300; i++) engine.events.add({ code: 'up', severity: 'info', endpointId: 'na-ri-1', siteId: 'na-ri', text: `na-ri ${i}` });
    const r = await engine.call(BA_BE, 'listEvents', { limit: 3 });
    expect(r.ok && (r.result as { text: string }[]).map((e) => e.text)).toEqual(['ba-be 4', 'ba-be 3', 'ba-be 2']);
  });
});
