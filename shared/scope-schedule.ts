import type { Attendance, Readiness, ScheduledMeeting, ScheduleEvent } from './schedule/api.js';
import type { Meeting } from './schedule/meeting.js';
import { expandParticipants, type SiteDirectory } from './schedule/participants.js';
import type { ScopeView } from './scope.js';

/**
 * The schedule as a scoped supervisor sees it: only meetings with a site in the scope (host or
 * participant), each with its participants reduced to the scope's sites (groups expanded, so a
 * group naming an outside district does not show), and free text with hidden site names
 * redacted. A host outside the scope reads OUTSIDE_SCOPE_SITE_ID; a meeting whose only visible
 * site is its host lists the host as its participant (a meeting needs at least one).
 */
export const OUTSIDE_SCOPE_SITE_ID = 'ngoai-pham-vi';

/** The meeting's sites in the scope (host first when visible), in inventory order otherwise. */
function visibleSites(m: Meeting, view: ScopeView, dir: SiteDirectory): string[] {
  return expandParticipants(m.participants, dir).siteIds.filter((id) => view.siteIds.has(id));
}

export function meetingVisible(m: Meeting, view: ScopeView, dir: SiteDirectory): boolean {
  return view.siteIds.has(m.hostSiteId) || visibleSites(m, view, dir).length > 0;
}

/** The meeting as the scope sees it, or null when none of its sites is in the scope. */
export function scopeMeeting(m: Meeting, view: ScopeView, dir: SiteDirectory): Meeting | null {
  const sites = visibleSites(m, view, dir);
  const hostVisible = view.siteIds.has(m.hostSiteId);
  if (!hostVisible && sites.length === 0) return null;
  return {
    ...m,
    title: view.redact(m.title),
    hostBody: view.redact(m.hostBody),
    room: view.redact(m.room),
    notes: view.redact(m.notes),
    emergencyReason: view.redact(m.emergencyReason),
    hostSiteId: hostVisible ? m.hostSiteId : OUTSIDE_SCOPE_SITE_ID,
    participants: { sites: sites.length ? sites : [m.hostSiteId], groups: [] },
  };
}

export function scopeMeetings(list: readonly ScheduledMeeting[], view: ScopeView, dir: SiteDirectory): ScheduledMeeting[] {
  return list.flatMap((s) => {
    const meeting = scopeMeeting(s.meeting, view, dir);
    return meeting ? [{ meeting, occurrences: s.occurrences }] : [];
  });
}

/** A readiness board with the scope's sites only; the counts are the filtered list's. */
export function scopeReadiness(r: Readiness, view: ScopeView): Readiness {
  const sites = r.sites
    .filter((s) => view.siteIds.has(s.siteId))
    .map((s) => ({ ...s, busyIn: s.busyIn === null ? null : view.redact(s.busyIn), reasons: s.reasons.map((x) => view.redact(x)) }));
  const ready = sites.filter((s) => s.ready).length;
  return { ...r, sites, ready, notReady: sites.length - ready };
}

export function scopeAttendance(a: Attendance, view: ScopeView): Attendance {
  return { ...a, title: view.redact(a.title), sites: a.sites.filter((s) => view.siteIds.has(s.siteId)) };
}

/**
 * A schedule event for the scope: `changed` keeps meetings it sees now or saw before (so it
 * refetches when a meeting leaves its scope); readiness boards of meetings it sees. `seen` is the
 * channel's memory of visible meetings and is updated here.
 */
export function scopeScheduleEvent(
  e: ScheduleEvent,
  view: ScopeView,
  visible: (meetingId: string) => boolean,
  seen: Set<string>,
): ScheduleEvent {
  const changed = e.changed.filter((id) => {
    const now = visible(id);
    const before = seen.has(id);
    if (now) seen.add(id);
    else seen.delete(id);
    return now || before;
  });
  const readiness = e.readiness.filter((r) => visible(r.meetingId)).map((r) => scopeReadiness(r, view));
  return { changed, readiness };
}
