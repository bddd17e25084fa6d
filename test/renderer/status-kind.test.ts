import { describe, expect, it } from 'vitest';
import { unknownStatus } from '../../shared/status.js';
import { statusKind } from '../../renderer/theme/status-kind.js';

const s = (patch: Partial<ReturnType<typeof unknownStatus>>) => ({ ...unknownStatus('e', 's'), ...patch });

describe('statusKind', () => {
  it('keeps a fresh down or unreachable verdict even when the values are stale', () => {
    expect(statusKind(s({ reachability: 'down', stale: true }))).toBe('down');
    expect(statusKind(s({ reachability: 'unreachable', stale: true }))).toBe('unreachable');
  });
  it('draws an up endpoint with old values as stale, never as current', () => {
    expect(statusKind(s({ reachability: 'up', stale: true, degraded: true }))).toBe('stale');
  });
  it('draws up and degraded as degraded, and nothing known as unknown', () => {
    expect(statusKind(s({ reachability: 'up', degraded: true }))).toBe('degraded');
    expect(statusKind(s({ reachability: 'up' }))).toBe('up');
    expect(statusKind(undefined)).toBe('unknown');
  });
});
