import type { Database } from '../db/database.js';

/**
 * The runs of meetings (each started occurrence, linked to its conference on the MCU), the joins
 * and leaves of sites during a run, and link-quality samples, in SQLite.
 */

export interface Run {
  readonly id: number;
  readonly meetingId: string;
  readonly occurrenceStart: number;
  readonly conferenceId: string;
  readonly startedAt: number;
  readonly endedAt: number | null;
}

/** `end`: still connected when the run ended (not a drop). */
export type AttendanceEventKind = 'join' | 'leave' | 'end';

export interface AttendanceEvent {
  readonly siteId: string;
  readonly endpointId: string | null;
  readonly event: AttendanceEventKind;
  readonly at: number;
}

export interface SampleStats {
  readonly siteId: string;
  readonly lossAvg: number | null;
  readonly lossMax: number | null;
  readonly jitterAvg: number | null;
  readonly latencyAvg: number | null;
}

interface RunRow {
  id: number;
  meeting_id: string;
  occurrence_start: number;
  conference_id: string;
  started_at: number;
  ended_at: number | null;
}

const toRun = (r: RunRow): Run => ({
  id: r.id,
  meetingId: r.meeting_id,
  occurrenceStart: r.occurrence_start,
  conferenceId: r.conference_id,
  startedAt: r.started_at,
  endedAt: r.ended_at,
});

export class RunStore {
  private readonly q;

  constructor(db: Database) {
    this.q = {
      upsert: db.prepare(
        `INSERT INTO meeting_runs (meeting_id, occurrence_start, conference_id, started_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (meeting_id, occurrence_start) DO UPDATE SET conference_id = excluded.conference_id, ended_at = NULL`,
      ),
      forOccurrence: db.prepare('SELECT * FROM meeting_runs WHERE meeting_id = ? AND occurrence_start = ?'),
      latest: db.prepare('SELECT * FROM meeting_runs WHERE meeting_id = ? ORDER BY occurrence_start DESC LIMIT 1'),
      open: db.prepare('SELECT * FROM meeting_runs WHERE ended_at IS NULL ORDER BY id'),
      end: db.prepare('UPDATE meeting_runs SET ended_at = ? WHERE id = ? AND ended_at IS NULL'),
      addEvent: db.prepare('INSERT INTO attendance (run_id, site_id, endpoint_id, event, at_ms) VALUES (?, ?, ?, ?, ?)'),
      events: db.prepare('SELECT site_id, endpoint_id, event, at_ms FROM attendance WHERE run_id = ? ORDER BY at_ms, id'),
      addSample: db.prepare('INSERT INTO link_samples (run_id, site_id, at_ms, loss_pct, jitter_ms, latency_ms) VALUES (?, ?, ?, ?, ?, ?)'),
      stats: db.prepare(
        `SELECT site_id, AVG(loss_pct) AS loss_avg, MAX(loss_pct) AS loss_max, AVG(jitter_ms) AS jitter_avg, AVG(latency_ms) AS latency_avg
         FROM link_samples WHERE run_id = ? GROUP BY site_id`,
      ),
    };
  }

  /** Link an occurrence to its conference (again, when it had to be created anew). */
  start(meetingId: string, occurrenceStart: number, conferenceId: string, at: number): Run {
    this.q.upsert.run(meetingId, occurrenceStart, conferenceId, at);
    return this.forOccurrence(meetingId, occurrenceStart)!;
  }

  forOccurrence(meetingId: string, occurrenceStart: number): Run | null {
    const row = this.q.forOccurrence.get(meetingId, occurrenceStart) as RunRow | undefined;
    return row ? toRun(row) : null;
  }

  /** The most recent run of a meeting (for a series, the latest occurrence started). */
  latest(meetingId: string): Run | null {
    const row = this.q.latest.get(meetingId) as RunRow | undefined;
    return row ? toRun(row) : null;
  }

  /** Runs not ended yet. */
  open(): Run[] {
    return (this.q.open.all() as unknown as RunRow[]).map(toRun);
  }

  end(runId: number, at: number): void {
    this.q.end.run(at, runId);
  }

  addEvent(runId: number, e: AttendanceEvent): void {
    this.q.addEvent.run(runId, e.siteId, e.endpointId, e.event, e.at);
  }

  events(runId: number): AttendanceEvent[] {
    const rows = this.q.events.all(runId) as unknown as { site_id: string; endpoint_id: string | null; event: AttendanceEventKind; at_ms: number }[];
    return rows.map((r) => ({ siteId: r.site_id, endpointId: r.endpoint_id, event: r.event, at: r.at_ms }));
  }

  /** Sites connected at the end of the recorded events (last event a join). */
  connectedSites(runId: number): Map<string, string | null> {
    const out = new Map<string, string | null>();
    for (const e of this.events(runId)) {
      if (e.event === 'join') out.set(e.siteId, e.endpointId);
      else out.delete(e.siteId);
    }
    return out;
  }

  addSample(runId: number, siteId: string, at: number, s: { loss: number | null; jitter: number | null; latency: number | null }): void {
    this.q.addSample.run(runId, siteId, at, s.loss, s.jitter, s.latency);
  }

  sampleStats(runId: number): Map<string, SampleStats> {
    const rows = this.q.stats.all(runId) as unknown as { site_id: string; loss_avg: number | null; loss_max: number | null; jitter_avg: number | null; latency_avg: number | null }[];
    return new Map(
      rows.map((r) => [r.site_id, { siteId: r.site_id, lossAvg: r.loss_avg, lossMax: r.loss_max, jitterAvg: r.jitter_avg, latencyAvg: r.latency_avg }]),
    );
  }
}
