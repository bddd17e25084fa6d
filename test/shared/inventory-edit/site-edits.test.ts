import { describe, expect, it } from 'vitest';
import { toNetworkView, type Inventory } from '../../../shared/inventory.js';
import { applyInventoryEdit, type EditOutcome } from '../../../shared/inventory-edit/apply-edit.js';
import type { InventoryEdit } from '../../../shared/inventory-edit/edit-api.js';
import { checkEdit } from '../../../shared/inventory-edit/edit-rules.js';
import { commune, PROFILES, province } from './fixture.js';

const apply = (edit: InventoryEdit, inv: Inventory = province()) => applyInventoryEdit(inv, edit, PROFILES);
const problems = (o: EditOutcome) => (o.ok ? [] : o.problems.map((p) => ({ code: p.code, field: p.field, params: p.params })));
const next = (o: EditOutcome): Inventory => {
  if (!o.ok) throw new Error(JSON.stringify(o.problems));
  return o.inventory;
};
const site = (inv: Inventory, id: string) => inv.sites.find((s) => s.id === id);

describe('inventory editor: sites', () => {
  it('adds a commune under a district, leaving the inventory it was given as it was', () => {
    const before = province();
    const after = next(apply({ op: 'addSite', id: 'moi', parent: 'ba-be', site: commune() }, before));
    expect(site(after, 'moi')).toEqual({ id: 'moi', name: 'UBND xã Mới', tier: 'commune', parent: 'ba-be', endpoints: [] });
    expect(before.sites).toHaveLength(6);
    expect(after.sites).toHaveLength(7);
  });

  it('refuses an id already used, naming the site that has it', () => {
    expect(problems(apply({ op: 'addSite', id: 'cho-ra', parent: 'ba-be', site: commune() }))).toEqual([{ code: 'duplicate_id', field: 'id', params: { id: 'cho-ra', name: 'UBND xã Chợ Rã' } }]);
  });

  it('words each field the schema rejects under that field, never a JSON path', () => {
    const out = problems(apply({ op: 'addSite', id: 'Xã Mới', parent: 'ba-be', site: commune({ name: '', tier: 'commune', district: 'a\nb' }) }));
    expect(out).toEqual([
      { code: 'invalid_id', field: 'id', params: { value: 'Xã Mới' } },
      { code: 'missing_value', field: 'name', params: {} },
      { code: 'invalid_text', field: 'district', params: {} },
    ]);
  });

  it('refuses an unknown tier, an unknown parent and a parent not above the site', () => {
    expect(problems(apply({ op: 'addSite', id: 'moi', parent: 'ba-be', site: commune({ tier: 'thon' }) }))).toEqual([
      { code: 'unknown_tier', field: 'tier', params: { value: 'thon', tiers: 'province, district, commune' } },
    ]);
    expect(problems(apply({ op: 'addSite', id: 'moi', parent: 'khong-co', site: commune() }))).toEqual([{ code: 'unknown_parent', field: 'parent', params: { value: 'khong-co' } }]);
    expect(problems(apply({ op: 'addSite', id: 'moi', parent: 'cho-ra', site: commune() }))).toEqual([
      { code: 'parent_not_above', field: 'parent', params: { parent: 'UBND xã Chợ Rã', parentTier: 'commune', tier: 'commune' } },
    ]);
  });

  it('edits a site keeping its id, parent and codecs; a null district clears it', () => {
    const after = next(apply({ op: 'updateSite', id: 'na-ri', site: { name: 'UBND huyện Na Rì (mới)', tier: 'district', district: null } }));
    expect(site(after, 'na-ri')).toEqual({ id: 'na-ri', name: 'UBND huyện Na Rì (mới)', tier: 'district', parent: 'tinh', endpoints: [] });
    const codecs = next(apply({ op: 'updateSite', id: 'cho-ra', site: { name: 'Xã Chợ Rã', tier: 'commune', district: 'Ba Bể' } }));
    expect(site(codecs, 'cho-ra')?.endpoints.map((e) => e.id)).toEqual(['cho-ra-1', 'cho-ra-2']);
    expect(site(codecs, 'cho-ra')?.district).toBe('Ba Bể');
  });

  it('refuses a tier that would put a site level with its parent or its children', () => {
    expect(problems(apply({ op: 'updateSite', id: 'ba-be', site: { name: 'Ba Bể', tier: 'commune', district: null } }))).toEqual([
      { code: 'child_not_below', field: 'tier', params: { child: 'UBND xã Chợ Rã', childTier: 'commune', tier: 'commune' } },
    ]);
    expect(problems(apply({ op: 'updateSite', id: 'cho-ra', site: { name: 'Chợ Rã', tier: 'district', district: null } }))).toEqual([
      { code: 'parent_not_above', field: 'tier', params: { parent: 'UBND huyện Ba Bể', parentTier: 'district', tier: 'district' } },
    ]);
    expect(problems(apply({ op: 'updateSite', id: 'khong-co', site: commune() }))).toEqual([{ code: 'unknown_site', field: null, params: { id: 'khong-co' } }]);
  });

  it('moves a commune to another district, with its codecs', () => {
    const after = next(apply({ op: 'moveSite', id: 'cho-ra', parent: 'na-ri' }));
    expect(site(after, 'cho-ra')?.parent).toBe('na-ri');
    expect(site(after, 'cho-ra')?.endpoints).toHaveLength(2);
  });

  it('refuses a move that would make a cycle, one to where it is, and one under its own tier', () => {
    const inv = next(apply({ op: 'moveSite', id: 'ba-be', parent: null }));
    expect(problems(apply({ op: 'moveSite', id: 'ba-be', parent: 'cho-ra' }, inv))).toEqual([
      { code: 'move_cycle', field: 'parent', params: { site: 'UBND huyện Ba Bể', parent: 'UBND xã Chợ Rã' } },
    ]);
    expect(problems(apply({ op: 'moveSite', id: 'ba-be', parent: 'ba-be' }, inv))).toEqual([{ code: 'move_cycle', field: 'parent', params: { site: 'UBND huyện Ba Bể', parent: 'UBND huyện Ba Bể' } }]);
    expect(problems(apply({ op: 'moveSite', id: 'cho-ra', parent: 'ba-be' }))).toEqual([{ code: 'same_place', field: 'parent', params: { name: 'UBND xã Chợ Rã' } }]);
    expect(problems(apply({ op: 'moveSite', id: 'cho-ra', parent: 'kim-hy' }))).toEqual([
      { code: 'parent_not_above', field: 'parent', params: { parent: 'UBND xã Kim Hỷ', parentTier: 'commune', tier: 'commune' } },
    ]);
  });

  it('refuses to delete a site with child sites, naming them', () => {
    expect(problems(apply({ op: 'deleteSite', id: 'ba-be', endpoints: 0 }))).toEqual([
      { code: 'has_child_sites', field: null, params: { site: 'UBND huyện Ba Bể', count: 2, names: 'UBND xã Chợ Rã, UBND xã Địa Linh' } },
    ]);
  });

  it('deletes a site with codecs only when told how many go with it', () => {
    expect(problems(apply({ op: 'deleteSite', id: 'cho-ra', endpoints: 0 }))).toEqual([{ code: 'has_endpoints', field: null, params: { site: 'UBND xã Chợ Rã', count: 2 } }]);
    const after = next(apply({ op: 'deleteSite', id: 'cho-ra', endpoints: 2 }));
    expect(site(after, 'cho-ra')).toBeUndefined();
    expect(after.sites.flatMap((s) => s.endpoints).map((e) => e.id)).toEqual(['tinh-1']);
    expect(site(next(apply({ op: 'deleteSite', id: 'dia-linh', endpoints: 0 })), 'dia-linh')).toBeUndefined();
  });

  it('says the same on the console network view as on the engine inventory', () => {
    const inv = province();
    const view = toNetworkView(inv);
    for (const edit of [
      { op: 'addSite', id: 'cho-ra', parent: 'cho-ra', site: commune({ tier: 'x' }) },
      { op: 'moveSite', id: 'ba-be', parent: 'dia-linh' },
      { op: 'deleteSite', id: 'ba-be', endpoints: 0 },
      { op: 'deleteSite', id: 'cho-ra', endpoints: 1 },
    ] satisfies InventoryEdit[]) {
      expect(checkEdit(view, edit, { profiles: null })).toEqual(apply(edit, inv).ok ? [] : (apply(edit, inv) as { problems: unknown }).problems);
    }
  });
});
