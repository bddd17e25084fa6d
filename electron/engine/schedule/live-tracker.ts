import type { ConferencesView } from '../../../shared/conference.js';
import type { StatusTable } from '../status/status-table.js';
import type { Bookings } from './bookings.js';
import { hasLaterOccurrence, siteOfEndpoint, type ScheduleContext } from './context.js';
import type { Run } from './run-store.js';

/**
 * Live meetings (issue items 6 and 7): from the conference list, record which sites join and
 * leave each started occurrence (a site is in while one of its endpoints is connected), sample
 * their link quality from the status table, and notice when a conference ends.
 *
 * A run ends when its conference is missing from the list while the MCU is connected, seen so for
 * ABSENT_CONFIRM_MS (a reconnecting driver lists calls again only after a moment), and only if
 * the conference was seen at least once (or START_GRACE_MS have passed since it was created).
 * The meeting then becomes ended; a weekly series with occurrences still to come goes back to
 * booked. While the MCU is not connected nothing is recorded: who is in is unknown, not "left".
 */

export const ABSENT_CONFIRM_MS = 5_000;
export const START_GRACE_MS = 60_000;

export interface LiveDeps {
  readonly ctx: ScheduleContext;
  readonly bookings: Bookings;
  readonly status: StatusTable;
  readonly conferences: { current(): ConferencesView };
}

export class LiveTracker {
  /** runId → site → the endpoint it is connected on (cached from the database). */
  private readonly inside = new Map<number, Map<string, string | null>>();
  private readonly seen = new Set<number>();
  private readonly absentSince = new Map<number, number>();

  constructor(private readonly deps: LiveDeps) {}

  /** Compare the conference list with what was recorded; call on every change and now and then. */
  observe(view: ConferencesView = this.deps.conferences.current()): void {
    const { ctx } = this.deps;
    const now = ctx.now();
    const siteOf = siteOfEndpoint(ctx.inventory());
    for (const run of ctx.runs.open()) {
      const conf = view.conferences.find((c) => c.id === run.conferenceId);
      if (!conf) {
        this.maybeEnded(run, view, now);
        continue;
      }
      this.seen.add(run.id);
      this.absentSince.delete(run.id);
      if (!conf.rosterKnown) continue;
      const present = new Map<string, string | null>();
      for (const p of conf.participants) {
        const siteId = p.endpointId ? siteOf.get(p.endpointId) : undefined;
        if (siteId && p.state === 'connected' && !present.has(siteId)) present.set(siteId, p.endpointId);
      }
      const before = this.insideOf(run.id);
      for (const [siteId, endpointId] of present) {
        if (!before.has(siteId)) ctx.runs.addEvent(run.id, { siteId, endpointId, event: 'join', at: now });
      }
      for (const [siteId, endpointId] of before) {
        if (!present.has(siteId)) ctx.runs.addEvent(run.id, { siteId, endpointId, event: 'leave', at: now });
      }
      this.inside.set(run.id, present);
    }
  }

  /** One link-quality sample per connected site of every open run (skipped when nothing is measured). */
  sample(): void {
    const { ctx, status } = this.deps;
    const now = ctx.now();
    for (const run of ctx.runs.open()) {
      for (const [siteId, endpointId] of this.insideOf(run.id)) {
        const row = endpointId ? status.get(endpointId) : undefined;
        if (!row || (row.packetLossPct === null && row.jitterMs === null && row.latencyMs === null)) continue;
        ctx.runs.addSample(run.id, siteId, now, { loss: row.packetLossPct, jitter: row.jitterMs, latency: row.latencyMs });
      }
    }
  }

  private insideOf(runId: number): Map<string, string | null> {
    let m = this.inside.get(runId);
    if (!m) {
      m = this.deps.ctx.runs.connectedSites(runId);
      this.inside.set(runId, m);
    }
    return m;
  }

  private maybeEnded(run: Run, view: ConferencesView, now: number): void {
    const mcuSteady = view.mcu.state === 'ok';
    if (!mcuSteady) {
      this.absentSince.delete(run.id);
      return;
    }
    const since = this.absentSince.get(run.id) ?? now;
    this.absentSince.set(run.id, since);
    const known = this.seen.has(run.id) || now - run.startedAt >= START_GRACE_MS;
    if (known && now - since >= ABSENT_CONFIRM_MS) this.end(run, since);
  }

  /** Close the run at `at`: sites still in get an `end`, the meeting is ended (or a series reopened). */
  private end(run: Run, at: number): void {
    const { ctx, bookings } = this.deps;
    for (const [siteId, endpointId] of this.insideOf(run.id)) ctx.runs.addEvent(run.id, { siteId, endpointId, event: 'end', at });
    ctx.runs.end(run.id, at);
    this.inside.delete(run.id);
    this.seen.delete(run.id);
    this.absentSince.delete(run.id);
    const m = ctx.store.get(run.meetingId);
    if (!m || m.status !== 'live') return;
    if (m.recurrence && hasLaterOccurrence(m, ctx.directory().timezone, run.occurrenceStart)) bookings.reopenSeries(m);
    else bookings.transition(m, 'ended');
  }
}
