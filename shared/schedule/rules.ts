import { capacityConflicts, overlaps, siteConflicts, slotsOf, type Slot } from './conflicts.js';
import { chairLevelsFor, draftOf, durationProblem, type Meeting, type MeetingDraft } from './meeting.js';
import { describeGroup, expandParticipants, type SiteDirectory } from './participants.js';
import { expandOccurrences, recurrenceProblem } from './recurrence.js';
import { aStatus, changedFields, editableFields, holdsResources } from './status.js';
import { resolvePolicy, type BookingCheck, type SchedulePolicy, type Violation, type Warning } from './violations.js';
import {
  DAY_MS,
  MINUTE_MS,
  addLocalDays,
  diffLocalDays,
  formatDisplay,
  formatDisplayDate,
  localDateOf,
  parseInstant,
  parseLocalDate,
  startOfLocalDay,
  toIsoInstant,
} from './zoned-time.js';

/**
 * The booking rules of the regulations as one pure check. Nothing here throws for a user's
 * mistake: every problem comes back as a Violation, all of them, never only the first.
 */

type NoticePolicy = Pick<SchedulePolicy, 'noticeDays' | 'noticeMode'>;

/**
 * "Thông báo … trước 3 ngày": by default counted in calendar days in the inventory's zone: a
 * meeting on day D may be booked until the end of day D − 3 (booked Monday any time → Thursday
 * 00:00 or later is fine, Wednesday 23:59 is not). `elapsed` mode counts 3 × 24 h instead.
 */
export function meetsNotice(start: number, bookedAt: number, timeZone: string, policy: NoticePolicy): boolean {
  if (policy.noticeMode === 'elapsed') return start - bookedAt >= policy.noticeDays * DAY_MS;
  return diffLocalDays(localDateOf(bookedAt, timeZone), localDateOf(start, timeZone)) >= policy.noticeDays;
}

/** The earliest start a booking made at `bookedAt` may have without the emergency exemption. */
export function earliestStartWithNotice(bookedAt: number, timeZone: string, policy: NoticePolicy): number {
  if (policy.noticeMode === 'elapsed') return bookedAt + policy.noticeDays * DAY_MS;
  return startOfLocalDay(addLocalDays(localDateOf(bookedAt, timeZone), policy.noticeDays), timeZone);
}

export interface BookingContext {
  readonly directory: SiteDirectory;
  /** Stored meetings; cancelled and ended ones, and the one being edited, are ignored. */
  readonly existing: readonly Meeting[];
  /** When the request is made (epoch ms or ISO): the booking time of a new meeting. */
  readonly now: number | string;
  readonly policy?: Partial<SchedulePolicy>;
  /**
   * The stored meeting when this is an edit or extension: it is excluded from conflicts, its
   * status limits what may change, and an unchanged start is not re-checked for notice.
   */
  readonly previous?: Meeting;
}

const displayDate = (iso: string) => {
  const d = parseLocalDate(iso);
  return d.ok ? formatDisplayDate(d.value) : iso;
};

/** Checks a create (no `previous`) or an edit/extension (`previous` = the stored meeting). */
export function checkBooking(draft: MeetingDraft, ctx: BookingContext): BookingCheck {
  const dir = ctx.directory;
  const tz = dir.timezone;
  const policy = resolvePolicy(ctx.policy);
  const now = typeof ctx.now === 'number' ? ctx.now : Date.parse(ctx.now);
  const violations: Violation[] = [];
  const warnings: Warning[] = [];
  const done = (occurrences: BookingCheck['occurrences']): BookingCheck =>
    violations.length ? { ok: false, violations, warnings, occurrences } : { ok: true, warnings, occurrences };

  const s = parseInstant(draft.start);
  const e = parseInstant(draft.end);
  const timeProblem = !s.ok ? `start: ${s.message}` : !e.ok ? `end: ${e.message}` : durationProblem(s.value, e.value);
  if (timeProblem || !s.ok || !e.ok || Number.isNaN(now)) {
    violations.push({ rule: 'invalid-time', message: timeProblem ?? 'the time of the request is not a valid instant' });
    return done([]);
  }
  const [start, end] = [s.value, e.value];
  const prev = ctx.previous;

  if (prev) {
    const allowed = editableFields(prev.status);
    const changed = changedFields(draftOf(prev), draft);
    const refused = allowed === 'all' ? [] : changed.filter((f) => !allowed.includes(f));
    if (allowed !== 'all' && refused.length) {
      violations.push({
        rule: 'not-editable',
        status: prev.status,
        fields: refused,
        message: allowed.length
          ? `${aStatus(prev.status)} meeting can only change ${allowed.join(', ')}, not ${refused.join(', ')}`
          : `${aStatus(prev.status)} meeting cannot be changed`,
      });
    }
  }

  const hasReason = draft.emergencyReason.trim() !== '';
  if (draft.emergency && !hasReason) {
    violations.push({ rule: 'emergency-reason', message: 'an emergency meeting needs a reason (epidemic, natural disaster, rescue, fire, …)' });
  }

  const levels = chairLevelsFor(dir.tiers);
  if (!levels.includes(draft.chairLevel)) {
    violations.push({ rule: 'chair-level', chairLevel: draft.chairLevel, allowed: levels, message: `unknown chairing level "${draft.chairLevel}" (one of: ${levels.join(', ')})` });
  }

  if (!dir.byId.has(draft.hostSiteId)) {
    violations.push({ rule: 'unknown-site', field: 'hostSiteId', siteIds: [draft.hostSiteId], message: `the host site "${draft.hostSiteId}" is not in the inventory` });
  }
  const expanded = expandParticipants(draft.participants, dir);
  if (expanded.unknownSiteIds.length) {
    const ids = expanded.unknownSiteIds;
    violations.push({ rule: 'unknown-site', field: 'participants', siteIds: ids, message: `not in the inventory: ${ids.map((i) => `"${i}"`).join(', ')}` });
  }
  for (const group of expanded.unknownGroups) {
    const what = group.type === 'tier' ? `tier "${group.tier}"` : group.type === 'district-communes' ? `district "${group.district}"` : 'group';
    violations.push({ rule: 'unknown-group', group, message: `${describeGroup(group, dir)}: the inventory has no ${what}` });
  }
  for (const group of expanded.emptyGroups) {
    warnings.push({ rule: 'empty-group', group, message: `${describeGroup(group, dir)}: no sites in the inventory` });
  }
  if (expanded.siteIds.length === 0 && !expanded.unknownSiteIds.length && !expanded.unknownGroups.length) {
    violations.push({ rule: 'no-participants', message: 'the participants chosen stand for no site in the inventory' });
  }

  if (draft.recurrence) {
    const rp = recurrenceProblem(start, draft.recurrence, tz);
    if (rp) violations.push({ rule: 'recurrence', field: rp.field, message: rp.message });
  }
  const candidate = slotsOf({ ...draft, id: prev?.id ?? null }, dir, policy.setupBufferMinutes);
  const occurrences = candidate.map((c) => c.occurrence);
  if (draft.recurrence) {
    for (const date of expandOccurrences(draft, tz).nonexistent) {
      violations.push({ rule: 'nonexistent-occurrence', occurrenceDate: date, message: `On ${displayDate(date)} the start time does not exist in ${tz} (clocks skip that hour)` });
    }
  }

  // Times: a new or moved start must not be in the past and must give the notice.
  const startChanged = !prev || Date.parse(prev.start) !== start;
  const endChanged = !prev || Date.parse(prev.end) !== end;
  const grace = policy.pastGraceMinutes * MINUTE_MS;
  if (startChanged && start < now - grace) {
    violations.push({ rule: 'in-past', field: 'start', at: toIsoInstant(start), now: toIsoInstant(now), message: `the start (${formatDisplay(start, tz)}) is in the past` });
  } else if (!startChanged && endChanged && end <= now) {
    violations.push({ rule: 'in-past', field: 'end', at: toIsoInstant(end), now: toIsoInstant(now), message: `the new end (${formatDisplay(end, tz)}) is in the past` });
  }
  if (startChanged && !meetsNotice(start, now, tz, policy)) {
    const first = occurrences[0]!.date;
    if (draft.emergency && hasReason) {
      warnings.push({ rule: 'notice-exempt', occurrenceDate: first, reason: draft.emergencyReason.trim(), message: `less than ${policy.noticeDays} days' notice, accepted as an emergency: ${draft.emergencyReason.trim()}` });
    } else {
      const earliest = earliestStartWithNotice(now, tz, policy);
      violations.push({
        rule: 'notice',
        occurrenceDate: first,
        start: toIsoInstant(start),
        bookedAt: toIsoInstant(now),
        noticeDays: policy.noticeDays,
        noticeMode: policy.noticeMode,
        earliestStart: toIsoInstant(earliest),
        message: `meetings are booked at least ${policy.noticeDays} days ahead: booked ${formatDisplay(now, tz)}, the earliest start is ${formatDisplay(earliest, tz)} (unless it is an emergency, with its reason)`,
      });
    }
  }

  // Conflicts, for every occurrence still to come, against every occurrence of the others.
  const span = { from: Math.min(...candidate.map((c) => c.from)), to: Math.max(...candidate.map((c) => c.to)) };
  const others: Slot[] = ctx.existing
    .filter((m) => m.id !== prev?.id && holdsResources(m.status))
    .flatMap((m) => slotsOf(m, dir, policy.setupBufferMinutes))
    .filter((o) => overlaps(o, span));
  for (const c of candidate) {
    if (c.occurrence.end <= now) continue;
    violations.push(...siteConflicts(c, others, dir), ...capacityConflicts(c, others, policy.portCapacity, tz));
  }
  return done(occurrences);
}
