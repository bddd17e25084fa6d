// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DayTimeline } from '../../renderer/features/schedule/day-timeline.js';
import { itemsOn } from '../../renderer/features/schedule/timeline-model.js';
import { unbookedOnDay } from '../../renderer/features/schedule/unbooked-model.js';
import { ViolationList } from '../../renderer/features/schedule/violation-list.js';
import { distinctTexts, groupByRule } from '../../renderer/features/schedule/violation-text.js';
import { useConferenceStore } from '../../renderer/stores/conference-store.js';
import { useUiStore } from '../../renderer/stores/ui-store.js';
import { draftOf } from '../../shared/schedule/meeting.js';
import { siteDirectory } from '../../shared/schedule/participants.js';
import { checkBooking } from '../../shared/schedule/rules.js';
import { NETWORK } from './fixtures.js';
import { seedStores } from './dom-setup.js';
import { conference, participant } from './session-fixtures.js';
import { DAY, TZ, at, meeting, outcome, scheduled } from './schedule-fixtures.js';

const collator = new Intl.Collator('vi-VN');

describe('a refusal names each broken rule once', () => {
  beforeEach(() => seedStores(NETWORK, []));
  afterEach(cleanup);

  it('groups by rule in the order first named', () => {
    const g = groupByRule([{ rule: 'a', n: 1 }, { rule: 'b', n: 2 }, { rule: 'a', n: 3 }]);
    expect(g).toEqual([
      { rule: 'a', items: [{ rule: 'a', n: 1 }, { rule: 'a', n: 3 }] },
      { rule: 'b', items: [{ rule: 'b', n: 2 }] },
    ]);
    expect(distinctTexts(['x', 'y', 'x'])).toEqual(['x', 'y']);
  });

  it('lists the clashes the engine reports one by one (one per other meeting) under the rule, named once', () => {
    const dir = siteDirectory(NETWORK);
    const first = meeting('m1', '2025-11-25T08:00', '2025-11-25T10:00', { title: 'Tập huấn chuyển đổi số', participants: { sites: ['ba-be-cho-ra'], groups: [] } });
    const second = meeting('m3', '2025-11-25T09:00', '2025-11-25T11:00', { title: 'Họp phòng chống lũ', hostSiteId: 'cho-don', room: 'Phòng 2', participants: { sites: ['ba-be-nam-mau'], groups: [] } });
    const draft = { ...draftOf(meeting('m2', '2025-11-25T09:00', '2025-11-25T10:30')), hostSiteId: 'so-tttt', participants: { sites: ['ba-be-cho-ra', 'ba-be-nam-mau'], groups: [] } };
    const check = checkBooking(draft, { directory: dir, existing: [first, second], now: Date.parse('2025-11-22T07:30:00Z') });
    const violations = check.ok ? [] : check.violations;
    // What the engine sends: the rule twice.
    expect(violations.filter((v) => v.rule === 'participant-site')).toHaveLength(2);
    render(<ViolationList outcome={outcome({ ok: false, violations: violations as never })} heading="x" />);
    const items = screen.getAllByTestId('violation').filter((li) => li.dataset['rule'] === 'participant-site');
    expect(items).toHaveLength(1);
    expect(items[0]!.dataset['count']).toBe('2');
    expect(items[0]!.querySelectorAll('.violation__rule')).toHaveLength(1);
    const details = [...items[0]!.querySelectorAll('[data-testid="violation-detail"]')].map((d) => d.textContent);
    expect(details).toEqual([
      "Trùng lịch: UBND xã Chợ Rã đã tham gia 'Tập huấn chuyển đổi số' 08:00–10:00 25/11/2025.",
      "Trùng lịch: UBND xã Nam Mẫu đã tham gia 'Họp phòng chống lũ' 09:00–11:00 25/11/2025.",
    ]);
    // Every rule once.
    const rules = screen.getAllByTestId('violation').map((li) => li.dataset['rule']);
    expect(new Set(rules).size).toBe(rules.length);
  });
});

describe('the Day view agrees with the MCU', () => {
  beforeEach(() => seedStores(NETWORK, []));
  afterEach(cleanup);

  const now = at('2025-11-22T14:30');
  const booked = meeting('gb', '2025-11-22T14:00', '2025-11-22T16:00', { title: 'Giao ban trực tuyến UBND tỉnh', status: 'live' });
  const adHoc = conference({ id: 'c9', name: 'Gọi thử Ba Bể', participants: [participant('x1', 'ba-be-1'), participant('x2', 'ba-be-cho-ra-1', { state: 'ringing' }), participant('x3', null, { state: 'disconnected' })] });

  it('keeps the conferences running now that no meeting accounts for, on today only', () => {
    const list = [conference(), adHoc];
    expect(unbookedOnDay(DAY, DAY, list, [scheduled(booked)], [], now, collator)).toEqual([{ id: 'c9', name: 'Gọi thử Ba Bể', present: 2, connected: 1 }]);
    expect(unbookedOnDay('2025-11-23', DAY, list, [scheduled(booked)], [], now, collator)).toEqual([]);
    // Nothing booked: both are unbooked, by name.
    expect(unbookedOnDay(DAY, DAY, list, [], [], now, collator).map((c) => c.id)).toEqual(['c1', 'c9']);
  });

  it('draws them above the timeline, marked unbooked, and opens one in Live', () => {
    const unbooked = unbookedOnDay(DAY, DAY, [conference(), adHoc], [scheduled(booked)], [], now, collator);
    render(<DayTimeline day={DAY} items={itemsOn([scheduled(booked)], DAY, TZ)} timeZone={TZ} siteCounts={new Map()} readiness={new Map()} selectedKey={null} onSelect={() => undefined} unbooked={unbooked} />);
    const strip = screen.getByTestId('unbooked-conferences');
    expect(strip.textContent).toContain('Đang chạy trên MCU, chưa đặt lịch');
    const item = screen.getByTestId('unbooked-conference');
    expect(item.textContent).toBe('Chưa đặt lịchGọi thử Ba Bể1/2 điểm cầu đang kết nối');
    fireEvent.click(item);
    expect(useConferenceStore.getState().selectedId).toBe('c9');
    expect(useUiStore.getState().view).toBe('live');
  });

  it('shows no strip when every conference is booked', () => {
    render(<DayTimeline day={DAY} items={[]} timeZone={TZ} siteCounts={new Map()} readiness={new Map()} selectedKey={null} onSelect={() => undefined} unbooked={[]} />);
    expect(screen.queryByTestId('unbooked-conferences')).toBeNull();
    expect(screen.getByTestId('day-empty')).toBeTruthy();
  });
});
