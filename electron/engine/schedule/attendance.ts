import type { Attendance } from '../../../shared/schedule/api.js';
import { meetingSiteIds, toIsoInstant, type Meeting } from '../../../shared/schedule/index.js';
import { orderedSites, type ScheduleContext } from './context.js';
import type { AttendanceEvent, Run, SampleStats } from './run-store.js';

/**
 * Attendance of one run (issue item 7), per site: first join, last leave, time connected, drops
 * and how long they lasted, link quality. A drop is a leave while the meeting went on (not the
 * `end` of the run); it lasts until the site joins again, or until the run ended (or now, while
 * live) when it never came back. A site still connected has no last leave.
 */

type SiteAttendance = Attendance['sites'][number];

export interface SiteTotals {
  readonly firstJoined: number | null;
  readonly lastLeft: number | null;
  readonly connectedMs: number;
  readonly drops: number;
  readonly droppedMs: number;
}

/** Totals from one site's events in time order; open intervals are closed at `until`. */
export function totals(events: readonly AttendanceEvent[], until: number): SiteTotals {
  let firstJoined: number | null = null;
  let lastLeft: number | null = null;
  let joinedAt: number | null = null;
  let droppedAt: number | null = null;
  let connectedMs = 0;
  let drops = 0;
  let droppedMs = 0;
  for (const e of events) {
    if (e.event === 'join') {
      if (joinedAt !== null) continue;
      joinedAt = e.at;
      firstJoined ??= e.at;
      if (droppedAt !== null) droppedMs += e.at - droppedAt;
      droppedAt = null;
      continue;
    }
    if (joinedAt === null) continue;
    connectedMs += e.at - joinedAt;
    joinedAt = null;
    lastLeft = e.at;
    if (e.event === 'leave') {
      drops++;
      droppedAt = e.at;
    }
  }
  if (joinedAt !== null) {
    connectedMs += Math.max(0, until - joinedAt);
    lastLeft = null;
  }
  if (droppedAt !== null) droppedMs += Math.max(0, until - droppedAt);
  return { firstJoined, lastLeft, connectedMs, drops, droppedMs };
}

const round = (n: number | null, digits = 2): number | null => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);

export function siteAttendance(siteId: string, siteName: string, t: SiteTotals, q: SampleStats | undefined): SiteAttendance {
  return {
    siteId,
    siteName,
    firstJoinedAt: t.firstJoined === null ? null : toIsoInstant(t.firstJoined),
    lastLeftAt: t.lastLeft === null ? null : toIsoInstant(t.lastLeft),
    connectedMs: t.connectedMs,
    drops: t.drops,
    droppedMs: t.droppedMs,
    lossAvgPct: round(q?.lossAvg ?? null),
    lossMaxPct: round(q?.lossMax ?? null),
    jitterAvgMs: round(q?.jitterAvg ?? null, 1),
    latencyAvgMs: round(q?.latencyAvg ?? null, 1),
  };
}

/** The attendance of a meeting's latest run; every site of the meeting is listed, joined or not. */
export function attendanceOf(ctx: ScheduleContext, m: Meeting): { attendance: Attendance; run: Run | null } {
  const dir = ctx.directory();
  const run = ctx.runs.latest(m.id);
  const events = run ? ctx.runs.events(run.id) : [];
  const stats = run ? ctx.runs.sampleStats(run.id) : new Map<string, SampleStats>();
  const expected = orderedSites(m, dir, meetingSiteIds(m, dir));
  const extra = [...new Set(events.map((e) => e.siteId))].filter((s) => !expected.includes(s));
  const until = run?.endedAt ?? ctx.now();
  const sites = [...expected, ...extra].map((siteId) =>
    siteAttendance(
      siteId,
      dir.byId.get(siteId)?.name ?? siteId,
      totals(
        events.filter((e) => e.siteId === siteId),
        until,
      ),
      stats.get(siteId),
    ),
  );
  return { attendance: { meetingId: m.id, title: m.title, sites }, run };
}
