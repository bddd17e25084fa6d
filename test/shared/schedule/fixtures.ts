import { validateInventory } from '../../../shared/inventory';
import { newMeeting, type Meeting, type MeetingDraft, type MeetingStatus } from '../../../shared/schedule/meeting';
import { siteDirectoryFromInventory, type SiteDirectory } from '../../../shared/schedule/participants';
import { localToUtc, parseLocalDateTime, toIsoInstant } from '../../../shared/schedule/zoned-time';

export const HCM = 'Asia/Ho_Chi_Minh';
export const BERLIN = 'Europe/Berlin';

/**
 * Three tiers: three province sites, three districts with three communes each (15 sites), plus
 * a school filed under Ba Bể by its `district` field only (no parent).
 */
export function testInventory(timezone = HCM, extraSites: Record<string, unknown>[] = []) {
  const site = (id: string, name: string, tier: string, parent?: string) => ({ id, name, tier, ...(parent ? { parent } : {}) });
  const districts: [string, string, string[]][] = [
    ['ba-be', 'UBND huyện Ba Bể', ['cho-ra', 'nam-mau', 'khang-ninh']],
    ['na-ri', 'UBND huyện Na Rì', ['kim-hy', 'yen-lac', 'luong-thuong']],
    ['cho-don', 'UBND huyện Chợ Đồn', ['bang-lung', 'ngoc-phai', 'xuan-lac']],
  ];
  const raw = {
    name: 'Tỉnh Thử',
    timezone,
    tiers: ['province', 'district', 'commune'],
    sites: [
      site('ubnd-tinh', 'Văn phòng UBND tỉnh', 'province'),
      site('tinh-uy', 'Văn phòng Tỉnh ủy', 'province'),
      site('so-tttt', 'Sở Thông tin và Truyền thông', 'province'),
      ...districts.flatMap(([id, name, communes]) => [
        site(id, name, 'district', 'ubnd-tinh'),
        ...communes.map((c) => site(`${id}-${c}`, `UBND xã ${c}`, 'commune', id)),
      ]),
      { id: 'truong-ba-be', name: 'Trường THPT Ba Bể', tier: 'commune', district: 'ba-be' },
      ...extraSites,
    ],
  };
  const r = validateInventory(raw);
  if (!r.ok) throw new Error(`test inventory invalid: ${JSON.stringify(r.issues)}`);
  return r.inventory;
}

export function directory(timezone = HCM): SiteDirectory {
  return siteDirectoryFromInventory(testInventory(timezone));
}

/** A local `YYYY-MM-DDTHH:mm` in the zone as a stored UTC instant. */
export function at(local: string, timeZone = HCM): string {
  const l = parseLocalDateTime(local);
  if (!l.ok) throw new Error(l.message);
  const u = localToUtc(l.value, timeZone);
  if (!u.ok) throw new Error(u.message);
  return toIsoInstant(u.value);
}

/** Monday 1 June 2026, 09:00 in Hồ Chí Minh time: when the test bookings are made. */
export const NOW = at('2026-06-01T09:00');

export function draft(over: Partial<MeetingDraft> & { from?: string; to?: string; tz?: string } = {}): MeetingDraft {
  const { from = '2026-06-10T08:00', to = '2026-06-10T10:00', tz = HCM, ...rest } = over;
  return {
    title: 'Giao ban tuần',
    hostBody: 'UBND tỉnh',
    chairLevel: 'province',
    kind: 'briefing',
    hostSiteId: 'ubnd-tinh',
    room: 'Phòng họp trực tuyến 1',
    participants: { sites: ['ba-be'], groups: [] },
    start: at(from, tz),
    end: at(to, tz),
    emergency: false,
    emergencyReason: '',
    notes: '',
    defaultLayout: 'automatic',
    recurrence: null,
    ...rest,
  };
}

export function meeting(id: string, over: Parameters<typeof draft>[0] & { status?: MeetingStatus } = {}): Meeting {
  const { status = 'booked', ...rest } = over;
  return { ...newMeeting(draft({ title: `Meeting ${id}`, ...rest }), id, at('2026-05-01T09:00')), status };
}

/** `n` distinct commune ids (for capacity tests), from the test inventory's communes in order. */
export function communes(from: number, n: number): string[] {
  const all = testInventory()
    .sites.filter((s) => s.tier === 'commune' && s.parent)
    .map((s) => s.id);
  return all.slice(from, from + n);
}
