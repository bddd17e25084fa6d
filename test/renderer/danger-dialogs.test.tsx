// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConferenceHeader } from '../../renderer/features/session/conference-header.js';
import { MuteAll } from '../../renderer/features/session/mute-all.js';
import { shownConference } from '../../renderer/features/session/session-model.js';
import { BookingDialog } from '../../renderer/features/schedule/booking-form.js';
import { emptyForm, isDirty, withEmergency, type BookingForm } from '../../renderer/features/schedule/booking-form-model.js';
import { StartPanel } from '../../renderer/features/schedule/start-panel.js';
import { setConferenceHooks, useConferenceStore } from '../../renderer/stores/conference-store.js';
import { startScheduleFeed, useScheduleStore, type ScheduleFeed } from '../../renderer/stores/schedule-store.js';
import { NETWORK } from './fixtures.js';
import { seedStores } from './dom-setup.js';
import { CONF_ID, conference, fakeApi as sessionApi, participant, view } from './session-fixtures.js';
import { DAY, fakeApi as scheduleApi, meeting, outcome, scheduled } from './schedule-fixtures.js';

type SessionFake = ReturnType<typeof sessionApi>;
let fake: SessionFake;

function seedSession(conferences = [conference()]) {
  seedStores(NETWORK, []);
  fake = sessionApi({ endConference: () => ({ target: `conference:${CONF_ID}`, ok: true, error: null }) });
  setConferenceHooks({ api: fake.api, afterAction: () => undefined });
  useConferenceStore.setState({ view: null, pending: [], errors: new Map(), log: [], bulk: null, selectedId: null });
  useConferenceStore.getState().receive(view(conferences));
  useScheduleStore.getState().reset();
}

const focused = (): string | null => (document.activeElement as HTMLElement | null)?.dataset['testid'] ?? null;

describe('ending a conference: a dialog that names it and how many sites it drops', () => {
  beforeEach(() => seedSession());
  afterEach(cleanup);

  const header = () => {
    const c = useConferenceStore.getState().view!.conferences[0]!;
    return render(<ConferenceHeader conference={c} shown={shownConference(c, [])} reason={null} />);
  };

  it('asks first, the focus on keeping it; Escape and the safe button leave the conference running', async () => {
    header();
    fireEvent.click(screen.getByTestId('end-conference'));
    const dialog = screen.getByTestId('end-dialog');
    expect(dialog.getAttribute('role')).toBe('alertdialog');
    expect(dialog.textContent).toContain('Kết thúc phiên “Giao ban trực tuyến UBND tỉnh”? 5 điểm cầu đang trong phiên sẽ bị ngắt kết nối.');
    expect(screen.getByTestId('end-dialog-confirm').textContent).toBe('Kết thúc “Giao ban trực tuyến UBND tỉnh”');
    expect(focused()).toBe('end-dialog-cancel');
    fireEvent.keyDown(screen.getByTestId('end-dialog-cancel'), { key: 'Escape' });
    expect(screen.queryByTestId('end-dialog')).toBeNull();
    fireEvent.click(screen.getByTestId('end-conference'));
    fireEvent.click(screen.getByTestId('end-dialog-cancel'));
    expect(screen.queryByTestId('end-dialog')).toBeNull();
    await act(async () => undefined);
    expect(fake.calls.filter((c) => c.method === 'endConference')).toEqual([]);
  });

  it('ends it from the keyboard: Tab to the named action (Tab stays in the dialog), then Enter', async () => {
    header();
    fireEvent.click(screen.getByTestId('end-conference'));
    fireEvent.keyDown(screen.getByTestId('end-dialog-cancel'), { key: 'Tab' });
    expect(focused()).toBe('end-dialog-confirm');
    fireEvent.keyDown(screen.getByTestId('end-dialog-confirm'), { key: 'Tab', shiftKey: true });
    expect(focused()).toBe('end-dialog-cancel');
    fireEvent.keyDown(screen.getByTestId('end-dialog-cancel'), { key: 'Tab' });
    // jsdom does not turn Enter into a click on a button; a browser does (test/e2e/danger.test.ts).
    await act(async () => fireEvent.click(screen.getByTestId('end-dialog-confirm')));
    expect(fake.calls.filter((c) => c.method === 'endConference')).toEqual([{ method: 'endConference', input: { conferenceId: CONF_ID } }]);
    expect(screen.queryByTestId('end-dialog')).toBeNull();
  });

  it('counts only the sites still in it', () => {
    seedSession([conference({ participants: [participant('p-tinh', 'ubnd-tinh-1'), participant('p-babe', 'ba-be-1', { state: 'disconnected' })] })]);
    header();
    fireEvent.click(screen.getByTestId('end-conference'));
    expect(screen.getByTestId('end-dialog').textContent).toContain('1 điểm cầu đang trong phiên');
  });
});

describe('mute all but the chair: the chair is the meeting\'s host site', () => {
  beforeEach(() => seedSession());
  afterEach(cleanup);

  const mount = () => render(<MuteAll conference={useConferenceStore.getState().view!.conferences[0]!} reason={null} />);

  it('takes the host site of the booked meeting the conference is, and says so', () => {
    const m = meeting('gb', '2025-11-22T14:00', '2025-11-22T16:00', { title: 'Giao ban trực tuyến UBND tỉnh', status: 'live', hostSiteId: 'ba-be' });
    useScheduleStore.setState({ meetings: [scheduled(m)], range: { from: DAY, to: DAY } });
    mount();
    const select = screen.getByTestId<HTMLSelectElement>('chair-select');
    expect(select.value).toBe('p-babe');
    expect(select.dataset['from']).toBe('host');
    expect(screen.getByTestId('chair-from-host').textContent).toBe('Điểm cầu chủ trì theo lịch họp');
    // The operator's choice wins.
    fireEvent.change(select, { target: { value: 'p-tttt' } });
    expect(select.value).toBe('p-tttt');
    expect(screen.queryByTestId('chair-from-host')).toBeNull();
  });

  it('falls back to the first row for a conference never booked', () => {
    useScheduleStore.setState({ meetings: [], range: { from: DAY, to: DAY } });
    mount();
    // The first row: the province's sites come first (by name: Sở… before Văn phòng…).
    expect(screen.getByTestId<HTMLSelectElement>('chair-select').value).toBe('p-tttt');
    expect(screen.getByTestId('chair-select').dataset['from']).toBe('first');
  });
});

describe('closing a filled-in booking form asks first', () => {
  let feed: ScheduleFeed | null = null;
  beforeEach(() => {
    seedStores(NETWORK, []);
    feed = startScheduleFeed(scheduleApi({ checkBooking: () => outcome(), listMeetings: () => [] }).api);
  });
  afterEach(() => {
    cleanup();
    feed?.stop();
    feed = null;
  });

  const base = (): BookingForm => emptyForm(NETWORK, '2025-11-27');

  it('closes an untouched form at once', () => {
    const onClose = vi.fn();
    render(<BookingDialog initial={base()} network={NETWORK} blocked={null} onClose={onClose} onBooked={() => undefined} />);
    fireEvent.keyDown(screen.getByTestId('field-title'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('discard-dialog')).toBeNull();
  });

  it.each(['Escape', 'close', 'cancel', 'Escape on the page'] as const)('asks on %s, naming the booking; keeping it returns to the form', (how) => {
    const onClose = vi.fn();
    render(<BookingDialog initial={base()} network={NETWORK} blocked={null} onClose={onClose} onBooked={() => undefined} />);
    fireEvent.change(screen.getByTestId('field-title'), { target: { value: 'Họp phòng chống bão số 5' } });
    if (how === 'Escape') fireEvent.keyDown(screen.getByTestId('field-title'), { key: 'Escape' });
    else if (how === 'close') fireEvent.click(screen.getByTestId('booking-close'));
    else if (how === 'cancel') fireEvent.click(screen.getByTestId('booking-cancel'));
    else fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByTestId('discard-dialog').textContent).toContain('Bỏ phiếu đặt lịch “Họp phòng chống bão số 5” đang điền?');
    expect(focused()).toBe('discard-dialog-cancel');
    // Escape in the question closes the question only, not the form.
    fireEvent.keyDown(screen.getByTestId('discard-dialog-cancel'), { key: 'Escape' });
    expect(screen.queryByTestId('discard-dialog')).toBeNull();
    expect(screen.getByTestId('booking-form')).toBeTruthy();
    expect(screen.getByTestId<HTMLInputElement>('field-title').value).toBe('Họp phòng chống bão số 5');
    expect(focused()).toBe('field-title');
    expect(onClose).not.toHaveBeenCalled();
  });

  it('discards on the named action', () => {
    const onClose = vi.fn();
    render(<BookingDialog initial={base()} network={NETWORK} blocked={null} onClose={onClose} onBooked={() => undefined} />);
    fireEvent.click(screen.getByTestId('field-emergency'));
    fireEvent.click(screen.getByTestId('booking-close'));
    expect(screen.getByTestId('discard-dialog-confirm').textContent).toBe('Bỏ phiếu đặt lịch');
    fireEvent.click(screen.getByTestId('discard-dialog-confirm'));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('knows what is a change: a participant toggled on and off again is none', () => {
    const a = base();
    expect(isDirty(a, { ...a })).toBe(false);
    expect(isDirty(a, { ...a, sites: ['x'] })).toBe(true);
    expect(isDirty({ ...a, sites: ['x', 'y'] }, { ...a, sites: ['y', 'x'] })).toBe(false);
    expect(isDirty(a, { ...a, notes: ' ' })).toBe(true);
  });
});

describe('an emergency meeting is of an emergency kind', () => {
  let feed: ScheduleFeed | null = null;
  afterEach(() => {
    cleanup();
    feed?.stop();
    feed = null;
  });

  it('turns a regular meeting extraordinary when ticked, back when unticked; a chosen kind stays', () => {
    const f = emptyForm(NETWORK, '2025-11-27');
    expect(f.kind).toBe('regular');
    expect(withEmergency(f, true)).toMatchObject({ emergency: true, kind: 'extraordinary' });
    expect(withEmergency(withEmergency(f, true), false)).toMatchObject({ emergency: false, kind: 'regular' });
    expect(withEmergency({ ...f, kind: 'training' }, true).kind).toBe('training');
    expect(withEmergency({ ...f, kind: 'training', emergency: true }, false).kind).toBe('training');
  });

  it('shows it in the form', () => {
    seedStores(NETWORK, []);
    feed = startScheduleFeed(scheduleApi({ checkBooking: () => outcome(), listMeetings: () => [] }).api);
    render(<BookingDialog initial={emptyForm(NETWORK, '2025-11-27')} network={NETWORK} blocked={null} onClose={() => undefined} onBooked={() => undefined} />);
    fireEvent.click(screen.getByTestId('field-emergency'));
    expect(screen.getByTestId<HTMLSelectElement>('field-kind').value).toBe('extraordinary');
  });
});

describe('starting a meeting that is not today, or whose sites are busy, warns first', () => {
  beforeEach(() => seedSession());
  afterEach(cleanup);

  const m = meeting('m1', '2025-11-22T14:40', '2025-11-22T16:00', { title: 'Họp ứng phó lũ' });
  const start = (date: string, participants: string[], onStart = vi.fn()) => {
    render(<StartPanel meeting={m} occurrenceDate={date} participants={participants} network={NETWORK} run={undefined} blocked={null} onStart={onStart} />);
    return onStart;
  };

  it('arms as before for today\'s meeting with free sites', () => {
    useConferenceStore.getState().receive(view([]));
    start(DAY, ['ubnd-tinh', 'ba-be-nam-mau']);
    expect(screen.queryByTestId('start-warnings')).toBeNull();
    expect(screen.getByTestId('start-button').dataset['armed']).toBe('false');
  });

  it('names another day and the busy sites with their conference, and starts only on the named action', () => {
    const onStart = start('2025-11-24', ['ubnd-tinh', 'ba-be-cho-ra', 'ba-be-nam-mau']);
    const warnings = screen.getByTestId('start-warnings');
    expect(warnings.textContent).toContain('Buổi họp này của ngày 24/11/2025, chưa tới (hôm nay 22/11/2025).');
    expect(warnings.textContent).toContain('2 điểm cầu đang ở phiên khác, bắt đầu sẽ kéo sang: Văn phòng UBND tỉnh (trong “Giao ban trực tuyến UBND tỉnh”); UBND xã Chợ Rã (trong “Giao ban trực tuyến UBND tỉnh”).');
    fireEvent.click(screen.getByTestId('start-button'));
    expect(onStart).not.toHaveBeenCalled();
    const dialog = screen.getByTestId('start-dialog');
    expect(dialog.textContent).toContain("Bắt đầu 'Họp ứng phó lũ'");
    expect(dialog.querySelectorAll('li')).toHaveLength(2);
    expect(focused()).toBe('start-dialog-cancel');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByTestId('start-dialog')).toBeNull();
    expect(onStart).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('start-button'));
    expect(screen.getByTestId('start-dialog-confirm').textContent).toBe('Vẫn bắt đầu “Họp ứng phó lũ”');
    fireEvent.click(screen.getByTestId('start-dialog-confirm'));
    expect(onStart).toHaveBeenCalledTimes(1);
  });

  it('warns of a past day alone when the sites are free', async () => {
    useConferenceStore.getState().receive(view([]));
    start('2025-11-20', ['ba-be-nam-mau']);
    await waitFor(() => expect(screen.getByTestId('start-warnings').querySelectorAll('li')).toHaveLength(1));
    expect(screen.getByTestId('start-warnings').textContent).toContain('Buổi họp này của ngày 20/11/2025, đã qua (hôm nay 22/11/2025).');
  });
});
