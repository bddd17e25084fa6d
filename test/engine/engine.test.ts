import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../electron/engine/engine.js';
import { InventoryError, loadInventory, parseInventory } from '../../electron/engine/inventory/load-inventory.js';
import { LOCAL_IDENTITY } from '../../shared/roles.js';
import type { StatusEvent } from '../../shared/status.js';
import { smallInventory, writeInventory } from '../fixtures/inventory.js';

let engine: Engine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

describe('loadInventory', () => {
  it('says which file and that it is missing', async () => {
    await expect(loadInventory('/nonexistent/inv.json')).rejects.toThrow('/nonexistent/inv.json: $: cannot read: no such file');
  });

  it('gives line and column of broken JSON', () => {
    expect(() => parseInventory('inv.json', '{\n  "name": "x",\n  "tiers": [,]\n}')).toThrow(/^inv\.json: \$: not valid JSON \(.* at line 3, column 13\)$/);
  });

  it('lists every problem with its JSON path', () => {
    const inv = smallInventory() as { sites: Record<string, unknown>[] };
    inv.sites[3]!.parent = 'nowhere';
    inv.sites[4]!.tier = 'hamlet';
    try {
      parseInventory('inv.json', JSON.stringify(inv));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InventoryError);
      expect((e as InventoryError).lines).toEqual([
        'inv.json: $.sites[4].tier: unknown tier "hamlet" (tiers: province, district, commune)',
        'inv.json: $.sites[3].parent: unknown parent "nowhere"',
      ]);
    }
  });
});

describe('engine', () => {
  it('loads the embedded Bắc Kạn demo when no file is given', async () => {
    engine = await startEngine({ inventoryPath: null, monitoring: false });
    expect(engine.network().name).toBe('Bắc Kạn');
    expect(engine.status.size).toBeGreaterThanOrEqual(113);
  });

  it('answers health, network and whoami through the gate', async () => {
    engine = await startEngine({ inventoryPath: writeInventory(smallInventory()), monitoring: false });
    expect(await engine.call(LOCAL_IDENTITY, 'getHealth', {})).toMatchObject({ ok: true, result: { ok: true, endpoints: 6, mcu: expect.stringMatching(/^(connecting|disconnected)$/) } });
    expect(await engine.call(LOCAL_IDENTITY, 'whoami', {})).toEqual({ ok: true, result: { user: 'local', role: 'technician' } });
    const net = await engine.call(LOCAL_IDENTITY, 'getNetwork', {});
    expect(net.ok && (net.result as { sites: unknown[] }).sites).toHaveLength(6);
  });

  it('never lets secrets out of the engine', async () => {
    engine = await startEngine({ inventoryPath: writeInventory(smallInventory()), monitoring: false });
    const text = JSON.stringify(await engine.call(LOCAL_IDENTITY, 'getNetwork', {}));
    expect(text).not.toContain('secret-community');
    expect(text).not.toContain('mcu-password');
    expect(text).toContain('UBND xã Kim Hỷ');
  });

  it('sends a snapshot on subscribe, then numbered deltas', async () => {
    engine = await startEngine({ inventoryPath: writeInventory(smallInventory()), flushMs: 5, monitoring: false });
    const got: StatusEvent[] = [];
    const off = engine.subscribe(LOCAL_IDENTITY, 'status', (p) => got.push(p as StatusEvent));
    expect(got[0]).toMatchObject({ kind: 'snapshot', seq: 1 });
    expect((got[0] as { statuses: unknown[] }).statuses).toHaveLength(6);
    engine.status.update('ba-be-1', { reachability: 'up' });
    await new Promise((r) => setTimeout(r, 20));
    expect(got[1]).toMatchObject({ kind: 'delta', seq: 2, updates: [{ endpointId: 'ba-be-1', reachability: 'up' }] });
    off();
    engine.status.update('ba-be-1', { reachability: 'down' });
    await new Promise((r) => setTimeout(r, 20));
    expect(got).toHaveLength(2);
  });

  it('refuses unknown streams', async () => {
    engine = await startEngine({ inventoryPath: writeInventory(smallInventory()), monitoring: false });
    expect(() => engine!.subscribe(LOCAL_IDENTITY, 'weather', () => {})).toThrow(/unknown stream "weather"/);
  });

  it('reloads a changed inventory, and keeps the running one when the new file is invalid', async () => {
    const inv = smallInventory() as { sites: { id: string }[] };
    const file = writeInventory(inv);
    engine = await startEngine({ inventoryPath: file, flushMs: 5, monitoring: false });
    writeFileSync(file, JSON.stringify({ ...inv, sites: inv.sites.slice(0, 4) }));
    expect(await engine.call(LOCAL_IDENTITY, 'reloadInventory', {})).toEqual({ ok: true, result: { name: 'Tỉnh Thử', sites: 4, endpoints: 4 } });
    expect(engine.status.get('na-ri-kim-hy-1')).toBeUndefined();

    writeFileSync(file, '{"name": "broken"');
    const reply = await engine.call(LOCAL_IDENTITY, 'reloadInventory', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_inventory' } });
    expect(JSON.stringify(reply)).toContain(file);
    expect(engine.network().sites).toHaveLength(4);
    expect(engine.status.size).toBe(4);

    expect(await engine.call({ user: 'sv', role: 'supervisor' }, 'reloadInventory', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses to start on an invalid inventory with file and path', async () => {
    const inv = smallInventory() as { sites: Record<string, unknown>[] };
    inv.sites[1]!.id = 'ubnd-tinh';
    const file = writeInventory(inv);
    await expect(startEngine({ inventoryPath: file, monitoring: false })).rejects.toThrow(`${file}: $.sites[1].id: duplicate site id "ubnd-tinh" (first at $.sites[0])`);
  });
});
