import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFloodLog, FloodLimiter, OTHER_SOURCES, summaryLine } from '../../../electron/engine/snmp/flood-log.js';

const limits = { burst: 3, windowMs: 10_000, maxKeys: 4 };

describe('FloodLimiter (pure)', () => {
  it('lets `burst` lines through per kind and source, then counts the rest for one summary', () => {
    const f = new FloodLimiter(limits);
    const admitted = Array.from({ length: 10_002 }, (_, i) => f.admit('bad packets', '127.0.0.1', i / 10)).filter(Boolean).length;
    expect(admitted).toBe(3);
    expect(f.expire(9_999)).toEqual([]); // the window is still open
    expect(f.expire(10_000)).toEqual([{ kind: 'bad packets', source: '127.0.0.1', count: 9_999, windowMs: 10_000 }]);
    expect(f.tracked).toBe(0);
    expect(f.admit('bad packets', '127.0.0.1', 10_001)).toBe(true); // a new window
  });

  it('keeps kinds and sources apart', () => {
    const f = new FloodLimiter(limits);
    for (let i = 0; i < 5; i++) {
      f.admit('bad packets', '10.0.0.1', 0);
      f.admit('bad packets', '10.0.0.2', 0);
      f.admit('rejected notifications', '10.0.0.1', 0);
    }
    expect(f.expire(10_000).map((s) => [s.kind, s.source, s.count])).toEqual([
      ['bad packets', '10.0.0.1', 2],
      ['bad packets', '10.0.0.2', 2],
      ['rejected notifications', '10.0.0.1', 2],
    ]);
  });

  it('a window found ended by the next line still gets its summary', () => {
    const f = new FloodLimiter(limits);
    for (let i = 0; i < 4; i++) f.admit('bad packets', 'a', 0);
    expect(f.admit('bad packets', 'a', 20_000)).toBe(true);
    expect(f.expire(20_001)).toEqual([{ kind: 'bad packets', source: 'a', count: 1, windowMs: 10_000 }]);
  });

  it('no summary for a window that held nothing back', () => {
    const f = new FloodLimiter(limits);
    f.admit('bad packets', 'a', 0);
    expect(f.expire(10_000)).toEqual([]);
  });

  it('past maxKeys, new sources share one bucket, so spoofed addresses cannot grow the table', () => {
    const f = new FloodLimiter(limits);
    let admitted = 0;
    for (let i = 0; i < 10_000; i++) if (f.admit('bad packets', `10.0.${i >> 8}.${i & 255}`, 0)) admitted++;
    expect(f.tracked).toBe(5);
    expect(admitted).toBe(4 + 3);
    const summaries = f.drain();
    expect(summaries).toEqual([{ kind: 'bad packets', source: OTHER_SOURCES, count: 10_000 - 7, windowMs: 10_000 }]);
  });
});

describe('createFloodLog', () => {
  afterEach(() => vi.useRealTimers());

  it('writes the burst, then one summary line once the window has passed', () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    let now = 0;
    const log = createFloodLog((l) => lines.push(l), 'trap receiver: ', limits, () => now);
    for (let i = 0; i < 10_002; i++) log.line('bad packets', '127.0.0.1', `trap receiver: bad packet ${i}`);
    expect(lines).toHaveLength(3);
    now = 10_000;
    vi.advanceTimersByTime(1000);
    expect(lines[3]).toBe('trap receiver: … and 9,999 more bad packets from 127.0.0.1 in the last 10 s');
    expect(lines).toHaveLength(4);
    log.close();
  });

  it('close() writes what is pending', () => {
    const lines: string[] = [];
    const log = createFloodLog((l) => lines.push(l), '', limits, () => 0);
    for (let i = 0; i < 5; i++) log.line('bad packets', 'x', 'line');
    log.close();
    expect(lines.at(-1)).toBe(summaryLine('', { kind: 'bad packets', source: 'x', count: 2, windowMs: 10_000 }));
  });
});
