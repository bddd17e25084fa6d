import { describe, expect, it } from 'vitest';
import { i18n } from '../../renderer/i18n/index.js';
import { KNOWN_RULES, violationText, type RuleMessage } from '../../renderer/features/schedule/violation-text.js';
import { draftOf } from '../../shared/schedule/meeting.js';
import { siteDirectory } from '../../shared/schedule/participants.js';
import { checkBooking } from '../../shared/schedule/rules.js';
import type { Violation, Warning } from '../../shared/schedule/violations.js';
import vi from '../../assets/locales/schedule.vi.json';
import en from '../../assets/locales/schedule.en.json';
import { NETWORK } from './fixtures.js';
import { TZ, meeting } from './schedule-fixtures.js';

const names: Record<string, string> = Object.fromEntries(NETWORK.sites.map((s) => [s.id, s.name]));
const ctx = (lng: 'vi' | 'en') => ({ t: i18n.getFixedT(lng), timeZone: TZ, siteName: (id: string) => names[id] ?? null });
const text = (v: RuleMessage, lng: 'vi' | 'en' = 'vi') => violationText(v, ctx(lng));

const other = { id: 'm1', title: 'Tập huấn chuyển đổi số', start: '2026-11-23T01:00:00.000Z', end: '2026-11-23T03:00:00.000Z', occurrenceDate: '2026-11-23' };

/** One violation or warning of every rule, with the data the shared rules give it. */
const SAMPLES: Record<Violation['rule'] | Warning['rule'], RuleMessage & { expectVi: string[]; expectEn: string[] }> = {
  notice: {
    rule: 'notice',
    occurrenceDate: '2026-11-23',
    start: '2026-11-23T01:00:00.000Z',
    bookedAt: '2026-11-22T02:15:00.000Z',
    noticeDays: 3,
    noticeMode: 'calendar-days',
    earliestStart: '2026-11-24T17:00:00.000Z',
    message: 'x',
    expectVi: ['ít nhất 3 ngày', 'đặt lúc 22/11/2026 09:15', 'sớm nhất được bắt đầu 25/11/2026 00:00'],
    expectEn: ['at least 3 days ahead', 'booked 22/11/2026 09:15', 'the earliest start is 25/11/2026 00:00'],
  },
  'emergency-reason': { rule: 'emergency-reason', message: 'x', expectVi: ['Họp khẩn cấp phải ghi rõ lý do'], expectEn: ['needs a reason'] },
  'invalid-time': { rule: 'invalid-time', message: 'the end must be after the start', expectVi: ['Thời gian không hợp lệ: the end must be after the start'], expectEn: ['Invalid time'] },
  'in-past': { rule: 'in-past', field: 'start', at: '2026-11-22T01:00:00.000Z', now: '2026-11-22T02:00:00.000Z', message: 'x', expectVi: ['Giờ bắt đầu (22/11/2026 08:00) đã qua'], expectEn: ['The start (22/11/2026 08:00) is in the past'] },
  'unknown-site': { rule: 'unknown-site', field: 'participants', siteIds: ['xa-la', 'xa-lb'], message: 'x', expectVi: ['Không có trong danh mục: "xa-la", "xa-lb"'], expectEn: ['Not in the inventory: "xa-la", "xa-lb"'] },
  'unknown-group': { rule: 'unknown-group', group: { type: 'district-communes', district: 'pac-nam' }, message: 'x', expectVi: ['Tất cả xã của pac-nam: danh mục không có'], expectEn: ['All communes of pac-nam'] },
  'no-participants': { rule: 'no-participants', message: 'x', expectVi: ['không ứng với điểm cầu nào'], expectEn: ['stand for no site'] },
  'chair-level': { rule: 'chair-level', chairLevel: 'ward', allowed: ['central', 'province', 'district', 'commune'], message: 'x', expectVi: ['Cấp chủ trì "ward" không hợp lệ', 'Trung ương, Cấp tỉnh, Cấp huyện, Cấp xã'], expectEn: ['Unknown chairing level "ward"'] },
  recurrence: {
    rule: 'recurrence',
    field: 'until',
    message: 'the series ends (01/11/2026) before its first meeting (23/11/2026)',
    expectVi: ['Lịch lặp kết thúc (01/11/2026) trước buổi đầu tiên (23/11/2026)'],
    expectEn: ['The series ends (01/11/2026) before its first meeting (23/11/2026)'],
  },
  'nonexistent-occurrence': { rule: 'nonexistent-occurrence', occurrenceDate: '2026-03-29', message: 'x', expectVi: ['Ngày 29/03/2026: giờ bắt đầu không tồn tại ở múi giờ Asia/Ho_Chi_Minh'], expectEn: ['On 29/03/2026 the start time does not exist'] },
  'not-editable': { rule: 'not-editable', status: 'live', fields: ['title', 'participants'], message: 'x', expectVi: ['Cuộc họp ở trạng thái Đang họp: không sửa được Tên cuộc họp, Thành phần tham dự'], expectEn: ['A meeting that is Live: Title, Participants cannot be changed'] },
  'host-room': {
    rule: 'host-room',
    occurrenceDate: '2026-11-23',
    other,
    site: { id: 'ubnd-tinh', name: 'Văn phòng UBND tỉnh' },
    room: 'Phòng họp tầng 3',
    message: 'x',
    expectVi: ['Trùng phòng: phòng "Phòng họp tầng 3" tại Văn phòng UBND tỉnh đã được đặt cho \'Tập huấn chuyển đổi số\' 08:00–10:00 23/11/2026'],
    expectEn: ['Room taken'],
  },
  'participant-site': {
    rule: 'participant-site',
    occurrenceDate: '2026-11-23',
    other,
    sites: [{ id: 'ba-be-cho-ra', name: 'xã Chợ Rã' }],
    message: 'x',
    expectVi: ["Trùng lịch: xã Chợ Rã đã tham gia 'Tập huấn chuyển đổi số' 08:00–10:00 23/11/2026"],
    expectEn: ["Double-booked: xã Chợ Rã already takes part in 'Tập huấn chuyển đổi số' 08:00–10:00 23/11/2026"],
  },
  'port-capacity': {
    rule: 'port-capacity',
    occurrenceDate: '2026-11-23',
    from: '2026-11-23T01:30:00.000Z',
    to: '2026-11-23T02:00:00.000Z',
    peak: 160,
    capacity: 150,
    ports: 40,
    others: [{ ...other, ports: 120 }],
    message: 'x',
    expectVi: ['Quá dung lượng MCU: 08:30–09:00 23/11/2026 có 160 điểm cầu cùng lúc, MCU chỉ có 150 cổng', "'Tập huấn chuyển đổi số' 120 điểm cầu"],
    expectEn: ["the MCU has 150 ports (this meeting 40; 'Tập huấn chuyển đổi số' 120 sites)"],
  },
  'notice-exempt': { rule: 'notice-exempt', occurrenceDate: '2026-11-23', reason: 'Bão số 5', message: 'x', expectVi: ['chấp nhận vì họp khẩn cấp: Bão số 5'], expectEn: ['accepted as an emergency: Bão số 5'] },
  'empty-group': { rule: 'empty-group', group: { type: 'tier', tier: 'commune' }, message: 'x', expectVi: ['Toàn bộ Cấp xã: không có điểm cầu nào'], expectEn: ['All of Commune: no sites'] },
};

describe('rule violations in words, with their data', () => {
  it('translates every rule code the shared rules have, in Vietnamese and English', () => {
    for (const [rule, v] of Object.entries(SAMPLES)) {
      const vn = text(v, 'vi');
      const e = text(v, 'en');
      for (const part of v.expectVi) expect(vn, rule).toContain(part);
      for (const part of v.expectEn) expect(e, rule).toContain(part);
      expect(vn, rule).not.toBe(v.message);
    }
    expect(new Set(KNOWN_RULES)).toEqual(new Set(Object.keys(SAMPLES)));
  });

  it('names the other sites of a conflict, and says how many more past four', () => {
    const sites = ['a', 'b', 'c', 'd', 'e', 'f'].map((x) => ({ id: x, name: `Xã ${x.toUpperCase()}` }));
    expect(text({ ...SAMPLES['participant-site'], sites })).toContain('Xã A, Xã B, Xã C, Xã D và 2 điểm cầu khác đã tham gia');
  });

  it('falls back to the engine message for an unknown rule or missing data', () => {
    expect(text({ rule: 'new-rule', message: 'something new' })).toBe('something new');
    expect(text({ rule: 'participant-site', message: 'the raw message', sites: [] })).toBe('the raw message');
    expect(text({ rule: 'notice', message: 'no data', noticeDays: 'three' })).toBe('no data');
    expect(text({ rule: 'recurrence', field: 'until', message: 'a message it does not know' })).toBe('a message it does not know');
  });

  it('translates what the shared rules really produce: notice and a shared commune', () => {
    const dir = siteDirectory(NETWORK);
    const first = meeting('m1', '2025-11-23T08:00', '2025-11-23T10:00', { title: 'Tập huấn chuyển đổi số', participants: { sites: ['ba-be-cho-ra', 'ba-be-nam-mau'], groups: [] } });
    const draft = { ...draftOf(meeting('m2', '2025-11-23T09:00', '2025-11-23T11:00')), hostSiteId: 'so-tttt', participants: { sites: ['ba-be-cho-ra'], groups: [] } };
    const check = checkBooking(draft, { directory: dir, existing: [first], now: Date.parse('2025-11-22T07:30:00Z') });
    expect(check.ok).toBe(false);
    const rules = check.ok ? [] : check.violations;
    const byRule = (r: string) => rules.find((v) => v.rule === r) as unknown as RuleMessage;
    expect(text(byRule('notice'))).toContain('Phải đặt lịch trước ít nhất 3 ngày: đặt lúc 22/11/2025 14:30');
    expect(text(byRule('participant-site'))).toBe("Trùng lịch: UBND xã Chợ Rã đã tham gia 'Tập huấn chuyển đổi số' 08:00–10:00 23/11/2025.");
  });

  it('has every catalogue key in both languages', () => {
    const keys = (o: unknown, p = ''): string[] =>
      Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => {
        const path = p ? `${p}.${k.replace(/_(one|other)$/, '')}` : k;
        return v && typeof v === 'object' ? keys(v, path) : [path];
      });
    expect([...new Set(keys(vi))].sort()).toEqual([...new Set(keys(en))].sort());
  });
});
