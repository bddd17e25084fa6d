import { describe, expect, it } from 'vitest';
import { buildTiers, filterTiers, navItems } from '../../renderer/features/topology/tree-model.js';
import { clockParts, formatAge, formatDateTime, zoneLabel } from '../../renderer/i18n/format.js';
import { NETWORK, TWO_TIER } from './fixtures.js';

describe('tree model', () => {
  it('follows the network tiers and groups by district only below the district tier', () => {
    const tiers = buildTiers(NETWORK);
    expect(tiers.map((t) => t.tier)).toEqual(['province', 'district', 'commune']);
    expect(tiers[0]!.groups.map((g) => g.label)).toEqual([null]);
    expect(tiers[1]!.groups.map((g) => g.label)).toEqual([null]);
    expect(tiers[2]!.groups.map((g) => [g.label, g.sites.map((s) => s.id)])).toEqual([
      ['UBND huyện Ba Bể', ['ba-be-cho-ra', 'ba-be-nam-mau']],
      ['UBND huyện Chợ Đồn', ['cho-don-bang-lung']],
    ]);
    expect(tiers[2]!.endpointIds).toEqual(['ba-be-cho-ra-1', 'ba-be-nam-mau-1', 'cho-don-bang-lung-1']);
  });

  it('gives a site on an unlisted tier its own section rather than losing it', () => {
    const tiers = buildTiers({ ...TWO_TIER, sites: [...TWO_TIER.sites, { ...TWO_TIER.sites[1]!, id: 'x', tier: 'kiosk' }] });
    expect(tiers.map((t) => t.tier)).toEqual(['hq', 'branch', 'kiosk']);
  });

  it('lists focusable rows in order, skipping sites of folded districts unless filtering', () => {
    const tiers = buildTiers(NETWORK);
    const keys = (c: Set<string>, f: boolean) => navItems(tiers, c, f).map((i) => i.key);
    expect(keys(new Set(), false)).toEqual([
      'site:ubnd-tinh', 'site:so-tttt', 'site:ba-be', 'site:cho-don',
      'group:commune/ba-be', 'site:ba-be-cho-ra', 'site:ba-be-nam-mau',
      'group:commune/cho-don', 'site:cho-don-bang-lung',
    ]);
    expect(keys(new Set(['commune/ba-be']), false)).not.toContain('site:ba-be-cho-ra');
    expect(keys(new Set(['commune/ba-be']), true)).toContain('site:ba-be-cho-ra');
  });

  it('filters by name with diacritics folded and drops empty groups', () => {
    const shown = filterTiers(buildTiers(NETWORK), 'bang lung');
    expect(shown.map((t) => t.groups.flatMap((g) => g.sites.map((s) => s.id)))).toEqual([[], [], ['cho-don-bang-lung']]);
    expect(shown[2]!.groups.map((g) => g.key)).toEqual(['commune/cho-don']);
    expect(shown[2]!.sites).toHaveLength(3); // counters still see the whole tier
  });
});

describe('formats', () => {
  const t = ((key: string, o?: { n?: number }) => `${key}:${o?.n ?? ''}`) as never;

  it('writes times 24-hour, dd/MM/yyyy, in the inventory time zone', () => {
    const at = Date.parse('2025-01-05T17:04:09Z');
    expect(clockParts(at, 'Asia/Ho_Chi_Minh')).toEqual({ time: '00:04:09', date: '06/01/2025' });
    expect(formatDateTime('2025-01-05T17:04:09Z', 'Asia/Ho_Chi_Minh')).toBe('00:04:09 06/01/2025');
    expect(formatDateTime(null, 'Asia/Ho_Chi_Minh')).toBeNull();
    expect(zoneLabel('Asia/Ho_Chi_Minh')).toBe('ICT');
  });

  it('gives ages in s, min, h, d, and "never" for no time', () => {
    const now = Date.parse('2025-01-05T12:00:00Z');
    const ago = (s: number) => new Date(now - s * 1000).toISOString();
    expect(formatAge(ago(4), now, t)).toBe('age.s:4');
    expect(formatAge(ago(119), now, t)).toBe('age.s:119');
    expect(formatAge(ago(600), now, t)).toBe('age.min:10');
    expect(formatAge(ago(3 * 3600), now, t)).toBe('age.h:3');
    expect(formatAge(ago(3 * 86400), now, t)).toBe('age.d:3');
    expect(formatAge(ago(-5), now, t)).toBe('age.s:0'); // clock skew: not in the future
    expect(formatAge(null, now, t)).toBe('age.never:');
  });
});
