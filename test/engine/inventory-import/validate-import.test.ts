import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../../electron/engine/inventory/import/csv-inventory';
import { IMPORT_ERROR_CODES, type CsvImportError } from '../../../electron/engine/inventory/import/import-errors';
import { importCsv, importCsvText, importJson } from '../../../electron/engine/inventory/import/validate-import';
import { csvText, row, small, utf8, type Row } from './csv';

function errorsOf(text: string, options = {}): readonly CsvImportError[] {
  const r = importCsvText(text, small(), options);
  if (r.ok) throw new Error('expected the import to be rejected');
  return r.errors;
}
const brief = (errors: readonly CsvImportError[]) => errors.map((e) => [e.row, e.column, e.code]);

// A good file: a province, a district and two communes under it (rows 2 to 5).
const good = (): Row[] => [
  row('tinh', 'province', ''),
  row('huyen', 'district', 'tinh', { host: '10.1.0.2' }),
  row('xa-a', 'commune', 'huyen', { host: '10.1.0.3' }),
  row('xa-b', 'commune', 'huyen', { host: '10.1.0.4' }),
];

describe('CSV import validation', () => {
  it('accepts the good file', () => {
    expect(importCsvText(csvText(good()), small()).ok).toBe(true);
  });

  it('lists all 7 errors of a file with 7 different ones on different rows, each on its row and column', () => {
    const rows: Row[] = [
      row('tinh', 'province', '', { host: '10.0.0.300' }), // 2: invalid_host
      row('huyen', 'district', 'tinh', { port: '16l00' }), // 3: invalid_port
      row('xa-a', 'ward', 'huyen'), // 4: unknown_tier
      row('xa-b', 'commune', 'huyen-x'), // 5: unknown_parent
      row('xa-c', 'commune', 'huyen', { endpoint_id: 'tinh-1' }), // 6: duplicate_id (first on row 2)
      row('xa-d', 'commune', 'huyen', { endpoint_name: '' }), // 7: missing_value
      row('huyen', 'district', 'tinh', { site_name: 'UBND huyện khác', endpoint_id: 'huyen-2' }), // 8: site_fields_disagree
    ];
    const errors = errorsOf(csvText(rows));
    expect(brief(errors)).toEqual([
      [2, 'host', 'invalid_host'],
      [3, 'port', 'invalid_port'],
      [4, 'tier', 'unknown_tier'],
      [5, 'parent_id', 'unknown_parent'],
      [6, 'endpoint_id', 'duplicate_id'],
      [7, 'endpoint_name', 'missing_value'],
      [8, 'site_name', 'site_fields_disagree'],
    ]);
    expect(errors[0]!.params).toMatchObject({ row: 2, column: 'host', value: '10.0.0.300' });
    expect(errors[2]!.params).toMatchObject({ value: 'ward', tiers: 'province, district, commune' });
    expect(errors[4]!.params).toMatchObject({ id: 'tinh-1', firstRow: 2 });
    expect(errors[6]!.params).toMatchObject({ firstRow: 3, value: 'UBND huyện khác', expected: 'UBND huyen' });
  });

  it('reports the header: unknown, duplicate and missing columns (row 1), and still checks the rows', () => {
    const columns = [...CSV_COLUMNS.filter((c) => c !== 'host'), 'ghi_chu', 'tier'];
    const errors = errorsOf(csvText([row('tinh', 'province', '', { port: '0' })], ',', columns));
    expect(brief(errors)).toEqual([
      [1, 'tier', 'duplicate_column'],
      [1, 'host', 'missing_column'],
      [1, 'ghi_chu', 'unknown_column'],
      [2, 'port', 'invalid_port'],
    ]);
  });

  it('finds a parent cycle, a parent not above, SNMP mistakes and an unknown profile', () => {
    const v3 = { snmp_version: '3', community: '', v3_user: 'bp', v3_level: 'authPriv', v3_auth_protocol: 'sha', v3_auth_key: 'sh0rt', v3_priv_protocol: 'aes', v3_priv_key: 'l0ng-en0ugh' };
    const rows: Row[] = [
      row('tinh', 'province', ''),
      row('h1', 'district', 'h2'), // 3: cycle h1 → h2 → h1 (and a district under a district)
      row('h2', 'district', 'h1'),
      row('xa', 'commune', 'tinh', { ...v3, v3_level: 'secret' }), // 5: invalid level, short key
      row('xa2', 'commune', 'tinh', { community: '' }), // 6: v2c without community
      row('xa3', 'commune', 'tinh', { ...v3, community: 'publ1c' }), // 7: community on a v3 row, short key
      row('xa4', 'commune', 'tinh', { snmp_version: '', profile: 'nokia' }), // 8: no version, unknown profile
      row('xa5', 'commune', 'xa'), // 9: a commune under a commune
    ];
    const errors = errorsOf(csvText(rows), { profiles: new Set(['generic-mib2']) });
    expect(brief(errors)).toEqual([
      [3, 'parent_id', 'parent_not_above'],
      [3, 'parent_id', 'parent_cycle'],
      [4, 'parent_id', 'parent_not_above'],
      [5, 'v3_level', 'invalid_choice'],
      [5, 'v3_auth_key', 'key_too_short'],
      [6, 'community', 'missing_value'],
      [7, 'community', 'unexpected_value'],
      [7, 'v3_auth_key', 'key_too_short'],
      [8, 'profile', 'unknown_profile'],
      [8, 'snmp_version', 'missing_value'],
      [9, 'parent_id', 'parent_not_above'],
    ]);
    const byCode = new Map(errors.map((e) => [`${e.row}:${e.code}`, e.params]));
    expect(byCode.get('3:parent_cycle')).toMatchObject({ cycle: 'h1 → h2 → h1' });
    expect(byCode.get('5:invalid_choice')).toMatchObject({ allowed: 'noAuthNoPriv, authNoPriv, authPriv', value: 'secret' });
    expect(byCode.get('7:unexpected_value')).toMatchObject({ version: '3' });
    // Secrets never appear in an error.
    expect(JSON.stringify(errors)).not.toMatch(/sh0rt|publ1c|c0mmunity|l0ng-en0ugh/);
  });

  it('places an error after a quoted line break, a blank row and a syntax error on the row Excel shows', () => {
    const lines = csvText([row('tinh', 'province', '', { site_name: 'Văn phòng\nTỉnh ủy' }), row('huyen', 'district', 'tinh', { host: 'a b' })]).split('\r\n');
    const text = [lines[0], lines[1], '', lines[2], 'xa,"unclosed', ''].join('\r\n');
    expect(brief(errorsOf(text))).toEqual([
      [2, 'site_name', 'invalid_text'],
      [4, 'host', 'invalid_host'],
      [5, null, 'csv_syntax'],
    ]);
  });

  it('reports an empty file, a workbook, a header without rows, mis-decoded text and extra cells', () => {
    const first = (bytes: Uint8Array) => {
      const r = importCsv(bytes, small());
      return r.ok ? null : brief(r.errors);
    };
    expect(first(new Uint8Array())).toEqual([[null, null, 'empty_file']]);
    expect(first(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toEqual([[null, null, 'not_csv']]);
    expect(first(utf8(csvText([])))).toEqual([[null, null, 'no_rows']]);
    // A BOM says UTF-8, but the name was saved in another code page: its bytes are not UTF-8.
    const bad = utf8(`\uFEFF${csvText([row('tinh', 'province', '', { site_name: 'UBND @' })])}`);
    bad[bad.indexOf(0x40)] = 0xe0;
    expect(first(bad)).toEqual([[2, 'site_name', 'bad_encoding']]);
    // A comma inside a quoted cell is not an extra cell.
    expect(first(utf8(csvText([row('tinh', 'province', '', { sip_uri: 'sip:a@b,extra' })])))).toBeNull();
    expect(first(utf8(`${csvText([row('tinh', 'province', '')]).trimEnd()},surplus\r\n`))).toEqual([[2, null, 'too_many_cells']]);
  });
});

describe('CSV import on any input', () => {
  const current = small();
  const header = `${CSV_COLUMNS.join(',')}\r\n`;
  // Text made of what breaks CSV: quotes, delimiters, line ends, BOMs, controls, Vietnamese.
  const csvish = fc.string({ unit: fc.constantFrom('"', ',', ';', '\t', '\r', '\n', '\uFEFF', '\u0000', '\u0085', 'a', 'ệ', '1', '.', '-', ' '), maxLength: 300 });

  it('never throws, and every error names a row of the file (or none) and a known code', () => {
    fc.assert(
      fc.property(fc.boolean(), csvish, (withHeader, body) => {
        const text = (withHeader ? header : '') + body;
        const r = importCsvText(text, current);
        const rows = text.split(/\r\n|\r|\n/).length;
        for (const e of r.ok ? [] : r.errors) {
          expect(e.row === null || (e.row >= 1 && e.row <= rows)).toBe(true);
          expect(IMPORT_ERROR_CODES).toContain(e.code);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        importCsv(bytes, current);
        importJson(bytes);
      }),
      { numRuns: 300 },
    );
  });
});

describe('JSON import validation', () => {
  it('accepts a valid inventory', () => {
    const r = importJson(utf8(JSON.stringify(small())));
    expect(r.ok && r.inventory.sites).toHaveLength(6);
  });

  it('gives a syntax error with line and column', () => {
    const r = importJson(utf8('{\n  "name": "x",\n  "tiers": [,]\n}'));
    expect(r).toEqual({ ok: false, errors: [{ path: '$', line: 3, column: 13, code: 'invalid_json', params: { line: 3, column: 13 } }] });
  });

  it('lists the schema issues by path with the same codes', () => {
    const inv = small() as unknown as { sites: Record<string, unknown>[] };
    inv.sites[1]!['parent'] = 'nowhere';
    inv.sites[2]!['tier'] = 'ward';
    inv.sites[3]!['colour'] = 'red';
    // A shape problem (the unknown field) does not hide the cross-record ones.
    const r = importJson(utf8(JSON.stringify(inv)));
    expect(r.ok ? [] : r.errors.map((e) => [e.path, e.code, e.params['value']])).toEqual([
      ['$.sites[1].parent', 'unknown_parent', 'nowhere'],
      ['$.sites[2].tier', 'unknown_tier', 'ward'],
      ['$.sites[3].colour', 'unknown_field', 'red'],
    ]);
    delete inv.sites[3]!['colour'];
    inv.sites[1]!['parent'] = 'ubnd-tinh';
    inv.sites[2]!['tier'] = 'district';
    const endpoints = inv.sites[4]!['endpoints'] as Record<string, unknown>[];
    endpoints[0]!['profile'] = 'nokia';
    const r2 = importJson(utf8(JSON.stringify(inv)), { profiles: new Set(['generic-mib2']) });
    expect(r2.ok ? [] : r2.errors.map((e) => [e.path, e.code, e.params['value']])).toEqual([['$.sites[4].endpoints[0].profile', 'unknown_profile', 'nokia']]);
    // The JSON shape stays unusable for the cross-record rules: only the shape is told.
    const r3 = importJson(utf8(JSON.stringify({ ...small(), sites: 'none' })));
    expect(r3.ok ? [] : r3.errors.map((e) => [e.path, e.code])).toEqual([['$.sites', 'invalid_value']]);
  });

  it('names the field that holds text that is not UTF-8', () => {
    const bytes = utf8(JSON.stringify({ ...small(), name: 'Tỉnh @' }));
    bytes[bytes.indexOf(0x40)] = 0xe0;
    const r = importJson(bytes);
    expect(r.ok ? [] : r.errors.map((e) => [e.path, e.code])).toEqual([['$.name', 'bad_encoding']]);
  });
});
