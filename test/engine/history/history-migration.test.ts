import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../../electron/engine/db/database.js';
import { MIGRATIONS } from '../../../electron/engine/db/migrations.js';
import { encodeCounts } from '../../../electron/engine/db/varint-counts.js';
import { HistoryStore } from '../../../electron/engine/history/history-store.js';
import { addSample, emptyHistogram, type RollupMetric } from '../../../shared/history/histogram.js';

const NOW = Date.UTC(2026, 5, 10, 12, 0, 0);
const hist = (metric: RollupMetric, ...values: number[]) => values.reduce(addSample, emptyHistogram(metric));

describe('migration 7: rollups with counts in columns and endpoints by series number', () => {
  it('keeps every rollup of a migration-6 file, skips the rows that no longer decoded, and drops the old table', () => {
    const db = openDatabase(':memory:', MIGRATIONS.filter((m) => m.version <= 6));
    const put = db.prepare('INSERT INTO history_rollups (level, bucket_start, endpoint_id, metric, count, min, max, sum, counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const old = [
      { level: '1m', at: NOW - 60_000, ep: 'ba-be-1', h: hist('latencyMs', 20, 35.5, 180) },
      { level: '1h', at: NOW - 3_600_000, ep: 'ba-be-1', h: hist('packetLossPct', 0, 0, 1.5) },
      { level: '1d', at: NOW - 86_400_000 - 12 * 3_600_000, ep: 'na-ri-1', h: hist('bitrateKbps', 2048) },
      // Counts of 128 and more take two bytes or more each: copied by the migration's own decoding.
      { level: '1d', at: NOW - 2 * 86_400_000 - 12 * 3_600_000, ep: 'na-ri-1', h: hist('jitterMs', ...new Array<number>(300).fill(4), ...new Array<number>(20_000).fill(60)) },
    ];
    for (const o of old) put.run(o.level, o.at, o.ep, o.h.metric, o.h.count, o.h.min, o.h.max, o.h.sum, encodeCounts(o.h.counts));
    // Rows a migration-6 store skipped on read: counts that do not add up, an unknown metric.
    put.run('1m', NOW - 120_000, 'ba-be-1', 'jitterMs', 5, 1, 2, 3, encodeCounts(new Array(16).fill(0)));
    put.run('1m', NOW - 120_000, 'ba-be-1', 'mosScore', 1, 1, 1, 1, encodeCounts([1, ...new Array(15).fill(0)]));
    // 16 bytes that are not 16 counts (one of them two bytes long), and 17 bytes that are 15.
    put.run('1m', NOW - 180_000, 'ba-be-1', 'jitterMs', 1, 1, 1, 1, Uint8Array.from([0x81, 0x01, ...new Array(14).fill(0)]));
    put.run('1m', NOW - 240_000, 'ba-be-1', 'jitterMs', 1, 1, 1, 1, Uint8Array.from([0x81, 0x01, ...new Array(15).fill(0)]));

    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 7))).toBe(7);
    expect(db.prepare('SELECT COUNT(*) AS n FROM history_histograms').get()).toEqual({ n: old.length });
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_schema WHERE name = 'history_rollups'").get()).toEqual({ n: 0 });
    // Read back through today's store (migrations 8 and 9 on top).
    migrate(db, MIGRATIONS);
    const s = new HistoryStore(db);
    for (const o of old) expect(s.points(o.level as '1m' | '1h' | '1d', o.ep, o.h.metric, [o.at]), `${o.level} ${o.h.metric}`).toEqual([{ level: o.level, bucketStart: o.at, endpointId: o.ep, histogram: o.h }]);
    expect([...s.rollups('1m', 0, NOW)].map((r) => r.histogram.metric)).toEqual(['latencyMs']);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_schema WHERE name = 'history_rollups'").get()).toEqual({ n: 0 });
  });
});
