// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScheduleView } from '../../renderer/features/schedule/schedule-view.js';
import { HOUR_PX } from '../../renderer/features/schedule/timeline-model.js';
import { startScheduleFeed, useScheduleStore, type ScheduleFeed } from '../../renderer/stores/schedule-store.js';
import { NETWORK } from './fixtures.js';
import { seedStores } from './dom-setup.js';
import { DAY, fakeApi, meeting, outcome, readiness, readySite, scheduled } from './schedule-fixtures.js';

const MEETINGS = [
  scheduled(meeting('brief', '2025-11-22T08:00', '2025-11-22T09:30', { title: 'Giao ban sáng', status: 'ended' })),
  scheduled(
    meeting('flood', '2025-11-22T14:48', '2025-11-22T16:00', {
      title: 'Họp khẩn ứng phó lũ',
      emergency: true,
      emergencyReason: 'Lũ quét',
      participants: { sites: [], groups: [{ type: 'district-communes', district: 'ba-be' }] },
    }),
  ),
  scheduled(meeting('late', '2025-11-22T19:00', '2025-11-22T20:00', { title: 'Đã huỷ', status: 'cancelled' })),
];

let feed: ScheduleFeed | null = null;

function mount(list = MEETINGS) {
  const fake = fakeApi({
    listMeetings: (input) => (input.from === DAY && !input.to ? list : input.to ? list : []),
    getReadiness: () => readiness('flood', [readySite('ba-be-cho-ra'), { ...readySite('ba-be-nam-mau'), ready: false, reachable: false, reasons: ['the codec does not answer (down)'] }]),
    checkBooking: () => outcome(),
    exportSchedule: () => ({ filename: 'x.ics', mime: 'text/calendar', content: 'BEGIN:VCALENDAR' }),
  });
  feed = startScheduleFeed(fake.api);
  render(<ScheduleView />);
  return fake;
}

describe('the Day view', () => {
  beforeEach(() => {
    seedStores(NETWORK, []);
    useScheduleStore.getState().reset();
  });
  afterEach(() => {
    cleanup();
    feed?.stop();
    feed = null;
  });

  it('shows today on a timeline with a now-line, each meeting as a block, and the countdown to the next', async () => {
    const fake = mount();
    await waitFor(() => expect(screen.getAllByTestId('meeting-block')).toHaveLength(3));
    expect(fake.calls[0]).toEqual({ method: 'listMeetings', input: { from: DAY } });
    expect(screen.getByTestId('schedule-date').textContent).toBe('Thứ Bảy, 22/11/2025hôm nay');
    // 14:30 on a 06:00–22:00 timeline.
    expect(screen.getByTestId('now-line').dataset.y).toBe(String(8.5 * HOUR_PX));
    const flood = screen.getAllByTestId('meeting-block').find((b) => b.dataset.meetingId === 'flood')!;
    expect(flood.dataset.emergency).toBe('true');
    expect(flood.textContent).toContain('Khẩn');
    expect(flood.querySelector('[data-glyph="emergency"]')).toBeTruthy();
    expect(flood.textContent).toContain('14:48–16:00 · UBND tỉnh · 3 điểm cầu'); // two communes of Ba Bể and the host
    expect(flood.textContent).toContain('Đã đặt');
    expect(flood.style.top).toBe(`${((14 * 60 + 48 - 6 * 60) / 60) * HOUR_PX}px`);
    expect(screen.getByTestId('countdown').textContent).toContain('Tiếp theo: Họp khẩn ứng phó lũ · bắt đầu sau 18 phút');
    const cancelled = screen.getAllByTestId('meeting-block').find((b) => b.dataset.meetingId === 'late')!;
    expect(cancelled.dataset.status).toBe('cancelled');
    expect(cancelled.textContent).toContain('Đã huỷ');
  });

  it("shows each meeting's readiness from the schedule stream, in colour only when a site is not ready", async () => {
    const fake = mount();
    await waitFor(() => expect(screen.getAllByTestId('meeting-block')).toHaveLength(3));
    act(() => fake.emit('schedule', { changed: [], readiness: [readiness('flood', [readySite('ba-be-cho-ra'), { ...readySite('ba-be-nam-mau'), ready: false }])] }));
    const flood = () => screen.getAllByTestId('meeting-block').find((b) => b.dataset.meetingId === 'flood')!;
    expect(flood().textContent).toContain('1 sẵn sàng / 1 chưa');
    expect(flood().dataset.attention).toBe('true');
    act(() => fake.emit('schedule', { changed: [], readiness: [readiness('flood', [readySite('ba-be-cho-ra'), readySite('ba-be-nam-mau')], { checkedAt: '2025-11-22T07:30:00.000Z' })] }));
    expect(flood().textContent).toContain('2 sẵn sàng / 0 chưa');
    expect(flood().dataset.attention).toBe('false');
  });

  it('opens a meeting: its details and readiness board; Escape closes', async () => {
    const fake = mount();
    await waitFor(() => expect(screen.getAllByTestId('meeting-block')).toHaveLength(3));
    fireEvent.click(screen.getAllByTestId('meeting-block').find((b) => b.dataset.meetingId === 'flood')!);
    const details = screen.getByTestId('meeting-details');
    expect(details.textContent).toContain('Họp khẩn ứng phó lũ');
    expect(details.textContent).toContain('Lũ quét');
    expect(details.textContent).toContain('Tất cả xã của UBND huyện Ba Bể');
    await waitFor(() => expect(screen.getAllByTestId('readiness-row')).toHaveLength(2));
    expect(fake.calls.some((c) => c.method === 'getReadiness' && c.input.meetingId === 'flood')).toBe(true);
    expect(screen.getByTestId('start-button').textContent).toBe('Bắt đầu · gọi 3 điểm cầu');
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByTestId('meeting-details')).toBeNull();
    expect(screen.getByTestId('agenda')).toBeTruthy();
  });

  it('moves by day with ← →, back with T, to the week with W, and opens the booking form with N', async () => {
    const fake = mount();
    await waitFor(() => expect(screen.getAllByTestId('meeting-block')).toHaveLength(3));
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(screen.getByTestId('schedule-view').dataset.day).toBe('2025-11-23');
    await waitFor(() => expect(fake.calls.at(-1)).toEqual({ method: 'listMeetings', input: { from: '2025-11-23' } }));
    fireEvent.keyDown(document.body, { key: 'ArrowLeft' });
    fireEvent.keyDown(document.body, { key: 'ArrowLeft' });
    expect(screen.getByTestId('schedule-view').dataset.day).toBe('2025-11-21');
    fireEvent.keyDown(document.body, { key: 't' });
    expect(screen.getByTestId('schedule-view').dataset.day).toBe(DAY);
    fireEvent.keyDown(document.body, { key: 'w' });
    await waitFor(() => expect(fake.calls.at(-1)).toEqual({ method: 'listMeetings', input: { from: '2025-11-17', to: '2025-11-23' } }));
    expect(screen.getAllByTestId('week-day').map((d) => d.dataset.day)).toEqual(['2025-11-17', '2025-11-18', '2025-11-19', '2025-11-20', '2025-11-21', '2025-11-22', '2025-11-23']);
    fireEvent.keyDown(document.body, { key: 'w' });
    fireEvent.keyDown(document.body, { key: 'n' });
    expect(screen.getByTestId('booking-form')).toBeTruthy();
    // Keys typed in the form stay in the form.
    fireEvent.keyDown(screen.getByTestId('field-title'), { key: 't' });
    expect(screen.getByTestId('schedule-view').dataset.day).toBe(DAY);
    fireEvent.keyDown(screen.getByTestId('field-title'), { key: 'Escape' });
    expect(screen.queryByTestId('booking-form')).toBeNull();
  });

  it('refetches the day when the stream says meetings changed', async () => {
    const fake = mount();
    await waitFor(() => expect(screen.getAllByTestId('meeting-block')).toHaveLength(3));
    const before = fake.calls.filter((c) => c.method === 'listMeetings').length;
    act(() => fake.emit('schedule', { changed: ['flood'], readiness: [] }));
    await waitFor(() => expect(fake.calls.filter((c) => c.method === 'listMeetings').length).toBe(before + 1));
  });
});
