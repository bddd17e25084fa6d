import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../../electron/engine/engine.js';
import type { ImportPreview } from '../../../shared/inventory-import-api.js';
import type { NetworkView } from '../../../shared/inventory.js';
import type { Identity } from '../../../shared/roles.js';
import { smallInventory, writeInventory } from '../../fixtures/inventory.js';
import { err, ok } from '../accounts/helpers.js';

/**
 * Inventory import and export through the engine's gate (issue 12): every problem of a file at
 * once, the preview of its change, an apply that is live, all or nothing and against the
 * previewed version, the file replaced with the old one kept, and an export that round-trips.
 */
const TECH: Identity = { user: 'kythuat', role: 'technician' };
const OPERATOR: Identity = { user: 'dieuhanh', role: 'operator' };
const SUPERVISOR: Identity = { user: 'giamsat', role: 'supervisor', scope: ['ba-be'] };
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

let engine: Engine;
let file: string;

beforeEach(async () => {
  file = writeInventory(smallInventory());
  engine = await startEngine({ inventoryPath: file, monitoring: false, mcuDriver: null, accounts: { scryptCost: 10 } });
});
afterEach(() => engine.close());

async function exportedCsv(): Promise<string> {
  const out = ok<{ filename: string; content: string; mediaType: string }>(await engine.call(TECH, 'exportInventory', { format: 'csv' }));
  expect(out.filename).toMatch(/^bridgepoint-inventory-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = Buffer.from(out.content, 'base64');
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so Excel reads the tones right
  return bytes.subarray(3).toString('utf8');
}

describe('inventory import and export', () => {
  it('exports CSV that imports back as no change at all', async () => {
    const csv = await exportedCsv();
    expect(csv.split('\r\n')[0]).toContain('site_id');
    const preview = ok<ImportPreview>(await engine.call(TECH, 'previewInventoryImport', { format: 'csv', content: b64(csv) }));
    expect(preview.problems).toEqual([]);
    expect(preview.diff?.empty).toBe(true);
  });

  it('exports no secret, in either format; blank secrets imported back keep the stored ones', async () => {
    const csv = await exportedCsv();
    const jsonOut = ok<{ content: string }>(await engine.call(TECH, 'exportInventory', { format: 'json' }));
    const json = Buffer.from(jsonOut.content, 'base64').toString('utf8');
    for (const text of [csv, json]) {
      expect(text).not.toContain('secret-community');
      expect(text).not.toContain('mcu-password');
    }
    expect(JSON.parse(json).sites[0].endpoints[0].snmp).toEqual({ version: '2c', community: '' });
    const preview = ok<ImportPreview>(await engine.call(TECH, 'previewInventoryImport', { format: 'json', content: jsonOut.content }));
    expect(preview.problems).toEqual([]);
    expect(preview.diff?.empty).toBe(true);
    // A codec moved to SNMPv1 with its community left blank is refused by cell, not given the old one.
    const lines = csv.split('\r\n');
    const header = lines[0]!.split(',');
    const row = lines[2]!.split(',');
    row[header.indexOf('snmp_version')] = '1';
    const changed = [lines[0], lines[1], row.join(','), ...lines.slice(3)].join('\r\n');
    const refused = ok<ImportPreview>(await engine.call(TECH, 'previewInventoryImport', { format: 'csv', content: b64(changed) }));
    expect(refused.problems.map((p) => [p.row, p.column, p.code])).toEqual([[3, 'community', 'missing_value']]);
  });

  it('lists every problem of a file at once, by row and column, and changes nothing', async () => {
    const lines = (await exportedCsv()).split('\r\n');
    const cells = (i: number) => lines[i]!.split(',');
    const header = cells(0);
    const bad = (i: number, column: string, value: string) => {
      const c = cells(i);
      c[header.indexOf(column)] = value;
      return c.join(',');
    };
    const broken = [lines[0], bad(1, 'host', '999.999.999.999'), bad(2, 'port', '70000'), bad(3, 'parent_id', 'khong-co'), ...lines.slice(4)].join('\r\n');
    const preview = ok<ImportPreview>(await engine.call(TECH, 'previewInventoryImport', { format: 'csv', content: b64(broken) }));
    expect(preview.diff).toBeNull();
    expect(preview.problems.map((p) => [p.row, p.column, p.code])).toEqual(
      expect.arrayContaining([
        [2, 'host', 'invalid_host'],
        [3, 'port', 'invalid_port'],
        [4, 'parent_id', 'unknown_parent'],
      ]),
    );
    expect(err(await engine.call(TECH, 'applyInventoryImport', { format: 'csv', content: b64(broken), baseVersion: preview.baseVersion }))).toMatchObject({ code: 'bad_request', params: { reason: 'import_has_problems' } });
    expect(ok<NetworkView>(await engine.call(TECH, 'getNetwork', {})).sites).toHaveLength(6);
  });

  it('previews a new commune, applies it live, keeps the old inventory as a numbered backup, and undoes', async () => {
    const csv = await exportedCsv();
    const lines = csv.split('\r\n');
    const header = lines[0]!.split(',');
    const row = lines[5]!.split(','); // a commune of Ba Bể
    const set = (column: string, value: string) => (row[header.indexOf(column)] = value);
    set('site_id', 'ba-be-dia-linh');
    set('site_name', 'UBND xã Địa Linh');
    set('endpoint_id', 'ba-be-dia-linh-1');
    set('port', '16110');
    set('sip_uri', 'sip:ba-be-dia-linh@vc.test');
    // The export leaves secrets blank; a new codec needs its own.
    expect(row[header.indexOf('community')]).toBe('');
    set('community', 'cong-dong-dia-linh');
    const added = [...lines.slice(0, -1), row.join(','), ''].join('\r\n');
    const before = readFileSync(file, 'utf8');
    const preview = ok<ImportPreview>(await engine.call(TECH, 'previewInventoryImport', { format: 'csv', content: b64(added) }));
    expect(preview.problems).toEqual([]);
    expect(preview.diff!.sites.added).toEqual([{ id: 'ba-be-dia-linh', name: 'UBND xã Địa Linh', parent: 'ba-be' }]);
    expect(preview.diff!.endpoints.added.map((e) => e.id)).toEqual(['ba-be-dia-linh-1']);

    expect(ok(await engine.call(TECH, 'getInventoryUndo', {}))).toEqual({ available: 0, last: null });
    const applied = ok<{ sites: number; savedTo: string; undoable: number }>(await engine.call(TECH, 'applyInventoryImport', { format: 'csv', content: b64(added), baseVersion: preview.baseVersion }));
    expect(applied).toMatchObject({ sites: 7, savedTo: 'file', undoable: 1 });
    expect(ok<NetworkView>(await engine.call(OPERATOR, 'getNetwork', {})).sites.map((s) => s.id)).toContain('ba-be-dia-linh');
    expect(engine.status.get('ba-be-dia-linh-1')?.reachability).toBe('unknown');
    expect(JSON.parse(readFileSync(`${file}.backups/0001.json`, 'utf8'))).toEqual(JSON.parse(before));
    expect(JSON.parse(readFileSync(file, 'utf8')).sites).toHaveLength(7);
    expect(ok(await engine.call(TECH, 'getInventoryUndo', {}))).toMatchObject({ available: 1, last: { by: 'kythuat' } });
    // The same preview again is stale now: refused, nothing changed.
    expect(err(await engine.call(TECH, 'applyInventoryImport', { format: 'csv', content: b64(csv), baseVersion: preview.baseVersion }))).toMatchObject({ code: 'conflict', params: { reason: 'inventory_changed' } });
    const audit = ok<{ action: string; result: string }[]>(await engine.call(TECH, 'listAudit', {}));
    expect(audit.filter((a) => a.action === 'applyInventoryImport').map((a) => a.result)).toEqual(['failed', 'ok']); // newest first

    // Undo: back to the six sites, live and in the file; then nothing left to undo.
    const undone = ok<{ sites: number; undoable: number; diff: { sites: { removed: { id: string }[] } } }>(await engine.call(TECH, 'undoInventoryChange', {}));
    expect(undone).toMatchObject({ sites: 6, undoable: 0 });
    expect(undone.diff.sites.removed.map((s) => s.id)).toEqual(['ba-be-dia-linh']);
    expect(ok<NetworkView>(await engine.call(OPERATOR, 'getNetwork', {})).sites).toHaveLength(6);
    expect(engine.status.get('ba-be-dia-linh-1')).toBeUndefined();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(before));
    expect(existsSync(`${file}.backups/0001.json`)).toBe(false);
    expect(err(await engine.call(TECH, 'undoInventoryChange', {}))).toMatchObject({ code: 'not_found', params: { reason: 'nothing_to_undo' } });
  });

  it('keeps at most 20 backups, numbered on, each with who and when', async () => {
    const csv = await exportedCsv();
    for (let i = 0; i < 22; i++) {
      const renamed = csv.replace('Văn phòng UBND tỉnh', `Văn phòng UBND tỉnh (${i})`);
      const { baseVersion } = ok<ImportPreview>(await engine.call(TECH, 'previewInventoryImport', { format: 'csv', content: b64(renamed) }));
      ok(await engine.call(TECH, 'applyInventoryImport', { format: 'csv', content: b64(renamed), baseVersion }));
    }
    expect(ok(await engine.call(TECH, 'getInventoryUndo', {}))).toMatchObject({ available: 20 });
    expect(existsSync(`${file}.backups/0002.json`)).toBe(false);
    expect(existsSync(`${file}.backups/0003.json`)).toBe(true);
    expect(existsSync(`${file}.backups/0022.json`)).toBe(true);
    ok(await engine.call(TECH, 'undoInventoryChange', {}));
    expect(ok<NetworkView>(await engine.call(TECH, 'getNetwork', {})).sites.find((s) => s.id === 'ubnd-tinh')!.name).toBe('Văn phòng UBND tỉnh (20)');
  });

  it('reads a JSON inventory, with its problems by path', async () => {
    const inv = smallInventory() as { sites: Record<string, unknown>[] };
    inv.sites[4]!.tier = 'hamlet';
    const preview = ok<ImportPreview>(await engine.call(TECH, 'previewInventoryImport', { format: 'json', content: b64(JSON.stringify(inv)) }));
    expect(preview.problems).toEqual([expect.objectContaining({ path: '$.sites[4].tier', code: 'unknown_tier', row: null })]);
    const garbage = ok<ImportPreview>(await engine.call(TECH, 'previewInventoryImport', { format: 'json', content: b64('{"sites": [,]}') }));
    expect(garbage.problems[0]).toMatchObject({ code: 'invalid_json', line: 1 });
  });

  it('is a technician’s: operators and scoped supervisors are refused, bad input is refused clearly', async () => {
    expect(err(await engine.call(OPERATOR, 'exportInventory', { format: 'csv' })).code).toBe('forbidden');
    expect(err(await engine.call(SUPERVISOR, 'previewInventoryImport', { format: 'csv', content: '' })).code).toBe('forbidden');
    expect(err(await engine.call(TECH, 'previewInventoryImport', { format: 'xlsx', content: '' })).code).toBe('bad_request');
    expect(err(await engine.call(TECH, 'previewInventoryImport', { format: 'csv', content: 'not base64!' })).code).toBe('bad_request');
    const empty = ok<ImportPreview>(await engine.call(TECH, 'previewInventoryImport', { format: 'csv', content: '' }));
    expect(empty.problems.map((p) => p.code)).toEqual(['empty_file']);
    expect(existsSync(`${file}.backups`)).toBe(false);
  });
});
