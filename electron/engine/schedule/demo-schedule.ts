import type { Inventory } from '../../../shared/inventory.js';
import {
  CENTRAL_CHAIR_LEVEL,
  addLocalDays,
  checkBooking,
  localDateOf,
  localToUtc,
  newMeeting,
  siteDirectoryFromInventory,
  toIsoInstant,
  weekdayOf,
  type LocalDate,
  type Meeting,
  type MeetingDraft,
  type ParticipantGroup,
  type SchedulePolicy,
  type SiteDirectory,
} from '../../../shared/schedule/index.js';
import { MINUTE } from './context.js';

/**
 * The embedded demo's schedule (issue item 8), relative to the current time in the inventory's
 * zone: a weekly Monday briefing of the provincial People's Committee with every district, a
 * training across tiers, a central-government meeting with the province's sites as end points,
 * an emergency meeting on flash floods, and a working session starting about 20 minutes from now
 * (so the readiness board is alive at start-up). On a two-tier network (after the 2025 reform,
 * no districts) the same meetings are held with the communes directly. Each is booked at a plausible earlier time and
 * passes the rules against the others (the emergency one as an emergency); when a time collides
 * (depending on the day and hour the demo starts) the next candidate time is taken.
 */

const HOUR = 60 * MINUTE;

interface Spec {
  readonly id: string;
  readonly bookedAgoMs: number;
  readonly draft: Omit<MeetingDraft, 'start' | 'end'>;
  /** Candidate [start, end] pairs, tried in order. */
  readonly times: readonly (readonly [number, number])[];
}

const base = { emergency: false, emergencyReason: '', notes: '', defaultLayout: 'automatic' as const, recurrence: null };

export function demoMeetings(inv: Inventory, now: number, policy: Partial<SchedulePolicy> = {}): Meeting[] {
  const dir = siteDirectoryFromInventory(inv);
  const tz = dir.timezone;
  const [top, mid] = dir.tiers;
  const tops = dir.sites.filter((s) => s.tier === top);
  const districts = dir.sites.filter((s) => s.tier === mid && dir.tiers.length > 2);
  const pick = (ids: string[], fallback = tops[0]) => ids.map((id) => dir.byId.get(id)).find(Boolean) ?? fallback;
  const province = pick(['ubnd-tinh'], tops.find((s) => /UBND/i.test(s.name)) ?? tops[0]);
  const dict = pick(['so-tttt'], tops.find((s) => /Thông tin/i.test(s.name)) ?? province);
  if (!province || !dict) return [];
  const today = localDateOf(now, tz);
  const at = (d: LocalDate, hour: number, minute = 0): number => {
    const r = localToUtc({ ...d, hour, minute }, tz);
    return r.ok ? r.value : startOf(d) + hour * HOUR;
  };
  const startOf = (d: LocalDate) => Date.UTC(d.year, d.month - 1, d.day);
  const slot = (start: number, minutes: number) => [start, start + minutes * MINUTE] as const;
  const roundUp = (t: number, step: number) => Math.ceil(t / step) * step;
  // Without districts (two tiers) the province meets its communes directly.
  const twoTier = dir.tiers.length === 2;
  const communes = twoTier ? dir.sites.filter((s) => s.tier === mid) : [];
  const allDistricts: ParticipantGroup[] = mid && districts.length ? [{ type: 'tier', tier: mid }] : twoTier ? [{ type: 'tier', tier: mid! }] : [{ type: 'all-sites' }];
  const communesOf = (d: { id: string } | undefined): ParticipantGroup[] => (d ? [{ type: 'district-communes', district: d.id }] : []);
  const weekdaysFrom = (from: number) =>
    Array.from({ length: 10 }, (_, i) => addLocalDays(today, from + i)).filter((d) => weekdayOf(d) !== 'sat' && weekdayOf(d) !== 'sun');
  const monday = addLocalDays(today, -['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(weekdayOf(today)));
  const biggest = [...districts].sort((a, b) => dir.sites.filter((s) => s.district === b.id).length - dir.sites.filter((s) => s.district === a.id).length)[0];
  const [soonDistrict, floodA, floodB] = [districts.at(-1), districts.at(-2), districts.at(-3)];

  const specs: Spec[] = [];
  if (soonDistrict) {
    const t = roundUp(now + 20 * MINUTE, 5 * MINUTE);
    specs.push({
      id: 'demo-lam-viec-xa',
      bookedAgoMs: 5 * 24 * HOUR,
      draft: {
        ...base,
        title: `${soonDistrict.name} làm việc với các xã về tiến độ chuyển đổi số`,
        hostBody: soonDistrict.name,
        chairLevel: mid!,
        kind: 'working-session',
        hostSiteId: soonDistrict.id,
        room: 'Phòng họp trực tuyến',
        participants: { sites: [], groups: communesOf(soonDistrict) },
      },
      times: [slot(t, 60), slot(t + 2 * HOUR, 60)],
    });
  }
  if (!soonDistrict && communes.length) {
    const t = roundUp(now + 20 * MINUTE, 5 * MINUTE);
    specs.push({
      id: 'demo-lam-viec-xa',
      bookedAgoMs: 5 * 24 * HOUR,
      draft: {
        ...base,
        title: 'UBND tỉnh làm việc với các xã, phường về tiến độ chuyển đổi số',
        hostBody: 'UBND tỉnh',
        chairLevel: top!,
        kind: 'working-session',
        hostSiteId: province.id,
        room: 'Phòng họp trực tuyến UBND tỉnh',
        participants: { sites: communes.slice(0, 6).map((c) => c.id), groups: [] },
      },
      times: [slot(t, 60), slot(t + 2 * HOUR, 60)],
    });
  }
  const flood = [floodA, floodB].filter((d): d is NonNullable<typeof d> => !!d);
  // Two tiers: the last communes of the list (the highlands in the demos) are called directly.
  const floodCommunes = flood.length ? [] : communes.slice(-6).map((c) => c.id);
  const t2 = roundUp(now + 2 * HOUR, 15 * MINUTE);
  specs.push({
    id: 'demo-khan-lu-quet',
    bookedAgoMs: 40 * MINUTE,
    draft: {
      ...base,
      title: 'Họp khẩn ứng phó mưa lũ, phòng chống lũ quét và sạt lở đất',
      hostBody: 'Ban Chỉ huy Phòng chống thiên tai và Tìm kiếm cứu nạn tỉnh',
      chairLevel: top!,
      kind: 'extraordinary',
      hostSiteId: province.id,
      room: 'Phòng họp trực tuyến UBND tỉnh',
      participants: { sites: [...flood.map((d) => d.id), ...floodCommunes], groups: flood.flatMap(communesOf) },
      emergency: true,
      emergencyReason: 'Mưa lớn kéo dài, nguy cơ cao xảy ra lũ quét và sạt lở đất tại các huyện vùng cao (cảnh báo của Đài Khí tượng Thủy văn tỉnh)',
      notes: 'Các xã báo cáo tình hình sơ tán dân khỏi vùng nguy hiểm.',
    },
    times: [slot(t2, 90), slot(t2 + HOUR, 90), slot(t2 + 3 * HOUR, 90)],
  });
  specs.push({
    id: 'demo-giao-ban-tuan',
    bookedAgoMs: Math.max(0, now - at(monday, 0)) + 14 * 24 * HOUR,
    draft: {
      ...base,
      title: twoTier ? 'Giao ban trực tuyến UBND tỉnh với các xã, phường' : 'Giao ban trực tuyến UBND tỉnh với các huyện, thành phố',
      hostBody: 'UBND tỉnh',
      chairLevel: top!,
      kind: 'briefing',
      hostSiteId: province.id,
      room: 'Phòng họp trực tuyến UBND tỉnh',
      participants: { sites: [], groups: allDistricts },
      recurrence: { frequency: 'weekly', every: 1, byWeekday: ['mon'], count: 12 },
    },
    times: [slot(at(monday, 7, 30), 90), slot(at(monday, 14), 90), slot(at(monday, 16), 60)],
  });
  specs.push({
    id: 'demo-tap-huan-cds',
    bookedAgoMs: 10 * 24 * HOUR,
    draft: {
      ...base,
      title: 'Tập huấn chuyển đổi số và khai thác hệ thống hội nghị truyền hình trực tuyến',
      hostBody: dict.name,
      chairLevel: top!,
      kind: 'training',
      hostSiteId: dict.id,
      room: 'Hội trường Sở',
      participants: { sites: [], groups: [...allDistricts, ...communesOf(biggest)] },
      defaultLayout: 'speakerOnly',
    },
    times: weekdaysFrom(2).flatMap((d) => [slot(at(d, 8), 180), slot(at(d, 14), 150)]),
  });
  specs.push({
    id: 'demo-chinh-phu',
    bookedAgoMs: 7 * 24 * HOUR,
    draft: {
      ...base,
      title: 'Hội nghị trực tuyến Chính phủ với các địa phương',
      hostBody: 'Văn phòng Chính phủ',
      chairLevel: CENTRAL_CHAIR_LEVEL,
      kind: 'central',
      hostSiteId: province.id,
      room: 'Hội trường UBND tỉnh',
      participants: { sites: tops.filter((s) => s.id !== province.id).map((s) => s.id), groups: allDistricts },
      notes: 'Điểm cầu tỉnh nhận tín hiệu từ điểm cầu Trung ương; các điểm cầu tỉnh, huyện theo dõi.',
      defaultLayout: 'speakerOnly',
    },
    times: weekdaysFrom(3).map((d) => slot(at(d, 8), 210)),
  });
  return place(specs, dir, now, policy);
}

/** Each spec at its first candidate time that passes the rules against those already placed. */
function place(specs: readonly Spec[], dir: SiteDirectory, now: number, policy: Partial<SchedulePolicy>): Meeting[] {
  const placed: Meeting[] = [];
  for (const spec of specs) {
    const bookedAt = now - spec.bookedAgoMs;
    for (const [start, end] of spec.times) {
      const draft: MeetingDraft = { ...spec.draft, start: toIsoInstant(start), end: toIsoInstant(end) };
      if (!checkBooking(draft, { directory: dir, existing: placed, now: bookedAt, policy }).ok) continue;
      placed.push(newMeeting(draft, spec.id, toIsoInstant(bookedAt)));
      break;
    }
  }
  return placed;
}
