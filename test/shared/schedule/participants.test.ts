import { describe, expect, it } from 'vitest';
import { toNetworkView, validateInventory } from '../../../shared/inventory';
import type { Participants } from '../../../shared/schedule/meeting';
import { describeGroup, expandParticipants, groupMembers, meetingSiteIds, siteDirectory, siteDirectoryFromInventory } from '../../../shared/schedule/participants';
import { directory, testInventory } from './fixtures';

const dir = directory();
const sel = (p: Partial<Participants>): Participants => ({ sites: [], groups: [], ...p });

describe('site directory', () => {
  it('is the same built from the inventory or from the network view the renderer has', () => {
    const inv = testInventory();
    const a = siteDirectoryFromInventory(inv);
    const b = siteDirectory(toNetworkView(inv));
    expect(b.sites).toEqual(a.sites);
    expect(a.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(a.byId.get('na-ri-kim-hy')).toEqual({ id: 'na-ri-kim-hy', name: 'UBND xã kim-hy', tier: 'commune', district: 'na-ri' });
    // Resolved through districtResolver: a district is its own district, a province site has none.
    expect(a.byId.get('na-ri')!.district).toBe('na-ri');
    expect(a.byId.get('ubnd-tinh')!.district).toBeNull();
  });
});

describe('expandParticipants', () => {
  it('"all communes of district X" is the lower tiers of X, not the district hall, not other districts', () => {
    expect(expandParticipants(sel({ groups: [{ type: 'district-communes', district: 'ba-be' }] }), dir).siteIds).toEqual([
      'ba-be-cho-ra',
      'ba-be-nam-mau',
      'ba-be-khang-ninh',
      'truong-ba-be', // filed under Ba Bể by its district field, with no parent
    ]);
  });

  it('a tier group and all-sites', () => {
    expect(expandParticipants(sel({ groups: [{ type: 'tier', tier: 'district' }] }), dir).siteIds).toEqual(['ba-be', 'na-ri', 'cho-don']);
    expect(expandParticipants(sel({ groups: [{ type: 'all-sites' }] }), dir).siteIds).toHaveLength(16);
  });

  it('merges explicit sites with groups, once each, in inventory order', () => {
    const r = expandParticipants(sel({ sites: ['na-ri-kim-hy', 'ba-be-cho-ra', 'ubnd-tinh'], groups: [{ type: 'district-communes', district: 'na-ri' }] }), dir);
    expect(r.siteIds).toEqual(['ubnd-tinh', 'ba-be-cho-ra', 'na-ri-kim-hy', 'na-ri-yen-lac', 'na-ri-luong-thuong']);
    expect(r).toMatchObject({ unknownSiteIds: [], unknownGroups: [], emptyGroups: [] });
  });

  it('reports unknown sites, unknown districts and tiers, and groups with no sites', () => {
    const r = expandParticipants(
      sel({
        sites: ['ba-be', 'pac-nam', 'ngan-son'],
        groups: [
          { type: 'district-communes', district: 'pac-nam' },
          { type: 'tier', tier: 'ward' },
          { type: 'district-communes', district: 'ba-be-cho-ra' },
        ],
      }),
      dir,
    );
    expect(r.siteIds).toEqual(['ba-be']);
    expect(r.unknownSiteIds).toEqual(['pac-nam', 'ngan-son']);
    expect(r.unknownGroups).toEqual([
      { type: 'district-communes', district: 'pac-nam' },
      { type: 'tier', tier: 'ward' },
    ]);
    // A commune has no lower tier: the group is known but stands for no site.
    expect(r.emptyGroups).toEqual([{ type: 'district-communes', district: 'ba-be-cho-ra' }]);
  });

  it('works on a two-tier network (province, commune), where tiers are data', () => {
    const r = validateInventory({
      name: 'Sau sáp nhập',
      tiers: ['province', 'commune'],
      sites: [
        { id: 'ubnd-tinh', name: 'UBND tỉnh', tier: 'province' },
        { id: 'xa-a', name: 'Xã A', tier: 'commune', parent: 'ubnd-tinh' },
        { id: 'xa-b', name: 'Xã B', tier: 'commune', parent: 'ubnd-tinh' },
      ],
    });
    if (!r.ok) throw new Error('invalid');
    const two = siteDirectoryFromInventory(r.inventory);
    expect(groupMembers({ type: 'tier', tier: 'commune' }, two)!.map((s) => s.id)).toEqual(['xa-a', 'xa-b']);
    expect(groupMembers({ type: 'tier', tier: 'district' }, two)).toBeNull();
    expect(groupMembers({ type: 'district-communes', district: 'ubnd-tinh' }, two)).toEqual([]);
  });

  it('a meeting occupies its participants and its host site', () => {
    const sites = meetingSiteIds({ hostSiteId: 'so-tttt', participants: sel({ groups: [{ type: 'tier', tier: 'district' }] }) }, dir);
    expect([...sites].sort()).toEqual(['ba-be', 'cho-don', 'na-ri', 'so-tttt']);
    expect(meetingSiteIds({ hostSiteId: 'ba-be', participants: sel({ sites: ['ba-be'] }) }, dir).size).toBe(1);
    expect(meetingSiteIds({ hostSiteId: 'nowhere', participants: sel({ sites: ['ba-be'] }) }, dir).size).toBe(1);
  });

  it('describes groups for messages', () => {
    expect(describeGroup({ type: 'district-communes', district: 'ba-be' }, dir)).toBe('all communes of UBND huyện Ba Bể');
    expect(describeGroup({ type: 'district-communes', district: 'x' }, dir)).toBe('all communes of "x"');
    expect(describeGroup({ type: 'tier', tier: 'district' })).toBe('all sites of tier "district"');
  });
});
