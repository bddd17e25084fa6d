import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateInventory, type Inventory } from '../../../shared/inventory';
import { CSV_COLUMNS, type CsvColumn } from '../../../electron/engine/inventory/import/csv-inventory';
import { smallInventory } from '../../fixtures/inventory';

export function validated(raw: unknown): Inventory {
  const r = validateInventory(raw);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.inventory;
}

/** The demo network (assets/inventory/bac-kan.json): 121 sites, v2c and v3 endpoints. */
export const demoInventory = (): Inventory => validated(JSON.parse(readFileSync(join(import.meta.dirname, '../../../assets/inventory/bac-kan.json'), 'utf8')));
export const small = (): Inventory => validated(smallInventory());

export type Row = Partial<Record<CsvColumn, string>>;

/** A v2c endpoint row of a site; `over` replaces cells ('' empties one). */
export function row(site: string, tier: string, parent: string, over: Row = {}): Row {
  return {
    site_id: site,
    site_name: `UBND ${site}`,
    tier,
    parent_id: parent,
    endpoint_id: `${site}-1`,
    endpoint_name: 'Phòng họp trực tuyến',
    host: '10.1.0.1',
    port: '161',
    profile: 'generic-mib2',
    snmp_version: '2c',
    community: 'c0mmunity',
    sip_uri: `sip:${site}@vc.test`,
    ...over,
  };
}

const quote = (v: string, sep: string): string => (/["\r\n]/.test(v) || v.includes(sep) ? `"${v.replace(/"/g, '""')}"` : v);

/** CSV text with the full header (or `columns`), CRLF line ends. */
export function csvText(rows: readonly Row[], sep = ',', columns: readonly string[] = CSV_COLUMNS): string {
  const lines = [columns.join(sep), ...rows.map((r) => columns.map((c) => quote(r[c as CsvColumn] ?? '', sep)).join(sep))];
  return `${lines.join('\r\n')}\r\n`;
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
