import { i18n } from '../../renderer/i18n/index.js';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../shared/api/errors.js';
import { createAuditStore } from '../../renderer/stores/audit-store.js';
import { createConferenceStore, selectedConference } from '../../renderer/stores/conference-store.js';
import { controlKey } from '../../renderer/stores/conference-pending.js';
import { shownConference, shownParticipant } from '../../renderer/features/session/session-model.js';
import { CONF_ID, conference, deferred, fakeApi, participant, settle, view, withParticipant } from './session-fixtures.js';
import type { ActionResult } from '../../shared/conference.js';

function setup(handlers: Parameters<typeof fakeApi>[0] = {}) {
  const fake = fakeApi(handlers);
  const timers: { cb: () => void; ms: number }[] = [];
  let now = 1_000;
  const afterAction = vi.fn();
  const store = createConferenceStore(() => ({ api: fake.api, afterAction }), { now: () => now, confirmMs: 5_000, setTimer: (cb, ms) => timers.push({ cb, ms }) });
  store.getState().receive(view());
  return {
    ...fake,
    store,
    afterAction,
    timers,
    advance(ms: number) {
      now += ms;
      for (const t of timers.splice(0)) if (t.ms <= ms) t.cb();
    },
    shown: (pid: string) => {
      const s = store.getState();
      const p = selectedConference(s)!.participants.find((x) => x.id === pid)!;
      return shownParticipant(CONF_ID, p, s.pending);
    },
  };
}

describe('conference store: optimistic, honest', () => {
  it('shows a mute at once as pending, and settles when the MCU reports it on the stream', async () => {
    const reply = deferred<ActionResult>();
    const t = setup({ muteParticipant: () => reply.promise });
    const done = t.store.getState().mute(CONF_ID, 'p-tinh', 'audio', true, 'Văn phòng UBND tỉnh');
    expect(t.shown('p-tinh').audioMuted).toEqual({ value: true, pending: true });
    expect(t.calls).toEqual([{ method: 'muteParticipant', input: { conferenceId: CONF_ID, participantId: 'p-tinh', audio: true } }]);
    expect(t.store.getState().log[0]).toMatchObject({ action: 'muteParticipant', label: 'Văn phòng UBND tỉnh', detail: 'audio:off', results: null });

    reply.resolve({ target: 'ubnd-tinh-1', ok: true, error: null });
    await done;
    // Accepted by the engine, but the MCU has not said so yet: still pending.
    expect(t.shown('p-tinh').audioMuted).toEqual({ value: true, pending: true });
    expect(t.store.getState().pending[0]!.accepted).toBe(true);
    expect(t.afterAction).toHaveBeenCalledTimes(1);
    expect(t.store.getState().log[0]!.results).toEqual([{ target: 'ubnd-tinh-1', ok: true, error: null }]);

    // A stream update that does not carry the change yet leaves it pending.
    t.store.getState().receive(withParticipant(view(), 'p-tinh', { activeSpeaker: false }));
    expect(t.shown('p-tinh').audioMuted.pending).toBe(true);

    t.store.getState().receive(withParticipant(view(), 'p-tinh', { audioMuted: true }));
    expect(t.shown('p-tinh').audioMuted).toEqual({ value: true, pending: false });
    expect(t.store.getState().pending).toEqual([]);
    expect(t.store.getState().errors.size).toBe(0);
  });

  it('settles when the MCU echo comes before the engine answers', async () => {
    const reply = deferred<ActionResult>();
    const t = setup({ muteParticipant: () => reply.promise });
    const done = t.store.getState().mute(CONF_ID, 'p-tttt', 'video', true, 'Sở');
    t.store.getState().receive(withParticipant(view(), 'p-tttt', { videoMuted: true }));
    expect(t.shown('p-tttt').videoMuted).toEqual({ value: true, pending: false });
    reply.resolve({ target: 'so-tttt-1', ok: true, error: null });
    await done;
    expect(t.store.getState().pending).toEqual([]);
    expect(t.timers).toEqual([]);
  });

  it('rolls back a refused action and keeps the reason beside the control and in the log', async () => {
    const t = setup({ muteParticipant: () => ({ target: 'ubnd-tinh-1', ok: false, error: 'MCU 404: participantNotFound' }) });
    await t.store.getState().mute(CONF_ID, 'p-tinh', 'audio', true, 'Văn phòng UBND tỉnh');
    expect(t.shown('p-tinh').audioMuted).toEqual({ value: false, pending: false });
    expect(t.store.getState().errors.get(controlKey(CONF_ID, 'p-tinh', 'audio'))).toMatchObject({ kind: 'error', message: 'MCU 404: participantNotFound' });
    expect(t.store.getState().log[0]!.results).toEqual([{ target: 'ubnd-tinh-1', ok: false, error: 'MCU 404: participantNotFound' }]);
    expect(t.afterAction).toHaveBeenCalledTimes(1);

    // Trying again clears the old error at once.
    t.handlers.muteParticipant = () => new Promise(() => undefined);
    void t.store.getState().mute(CONF_ID, 'p-tinh', 'audio', true, 'Văn phòng UBND tỉnh');
    expect(t.store.getState().errors.size).toBe(0);
  });

  it('rolls back when the request itself fails (a supervisor is forbidden, the link is down)', async () => {
    const t = setup({
      setLayout: () => {
        throw new ApiError('forbidden', 'setLayout is not allowed for supervisor');
      },
    });
    await t.store.getState().setLayout(CONF_ID, null, 'onePlusFive', 'Giao ban');
    const c = selectedConference(t.store.getState())!;
    expect(shownConference(c, t.store.getState().pending).layout).toEqual({ value: 'automatic', pending: false });
    expect(t.store.getState().errors.get(controlKey(CONF_ID, null, 'layout'))?.message).toBe('setLayout is not allowed for supervisor');
    expect(t.store.getState().log[0]).toMatchObject({ action: 'setLayout', results: null, error: i18n.t('errors.code.forbidden') });
  });

  it('drops an accepted change the MCU never reports, and says so', async () => {
    const t = setup({ muteParticipant: () => ({ target: 'ba-be-1', ok: true, error: null }) });
    await t.store.getState().mute(CONF_ID, 'p-babe', 'audio', true, 'Ba Bể');
    expect(t.shown('p-babe').audioMuted.pending).toBe(true);
    expect(t.timers).toHaveLength(1);
    t.advance(5_010);
    expect(t.shown('p-babe').audioMuted).toEqual({ value: false, pending: false });
    expect(t.store.getState().errors.get(controlKey(CONF_ID, 'p-babe', 'audio'))?.kind).toBe('unconfirmed');
  });

  it('lets a newer request for the same control replace the older one', async () => {
    const first = deferred<ActionResult>();
    const t = setup({ muteParticipant: () => first.promise });
    void t.store.getState().mute(CONF_ID, 'p-tinh', 'audio', true, 'x');
    t.handlers.muteParticipant = () => new Promise(() => undefined);
    void t.store.getState().mute(CONF_ID, 'p-tinh', 'audio', false, 'x');
    expect(t.store.getState().pending).toHaveLength(1);
    expect(t.shown('p-tinh').audioMuted).toEqual({ value: false, pending: true });
    first.resolve({ target: 'ubnd-tinh-1', ok: false, error: 'late refusal' });
    await settle();
    // The older request's refusal does not roll back the newer one.
    expect(t.shown('p-tinh').audioMuted).toEqual({ value: false, pending: true });
  });

  it('mutes all but the chair optimistically and rolls back only the targets the MCU refused', async () => {
    const t = setup({
      muteAllExceptChair: () => [
        { target: 'so-tttt-1', ok: true, error: null },
        { target: 'ba-be-1', ok: false, error: 'MCU timeout' },
        { target: 'ba-be-cho-ra-1', ok: true, error: null },
        { target: 'guest@hanoi.example.vn', ok: true, error: null },
      ],
    });
    const done = t.store.getState().muteAllExceptChair(CONF_ID, 'p-tinh', '4 điểm cầu');
    for (const id of ['p-tttt', 'p-babe', 'p-chora', 'p-guest']) expect(t.shown(id).audioMuted).toEqual({ value: true, pending: true });
    expect(t.shown('p-tinh').audioMuted).toEqual({ value: false, pending: false });
    await done;
    expect(t.shown('p-babe').audioMuted).toEqual({ value: false, pending: false });
    expect(t.store.getState().errors.get(controlKey(CONF_ID, 'p-babe', 'audio'))?.message).toBe('MCU timeout');
    expect(t.store.getState().errors.get(controlKey(CONF_ID, null, 'muteAll'))).toMatchObject({ kind: 'partial', failed: 1, total: 4 });
    expect(t.shown('p-tttt').audioMuted.pending).toBe(true);
  });

  it('keeps the per-site results of a bulk connect', async () => {
    const reply = deferred<ActionResult[]>();
    const t = setup({ connectSites: () => reply.promise });
    const done = t.store.getState().connectSites(CONF_ID, 'district', 'ba-be', ['ba-be-cho-ra', 'ba-be-nam-mau'], '2 điểm cầu của Ba Bể');
    expect(t.calls[0]).toEqual({ method: 'connectSites', input: { conferenceId: CONF_ID, district: 'ba-be' } });
    expect(t.store.getState().bulk).toMatchObject({ by: 'district', value: 'ba-be', siteIds: ['ba-be-cho-ra', 'ba-be-nam-mau'], results: null });
    reply.resolve([
      { target: 'ba-be', ok: true, error: null },
      { target: 'ba-be-cho-ra', ok: true, error: null },
      { target: 'ba-be-nam-mau', ok: false, error: 'the site has no endpoint with a SIP URI' },
    ]);
    await done;
    expect(t.store.getState().bulk!.results).toHaveLength(3);
    expect(t.store.getState().errors.get(controlKey(CONF_ID, null, 'connect'))).toMatchObject({ kind: 'partial', failed: 1, total: 3 });
  });

  it('marks a disconnect pending until the participant is gone from the roster', async () => {
    const t = setup({ disconnectParticipant: () => ({ target: 'ba-be-cho-ra-1', ok: true, error: null }) });
    await t.store.getState().disconnect(CONF_ID, 'p-chora', 'Chợ Rã');
    expect(t.shown('p-chora').leaving).toBe(true);
    const v = view([conference({ participants: conference().participants.filter((p) => p.id !== 'p-chora') })]);
    t.store.getState().receive(v);
    expect(t.store.getState().pending).toEqual([]);
  });

  it('shows the first conference until one is chosen', () => {
    const t = setup();
    const second = conference({ id: 'c2', name: 'Hội nghị khác', participants: [participant('q1', null)] });
    t.store.getState().receive(view([conference(), second]));
    expect(selectedConference(t.store.getState())?.id).toBe(CONF_ID);
    t.store.getState().select('c2');
    expect(selectedConference(t.store.getState())?.id).toBe('c2');
    t.store.getState().receive(view([conference()]));
    expect(selectedConference(t.store.getState())?.id).toBe(CONF_ID);
  });
});

describe('audit store', () => {
  it('asks again once the request on its way is back, newest first', async () => {
    const first = deferred<unknown>();
    const entry = (id: number) => ({ id, at: '2025-11-22T07:00:00Z', user: 'lan', role: 'operator', action: 'muteParticipant', target: 'ba-be-1', params: '{}', result: 'ok' as const, error: null });
    let n = 0;
    const fake = fakeApi({ listAudit: () => (++n === 1 ? first.promise : [entry(1), entry(3), entry(2)]) });
    const store = createAuditStore(() => fake.api);
    store.getState().refresh();
    store.getState().refresh();
    store.getState().refresh();
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]!.input).toEqual({ limit: 50 });
    first.resolve([entry(1)]);
    await settle();
    await settle();
    expect(fake.calls).toHaveLength(2);
    expect(store.getState().entries.map((e) => e.id)).toEqual([3, 2, 1]);
  });
});
