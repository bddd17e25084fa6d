/**
 * The database schema as numbered steps. A step is never edited once released: change the
 * schema by adding a step. Each runs once, in order, inside a transaction.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'audit log',
    sql: `
      CREATE TABLE audit (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        at      TEXT NOT NULL,            -- ISO 8601, UTC
        user    TEXT NOT NULL,
        role    TEXT NOT NULL,
        action  TEXT NOT NULL,
        target  TEXT NOT NULL,
        params  TEXT NOT NULL,            -- the request as JSON
        result  TEXT NOT NULL CHECK (result IN ('ok', 'failed')),
        error   TEXT
      );
      CREATE INDEX audit_at ON audit (at);
    `,
  },
  {
    version: 2,
    name: 'meetings, runs and attendance',
    sql: `
      -- One row per meeting; a weekly series is one row, expanded on read. \`data\` is the whole
      -- Meeting as JSON (shared/schedule/meeting.ts); the columns beside it are copies for queries.
      CREATE TABLE meetings (
        id            TEXT PRIMARY KEY,
        version       INTEGER NOT NULL CHECK (version >= 1),  -- optimistic concurrency
        data          TEXT NOT NULL CHECK (json_valid(data)),
        start_ms      INTEGER NOT NULL,                       -- first occurrence start, UTC epoch ms
        end_ms        INTEGER NOT NULL,                       -- last occurrence end, UTC epoch ms
        status        TEXT NOT NULL CHECK (status IN ('booked', 'ready', 'live', 'ended', 'cancelled')),
        cancel_reason TEXT,
        created_at    TEXT NOT NULL,                          -- ISO 8601, UTC
        updated_at    TEXT NOT NULL
      );
      CREATE INDEX meetings_range ON meetings (start_ms, end_ms);
      CREATE INDEX meetings_status ON meetings (status);

      -- Each time an occurrence is started: the conference it runs in, until it ends.
      CREATE TABLE meeting_runs (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        meeting_id       TEXT NOT NULL REFERENCES meetings (id),
        occurrence_start INTEGER NOT NULL,                    -- UTC epoch ms
        conference_id    TEXT NOT NULL,
        started_at       INTEGER NOT NULL,
        ended_at         INTEGER,
        UNIQUE (meeting_id, occurrence_start)
      );
      CREATE INDEX meeting_runs_conference ON meeting_runs (conference_id);

      -- Joins and leaves per site while a run is live; \`end\` closes those still in at its end.
      CREATE TABLE attendance (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id      INTEGER NOT NULL REFERENCES meeting_runs (id),
        site_id     TEXT NOT NULL,
        endpoint_id TEXT,
        event       TEXT NOT NULL CHECK (event IN ('join', 'leave', 'end')),  -- end: still in when the run ended
        at_ms       INTEGER NOT NULL
      );
      CREATE INDEX attendance_run ON attendance (run_id, site_id, at_ms);

      -- Link quality of each connected site, sampled from the status table.
      CREATE TABLE link_samples (
        run_id     INTEGER NOT NULL REFERENCES meeting_runs (id),
        site_id    TEXT NOT NULL,
        at_ms      INTEGER NOT NULL,
        loss_pct   REAL,
        jitter_ms  REAL,
        latency_ms REAL
      );
      CREATE INDEX link_samples_run ON link_samples (run_id, site_id);
    `,
  },
];
