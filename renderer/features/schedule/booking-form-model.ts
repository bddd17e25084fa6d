import type { NetworkView } from '../../../shared/inventory.js';
import type { Layout } from '../../../shared/conference.js';
import { editRequestOf, type BookingEditInput, type BookingRequestInput } from '../../../shared/schedule/booking-request.js';
import { CENTRAL_CHAIR_LEVEL, LIMITS, type Meeting, type MeetingKind, type ParticipantGroup } from '../../../shared/schedule/meeting.js';
import { expandParticipants, siteDirectory } from '../../../shared/schedule/participants.js';
import { WEEKDAYS, parseLocalDate, weekdayOf, type Weekday } from '../../../shared/schedule/zoned-time.js';
import { matchesFolded } from '../../../shared/text.js';

/**
 * The booking form's state and what it sends: a BookingRequest with local `YYYY-MM-DDTHH:mm`
 * times in the inventory's zone (the engine converts them), participants as sites and groups.
 * Dates are typed as the operator reads them, dd/MM/yyyy, and times as 24-hour HH:mm.
 */
export interface BookingForm {
  /** Editing an existing meeting (null: a new booking). */
  readonly id: string | null;
  readonly version: number | null;
  readonly title: string;
  readonly hostBody: string;
  readonly chairLevel: string;
  readonly kind: MeetingKind;
  readonly hostSiteId: string;
  readonly room: string;
  readonly sites: readonly string[];
  readonly groups: readonly ParticipantGroup[];
  /** dd/MM/yyyy */
  readonly date: string;
  /** HH:mm */
  readonly startTime: string;
  readonly endTime: string;
  readonly emergency: boolean;
  readonly emergencyReason: string;
  readonly notes: string;
  readonly defaultLayout: Layout;
  readonly recurring: boolean;
  readonly every: number;
  readonly byWeekday: readonly Weekday[];
  readonly endBy: 'until' | 'count';
  /** dd/MM/yyyy */
  readonly until: string;
  readonly count: number;
}

export type FormField = 'date' | 'startTime' | 'endTime' | 'until' | 'emergencyReason';

/** A problem the form finds itself, before asking the engine (a message key and its data). */
export interface LocalProblem {
  readonly field: FormField;
  readonly key: string;
  readonly data?: Record<string, string | number>;
}

export const DEFAULT_ROOM = 'Phòng họp trực tuyến';

/** `YYYY-MM-DD` → `dd/MM/yyyy`. */
export function toDisplayDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** `dd/MM/yyyy` (or d/M/yyyy) → `YYYY-MM-DD`, or null when it is not a real date. */
export function fromDisplayDate(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return parseLocalDate(iso).ok ? iso : null;
}

/** `H:mm` / `HH:mm` / `HHmm` → `HH:mm`, or null. */
export function normaliseTime(text: string): string | null {
  const m = /^\s*(\d{1,2})[:.h]?(\d{2})\s*$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** A blank form for a day: 08:00–10:00 (or the next whole hours when the day is today and later). */
export function emptyForm(network: NetworkView, day: string, nowLocal?: { readonly day: string; readonly hour: number }): BookingForm {
  const host = network.sites.find((s) => s.tier === network.tiers[0]) ?? network.sites[0];
  let startHour = 8;
  if (nowLocal && nowLocal.day === day && nowLocal.hour >= 8) startHour = Math.min(22, nowLocal.hour + 1);
  const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
  return {
    id: null,
    version: null,
    title: '',
    hostBody: '',
    chairLevel: network.tiers[0] ?? CENTRAL_CHAIR_LEVEL,
    kind: 'regular',
    hostSiteId: host?.id ?? '',
    room: DEFAULT_ROOM,
    sites: [],
    groups: [],
    date: toDisplayDate(day),
    startTime: hh(startHour),
    endTime: hh(Math.min(23, startHour + 2)),
    emergency: false,
    emergencyReason: '',
    notes: '',
    defaultLayout: 'automatic',
    recurring: false,
    every: 1,
    byWeekday: [weekdayOfDisplay(toDisplayDate(day)) ?? 'mon'],
    endBy: 'count',
    until: '',
    count: 4,
  };
}

function weekdayOfDisplay(date: string): Weekday | null {
  const iso = fromDisplayDate(date);
  const d = iso ? parseLocalDate(iso) : null;
  return d?.ok ? weekdayOf(d.value) : null;
}

/** The form for editing a stored meeting (its times in the zone). */
export function formOf(meeting: Meeting, timeZone: string): BookingForm {
  const r = editRequestOf(meeting, timeZone);
  const [date, startTime] = r.start.split('T') as [string, string];
  const endTime = r.end.split('T')[1] ?? '';
  const rec = r.recurrence;
  return {
    id: r.id,
    version: r.version,
    title: r.title,
    hostBody: r.hostBody,
    chairLevel: r.chairLevel,
    kind: r.kind,
    hostSiteId: r.hostSiteId,
    room: r.room,
    sites: [...r.participants.sites],
    groups: [...r.participants.groups],
    date: toDisplayDate(date),
    startTime,
    endTime,
    emergency: r.emergency,
    emergencyReason: r.emergencyReason,
    notes: r.notes,
    defaultLayout: r.defaultLayout,
    recurring: rec !== null,
    every: rec?.every ?? 1,
    byWeekday: rec ? [...rec.byWeekday] : [weekdayOfDisplay(toDisplayDate(date)) ?? 'mon'],
    endBy: rec?.until ? 'until' : 'count',
    until: rec?.until ? toDisplayDate(rec.until) : '',
    count: rec?.count ?? 4,
  };
}

/** Problems in what was typed: dates and times that are not dates and times, a missing reason. */
export function localProblems(form: BookingForm): LocalProblem[] {
  const out: LocalProblem[] = [];
  if (!fromDisplayDate(form.date)) out.push({ field: 'date', key: 'schedule.form.problem.date' });
  if (!normaliseTime(form.startTime)) out.push({ field: 'startTime', key: 'schedule.form.problem.time' });
  if (!normaliseTime(form.endTime)) out.push({ field: 'endTime', key: 'schedule.form.problem.time' });
  if (form.recurring && form.endBy === 'until' && !fromDisplayDate(form.until)) out.push({ field: 'until', key: 'schedule.form.problem.date' });
  if (form.emergency && form.emergencyReason.trim() === '') out.push({ field: 'emergencyReason', key: 'schedule.form.problem.reason' });
  if (form.emergencyReason.length > LIMITS.emergencyReason) out.push({ field: 'emergencyReason', key: 'schedule.form.problem.tooLong', data: { max: LIMITS.emergencyReason } });
  return out;
}

/** `YYYY-MM-DDTHH:mm`, or what was typed when it is not a date and time (the engine says why). */
function localDateTime(date: string, time: string): string {
  const d = fromDisplayDate(date);
  const t = normaliseTime(time);
  return d && t ? `${d}T${t}` : `${date.trim()} ${time.trim()}`.trim();
}

/** What the form sends: the request for `bookMeeting` / `checkBooking`, or the edit with id and version. */
export function toRequest(form: BookingForm): BookingRequestInput | BookingEditInput {
  const recurrence = form.recurring
    ? {
        frequency: 'weekly' as const,
        every: form.every,
        byWeekday: WEEKDAYS.filter((d) => form.byWeekday.includes(d)),
        ...(form.endBy === 'until' ? { until: fromDisplayDate(form.until) ?? form.until.trim() } : { count: form.count }),
      }
    : null;
  const request: BookingRequestInput = {
    title: form.title,
    hostBody: form.hostBody,
    chairLevel: form.chairLevel,
    kind: form.kind,
    hostSiteId: form.hostSiteId,
    room: form.room,
    participants: { sites: [...form.sites], groups: [...form.groups] },
    start: localDateTime(form.date, form.startTime),
    end: localDateTime(form.date, form.endTime),
    emergency: form.emergency,
    emergencyReason: form.emergency ? form.emergencyReason : '',
    notes: form.notes,
    defaultLayout: form.defaultLayout,
    recurrence,
  };
  return form.id !== null && form.version !== null ? { id: form.id, version: form.version, ...request } : request;
}

export const groupKey = (g: ParticipantGroup): string =>
  g.type === 'all-sites' ? 'all-sites' : g.type === 'tier' ? `tier:${g.tier}` : `district:${g.district}`;

export function hasGroup(form: Pick<BookingForm, 'groups'>, g: ParticipantGroup): boolean {
  return form.groups.some((x) => groupKey(x) === groupKey(g));
}

export function toggleGroup(form: BookingForm, g: ParticipantGroup): BookingForm {
  return hasGroup(form, g) ? { ...form, groups: form.groups.filter((x) => groupKey(x) !== groupKey(g)) } : { ...form, groups: [...form.groups, g] };
}

export function toggleSite(form: BookingForm, siteId: string): BookingForm {
  return form.sites.includes(siteId) ? { ...form, sites: form.sites.filter((s) => s !== siteId) } : { ...form, sites: [...form.sites, siteId] };
}

/** Every site the participants stand for (explicit and through groups), in inventory order. */
export function participantSiteIds(participants: { readonly sites: readonly string[]; readonly groups: readonly ParticipantGroup[] }, network: NetworkView): readonly string[] {
  return expandParticipants({ sites: [...participants.sites], groups: [...participants.groups] }, siteDirectory(network)).siteIds;
}

/** The districts (sites that communes belong to) for "all communes of district X". */
export function districtsOf(network: NetworkView): { readonly id: string; readonly name: string }[] {
  const ids = new Set(network.sites.map((s) => s.district).filter((d): d is string => d !== null));
  return network.sites.filter((s) => ids.has(s.id)).map((s) => ({ id: s.id, name: s.name }));
}

/** Sites matching a search by name (diacritics folded, every word somewhere), or by exact id. */
export function searchSites(network: NetworkView, query: string): NetworkView['sites'] {
  const q = query.trim();
  return network.sites.filter((s) => s.id === q || matchesFolded(s.name, q));
}

/** Field of an engine issue path (`$.participants.sites[2]` → participants). */
export function issueField(path: string): string {
  const m = /^\$\.?([A-Za-z]+)/.exec(path);
  return m?.[1] ?? '';
}

/**
 * Whether closing the form would lose something typed: any field differs from what it opened
 * with (a new booking's blank form, or the stored meeting being edited). Participants and
 * weekdays compare as sets: toggling one on and off again is no change.
 */
export function isDirty(initial: BookingForm, form: BookingForm): boolean {
  const norm = (f: BookingForm) => ({ ...f, sites: [...f.sites].sort(), groups: f.groups.map(groupKey).sort(), byWeekday: [...f.byWeekday].sort() });
  return JSON.stringify(norm(initial)) !== JSON.stringify(norm(form));
}

/** The kind an emergency takes when the form still has the default one (regulations: "họp đột xuất, khẩn cấp"). */
export const EMERGENCY_KIND: MeetingKind = 'extraordinary';
const DEFAULT_KIND: MeetingKind = 'regular';

/**
 * Ticking "emergency" makes a meeting still of the default kind (regular) an extraordinary one;
 * unticking it turns an extraordinary one back. A kind the operator chose otherwise is kept.
 */
export function withEmergency(form: BookingForm, emergency: boolean): BookingForm {
  const kind = emergency && form.kind === DEFAULT_KIND ? EMERGENCY_KIND : !emergency && form.kind === EMERGENCY_KIND ? DEFAULT_KIND : form.kind;
  return { ...form, emergency, kind };
}
