import type { ConferencesView } from '../../../shared/conference.js';
import type { Readiness } from '../../../shared/schedule/api.js';
import { formatDisplayTime, meetingSiteIds, toIsoInstant, type Meeting, type Occurrence } from '../../../shared/schedule/index.js';
import type { EventLog } from '../events/event-log.js';
import type { StatusTable } from '../status/status-table.js';
import type { Bookings } from './bookings.js';
import { MINUTE, currentOccurrence, orderedSites, siteEndpoint, type ScheduleContext } from './context.js';

/**
 * Readiness (issue item 5). From 30 minutes before an occurrence the engine checks every site the
 * meeting brings together (the host and each participant) about every 10 s, from what it already
 * knows: the status table (the codec answers SNMP; the conference it is in) and the MCU
 * connection. A site is ready when its endpoint is up, has a SIP address, the MCU is connected and
 * it is in no other conference.
 *
 * Phases: not-yet (more than 30 min to go), checking (30–15 min), summary (the last 15 min: at its
 * start a `not-ready` warning is raised in the event log for each site not ready, once per
 * occurrence), started (the start time has passed, or the meeting is live).
 *
 * Status: a booked meeting becomes `ready` the first time every site is ready within the 30
 * minutes. It is not set back to booked when a site drops out again (the board shows that), so
 * the engine changes a meeting's version at most once before the start; an edit that moves a
 * ready meeting sets it back to booked (bookings.ts).
 */

export const CHECK_FROM_MS = 30 * MINUTE;
export const SUMMARY_FROM_MS = 15 * MINUTE;

export interface ReadinessDeps {
  readonly ctx: ScheduleContext;
  readonly bookings: Bookings;
  readonly status: StatusTable;
  readonly conferences: { current(): ConferencesView };
  readonly events: EventLog;
}

export function phaseAt(occurrenceStart: number, now: number, live: boolean): Readiness['phase'] {
  if (live || now >= occurrenceStart) return 'started';
  if (now >= occurrenceStart - SUMMARY_FROM_MS) return 'summary';
  if (now >= occurrenceStart - CHECK_FROM_MS) return 'checking';
  return 'not-yet';
}

/** The board for one occurrence of a meeting, from what the engine knows now. */
export function readinessOf(deps: ReadinessDeps, m: Meeting, occ: Occurrence, now: number): Readiness {
  const inv = deps.ctx.inventory();
  const dir = deps.ctx.directory();
  const view = deps.conferences.current();
  const own = m.status === 'live' ? deps.ctx.runs.forOccurrence(m.id, occ.start)?.conferenceId ?? null : null;
  const mcuReady = view.mcu.state === 'ok';
  const sites = orderedSites(m, dir, meetingSiteIds(m, dir)).map((siteId) => {
    const reasons: string[] = [];
    const ep = siteEndpoint(inv, siteId);
    const row = ep ? deps.status.get(ep.id) : undefined;
    const reach = row?.reachability ?? 'unknown';
    const reachable = reach === 'up' ? true : reach === 'unknown' ? null : false;
    if (!ep) reasons.push('the site has no endpoint in the inventory');
    else {
      if (!ep.uri) reasons.push('the endpoint has no SIP address to dial');
      if (reach === 'down') reasons.push('the codec does not answer (down)');
      if (reach === 'unreachable') reasons.push('unreachable: a site above it is down');
      if (reach === 'unknown') reasons.push('not measured yet');
    }
    if (!mcuReady) reasons.push(`the MCU is not connected (${view.mcu.state})`);
    let busyIn: string | null = null;
    if (row?.conferenceId && row.conferenceId !== own) {
      busyIn = view.conferences.find((c) => c.id === row.conferenceId)?.name || row.conferenceId;
      reasons.push(`in another conference: ${busyIn}`);
    }
    return { siteId, endpointId: ep?.id ?? null, reachable, mcuReady, busyIn, ready: reasons.length === 0, reasons };
  });
  const ready = sites.filter((s) => s.ready).length;
  return {
    meetingId: m.id,
    occurrenceStart: occ.start,
    checkedAt: toIsoInstant(now),
    phase: phaseAt(occ.start, now, m.status === 'live'),
    ready,
    notReady: sites.length - ready,
    sites,
  };
}

export class ReadinessMonitor {
  /** meetingId@occurrenceStart whose 15-minute alarm was raised. */
  private readonly alarmed = new Set<string>();
  private board: Readiness[] = [];

  constructor(private readonly deps: ReadinessDeps) {}

  /** The boards of meetings within 30 minutes of their start (or past it, not started yet). */
  current(): Readiness[] {
    return this.board;
  }

  /** One pass: recompute the boards, raise due alarms, mark meetings ready. True when a board changed. */
  check(): boolean {
    const { ctx } = this.deps;
    const now = ctx.now();
    const tz = ctx.directory().timezone;
    const next: Readiness[] = [];
    for (const m of ctx.store.overlapping(now, now + CHECK_FROM_MS)) {
      if (m.status !== 'booked' && m.status !== 'ready') continue;
      const occ = currentOccurrence(m, tz, now);
      if (!occ || occ.start - CHECK_FROM_MS > now) continue;
      const board = readinessOf(this.deps, m, occ, now);
      next.push(board);
      if (board.phase === 'summary') this.alarm(m, board, tz);
      if (m.status === 'booked' && board.phase !== 'started' && board.notReady === 0 && board.sites.length > 0) {
        this.deps.bookings.transition(m, 'ready');
      }
    }
    next.sort((a, b) => a.occurrenceStart - b.occurrenceStart || a.meetingId.localeCompare(b.meetingId));
    const strip = (list: Readiness[]) => JSON.stringify(list.map(({ checkedAt: _c, ...r }) => r));
    const changed = strip(next) !== strip(this.board);
    this.board = next;
    return changed;
  }

  /** The board of any meeting (its current or next occurrence; the last one when all are over). */
  of(m: Meeting): Readiness {
    const { ctx } = this.deps;
    const now = ctx.now();
    const tz = ctx.directory().timezone;
    const run = m.status === 'live' ? ctx.runs.latest(m.id) : null;
    const occ = (run && { index: 0, date: '', start: run.occurrenceStart, end: now }) ??
      currentOccurrence(m, tz, now) ?? { index: 0, date: '', start: Date.parse(m.start), end: Date.parse(m.end) };
    const board = readinessOf(this.deps, m, occ, now);
    return m.status === 'ended' ? { ...board, phase: 'started' } : board;
  }

  private alarm(m: Meeting, board: Readiness, tz: string): void {
    const key = `${m.id}@${board.occurrenceStart}`;
    if (this.alarmed.has(key)) return;
    this.alarmed.add(key);
    const when = formatDisplayTime(board.occurrenceStart, tz);
    const dir = this.deps.ctx.directory();
    for (const s of board.sites.filter((x) => !x.ready)) {
      this.deps.events.add({
        code: 'not-ready',
        severity: 'warning',
        endpointId: s.endpointId,
        siteId: s.siteId,
        text: `"${m.title}" at ${when}: ${dir.byId.get(s.siteId)?.name ?? s.siteId} is not ready (${s.reasons.join('; ')}); ${board.ready} of ${board.sites.length} sites ready`,
      });
    }
  }
}
