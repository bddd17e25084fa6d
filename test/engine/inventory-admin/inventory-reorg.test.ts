import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../../electron/engine/engine.js';
import type { ReorgPreview } from '../../../shared/inventory-reorg/reorg-api.js';
import type { NetworkView } from '../../../shared/inventory.js';
import type { Identity } from '../../../shared/roles.js';
import { smallInventory, writeInventory } from '../../fixtures/inventory.js';
import { err, ok } from '../accounts/helpers.js';

/**
 * Reorganising the network through the engine's gate (issue 12, item 7): a preview that lists
 * problems or the change, an apply against the previewed version through the committer (the file
 * replaced, the old one kept, undo), live, with every codec's id and status kept.
 */
const TECH: Identity = { user: 'kythuat', role: 'technician' };
const OPERATOR: Identity = { user: 'dieuhanh', role: 'operator' };
const SUPERVISOR: Identity = { user: 'giamsat', role: 'supervisor', scope: ['ba-be'] };
const SCOPED_TECH: Identity = { user: 'kythuat2', role: 'technician', scope: ['ba-be'] };

let engine: Engine;
let file: string;

beforeEach(async () => {
  file = writeInventory(smallInventory());
  engine = await startEngine({ inventoryPath: file, monitoring: false, mcuDriver: null, accounts: { scryptCost: 10 } });
});
afterEach(() => engine.close());

type Applied = { sites: number; endpoints: number; savedTo: string; undoable: number; diff: { sites: { removed: { id: string }[]; moved: { ref: { id: string }; to: string | null }[] } } };

describe('inventory reorganisation', () => {
  it('removes the district tier: preview, apply live and to the file, then undo', async () => {
    const before = readFileSync(file, 'utf8');
    const operation = { kind: 'removeTier', tier: 'district' };
    const preview = ok<ReorgPreview>(await engine.call(TECH, 'previewInventoryReorganisation', { operation }));
    expect(preview.problems).toEqual([]);
    expect(preview.diff!.network).toEqual([expect.objectContaining({ field: 'tiers' })]);
    expect(preview.diff!.sites.removed.map((s) => s.id).sort()).toEqual(['ba-be', 'na-ri']);
    expect(preview.diff!.endpoints.moved.map((m) => [m.ref.id, m.to])).toEqual([
      ['ba-be-1', 'ubnd-tinh'],
      ['na-ri-1', 'ubnd-tinh'],
    ]);
    // Nothing changed yet.
    expect(ok<NetworkView>(await engine.call(TECH, 'getNetwork', {})).tiers).toEqual(['province', 'district', 'commune']);

    const applied = ok<Applied>(await engine.call(TECH, 'applyInventoryReorganisation', { operation, baseVersion: preview.baseVersion }));
    expect(applied).toMatchObject({ sites: 4, endpoints: 6, savedTo: 'file', undoable: 1 });
    const net = ok<NetworkView>(await engine.call(OPERATOR, 'getNetwork', {}));
    expect(net.tiers).toEqual(['province', 'commune']);
    expect(net.sites.filter((s) => s.tier === 'commune').map((s) => s.parent)).toEqual(['ubnd-tinh', 'ubnd-tinh', 'ubnd-tinh']);
    // The district codecs are still watched, under their old ids.
    expect(engine.status.get('ba-be-1')).toBeDefined();
    expect(JSON.parse(readFileSync(file, 'utf8')).tiers).toEqual(['province', 'commune']);
    expect(existsSync(`${file}.backups/0001.json`)).toBe(true);

    ok(await engine.call(TECH, 'undoInventoryChange', {}));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(before));
  });

  it('names the scoped supervisors who would lose their district, and leaves their accounts as they were', async () => {
    ok(await engine.call(TECH, 'createUser', { user: 'giamsat-babe', displayName: 'Giám sát Ba Bể', role: 'supervisor', scope: ['ba-be'], password: 'a-password-123' }));
    ok(await engine.call(TECH, 'createUser', { user: 'giamsat-xa', displayName: 'Giám sát xã', role: 'supervisor', scope: ['ba-be-cho-ra'], password: 'a-password-123' }));
    const preview = ok<ReorgPreview>(await engine.call(TECH, 'previewInventoryReorganisation', { operation: { kind: 'removeTier', tier: 'district' } }));
    expect(preview.scopes).toEqual([{ user: 'giamsat-babe', lost: ['ba-be'] }]);
    const users = ok<{ user: string; scope: string[] }[]>(await engine.call(TECH, 'listUsers', {}));
    expect(users.find((u) => u.user === 'giamsat-babe')!.scope).toEqual(['ba-be']);
  });

  it('lists problems in the preview and refuses to apply them, and refuses a stale preview', async () => {
    const bad = ok<ReorgPreview>(await engine.call(TECH, 'previewInventoryReorganisation', { operation: { kind: 'merge', sources: ['ba-be-cho-ra', 'nope'], target: 'na-ri' } }));
    expect(bad.diff).toBeNull();
    expect(bad.problems).toEqual([
      { code: 'unknown_site', params: { site: 'nope' } },
      { code: 'wrong_tier', params: { site: 'ba-be-cho-ra', tier: 'commune', expected: 'district' } },
    ]);
    expect(err(await engine.call(TECH, 'applyInventoryReorganisation', { operation: { kind: 'move', sites: ['na-ri'], parent: 'na-ri' }, baseVersion: bad.baseVersion }))).toMatchObject({
      code: 'bad_request',
      params: { reason: 'reorg_has_problems', count: 1 },
    });

    const operation = { kind: 'move', sites: ['na-ri-kim-hy'], parent: 'ba-be' };
    const preview = ok<ReorgPreview>(await engine.call(TECH, 'previewInventoryReorganisation', { operation }));
    ok(await engine.call(TECH, 'applyInventoryReorganisation', { operation: { kind: 'merge', sources: ['na-ri'], target: 'ba-be' }, baseVersion: preview.baseVersion }));
    expect(err(await engine.call(TECH, 'applyInventoryReorganisation', { operation, baseVersion: preview.baseVersion }))).toMatchObject({ code: 'conflict', params: { reason: 'inventory_changed' } });
    const audit = ok<{ action: string; result: string }[]>(await engine.call(TECH, 'listAudit', {}));
    expect(audit.filter((a) => a.action === 'applyInventoryReorganisation').map((a) => a.result)).toEqual(['failed', 'ok', 'failed']);
  });

  it('is a technician’s: operators, supervisors and scoped technicians are refused; bad input is refused clearly', async () => {
    const operation = { kind: 'removeTier', tier: 'district' };
    for (const who of [OPERATOR, SUPERVISOR, SCOPED_TECH]) {
      expect(err(await engine.call(who, 'previewInventoryReorganisation', { operation })).code).toBe('forbidden');
      expect(err(await engine.call(who, 'applyInventoryReorganisation', { operation, baseVersion: 'x' })).code).toBe('forbidden');
    }
    expect(err(await engine.call(TECH, 'previewInventoryReorganisation', { operation: { kind: 'split', sites: ['ba-be'] } })).code).toBe('bad_request');
    expect(err(await engine.call(TECH, 'previewInventoryReorganisation', { operation: { kind: 'move', sites: [], parent: 'ba-be' } })).code).toBe('bad_request');
    expect(ok<NetworkView>(await engine.call(TECH, 'getNetwork', {})).tiers).toHaveLength(3);
  });
});
