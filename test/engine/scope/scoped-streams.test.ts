import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../../electron/engine/engine.js';
import type { Identity } from '../../../shared/roles.js';
import type { ConferencesView } from '../../../shared/conference.js';
import type { ScheduleEvent } from '../../../shared/schedule/api.js';
import { FakeDriver } from '../conference/fake-driver.js';

const BA_BE: Identity = { user: 'giam-sat', role: 'supervisor', scope: ['ba-be'] };
const tick = (ms = 120) => new Promise((r) => setTimeout(r, ms));

let engine: Engine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

describe('scoped schedule and conference streams', () => {
  it('announces a meeting leaving the scope once, and never one it did not see', async () => {
    engine = await startEngine({ inventoryPath: null, monitoring: false, demoSchedule: true, mcuDriver: null });
    // Only announcements of changed meetings count here: the stream also carries readiness, which
    // comes on its own timer for meetings within 30 minutes of their start (the demo's day has
    // some at 07:30, 09:05 and 10:45, so at those times of day readiness events come in between).
    const events: ScheduleEvent[] = [];
    const got = {
      get length(): number {
        return events.filter((e, i) => i === 0 || e.changed.length > 0).length;
      },
      at: (i: number) => events.filter((e, k) => k === 0 || e.changed.length > 0).at(i),
    };
    const off = engine.subscribe(BA_BE, 'schedule', (p) => events.push(p as ScheduleEvent));
    expect(got).toHaveLength(1);
    const store = engine.schedule.ctx.store;
    const m = store.get('demo-giao-ban-tuan')!;
    engine.schedule.ctx.changed(['demo-lam-viec-xa']); // Pác Nặm's own meeting changed: nothing for Ba Bể
    expect(got).toHaveLength(1);
    const written = store.update({ ...m, participants: { sites: ['na-ri'], groups: [] } }, m.version, engine.network().timezone);
    expect(written.ok).toBe(true);
    engine.schedule.ctx.changed([m.id]); // it left the scope: Ba Bể hears of it (and refetches)
    expect(got.at(-1)!.changed).toEqual([m.id]);
    const count = got.length;
    engine.schedule.ctx.changed([m.id]); // changed again, now outside: no longer Ba Bể's business
    expect(got).toHaveLength(count);
    off();
  });

  it('sends a conference view only when the scope’s part of it changed', async () => {
    const fake = new FakeDriver();
    engine = await startEngine({ inventoryPath: null, monitoring: false, mcuDriver: () => fake });
    const p = (id: string, uri: string) => ({ id, name: id, uri, state: 'connected' as const, audioMuted: false, videoMuted: false, activeSpeaker: false, layout: null });
    fake.setConferences([{ id: 'c-1', name: 'Giao ban', layout: null, rosterKnown: true, participants: [p('p-ba-be', 'sip:ba-be@vc.backan.gov.vn'), p('p-na-ri', 'sip:na-ri@vc.backan.gov.vn')] }]);
    await tick();
    const got: ConferencesView[] = [];
    engine.subscribe(BA_BE, 'conferences', (v) => got.push(v as ConferencesView));
    expect(got[0]!.conferences[0]!.participants.map((x) => x.id)).toEqual(['p-ba-be']);
    fake.patchParticipant('c-1', 'p-na-ri', { audioMuted: true });
    await tick();
    expect(got).toHaveLength(1);
    fake.patchParticipant('c-1', 'p-ba-be', { audioMuted: true });
    await tick();
    expect(got).toHaveLength(2);
    expect(got[1]!.conferences[0]!.participants[0]!.audioMuted).toBe(true);
  });
});
