// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BookingDialog } from '../../renderer/features/schedule/booking-form.js';
import {
  emptyForm,
  formOf,
  fromDisplayDate,
  localProblems,
  normaliseTime,
  participantSiteIds,
  searchSites,
  toRequest,
  toggleGroup,
  toggleSite,
  type BookingForm,
} from '../../renderer/features/schedule/booking-form-model.js';
import { startScheduleFeed, type ScheduleFeed } from '../../renderer/stores/schedule-store.js';
import { BookingEditSchema, BookingRequestSchema, parseBookingEdit, toMeetingDraft } from '../../shared/schedule/booking-request.js';
import { NETWORK } from './fixtures.js';
import { seedStores } from './dom-setup.js';
import { DAY, TZ, fakeApi, meeting, outcome } from './schedule-fixtures.js';

const base = (): BookingForm => ({ ...emptyForm(NETWORK, '2025-11-27'), title: 'Giao ban chuyển đổi số', hostBody: 'Sở TT&TT' });

describe('the booking form builds a valid BookingRequest', () => {
  it('sends local YYYY-MM-DDTHH:mm times that the engine reads in the inventory zone', () => {
    const form = toggleSite({ ...base(), date: '27/11/2025', startTime: '8:00', endTime: '10:30' }, 'ba-be-cho-ra');
    const request = toRequest(form);
    expect(request).toMatchObject({ start: '2025-11-27T08:00', end: '2025-11-27T10:30', participants: { sites: ['ba-be-cho-ra'], groups: [] }, recurrence: null });
    expect('id' in request).toBe(false);
    const parsed = BookingRequestSchema.safeParse(request);
    expect(parsed.success).toBe(true);
    const draft = toMeetingDraft(parsed.data!, TZ);
    expect(draft.ok && draft.draft.start).toBe('2025-11-27T01:00:00.000Z');
    expect(draft.ok && draft.draft.end).toBe('2025-11-27T03:30:00.000Z');
  });

  it('sends groups: all communes of a district, a whole tier, all sites; each once', () => {
    let form = base();
    form = toggleGroup(form, { type: 'district-communes', district: 'ba-be' });
    form = toggleGroup(form, { type: 'tier', tier: 'district' });
    form = toggleGroup(form, { type: 'all-sites' });
    form = toggleGroup(form, { type: 'all-sites' }); // off again
    const request = toRequest(form);
    expect(request.participants).toEqual({ sites: [], groups: [{ type: 'district-communes', district: 'ba-be' }, { type: 'tier', tier: 'district' }] });
    expect(BookingRequestSchema.safeParse(request).success).toBe(true);
    expect(participantSiteIds(form, NETWORK)).toEqual(['ba-be', 'cho-don', 'ba-be-cho-ra', 'ba-be-nam-mau']);
  });

  it('sends a weekly series with its weekdays in order and an end date', () => {
    const form: BookingForm = { ...toggleSite(base(), 'ba-be'), recurring: true, every: 2, byWeekday: ['fri', 'thu'], endBy: 'until', until: '31/12/2025' };
    expect(toRequest(form).recurrence).toEqual({ frequency: 'weekly', every: 2, byWeekday: ['thu', 'fri'], until: '2025-12-31' });
    expect(toRequest({ ...form, endBy: 'count', count: 6 }).recurrence).toEqual({ frequency: 'weekly', every: 2, byWeekday: ['thu', 'fri'], count: 6 });
    expect(BookingRequestSchema.safeParse(toRequest(form)).success).toBe(true);
  });

  it('only sends the emergency reason of an emergency', () => {
    const form = { ...toggleSite(base(), 'ba-be'), emergencyReason: 'Lũ quét' };
    expect(toRequest(form)).toMatchObject({ emergency: false, emergencyReason: '' });
    expect(toRequest({ ...form, emergency: true })).toMatchObject({ emergency: true, emergencyReason: 'Lũ quét' });
  });

  it('edits a stored meeting: its local times, its id and the version it was read at', () => {
    const m = meeting('m7', '2025-11-27T08:00', '2025-11-27T09:30', { version: 4, participants: { sites: ['ba-be'], groups: [{ type: 'district-communes', district: 'ba-be' }] } });
    const form = formOf(m, TZ);
    expect(form).toMatchObject({ id: 'm7', version: 4, date: '27/11/2025', startTime: '08:00', endTime: '09:30' });
    const request = toRequest({ ...form, endTime: '10:00' });
    expect(BookingEditSchema.safeParse(request).success).toBe(true);
    const edit = parseBookingEdit(request, TZ);
    expect(edit.ok && edit.version).toBe(4);
    expect(edit.ok && edit.draft.end).toBe('2025-11-27T03:00:00.000Z');
  });

  it('reads dates as dd/MM/yyyy and times as 24-hour HH:mm, refusing what is not', () => {
    expect(fromDisplayDate('27/11/2025')).toBe('2025-11-27');
    expect(fromDisplayDate('7/3/2026')).toBe('2026-03-07');
    expect(fromDisplayDate('31/02/2026')).toBeNull();
    expect(fromDisplayDate('2026-03-07')).toBeNull();
    expect(normaliseTime('8:05')).toBe('08:05');
    expect(normaliseTime('1430')).toBe('14:30');
    expect(normaliseTime('24:00')).toBeNull();
    const problems = localProblems({ ...base(), date: '31/02/2026', endTime: '25:00', emergency: true, emergencyReason: ' ' });
    expect(problems.map((p) => `${p.field}:${p.key}`)).toEqual(['date:schedule.form.problem.date', 'endTime:schedule.form.problem.time', 'emergencyReason:schedule.form.problem.reason']);
    // What cannot be read is sent as typed: the engine says why, the form does not guess.
    expect(toRequest({ ...base(), date: '31/02/2026' }).start).toBe('31/02/2026 08:00');
  });

  it('finds sites without diacritics, đ as d', () => {
    expect(searchSites(NETWORK, 'cho ra').map((s) => s.id)).toEqual(['ba-be-cho-ra']);
    expect(searchSites(NETWORK, 'CHO DON').map((s) => s.id)).toEqual(['cho-don']);
    expect(searchSites(NETWORK, 'xa').map((s) => s.id)).toEqual(['ba-be-cho-ra', 'ba-be-nam-mau']);
  });

  it('starts a new form on the day shown, the next hour when it is today', () => {
    expect(emptyForm(NETWORK, DAY, { day: DAY, hour: 14 })).toMatchObject({ date: '22/11/2025', startTime: '15:00', endTime: '17:00', hostSiteId: 'ubnd-tinh', chairLevel: 'province', byWeekday: ['sat'] });
    expect(emptyForm(NETWORK, '2025-11-25', { day: DAY, hour: 14 })).toMatchObject({ date: '25/11/2025', startTime: '08:00', endTime: '10:00' });
  });
});

describe('the booking dialog', () => {
  let feed: ScheduleFeed | null = null;
  beforeEach(() => seedStores(NETWORK, []));
  afterEach(() => {
    cleanup();
    feed?.stop();
    feed = null;
  });

  const notice = {
    rule: 'notice',
    occurrenceDate: '2025-11-23',
    start: '2025-11-23T01:00:00.000Z',
    bookedAt: '2025-11-22T07:30:00.000Z',
    noticeDays: 3,
    noticeMode: 'calendar-days',
    earliestStart: '2025-11-24T17:00:00.000Z',
    message: 'meetings are booked at least 3 days ahead',
  };

  it('shows the rules broken as it is filled (debounced dry run), then books when they are met', async () => {
    const checks: unknown[] = [];
    const fake = fakeApi({
      checkBooking: (input) => {
        checks.push(input);
        const r = input.request as { emergency: boolean };
        return r.emergency
          ? outcome({ warnings: [{ rule: 'notice-exempt', occurrenceDate: '2025-11-23', reason: 'Lũ quét', message: 'x' }] })
          : outcome({ ok: false, violations: [notice] });
      },
      bookMeeting: (input) => outcome({ meeting: meeting('new', '2025-11-23T08:00', '2025-11-23T10:00'), occurrences: [{ index: 0, date: '2025-11-23', start: 0, end: 1 }], ...(input.request ? {} : {}) }),
      listMeetings: () => [],
    });
    feed = startScheduleFeed(fake.api);
    const onBooked = vi.fn();
    render(<BookingDialog initial={{ ...base(), date: '23/11/2025' }} network={NETWORK} blocked={null} onClose={() => undefined} onBooked={onBooked} />);
    fireEvent.click(screen.getAllByTestId('group-toggle').find((b) => b.dataset.group === 'district:ba-be')!);
    expect(screen.getByTestId('participant-total').dataset.count).toBe('2');

    await waitFor(() => expect(screen.getByTestId('booking-verdict').dataset.state).toBe('refused'), { timeout: 2000 });
    const verdict = screen.getByTestId('booking-verdict');
    expect(verdict.textContent).toContain('Thời hạn báo trước');
    expect(verdict.textContent).toContain('Phải đặt lịch trước ít nhất 3 ngày: đặt lúc 22/11/2025 14:30, sớm nhất được bắt đầu 25/11/2025 00:00');
    // Several quick changes make one request, with the whole form.
    expect(checks.length).toBe(1);
    expect(checks[0]).toMatchObject({ request: { start: '2025-11-23T08:00', participants: { groups: [{ type: 'district-communes', district: 'ba-be' }] } } });

    fireEvent.click(screen.getByTestId('field-emergency'));
    expect(screen.getByText('Họp khẩn cấp phải ghi lý do')).toBeTruthy();
    fireEvent.change(screen.getByTestId('field-emergencyReason'), { target: { value: 'Lũ quét' } });
    await waitFor(() => expect(screen.getByTestId('booking-verdict').dataset.state).toBe('ok'), { timeout: 2000 });
    expect(screen.getByTestId('booking-verdict').textContent).toContain('chấp nhận vì họp khẩn cấp: Lũ quét');

    await act(async () => {
      fireEvent.click(screen.getByTestId('booking-submit'));
    });
    expect(fake.calls.find((c) => c.method === 'bookMeeting')!.input).toMatchObject({ request: { emergency: true, emergencyReason: 'Lũ quét', title: 'Giao ban chuyển đổi số' } });
    expect(onBooked).toHaveBeenCalledTimes(1);
  });

  it('shows a refusal on submit the same way, naming the conflict', async () => {
    const conflict = {
      rule: 'participant-site',
      occurrenceDate: '2025-11-23',
      other: { id: 'm1', title: 'Tập huấn chuyển đổi số', start: '2025-11-23T01:00:00.000Z', end: '2025-11-23T03:00:00.000Z', occurrenceDate: '2025-11-23' },
      sites: [{ id: 'ba-be-cho-ra', name: 'UBND xã Chợ Rã' }],
      message: 'x',
    };
    const fake = fakeApi({ checkBooking: () => outcome(), bookMeeting: () => outcome({ ok: false, violations: [conflict] }), listMeetings: () => [] });
    feed = startScheduleFeed(fake.api);
    const onBooked = vi.fn();
    render(<BookingDialog initial={toggleSite(base(), 'ba-be-cho-ra')} network={NETWORK} blocked={null} onClose={() => undefined} onBooked={onBooked} />);
    await act(async () => {
      fireEvent.click(screen.getByTestId('booking-submit'));
    });
    const refusal = screen.getByTestId('booking-refusal');
    expect(refusal.textContent).toContain('Không đặt được lịch');
    expect(refusal.textContent).toContain("Trùng lịch: UBND xã Chợ Rã đã tham gia 'Tập huấn chuyển đổi số' 08:00–10:00 23/11/2025");
    expect(onBooked).not.toHaveBeenCalled();
  });

  it('closes with Escape', () => {
    const fake = fakeApi({ checkBooking: () => outcome(), listMeetings: () => [] });
    feed = startScheduleFeed(fake.api);
    const onClose = vi.fn();
    render(<BookingDialog initial={base()} network={NETWORK} blocked={null} onClose={onClose} onBooked={() => undefined} />);
    fireEvent.keyDown(screen.getByTestId('field-title'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
