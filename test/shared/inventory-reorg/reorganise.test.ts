import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InventorySchema, validateInventory, type Inventory } from '../../../shared/inventory';
import { mergeSites, moveSites, removeTier, reorganise, type ReorgResult } from '../../../shared/inventory-reorg/reorganise';
import { ReorgOperationSchema } from '../../../shared/inventory-reorg/reorg-api';
import { scopeLosses } from '../../../shared/inventory-reorg/scope-loss';

const ep = (id: string) => ({ id, name: id, host: '127.0.0.1', port: 161, profile: 'generic-mib2', snmp: { version: '2c' as const, community: 'public' } });
const site = (id: string, tier: string, parent?: string, endpoints: string[] = [`${id}-1`]) => ({ id, name: id.toUpperCase(), tier, ...(parent ? { parent } : {}), endpoints: endpoints.map(ep) });

/** A province, two districts with two communes each, and a hamlet under one commune. */
function province(): Inventory {
  return InventorySchema.parse({
    name: 'Test',
    tiers: ['province', 'district', 'commune', 'hamlet'],
    sites: [
      site('p', 'province'),
      site('d1', 'district', 'p'),
      site('d2', 'district', 'p', ['d2-1', 'd2-2']),
      site('c11', 'commune', 'd1'),
      site('c12', 'commune', 'd1'),
      site('c21', 'commune', 'd2'),
      site('c22', 'commune', 'd2', []),
      site('h1', 'hamlet', 'c21'),
    ],
  });
}

const ok = (r: ReorgResult): Inventory => {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const v = validateInventory(JSON.parse(JSON.stringify(r.inventory)));
  if (!v.ok) throw new Error(`not a valid inventory: ${JSON.stringify(v.issues)}`);
  return r.inventory;
};
const problems = (r: ReorgResult) => (r.ok ? [] : r.problems);
const parents = (inv: Inventory) => Object.fromEntries(inv.sites.map((s) => [s.id, s.parent ?? null]));
const codecs = (inv: Inventory) => Object.fromEntries(inv.sites.map((s) => [s.id, s.endpoints.map((e) => e.id)]));
const allEndpointIds = (inv: Inventory) => inv.sites.flatMap((s) => s.endpoints.map((e) => e.id)).sort();

describe('mergeSites', () => {
  it('moves the sources’ children and codecs to the target and removes the sources', () => {
    const before = province();
    const after = ok(mergeSites(before, ['d2'], 'd1'));
    expect(after.sites.map((s) => s.id)).toEqual(['p', 'd1', 'c11', 'c12', 'c21', 'c22', 'h1']);
    expect(parents(after)).toMatchObject({ c21: 'd1', c22: 'd1', h1: 'c21', d1: 'p' });
    expect(codecs(after)['d1']).toEqual(['d1-1', 'd2-1', 'd2-2']);
    // Every codec survives with its id (history and alarms stay attached).
    expect(allEndpointIds(after)).toEqual(allEndpointIds(before));
  });

  it('never changes the inventory it was given', () => {
    const before = province();
    const copy = structuredClone(before);
    ok(mergeSites(before, ['d2'], 'd1'));
    expect(before).toEqual(copy);
  });

  it('takes several sources at once, their codecs in the order given', () => {
    const after = ok(mergeSites(province(), ['c22', 'c12', 'c21'], 'c11'));
    expect(after.sites.filter((s) => s.tier === 'commune').map((s) => s.id)).toEqual(['c11']);
    expect(codecs(after)['c11']).toEqual(['c11-1', 'c12-1', 'c21-1']);
    expect(parents(after)['h1']).toBe('c11');
  });

  it('refuses unknown sites, repeats, the target among the sources and another tier, all at once', () => {
    expect(problems(mergeSites(province(), ['nope', 'c11', 'c11', 'd1'], 'd2'))).toEqual([
      { code: 'unknown_site', params: { site: 'nope' } },
      { code: 'duplicate_site', params: { site: 'c11' } },
      { code: 'wrong_tier', params: { site: 'c11', tier: 'commune', expected: 'district' } },
    ]);
    expect(problems(mergeSites(province(), ['d1', 'd2'], 'd2'))).toEqual([{ code: 'target_in_sources', params: { site: 'd2' } }]);
    expect(problems(mergeSites(province(), ['d1'], 'x'))).toEqual([{ code: 'unknown_site', params: { site: 'x' } }]);
  });
});

describe('moveSites', () => {
  it('moves communes with their subtrees and codecs to another district', () => {
    const after = ok(moveSites(province(), ['c21', 'c22'], 'd1'));
    expect(parents(after)).toMatchObject({ c21: 'd1', c22: 'd1', h1: 'c21' });
    expect(codecs(after)).toEqual(codecs(province()));
  });

  it('may move a site to any tier above it (a commune straight under the province)', () => {
    expect(parents(ok(moveSites(province(), ['c11'], 'p')))['c11']).toBe('p');
  });

  it('refuses a parent inside the moved set, inside a moved subtree, or not above', () => {
    expect(problems(moveSites(province(), ['c21', 'd1'], 'd1'))).toEqual([{ code: 'parent_in_selection', params: { site: 'd1' } }]);
    expect(problems(moveSites(province(), ['d2'], 'h1'))).toEqual([
      { code: 'cycle', params: { site: 'd2', parent: 'h1' } },
      { code: 'parent_not_above', params: { site: 'd2', tier: 'district', parent: 'h1', parentTier: 'hamlet' } },
    ]);
    expect(problems(moveSites(province(), ['c11'], 'c21'))).toEqual([{ code: 'parent_not_above', params: { site: 'c11', tier: 'commune', parent: 'c21', parentTier: 'commune' } }]);
    expect(problems(moveSites(province(), ['zz', 'c11'], 'qq'))).toEqual([
      { code: 'unknown_site', params: { site: 'zz' } },
      { code: 'unknown_site', params: { site: 'qq' } },
    ]);
  });
});

describe('removeTier', () => {
  it('removes every site of the tier in one step: children to the grandparent, codecs to the parent', () => {
    const before = province();
    const after = ok(removeTier(before, 'district'));
    expect(after.tiers).toEqual(['province', 'commune', 'hamlet']);
    expect(after.sites.map((s) => s.id)).toEqual(['p', 'c11', 'c12', 'c21', 'c22', 'h1']);
    expect(parents(after)).toEqual({ p: null, c11: 'p', c12: 'p', c21: 'p', c22: 'p', h1: 'c21' });
    expect(codecs(after)['p']).toEqual(['p-1', 'd1-1', 'd2-1', 'd2-2']);
    expect(allEndpointIds(after)).toEqual(allEndpointIds(before));
  });

  it('removes a middle tier below the district too (hamlets go straight under the district)', () => {
    const after = ok(removeTier(province(), 'commune'));
    expect(parents(after)['h1']).toBe('d2');
    expect(codecs(after)['d2']).toEqual(['d2-1', 'd2-2', 'c21-1']);
    expect(codecs(after)['d1']).toEqual(['d1-1', 'c11-1', 'c12-1']);
  });

  it('removes the bottom tier, its codecs to their parents', () => {
    const after = ok(removeTier(province(), 'hamlet'));
    expect(after.tiers).toEqual(['province', 'district', 'commune']);
    expect(codecs(after)['c21']).toEqual(['c21-1', 'h1-1']);
  });

  it('refuses an unknown tier, the top tier and the only tier', () => {
    expect(problems(removeTier(province(), 'ward'))).toEqual([{ code: 'unknown_tier', params: { tier: 'ward' } }]);
    expect(problems(removeTier(province(), 'province'))).toEqual([{ code: 'top_tier', params: { tier: 'province' } }]);
    const one = InventorySchema.parse({ name: 'x', tiers: ['site'], sites: [site('a', 'site')] });
    expect(problems(removeTier(one, 'site'))).toEqual([{ code: 'last_tier', params: { tier: 'site' } }]);
  });

  it('refuses to orphan the codecs of a site of the tier that has no parent', () => {
    const inv = province();
    const loose = { ...inv, sites: [...inv.sites, site('d9', 'district')] };
    expect(problems(removeTier(loose, 'district'))).toEqual([{ code: 'codecs_without_parent', params: { site: 'd9', count: 1 } }]);
    // Without codecs a parentless site simply goes, and its children become roots.
    const empty = { ...inv, sites: [...inv.sites, site('d9', 'district', undefined, []), site('c91', 'commune', 'd9')] };
    expect(parents(ok(removeTier(empty, 'district')))['c91']).toBeNull();
  });
});

describe('two tiers: the 2025 reform on the Bắc Kạn demo', () => {
  const demo = validateInventory(JSON.parse(readFileSync(new URL('../../../assets/inventory/bac-kan.json', import.meta.url), 'utf8')));
  if (!demo.ok) throw new Error('demo invalid');
  const before = demo.inventory;

  it('districts removed: a valid two-tier inventory, every site and codec id that survives unchanged', () => {
    const after = ok(removeTier(before, 'district'));
    expect(after.tiers).toEqual(['province', 'commune']);
    expect(after.sites.filter((s) => s.tier === 'commune')).toHaveLength(108);
    expect(after.sites.every((s) => s.tier !== 'commune' || s.parent === 'ubnd-tinh')).toBe(true);
    expect(allEndpointIds(after)).toEqual(allEndpointIds(before));
    const survivors = new Map(before.sites.map((s) => [s.id, s]));
    for (const s of after.sites) expect(survivors.get(s.id)?.name).toBe(s.name);
  });

  it('then communes merged (the operation on two tiers), still valid', () => {
    const two = ok(removeTier(before, 'district'));
    const after = ok(reorganise(two, { kind: 'merge', sources: ['bac-kan-phung-chi-kien', 'bac-kan-xuat-hoa'], target: 'bac-kan-duc-xuan' }));
    expect(after.sites).toHaveLength(two.sites.length - 2);
    expect(codecs(after)['bac-kan-duc-xuan']).toEqual(['bac-kan-duc-xuan-1', 'bac-kan-phung-chi-kien-1', 'bac-kan-xuat-hoa-1']);
  });
});

describe('ReorgOperationSchema', () => {
  it('takes the three operations and refuses anything else', () => {
    expect(ReorgOperationSchema.safeParse({ kind: 'removeTier', tier: 'district' }).success).toBe(true);
    expect(ReorgOperationSchema.safeParse({ kind: 'merge', sources: [], target: 'a' }).success).toBe(false);
    expect(ReorgOperationSchema.safeParse({ kind: 'move', sites: ['a'], parent: 'b', extra: 1 }).success).toBe(false);
    expect(ReorgOperationSchema.safeParse({ kind: 'split' }).success).toBe(false);
  });
});

describe('scopeLosses', () => {
  it('names the scoped accounts that would lose sites of their scope, and only the ids that go', () => {
    const before = province();
    const after = ok(removeTier(before, 'district'));
    const accounts = [
      { user: 'giamsat-d1', scope: ['d1'] },
      { user: 'giamsat-mixed', scope: ['c11', 'd2', 'unknown'] },
      { user: 'giamsat-c', scope: ['c21'] },
    ];
    expect(scopeLosses(accounts, before, after)).toEqual([
      { user: 'giamsat-d1', lost: ['d1'] },
      { user: 'giamsat-mixed', lost: ['d2'] },
    ]);
    expect(scopeLosses(accounts, before, ok(moveSites(before, ['c21'], 'd1')))).toEqual([]);
  });
});
