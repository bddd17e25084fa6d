import type { DatabaseSync } from 'node:sqlite';
import { AUDIT_TRIGGERS_SQL, chainExisting } from '../audit/audit-chain.js';
import { MIGRATION_9 } from './migration-9.js';
import { decodeCounts } from './varint-counts.js';

/**
 * The database schema as numbered steps. A step is never edited once released: change the
 * schema by adding a step. Each runs once, in order, inside a transaction.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** Work SQL cannot do (hashing existing rows), run after `sql` in the same transaction. */
  readonly run?: (db: DatabaseSync) => void;
}

/** The 16 bucket-count columns of history_histograms (c0 … c15; migration 7, replaced by migration 9). */
export const COUNT_COLUMNS: readonly string[] = Array.from({ length: 16 }, (_, i) => `c${i}`);

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
  {
    version: 3,
    name: 'accounts',
    sql: `
      -- Who may log in. Passwords only as scrypt hashes (\`scrypt$log2N$r$p$salt$hash\`).
      CREATE TABLE users (
        user          TEXT PRIMARY KEY,
        display_name  TEXT NOT NULL,
        role          TEXT NOT NULL CHECK (role IN ('technician', 'operator', 'supervisor')),
        scope         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(scope)),  -- site ids; [] = everything
        disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        password_hash TEXT NOT NULL,
        must_change   INTEGER NOT NULL DEFAULT 0 CHECK (must_change IN (0, 1)),  -- one-time password
        created_at    TEXT NOT NULL,                                          -- ISO 8601, UTC
        last_login_at TEXT
      );
    `,
  },
  {
    // Version 3 is the accounts' step; this one does not depend on it.
    version: 4,
    name: 'audit hash chain',
    sql: `
      ALTER TABLE audit ADD COLUMN source       TEXT;   -- an address such as 127.0.0.1, or desktop
      ALTER TABLE audit ADD COLUMN client       TEXT;   -- desktop, browser or script
      ALTER TABLE audit ADD COLUMN session_id   TEXT;   -- the login session's public id
      ALTER TABLE audit ADD COLUMN target_label TEXT;   -- the target in words when recorded
      ALTER TABLE audit ADD COLUMN prev_hash    TEXT NOT NULL DEFAULT '';
      ALTER TABLE audit ADD COLUMN hash         TEXT NOT NULL DEFAULT '';
      CREATE INDEX audit_user ON audit (user, id);
      CREATE INDEX audit_action ON audit (action, id);
      -- Entries written before this step name meetings by id: give them the meeting's title.
      UPDATE audit SET target_label = (SELECT json_extract(m.data, '$.title') FROM meetings m WHERE 'meeting:' || m.id = audit.target)
        WHERE target LIKE 'meeting:%';
    `,
    // Chain the entries written before this step, then make the table append-only.
    run: (db) => {
      chainExisting(db);
      db.exec(AUDIT_TRIGGERS_SQL);
    },
  },
  {
    version: 5,
    name: 'alarms',
    sql: `
      CREATE TABLE alarms (
        id   TEXT PRIMARY KEY,          -- <rule>@<subject kind>:<subject id>
        data TEXT NOT NULL              -- the alarm record as JSON (shared/alarms/alarm-machine.ts)
      );
      CREATE TABLE alarm_journal (
        seq      INTEGER PRIMARY KEY AUTOINCREMENT,
        at       TEXT NOT NULL,          -- ISO 8601, UTC
        kind     TEXT NOT NULL,          -- activated, returned, normal, acknowledged, shelved, unshelved, flood-started, flood-ended
        alarm_id TEXT,
        priority TEXT,
        site_id  TEXT,
        user     TEXT,
        detail   TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX alarm_journal_alarm ON alarm_journal (alarm_id, seq);
      CREATE INDEX alarm_journal_kind_at ON alarm_journal (kind, at);
      CREATE TABLE maintenance (
        site_id TEXT PRIMARY KEY,       -- the site whose subtree is out of service
        by      TEXT NOT NULL,
        at      TEXT NOT NULL,
        reason  TEXT NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'link-health history',
    sql: `
      -- Outage intervals (shared/history/outage-tracker.ts): one row per piece, keyed by endpoint and
      -- start; end_ms NULL while open. Times are UTC epoch ms.
      CREATE TABLE history_outages (
        endpoint_id TEXT NOT NULL,
        start_ms    INTEGER NOT NULL,
        end_ms      INTEGER CHECK (end_ms IS NULL OR end_ms > start_ms),
        site_id     TEXT NOT NULL,                  -- the endpoint's site at the time
        cause       TEXT NOT NULL CHECK (cause IN ('down', 'unreachable', 'mcu')),
        behind      TEXT,                           -- the dark site above (unreachable, mcu)
        PRIMARY KEY (endpoint_id, start_ms)
      );
      CREATE INDEX history_outages_start ON history_outages (start_ms);
      CREATE INDEX history_outages_end ON history_outages (end_ms);

      -- Metric rollups (shared/history/histogram.ts, rollup.ts): one histogram per level, bucket,
      -- endpoint and metric. Keyed time first, so each minute's rows are appended together and a
      -- purge deletes a contiguous range; one endpoint's points are read by key lookups per bucket.
      -- counts: the bucket counts as unsigned LEB128 varints.
      CREATE TABLE history_rollups (
        level        TEXT NOT NULL CHECK (level IN ('1m', '15m', '1h', '1d')),
        bucket_start INTEGER NOT NULL,
        endpoint_id  TEXT NOT NULL,
        metric       TEXT NOT NULL,
        count        INTEGER NOT NULL CHECK (count > 0),
        min          REAL NOT NULL,
        max          REAL NOT NULL,
        sum          REAL NOT NULL,
        counts       BLOB NOT NULL,
        PRIMARY KEY (level, bucket_start, endpoint_id, metric)
      ) WITHOUT ROWID;

      -- When each endpoint was first seen (availability counts nothing before).
      CREATE TABLE history_known (
        endpoint_id TEXT PRIMARY KEY,
        site_id     TEXT NOT NULL,
        since_ms    INTEGER NOT NULL
      );

      -- Maintenance with an end, for availability (the alarm table keeps only what is on now).
      CREATE TABLE history_maintenance (
        site_id  TEXT NOT NULL,
        start_ms INTEGER NOT NULL,
        end_ms   INTEGER CHECK (end_ms IS NULL OR end_ms >= start_ms),
        subtree  INTEGER NOT NULL DEFAULT 1 CHECK (subtree IN (0, 1)),
        by       TEXT NOT NULL,
        reason   TEXT NOT NULL,
        PRIMARY KEY (site_id, start_ms)
      );

      -- Each run of the engine: when it started and when it was last known alive (each flush).
      CREATE TABLE history_runs (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        started_ms INTEGER NOT NULL,
        alive_ms   INTEGER NOT NULL
      );
    `,
  },
  {
    version: 7,
    name: 'smaller history rollups',
    sql: `
      -- Each endpoint's rollup series by a small number instead of its id in every row.
      CREATE TABLE history_series (
        id          INTEGER PRIMARY KEY,
        endpoint_id TEXT NOT NULL UNIQUE
      );

      -- The rollups of migration 6, smaller and summable in SQL: level and metric as their index
      -- (levels 1m, 15m, 1h, 1d; metrics packetLossPct, jitterMs, latencyMs, bitrateKbps), the
      -- bucket start in UTC epoch minutes, the 16 bucket counts as columns (a 0 or 1 takes no byte
      -- beyond its type) so a period's histograms are merged by SUM without reading each row.
      CREATE TABLE history_histograms (
        level  INTEGER NOT NULL CHECK (level BETWEEN 0 AND 3),
        bucket INTEGER NOT NULL,
        series INTEGER NOT NULL,
        metric INTEGER NOT NULL CHECK (metric BETWEEN 0 AND 3),
        count  INTEGER NOT NULL CHECK (count > 0),
        min    REAL NOT NULL,
        max    REAL NOT NULL,
        sum    REAL NOT NULL,
        ${COUNT_COLUMNS.map((c) => `${c} INTEGER NOT NULL DEFAULT 0 CHECK (${c} >= 0),`).join('\n        ')}
        CHECK (${COUNT_COLUMNS.join(' + ')} = count),
        PRIMARY KEY (level, bucket, series, metric)
      ) WITHOUT ROWID;
    `,
    // Copy every row that still decodes (one that does not was skipped on read already), then drop
    // the old table. Rows of 16 bytes, one per count below 128 (most rows), are copied by SQL, a
    // byte's value being its place in x'00…7f' (a byte of 128 or more gives −1, refused by the
    // CHECK and so left out, as is a row whose counts do not add up); the others are decoded here.
    run: (db) => {
      const levels = ['1m', '15m', '1h', '1d'];
      const metrics = ['packetLossPct', 'jitterMs', 'latencyMs', 'bitrateKbps'];
      const indexOf = (column: string, names: readonly string[]) => `CASE ${column} ${names.map((n, i) => `WHEN '${n}' THEN ${i}`).join(' ')} END`;
      const bytes = `x'${Array.from({ length: 128 }, (_, i) => i.toString(16).padStart(2, '0')).join('')}'`;
      db.exec(`
        INSERT INTO history_series (endpoint_id) SELECT DISTINCT endpoint_id FROM history_rollups ORDER BY endpoint_id;
        INSERT OR IGNORE INTO history_histograms (level, bucket, series, metric, count, min, max, sum, ${COUNT_COLUMNS.join(', ')})
          SELECT ${indexOf('r.level', levels)}, r.bucket_start / 60000, s.id, ${indexOf('r.metric', metrics)}, r.count, r.min, r.max, r.sum,
                 ${COUNT_COLUMNS.map((_, i) => `instr(${bytes}, substr(r.counts, ${i + 1}, 1)) - 1`).join(', ')}
          FROM history_rollups r JOIN history_series s ON s.endpoint_id = r.endpoint_id
          WHERE length(r.counts) = ${COUNT_COLUMNS.length} AND r.bucket_start % 60000 = 0;
      `);
      const series = new Map((db.prepare('SELECT id, endpoint_id FROM history_series').all() as { id: number; endpoint_id: string }[]).map((r) => [r.endpoint_id, r.id]));
      const addSeries = db.prepare('INSERT INTO history_series (endpoint_id) VALUES (?)');
      const put = db.prepare(
        `INSERT OR REPLACE INTO history_histograms (level, bucket, series, metric, count, min, max, sum, ${COUNT_COLUMNS.join(', ')}) VALUES (${new Array(8 + COUNT_COLUMNS.length).fill('?').join(', ')})`,
      );
      const rows = db.prepare(`SELECT level, bucket_start, endpoint_id, metric, count, min, max, sum, counts FROM history_rollups WHERE length(counts) != ${COUNT_COLUMNS.length}`).iterate() as Iterable<{
        level: string;
        bucket_start: number;
        endpoint_id: string;
        metric: string;
        count: number;
        min: number;
        max: number;
        sum: number;
        counts: Uint8Array;
      }>;
      for (const r of rows) {
        const level = levels.indexOf(r.level);
        const metric = metrics.indexOf(r.metric);
        const counts = decodeCounts(r.counts, COUNT_COLUMNS.length);
        if (level < 0 || metric < 0 || !counts || counts.reduce((s, c) => s + c, 0) !== r.count || r.bucket_start % 60_000 !== 0) continue;
        let id = series.get(r.endpoint_id);
        if (id === undefined) series.set(r.endpoint_id, (id = Number(addSeries.run(r.endpoint_id).lastInsertRowid)));
        put.run(level, r.bucket_start / 60_000, id, metric, r.count, r.min, r.max, r.sum, ...counts);
      }
      db.exec('DROP TABLE history_rollups');
    },
  },
  {
    version: 8,
    name: 'planned maintenance windows',
    sql: `
      -- A maintenance window begins at from_ms and ends by itself at until_ms (NULL: when someone
      -- ends it). Windows set before: from their setting, open-ended.
      ALTER TABLE maintenance ADD COLUMN from_ms INTEGER;
      ALTER TABLE maintenance ADD COLUMN until_ms INTEGER CHECK (until_ms IS NULL OR until_ms > from_ms);
    `,
  },
  MIGRATION_9,
];
