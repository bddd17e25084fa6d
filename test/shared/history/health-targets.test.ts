import { describe, expect, it } from 'vitest';
import { brokenFigures, worstFirst } from '../../../shared/history/health-targets.js';

const p = (value: number) => ({ value, low: value, high: value });
const row = (availabilityPct: number | null, loss: number | null = null, jitter: number | null = null, latency: number | null = null, downMs = 0) => ({
  availabilityPct,
  downMs,
  p95: { packetLossPct: loss === null ? null : p(loss), jitterMs: jitter === null ? null : p(jitter), latencyMs: latency === null ? null : p(latency) },
});

describe('health targets', () => {
  it('marks availability under 99 % and p95s over the live degraded thresholds, at the edges exactly', () => {
    expect([...brokenFigures(row(99))]).toEqual([]);
    expect([...brokenFigures(row(98.99))]).toEqual(['availability']);
    expect([...brokenFigures(row(100, 1, 35, 150))]).toEqual([]);
    expect([...brokenFigures(row(100, 1.01, 35.1, 151))]).toEqual(['packetLossPct', 'jitterMs', 'latencyMs']);
    expect([...brokenFigures(row(null))]).toEqual([]); // nothing measured breaks nothing
  });

  it('orders the worst first, unmeasured last', () => {
    const rows = [{ id: 'a', ...row(99.9) }, { id: 'b', ...row(null) }, { id: 'c', ...row(97, null, null, null, 10) }, { id: 'd', ...row(97, null, null, null, 50) }];
    expect(worstFirst(rows).map((r) => r.id)).toEqual(['d', 'c', 'a', 'b']);
  });
});
