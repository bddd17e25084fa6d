import { describe, expect, it } from 'vitest';
import { createRateLimitedLog } from '../../../electron/engine/log/rate-limited-log.js';

function harness(options: { burst?: number; maxKeys?: number } = {}) {
  const lines: string[] = [];
  let t = 0;
  const log = createRateLimitedLog({ windowMs: 10_000, write: (l) => lines.push(l), now: () => t, ...options });
  return { lines, log, advance: (ms: number) => (t += ms) };
}

describe('rate-limited log', () => {
  it('writes the first line of a window and one summary for the rest', () => {
    const h = harness();
    for (let i = 0; i < 10_000; i++) h.log.warn('bad packets', '127.0.0.1', `bad packet ${i}`);
    expect(h.lines).toEqual(['bad packet 0']);
    h.advance(10_000);
    h.log.warn('bad packets', '127.0.0.1', 'bad packet next');
    expect(h.lines).toEqual(['bad packet 0', 'bridgepoint: … and 9,999 more bad packets from 127.0.0.1 in the last 10 s', 'bad packet next']);
  });

  it('counts each source and kind apart', () => {
    const h = harness();
    h.log.warn('bad packets', 'a', 'a1');
    h.log.warn('bad packets', 'a', 'a2');
    h.log.warn('bad packets', 'b', 'b1');
    h.log.warn('refused traps', 'a', 'r1');
    h.log.flush();
    expect(h.lines).toEqual(['a1', 'b1', 'r1', 'bridgepoint: … and 1 more bad packets from a in the last 10 s']);
  });

  it('bounds the sources it tracks: the rest fold into "other sources" and write nothing of their own', () => {
    const h = harness({ maxKeys: 3 });
    for (let i = 0; i < 1000; i++) h.log.warn('bad packets', `10.0.0.${i}`, `from ${i}`);
    expect(h.lines).toHaveLength(3);
    h.log.close();
    expect(h.lines.at(-1)).toBe('bridgepoint: … and 997 more bad packets from other sources in the last 10 s');
  });

  it('lets a burst through before counting', () => {
    const h = harness({ burst: 3 });
    for (let i = 0; i < 5; i++) h.log.warn('k', 's', `m${i}`);
    h.log.flush();
    expect(h.lines).toEqual(['m0', 'm1', 'm2', 'bridgepoint: … and 2 more k from s in the last 10 s']);
  });

  it('says nothing at the end of a quiet window', () => {
    const h = harness();
    h.log.warn('k', 's', 'only');
    h.advance(20_000);
    h.log.flush();
    expect(h.lines).toEqual(['only']);
  });
});
