import { describe, expect, it } from 'vitest';
import { F_IN_CALL, F_MUTED, K_UP, kindCode, KIND_CODES, L_BAD, L_CUT, L_NONE, L_OK, L_WARN, linkHealth, K_DOWN, K_DEGRADED, K_STALE, K_UNKNOWN, K_UNREACHABLE } from '../../renderer/features/map/map-status.js';
import { KIND_MARKS, LINK_MARKS, nodeLook, PALETTE_TOKENS } from '../../renderer/features/map/map-style.js';
import { statusKind } from '../../renderer/theme/status-kind.js';
import { status, up } from './fixtures.js';
import { ago } from './dom-setup.js';

describe('map marks: colour always with a second cue', () => {
  it('gives every drawn kind its own shape and a palette colour', () => {
    expect(KIND_MARKS).toEqual({
      up: { shape: 'circle', colour: '--bp-st-up', attention: false },
      unknown: { shape: 'ring', colour: '--bp-st-unknown', attention: false },
      unreachable: { shape: 'dashed-ring', colour: '--bp-st-unreachable', attention: false },
      degraded: { shape: 'diamond', colour: '--bp-st-degraded', attention: true },
      stale: { shape: 'hatched', colour: '--bp-st-stale', attention: true },
      down: { shape: 'triangle', colour: '--bp-st-down', attention: true },
    });
    const shapes = Object.values(KIND_MARKS).map((m) => m.shape);
    expect(new Set(shapes).size).toBe(shapes.length);
    for (const m of Object.values(KIND_MARKS)) expect(PALETTE_TOKENS).toContain(m.colour);
  });

  it('maps each status to the kind the rest of the console uses', () => {
    const cases = [
      up('e', 's', ago(1)),
      up('e', 's', ago(1), { degraded: true }),
      up('e', 's', ago(1), { stale: true }),
      up('e', 's', ago(1), { stale: true, degraded: true }),
      status('e', 's', { reachability: 'down' }),
      status('e', 's', { reachability: 'unreachable' }),
      status('e', 's', { reachability: 'unknown' }),
      undefined,
    ];
    for (const s of cases) expect(KIND_CODES[kindCode(s)]).toBe(statusKind(s));
    expect(kindCode(status('e', 's', { reachability: 'down', stale: true }))).toBe(K_DOWN);
  });

  it('adds an outer ring in a call and a slash when muted', () => {
    expect(nodeLook(K_UP, 0)).toMatchObject({ kind: 'up', inCallRing: false, muteSlash: false });
    expect(nodeLook(K_UP, F_IN_CALL)).toMatchObject({ kind: 'up', inCallRing: true, muteSlash: false });
    expect(nodeLook(K_DEGRADED, F_IN_CALL | F_MUTED)).toMatchObject({ kind: 'degraded', inCallRing: true, muteSlash: true, mark: { shape: 'diamond' } });
    for (const [code, shape] of [
      [K_DOWN, 'triangle'],
      [K_STALE, 'hatched'],
      [K_UNREACHABLE, 'dashed-ring'],
      [K_UNKNOWN, 'ring'],
    ] as const)
      expect(nodeLook(code, 0).mark.shape).toBe(shape);
  });

  it('colours links by the loss and jitter of the child, with width and dash as the second cue', () => {
    expect(linkHealth(K_UP, null, null)).toBe(L_NONE);
    expect(linkHealth(K_UP, 0.2, 10)).toBe(L_OK);
    expect(linkHealth(K_UP, 1, 35)).toBe(L_OK); // exactly the threshold is not degraded
    expect(linkHealth(K_DEGRADED, 2.3, null)).toBe(L_WARN);
    expect(linkHealth(K_DEGRADED, null, 60)).toBe(L_WARN);
    expect(linkHealth(K_DEGRADED, 8, 12)).toBe(L_BAD);
    expect(linkHealth(K_DEGRADED, 0, 200)).toBe(L_BAD);
    expect(linkHealth(K_DOWN, 50, 50)).toBe(L_CUT);
    expect(linkHealth(K_UNREACHABLE, null, null)).toBe(L_CUT);
    expect(linkHealth(K_STALE, 9, 9)).toBe(L_NONE); // old numbers are not drawn as current
    const ok = LINK_MARKS[L_OK]!;
    for (const code of [L_WARN, L_BAD, L_CUT]) {
      const m = LINK_MARKS[code]!;
      expect(m.width !== ok.width || m.dash.length > 0, `link ${code} differs by more than colour`).toBe(true);
    }
  });
});
