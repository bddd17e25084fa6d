import { foldText } from '../text.js';
import type { Participants } from './meeting.js';
import { meetingSiteIds, type SiteDirectory } from './participants.js';
import { expandOccurrences, type Occurrence, type Schedulable } from './recurrence.js';
import type { MeetingRef, SiteRef, Violation } from './violations.js';
import { MINUTE_MS, formatDisplay, formatDisplayDate, formatDisplayTime, localDateOf, parseLocalDate, toIsoInstant } from './zoned-time.js';

/**
 * Conflicts between one occurrence of a candidate and the occurrences of other meetings:
 * the same host room, the same site, and more sites at once than the MCU has ports.
 *
 * Intervals are half-open [start, end + setup buffer): a meeting ending at 10:00 and one starting
 * at 10:00 do not overlap when the buffer is 0; with a 15-minute buffer the second may start at
 * 10:15 at the earliest.
 */

/** One occurrence of a meeting with everything the conflict rules need. */
export interface Slot {
  /** null for a booking not stored yet. */
  readonly meetingId: string | null;
  readonly title: string;
  readonly hostSiteId: string;
  readonly room: string;
  /** Participants and host (known sites); its size is the MCU ports taken. */
  readonly sites: ReadonlySet<string>;
  readonly occurrence: Occurrence;
  readonly from: number;
  /** The occurrence's end plus the setup buffer (exclusive). */
  readonly to: number;
}

export interface SlotSource extends Schedulable {
  readonly id?: string | null;
  readonly title: string;
  readonly hostSiteId: string;
  readonly room: string;
  readonly participants: Participants;
}

/** Every occurrence of a meeting as slots (a series' sites are expanded once). */
export function slotsOf(m: SlotSource, dir: SiteDirectory, setupBufferMinutes = 0): Slot[] {
  const sites = meetingSiteIds(m, dir);
  return expandOccurrences(m, dir.timezone).occurrences.map((occurrence) => ({
    meetingId: m.id ?? null,
    title: m.title,
    hostSiteId: m.hostSiteId,
    room: m.room,
    sites,
    occurrence,
    from: occurrence.start,
    to: occurrence.end + setupBufferMinutes * MINUTE_MS,
  }));
}

export function overlaps(a: { readonly from: number; readonly to: number }, b: { readonly from: number; readonly to: number }): boolean {
  return a.from < b.to && b.from < a.to;
}

/** Room names compare without case, spacing or diacritics: "Phòng họp 1" = "phong hop  1". */
export function sameRoom(a: string, b: string): boolean {
  return foldText(a) === foldText(b);
}

const dateOf = (s: Slot) => s.occurrence.date;

export function refOf(s: Slot): MeetingRef {
  return {
    id: s.meetingId ?? '',
    title: s.title,
    start: toIsoInstant(s.occurrence.start),
    end: toIsoInstant(s.occurrence.end),
    occurrenceDate: s.occurrence.date,
  };
}

/** `10/06/2026 08:00–10:00`, or both dates when it crosses midnight. */
export function formatRange(start: number, end: number, timeZone: string): string {
  const sameDay = formatDisplayDate(localDateOf(start, timeZone)) === formatDisplayDate(localDateOf(end - 1, timeZone));
  return `${formatDisplay(start, timeZone)}–${sameDay ? formatDisplayTime(end, timeZone) : formatDisplay(end, timeZone)}`;
}

function displayDate(isoDate: string): string {
  const d = parseLocalDate(isoDate);
  return d.ok ? formatDisplayDate(d.value) : isoDate;
}

const describe = (s: Slot, tz: string) => `"${s.title}" (${formatRange(s.occurrence.start, s.occurrence.end, tz)})`;
const siteRef = (id: string, dir: SiteDirectory): SiteRef => ({ id, name: dir.byId.get(id)?.name ?? id });

/**
 * Host room and shared sites. A site hosting both meetings is a conflict only in the same room
 * (a site may have several rooms); any other site in both meetings is one, listed together.
 */
export function siteConflicts(c: Slot, others: readonly Slot[], dir: SiteDirectory): Violation[] {
  const tz = dir.timezone;
  const out: Violation[] = [];
  for (const o of others) {
    if (!overlaps(c, o)) continue;
    const other = refOf(o);
    const on = `On ${displayDate(dateOf(c))}`;
    const sameHost = c.hostSiteId === o.hostSiteId;
    if (sameHost && sameRoom(c.room, o.room)) {
      const site = siteRef(c.hostSiteId, dir);
      out.push({
        rule: 'host-room',
        occurrenceDate: dateOf(c),
        other,
        site,
        room: c.room,
        message: `${on}: room "${c.room}" at ${site.name} is already booked for ${describe(o, tz)}`,
      });
    }
    const shared = dir.sites.filter((s) => c.sites.has(s.id) && o.sites.has(s.id) && !(sameHost && s.id === c.hostSiteId));
    if (shared.length) {
      const sites = shared.map((s) => ({ id: s.id, name: s.name }));
      out.push({
        rule: 'participant-site',
        occurrenceDate: dateOf(c),
        other,
        sites,
        message: `${on}: ${sites.length === 1 ? 'a site is' : `${sites.length} sites are`} already in ${describe(o, tz)}: ${sites.map((s) => s.name).join(', ')}`,
      });
    }
  }
  return out;
}

export interface LoadSegment {
  readonly from: number;
  readonly to: number;
  /** Sites connected at once: the sum of the active slots' sites. */
  readonly load: number;
  readonly slots: readonly Slot[];
}

/**
 * Sweep line over slot boundaries: the load on every stretch where at least one slot runs.
 * Stretches start only after every event at an instant is applied (ends sorted first), so a slot
 * ending when another starts never adds to it: touching slots do not overlap.
 */
export function loadProfile(slots: readonly Slot[]): LoadSegment[] {
  const events = slots
    .flatMap((s, i) => [
      { t: s.from, d: 1, i },
      { t: s.to, d: -1, i },
    ])
    .sort((a, b) => a.t - b.t || a.d - b.d);
  const active = new Set<number>();
  const out: LoadSegment[] = [];
  let load = 0;
  events.forEach((e, k) => {
    const size = slots[e.i]!.sites.size;
    if (e.d > 0) {
      active.add(e.i);
      load += size;
    } else {
      active.delete(e.i);
      load -= size;
    }
    const next = events[k + 1];
    if (next && next.t > e.t && active.size) out.push({ from: e.t, to: next.t, load, slots: [...active].map((i) => slots[i]!) });
  });
  return out;
}

/**
 * The stretches of the candidate's occurrence where the MCU would need more ports than it has,
 * one violation per contiguous stretch, with its peak and every meeting running in it.
 */
export function capacityConflicts(c: Slot, others: readonly Slot[], capacity: number, timeZone: string): Violation[] {
  const profile = loadProfile([c, ...others.filter((o) => overlaps(c, o))]).filter((seg) => seg.slots.includes(c));
  const windows: LoadSegment[][] = [];
  let prev: LoadSegment | null = null;
  for (const seg of profile) {
    if (seg.load > capacity) {
      if (prev && prev.load > capacity && prev.to === seg.from) windows.at(-1)!.push(seg);
      else windows.push([seg]);
    }
    prev = seg;
  }
  return windows.map((w) => {
    const from = w[0]!.from;
    const to = w.at(-1)!.to;
    const peak = Math.max(...w.map((s) => s.load));
    const running = [...new Set(w.flatMap((s) => s.slots))].filter((s) => s !== c).sort((a, b) => a.from - b.from);
    const others = running.map((s) => ({ ...refOf(s), ports: s.sites.size }));
    const parts = [`this meeting ${c.sites.size}`, ...running.map((s) => `"${s.title}" ${s.sites.size}`)];
    return {
      rule: 'port-capacity' as const,
      occurrenceDate: dateOf(c),
      from: toIsoInstant(from),
      to: toIsoInstant(to),
      peak,
      capacity,
      ports: c.sites.size,
      others,
      message: `On ${displayDate(dateOf(c))}, ${formatRange(from, to, timeZone)}: ${peak} sites at once, more than the MCU's ${capacity} ports (${parts.join('; ')})`,
    };
  });
}
