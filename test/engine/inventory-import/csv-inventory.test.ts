import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, inventoryToCsv, inventoryToCsvBytes, readCsvTable } from '../../../electron/engine/inventory/import/csv-inventory';
import { importCsv } from '../../../electron/engine/inventory/import/validate-import';
import { windows1258 } from './bytes';
import { csvText, demoInventory, row, small, utf8, validated } from './csv';

describe('CSV export', () => {
  it('writes a UTF-8 BOM, CRLF line ends and one row per endpoint with the site columns', () => {
    const inv = small();
    const bytes = inventoryToCsvBytes(inv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = inventoryToCsv(inv);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(inv.sites.length + 2); // header, a row per endpoint, the final CRLF
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(lines[2]).toBe('ba-be,UBND huyện Ba Bể,district,ubnd-tinh,,ba-be-1,Phòng họp trực tuyến,127.0.0.1,16101,generic-mib2,2c,secret-community,,,,,,,sip:ba-be@vc.test');
  });

  it('writes a site without endpoints as one row with the endpoint columns empty', () => {
    const inv = validated({ ...small(), sites: [{ id: 'tinh', name: 'Tỉnh', tier: 'province', endpoints: [] }] });
    expect(inventoryToCsv(inv).split('\r\n')[1]).toBe(`tinh,Tỉnh,province,,${','.repeat(CSV_COLUMNS.length - 5)}`);
  });
});

describe('CSV import', () => {
  it('round trip: the demo inventory exported and imported again is the same inventory', () => {
    const demo = demoInventory();
    const result = importCsv(inventoryToCsvBytes(demo), demo);
    expect(result).toMatchObject({ ok: true, encoding: 'utf-8', delimiter: ',' });
    if (!result.ok) return;
    expect(result.inventory).toStrictEqual(demo);
    expect(result.inventory.sites.filter((s) => s.endpoints[0]!.snmp.version === '3')).toHaveLength(5);
  });

  it('round trip keeps a site without endpoints, a district and quotes, commas and semicolons in names', () => {
    const inv = validated({
      ...small(),
      sites: [
        { id: 'tinh', name: 'Văn phòng "Tỉnh ủy", khu A; tầng 2', tier: 'province', endpoints: [] },
        { id: 'xa', name: 'Xã Nậm Mẫu', tier: 'commune', parent: 'tinh', district: 'Ba Bể', endpoints: [{ id: 'xa-1', name: 'Hội trường', host: 'fe80::1%eth0' }] },
      ],
    });
    const result = importCsv(inventoryToCsvBytes(inv), inv);
    expect(result.ok && result.inventory).toStrictEqual(inv);
  });

  it('reads semicolon CSV as Excel in the vi-VN locale saves it (no BOM, windows-1258)', () => {
    const current = small();
    const text = csvText([row('ubnd-tinh', 'province', ''), row('nam-mau', 'commune', 'ubnd-tinh', { site_name: 'Xã Nậm Mẫu' })], ';');
    const result = importCsv(windows1258(text), current);
    expect(result).toMatchObject({ ok: true, encoding: 'windows-1258', delimiter: ';' });
    expect(result.ok && result.inventory.sites.map((s) => s.name)).toEqual(['UBND ubnd-tinh', 'Xã Nậm Mẫu']);
    expect(result.ok && result.inventory.sites[1]!.endpoints[0]).toEqual({
      id: 'nam-mau-1',
      name: 'Phòng họp trực tuyến',
      host: '10.1.0.1',
      port: 161,
      profile: 'generic-mib2',
      snmp: { version: '2c', community: 'c0mmunity' },
      uri: 'sip:nam-mau@vc.test',
    });
  });

  it('reads "CSV UTF-8" from Excel: a BOM, semicolons and a sep= line', () => {
    const text = `\uFEFFsep=;\r\n${csvText([row('ubnd-tinh', 'province', '', { site_name: 'Văn phòng UBND tỉnh' })], ';')}`;
    const result = importCsv(utf8(text), small());
    expect(result).toMatchObject({ ok: true, encoding: 'utf-8', delimiter: ';' });
    expect(result.ok && result.inventory.sites[0]!.name).toBe('Văn phòng UBND tỉnh');
  });

  it('keeps the rest of the inventory (name, tiers, MCU, traps) from the current one', () => {
    const current = small();
    const result = importCsv(utf8(csvText([row('tinh', 'province', '')])), current);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { sites: _a, ...rest } = result.inventory;
    const { sites: _b, ...expected } = current;
    expect(rest).toStrictEqual(expected);
  });

  it('accepts header names in any case with spaces, later rows of a site with the site columns left empty, and blank rows', () => {
    const header = CSV_COLUMNS.map((c) => c.toUpperCase().replace(/_/g, ' '));
    const text = csvText(
      [row('tinh', 'province', ''), {}, { ...row('tinh', '', '', { site_name: '', endpoint_id: 'tinh-2' }) }],
      ',',
      CSV_COLUMNS,
    ).replace(/^[^\r]*/, header.join(','));
    const result = importCsv(utf8(text), small());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.inventory.sites).toHaveLength(1);
    expect(result.inventory.sites[0]!.endpoints.map((e) => e.id)).toEqual(['tinh-1', 'tinh-2']);
  });

  it('numbers rows as Excel does: a line break inside quotes does not start a row, a blank line does', () => {
    const table = readCsvTable('site_id,site_name\r\na,"two\nlines"\r\n\r\nb,x\r\n');
    expect(table.rows.map((r) => [r.row, r.cells.site_id])).toEqual([
      [2, 'a'],
      [4, 'b'],
    ]);
  });

  it('reads tab-separated UTF-16 LE ("Unicode text" from Excel)', () => {
    const text = csvText([row('tinh', 'province', '', { site_name: 'Tỉnh Bắc Kạn' })], '\t');
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) new DataView(bytes.buffer).setUint16(2 + 2 * i, text.charCodeAt(i), true);
    const result = importCsv(bytes, small());
    expect(result).toMatchObject({ ok: true, encoding: 'utf-16le', delimiter: '\t' });
    expect(result.ok && result.inventory.sites[0]!.name).toBe('Tỉnh Bắc Kạn');
  });
});
