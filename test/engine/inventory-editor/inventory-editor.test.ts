import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../../electron/engine/engine.js';
import type { EditBase, EditInventoryResult, InventoryEdit } from '../../../shared/inventory-edit/edit-api.js';
import type { NetworkView } from '../../../shared/inventory.js';
import type { Identity } from '../../../shared/roles.js';
import { smallInventory, writeInventory } from '../../fixtures/inventory.js';
import { err, ok } from '../accounts/helpers.js';

/**
 * The inventory editor through the engine's gate (issue 12 item 1): one site or codec at a time,
 * live, against the version the form was opened on; refused whole with problems under fields;
 * technicians only; audited with the site or codec it names; secrets never sent back.
 */
const TECH: Identity = { user: 'kythuat', role: 'technician' };
const OPERATOR: Identity = { user: 'dieuhanh', role: 'operator' };
const SCOPED_TECH: Identity = { user: 'kt-ba-be', role: 'technician', scope: ['ba-be'] };

let engine: Engine;
let file: string;

beforeEach(async () => {
  file = writeInventory(smallInventory());
  engine = await startEngine({ inventoryPath: file, monitoring: false, mcuDriver: null, accounts: { scryptCost: 10 } });
});
afterEach(() => engine.close());

const base = async (input: { site?: string; endpoint?: string } = {}) => ok<EditBase>(await engine.call(TECH, 'getInventoryEditBase', input));
const edit = async (e: InventoryEdit, baseVersion?: string) => ok<EditInventoryResult>(await engine.call(TECH, 'editInventory', { baseVersion: baseVersion ?? (await base()).baseVersion, edit: e }));
const made = (r: EditInventoryResult) => {
  expect(r.problems).toEqual([]);
  return r.applied!;
};
const NEW_CODEC = { name: 'Phòng họp xã', host: '127.0.0.1', port: 16110, profile: 'generic-mib2', uri: 'sip:dia-linh@vc.test', interfaceName: null };

describe('inventory editor', () => {
  it('adds a commune and its codec live: the network and the poller have them at once, the file too', async () => {
    const added = await edit({ op: 'addSite', id: 'ba-be-dia-linh', parent: 'ba-be', site: { name: 'UBND xã Địa Linh', tier: 'commune', district: null } });
    expect(added.problems).toEqual([]);
    expect(added.applied).toMatchObject({ sites: 7, savedTo: 'file', undoable: 1 });
    expect(added.applied!.diff.sites.added).toEqual([{ id: 'ba-be-dia-linh', name: 'UBND xã Địa Linh', parent: 'ba-be' }]);
    const codec = await edit({ op: 'addEndpoint', id: 'ba-be-dia-linh-1', site: 'ba-be-dia-linh', endpoint: NEW_CODEC, snmp: { version: '2c', community: 'moi-community' } });
    expect(codec.applied).toMatchObject({ endpoints: 7, undoable: 2 });
    expect(ok<NetworkView>(await engine.call(OPERATOR, 'getNetwork', {})).sites.find((s) => s.id === 'ba-be-dia-linh')?.endpoints.map((e) => e.id)).toEqual(['ba-be-dia-linh-1']);
    expect(engine.status.get('ba-be-dia-linh-1')?.reachability).toBe('unknown');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { sites: { id: string; endpoints: { id: string; snmp: unknown }[] }[] };
    expect(saved.sites.find((s) => s.id === 'ba-be-dia-linh')?.endpoints[0]?.snmp).toEqual({ version: '2c', community: 'moi-community' });

    // Deleted with its codec, the poller drops it.
    const gone = await edit({ op: 'deleteSite', id: 'ba-be-dia-linh', endpoints: 1 });
    expect(gone.applied!.diff.endpoints.removed.map((e) => e.id)).toEqual(['ba-be-dia-linh-1']);
    expect(engine.status.get('ba-be-dia-linh-1')).toBeUndefined();
  });

  it('refuses an edit with problems whole, writes nothing, and audits it as refused', async () => {
    const before = readFileSync(file, 'utf8');
    const r = await edit({ op: 'addEndpoint', id: 'ba-be-1', site: 'ba-be', endpoint: { ...NEW_CODEC, host: '999.1.1.1', profile: 'khong-co' }, snmp: { version: '2c', community: 'x' } });
    expect(r.applied).toBeNull();
    expect(r.problems.map((p) => [p.code, p.field])).toEqual([
      ['invalid_host', 'host'],
      ['duplicate_id', 'id'],
      ['unknown_profile', 'profile'],
    ]);
    expect(readFileSync(file, 'utf8')).toBe(before);
    const audit = ok<{ action: string; result: string; target: string; targetLabel: string | null; error: { code: string } | null; params: unknown }[]>(await engine.call(TECH, 'listAudit', {}));
    const entry = audit.find((a) => a.action === 'editInventory')!;
    expect(entry).toMatchObject({ result: 'failed', target: 'endpoint:ba-be-1', targetLabel: 'UBND huyện Ba Bể', error: { code: 'edit_refused' } });
    expect(JSON.stringify(entry.params)).not.toContain('"x"');
  });

  it('keeps ids on edit and move, so status follows; a site that still has communes is not deleted', async () => {
    made(await edit({ op: 'updateEndpoint', id: 'na-ri-kim-hy-1', endpoint: { ...NEW_CODEC, name: 'Phòng họp Kim Hỷ' }, snmp: null }));
    made(await edit({ op: 'moveSite', id: 'ba-be-cho-ra', parent: 'na-ri' }));
    const net = ok<NetworkView>(await engine.call(TECH, 'getNetwork', {}));
    expect(net.sites.find((s) => s.id === 'ba-be-cho-ra')?.parent).toBe('na-ri');
    expect(net.sites.find((s) => s.id === 'na-ri-kim-hy')?.endpoints[0]).toMatchObject({ id: 'na-ri-kim-hy-1', name: 'Phòng họp Kim Hỷ', port: 16110 });
    expect(engine.status.get('na-ri-kim-hy-1')).toBeDefined();
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { sites: { id: string; endpoints: { snmp: unknown }[] }[] };
    expect(saved.sites.find((s) => s.id === 'na-ri-kim-hy')?.endpoints[0]?.snmp).toEqual({ version: '2c', community: 'secret-community' });
    expect((await edit({ op: 'deleteSite', id: 'na-ri', endpoints: 1 })).problems).toEqual([
      { code: 'has_child_sites', field: null, params: { site: 'UBND huyện Na Rì', count: 2, names: 'UBND thị trấn Chợ Rã, UBND xã Kim Hỷ' } },
    ]);
  });

  it('refuses an edit made on an older inventory as a conflict', async () => {
    const { baseVersion } = await base();
    made(await edit({ op: 'moveSite', id: 'ba-be-cho-ra', parent: 'na-ri' }, baseVersion));
    expect(err(await engine.call(TECH, 'editInventory', { baseVersion, edit: { op: 'deleteEndpoint', id: 'ba-be-1' } }))).toMatchObject({ code: 'conflict', params: { reason: 'inventory_edited_meanwhile' } });
    expect(engine.status.get('ba-be-1')).toBeDefined();
  });

  it("gives a form what it starts from, never a codec's secrets", async () => {
    const b = await base({ site: 'ba-be', endpoint: 'ba-be-1' });
    expect(b.profiles).toContain('generic-mib2');
    expect(b.site).toEqual({ district: null });
    expect(b.endpoint).toEqual({ snmp: { version: '2c', hasCommunity: true }, interfaceName: null });
    expect(JSON.stringify(b)).not.toContain('secret-community');
    expect(err(await engine.call(TECH, 'getInventoryEditBase', { endpoint: 'khong-co' }))).toMatchObject({ code: 'not_found', params: { reason: 'not_in_inventory' } });
  });

  it('is for technicians only, and never for a scoped account', async () => {
    const input = { baseVersion: (await base()).baseVersion, edit: { op: 'deleteEndpoint', id: 'ba-be-1' } };
    expect(err(await engine.call(OPERATOR, 'editInventory', input)).code).toBe('forbidden');
    expect(err(await engine.call(SCOPED_TECH, 'editInventory', input)).code).toBe('forbidden');
    expect(err(await engine.call(OPERATOR, 'getInventoryEditBase', {})).code).toBe('forbidden');
    expect(engine.status.get('ba-be-1')).toBeDefined();
  });
});
