import { ENDPOINT_COLUMNS, SITE_COLUMNS, type CsvColumn, type CsvRow, type EndpointColumn, type SiteColumn } from './csv-inventory.js';
import { csvError, type CsvImportError } from './import-errors.js';

/**
 * CSV rows → the `sites` of an inventory, as the schema expects them (unvalidated), remembering
 * which row each value came from so the schema's issues can be put back on the right cell.
 * Rows with the same site_id are one site; a later row may leave the site columns empty.
 */

/** The inventory field of each column (`snmp.x` for the SNMP columns). */
export const SITE_FIELD: Readonly<Record<SiteColumn, string>> = {
  site_id: 'id',
  site_name: 'name',
  tier: 'tier',
  parent_id: 'parent',
  district: 'district',
};
export const ENDPOINT_FIELD: Readonly<Record<EndpointColumn, string>> = {
  endpoint_id: 'id',
  endpoint_name: 'name',
  host: 'host',
  port: 'port',
  profile: 'profile',
  snmp_version: 'snmp.version',
  community: 'snmp.community',
  v3_user: 'snmp.user',
  v3_level: 'snmp.level',
  v3_auth_protocol: 'snmp.authProtocol',
  v3_auth_key: 'snmp.authKey',
  v3_priv_protocol: 'snmp.privProtocol',
  v3_priv_key: 'snmp.privKey',
  sip_uri: 'uri',
};

/** Where a site's values came from. */
export interface SiteOrigin {
  /** The row of each site column's value (the site's first row when no row gives one). */
  readonly fieldRow: Readonly<Record<SiteColumn, number>>;
  /** The row of each of the site's endpoints, in order. */
  readonly endpointRows: readonly number[];
}

export interface AssembledSites {
  readonly sites: Record<string, unknown>[];
  /** By site index, as `sites`. */
  readonly origins: readonly SiteOrigin[];
  /** Two rows of one site that disagree. */
  readonly errors: readonly CsvImportError[];
}

type Cells = CsvRow['cells'];

function endpointOf(cells: Cells): Record<string, unknown> {
  const ep: Record<string, unknown> = {};
  const snmp: Record<string, unknown> = {};
  for (const c of ENDPOINT_COLUMNS) {
    const v = cells[c];
    if (v === undefined) continue;
    const field = ENDPOINT_FIELD[c];
    // A port that is not digits stays text, so the schema calls it what it is: not a port.
    const value = c === 'port' && /^\d{1,9}$/.test(v) ? Number(v) : v;
    if (field.startsWith('snmp.')) snmp[field.slice(5)] = value;
    else ep[field] = value;
  }
  // No SNMP cell at all: the schema's default (v2c, "public"), as in a JSON inventory.
  if (Object.keys(snmp).length) ep['snmp'] = snmp;
  return ep;
}

const hasEndpoint = (cells: Cells): boolean => ENDPOINT_COLUMNS.some((c) => cells[c] !== undefined);

interface Group {
  readonly site: Record<string, unknown> & { endpoints: Record<string, unknown>[] };
  readonly fieldRow: Record<SiteColumn, number>;
  readonly endpointRows: number[];
}

export function assembleSites(rows: readonly CsvRow[]): AssembledSites {
  const groups = new Map<string, Group>();
  const errors: CsvImportError[] = [];
  for (const r of rows) {
    const id = r.cells.site_id;
    // A row without a site_id is a site of its own, so the rest of its cells are checked too.
    const key = id === undefined ? `\u0000${r.row}` : id;
    let g = groups.get(key);
    if (!g) {
      const fieldRow = Object.fromEntries(SITE_COLUMNS.map((c) => [c, r.row])) as Record<SiteColumn, number>;
      g = { site: { endpoints: [] }, fieldRow, endpointRows: [] };
      groups.set(key, g);
    }
    for (const c of SITE_COLUMNS) {
      const v = r.cells[c];
      if (v === undefined) continue;
      const field = SITE_FIELD[c];
      const had = g.site[field];
      if (had === undefined) {
        g.site[field] = v;
        g.fieldRow[c] = r.row;
      } else if (had !== v) {
        errors.push(csvError(r.row, c, 'site_fields_disagree', { firstRow: g.fieldRow[c], value: v, expected: String(had) }));
      }
    }
    if (hasEndpoint(r.cells)) {
      g.site.endpoints.push(endpointOf(r.cells));
      g.endpointRows.push(r.row);
    }
  }
  const list = [...groups.values()];
  return {
    sites: list.map((g) => g.site),
    origins: list.map((g) => ({ fieldRow: g.fieldRow, endpointRows: g.endpointRows })),
    errors,
  };
}

/** The column an issue's path names: `$.sites[i].x` or `$.sites[i].endpoints[j].x(.y)`. */
export function columnOfPath(path: string): { site: number; endpoint: number | null; column: CsvColumn | null; field: string } | null {
  const m = /^\$\.sites\[(\d+)\](?:\.endpoints\[(\d+)\])?(?:\.([A-Za-z]+(?:\.[A-Za-z]+)?))?$/.exec(path);
  if (!m) return null;
  const field = m[3] ?? '';
  const endpoint = m[2] === undefined ? null : Number(m[2]);
  const table: Readonly<Record<string, string>> = endpoint === null ? SITE_FIELD : ENDPOINT_FIELD;
  // An issue on the whole `snmp` object is about its version (the discriminator).
  const wanted = field === 'snmp' ? 'snmp.version' : field;
  const column = (Object.keys(table).find((c) => table[c] === wanted) as CsvColumn | undefined) ?? null;
  return { site: Number(m[1]), endpoint, column, field: field.split('.').pop()! };
}
