import { ApiError } from '../../shared/api/errors.js';
import { i18n } from '../../renderer/i18n/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createScheduleStore, mergeResults, startScheduleFeed } from '../../renderer/stores/schedule-store.js';
import { useConnectionStore } from '../../renderer/stores/connection-store.js';
import { deferred, fakeApi, meeting, readiness, readySite, scheduled, settle } from './schedule-fixtures.js';
import type { ScheduledMeeting } from '../../shared/schedule/api.js';

function setup(list: (input: Record<string, unknown>) => ScheduledMeeting[] | Promise<ScheduledMeeting[]> = () => []) {
  const fake = fakeApi({ listMeetings: list });
  let now = 1_000;
  const store = createScheduleStore(() => fake.api, { now: () => now });
  return { ...fake, store, tick: (ms: number) => (now += ms) };
}

const lists = (calls: { method: string; input: unknown }[]) => calls.filter((c) => c.method === 'listMeetings').map((c) => c.input);

describe('schedule store: the meetings of the shown days', () => {
  afterEach(() => useConnectionStore.setState({ link: { phase: 'open', since: 0, attempt: 0, retryAt: null } }));

  it('asks listMeetings for one day with `from` alone and for a week with `from` and `to`', async () => {
    const m = scheduled(meeting('a', '2025-11-22T08:00', '2025-11-22T10:00'));
    const t = setup(() => [m]);
    await t.store.getState().show({ from: '2025-11-22', to: '2025-11-22' });
    await t.store.getState().show({ from: '2025-11-17', to: '2025-11-23' });
    expect(lists(t.calls)).toEqual([{ from: '2025-11-22' }, { from: '2025-11-17', to: '2025-11-23' }]);
    const s = t.store.getState();
    expect(s.meetings).toEqual([m]);
    expect(s.loadedRange).toEqual({ from: '2025-11-17', to: '2025-11-23' });
    expect(s.fetchedAt).toBe(1_000);
    expect(s.error).toBeNull();
  });

  it('does not ask again for the range it has, unless forced; refresh asks again', async () => {
    const t = setup();
    await t.store.getState().show({ from: '2025-11-22', to: '2025-11-22' });
    await t.store.getState().show({ from: '2025-11-22', to: '2025-11-22' });
    expect(lists(t.calls)).toHaveLength(1);
    await t.store.getState().refresh();
    expect(lists(t.calls)).toHaveLength(2);
  });

  it('keeps only the answer for the latest range when answers cross', async () => {
    const first = deferred<ScheduledMeeting[]>();
    const second = deferred<ScheduledMeeting[]>();
    const queue = [first, second];
    const t = setup(() => queue.shift()!.promise);
    const a = t.store.getState().show({ from: '2025-11-22', to: '2025-11-22' });
    const b = t.store.getState().show({ from: '2025-11-23', to: '2025-11-23' });
    const late = scheduled(meeting('late', '2025-11-22T08:00', '2025-11-22T09:00'));
    const fresh = scheduled(meeting('fresh', '2025-11-23T08:00', '2025-11-23T09:00'));
    second.resolve([fresh]);
    await b;
    first.resolve([late]);
    await a;
    expect(t.store.getState().meetings).toEqual([fresh]);
    expect(t.store.getState().loadedRange).toEqual({ from: '2025-11-23', to: '2025-11-23' });
  });

  it('says why a load failed and keeps the meetings it had', async () => {
    const m = scheduled(meeting('a', '2025-11-22T08:00', '2025-11-22T10:00'));
    let fail = false;
    const t = setup(() => {
      if (fail) throw new Error('engine busy');
      return [m];
    });
    await t.store.getState().show({ from: '2025-11-22', to: '2025-11-22' });
    fail = true;
    await t.store.getState().refresh();
    // A fault that is not the engine's answer: the catalogue's internal-error words, not its English.
    expect(t.store.getState().error).toBe(i18n.t('errors.code.internal'));
    expect(t.store.getState().meetings).toEqual([m]);
  });
});

describe('schedule store: the schedule stream', () => {
  it('refetches the shown days when meetings changed, and only keeps readiness otherwise', async () => {
    const t = setup();
    const feed = startScheduleFeed(t.api, undefined, t.store);
    await t.store.getState().show({ from: '2025-11-22', to: '2025-11-22' });
    expect(t.listening('schedule')).toBe(1);
    const before = lists(t.calls).length;

    const board = readiness('a', [readySite('ba-be'), { ...readySite('ba-be-cho-ra'), ready: false, reachable: false, reasons: ['not measured yet'] }]);
    t.emit('schedule', { changed: [], readiness: [board] });
    await settle();
    expect(lists(t.calls).length).toBe(before);
    expect(t.store.getState().readiness.get('a')).toEqual(board);

    t.emit('schedule', { changed: ['a'], readiness: [] });
    await settle();
    expect(lists(t.calls).length).toBe(before + 1);
    expect(lists(t.calls).at(-1)).toEqual({ from: '2025-11-22' });
    // The readiness it had is kept when an event carries none for that meeting.
    expect(t.store.getState().readiness.get('a')).toEqual(board);
    feed.stop();
    expect(t.listening('schedule')).toBe(0);
  });

  it('keeps the newer of two readiness reports', () => {
    const t = setup();
    const newer = readiness('a', [readySite('ba-be')], { checkedAt: '2025-11-22T07:30:00.000Z' });
    const older = readiness('a', [], { checkedAt: '2025-11-22T07:20:00.000Z' });
    t.store.getState().receive({ changed: [], readiness: [newer] });
    t.store.getState().receive({ changed: [], readiness: [older] });
    expect(t.store.getState().readiness.get('a')).toBe(newer);
  });

  it('refetches after the link to the engine comes back', async () => {
    useConnectionStore.setState({ link: { phase: 'open', since: 0, attempt: 0, retryAt: null } });
    const t = setup();
    const feed = startScheduleFeed(t.api, undefined, t.store);
    await t.store.getState().show({ from: '2025-11-22', to: '2025-11-22' });
    const before = lists(t.calls).length;
    useConnectionStore.getState().setLink({ phase: 'closed', since: 1, attempt: 1, retryAt: 2 });
    useConnectionStore.getState().setLink({ phase: 'open', since: 3, attempt: 0, retryAt: null });
    await settle();
    expect(lists(t.calls).length).toBe(before + 1);
    feed.stop();
  });
});

describe('schedule store: start, retry, attendance', () => {
  it('starts a meeting with a result per site, then retries only the failed ones', async () => {
    const answers = [
      { meetingId: 'a', conferenceId: 'c1', results: [{ target: 'ba-be', ok: true, error: null }, { target: 'ba-be-cho-ra', ok: false, error: 'busy here' }] },
      { meetingId: 'a', conferenceId: 'c1', results: [{ target: 'ba-be-cho-ra', ok: true, error: null }] },
    ];
    const fake = fakeApi({ startMeeting: () => answers.shift(), listMeetings: () => [] });
    const store = createScheduleStore(() => fake.api, { now: () => 5 });
    const first = store.getState().start('a');
    expect(store.getState().starts.get('a')).toMatchObject({ inFlight: 'all', results: [], attempts: 1 });
    await first;
    expect(store.getState().starts.get('a')).toMatchObject({ inFlight: null, conferenceId: 'c1', error: null });
    expect(store.getState().starts.get('a')!.results.map((r) => r.ok)).toEqual([true, false]);

    const retry = store.getState().start('a', ['ba-be-cho-ra']);
    expect(store.getState().starts.get('a')).toMatchObject({ inFlight: ['ba-be-cho-ra'], attempts: 2 });
    await retry;
    expect(store.getState().starts.get('a')!.results).toEqual([
      { target: 'ba-be', ok: true, error: null },
      { target: 'ba-be-cho-ra', ok: true, error: null },
    ]);
    expect(fake.calls.filter((c) => c.method === 'startMeeting').map((c) => c.input)).toEqual([{ meetingId: 'a' }, { meetingId: 'a', siteIds: ['ba-be-cho-ra'] }]);
  });

  it('keeps the error when the start request itself fails', async () => {
    const fake = fakeApi({
      startMeeting: () => {
        throw new ApiError('bad_request', '"X" starts 22/11/2025 16:00; it can be started from 30 minutes before', undefined, { reason: 'meeting_too_early', title: 'X', startsAt: '22/11/2025 16:00', minutes: 30 });
      },
      listMeetings: () => [],
    });
    const store = createScheduleStore(() => fake.api);
    await store.getState().start('a');
    expect(store.getState().starts.get('a')).toMatchObject({ inFlight: null, error: 'Cuộc họp "X" bắt đầu lúc 22/11/2025 16:00; chỉ bắt đầu được từ 30 phút trước giờ họp.' });
  });

  it('merges results: a retry replaces the same targets, keeps the order, adds new ones', () => {
    const ok = (target: string) => ({ target, ok: true, error: null });
    const bad = (target: string) => ({ target, ok: false, error: 'x' });
    expect(mergeResults([ok('a'), bad('b'), bad('c')], [ok('c'), ok('d')])).toEqual([ok('a'), bad('b'), ok('c'), ok('d')]);
  });

  it('loads attendance with its time, and keeps the last one when a refresh fails', async () => {
    let fail = false;
    const data = { meetingId: 'a', title: 'A', sites: [] };
    const fake = fakeApi({
      getAttendance: () => {
        if (fail) throw new Error('gone');
        return data;
      },
    });
    const store = createScheduleStore(() => fake.api, { now: () => 42 });
    await store.getState().fetchAttendance('a');
    expect(store.getState().attendance.get('a')).toEqual({ data, loading: false, error: null, fetchedAt: 42 });
    fail = true;
    await store.getState().fetchAttendance('a');
    expect(store.getState().attendance.get('a')).toEqual({ data, loading: false, error: i18n.t('errors.code.internal'), fetchedAt: 42 });
  });
});
