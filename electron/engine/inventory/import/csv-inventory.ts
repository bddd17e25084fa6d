import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Endpoint, Inventory } from '../../../../shared/inventory.js';
import { csvError, type CsvImportError } from './import-errors.js';

/**
 * The inventory's sites as a spreadsheet: one row per endpoint, carrying its site's columns; a
 * site without endpoints is one row with the endpoint columns empty. The rest of the inventory
 * (name, time zone, tiers, MCU, traps, monitoring) is not in the CSV: an import takes it from the
 * current inventory.
 */
export const SITE_COLUMNS = ['site_id', 'site_name', 'tier', 'parent_id', 'district'] as const;
export const ENDPOINT_COLUMNS = [
  'endpoint_id',
  'endpoint_name',
  'host',
  'port',
  'profile',
  'snmp_version',
  'community',
  'v3_user',
  'v3_level',
  'v3_auth_protocol',
  'v3_auth_key',
  'v3_priv_protocol',
  'v3_priv_key',
  'sip_uri',
] as const;
export const CSV_COLUMNS = [...SITE_COLUMNS, ...ENDPOINT_COLUMNS] as const;
export type SiteColumn = (typeof SITE_COLUMNS)[number];
export type EndpointColumn = (typeof ENDPOINT_COLUMNS)[number];
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Columns a file may leave out: an absent column is an empty cell on every row. */
export const OPTIONAL_COLUMNS: ReadonlySet<CsvColumn> = new Set(['district', 'v3_user', 'v3_level', 'v3_auth_protocol', 'v3_auth_key', 'v3_priv_protocol', 'v3_priv_key']);
/** Cells whose values are never repeated in an error or a preview, and never trimmed. */
export const SECRET_COLUMNS: ReadonlySet<CsvColumn> = new Set(['community', 'v3_auth_key', 'v3_priv_key']);

const isColumn = (s: string): s is CsvColumn => (CSV_COLUMNS as readonly string[]).includes(s);

function endpointCells(e: Endpoint): Record<EndpointColumn, string> {
  const s = e.snmp;
  const v3 = s.version === '3' ? s : null;
  return {
    endpoint_id: e.id,
    endpoint_name: e.name,
    host: e.host,
    port: String(e.port),
    profile: e.profile,
    snmp_version: s.version,
    community: s.version === '3' ? '' : s.community,
    v3_user: v3?.user ?? '',
    v3_level: v3?.level ?? '',
    v3_auth_protocol: v3?.authProtocol ?? '',
    v3_auth_key: v3?.authKey ?? '',
    v3_priv_protocol: v3?.privProtocol ?? '',
    v3_priv_key: v3?.privKey ?? '',
    sip_uri: e.uri ?? '',
  };
}

/**
 * The sites as CSV text for Excel: a UTF-8 BOM (without it Excel reads the tones as windows-1258
 * mojibake), CRLF line ends, commas. Secrets are written as they are given: the export blanks them
 * first (kept-secrets.ts).
 */
export function inventoryToCsv(inv: Inventory): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const site of inv.sites) {
    const siteCells = [site.id, site.name, site.tier, site.parent ?? '', site.district ?? ''];
    if (site.endpoints.length === 0) rows.push([...siteCells, ...ENDPOINT_COLUMNS.map(() => '')]);
    for (const e of site.endpoints) {
      const cells = endpointCells(e);
      rows.push([...siteCells, ...ENDPOINT_COLUMNS.map((c) => cells[c])]);
    }
  }
  return stringify(rows, { bom: true, record_delimiter: 'windows' });
}

/** The same, as the bytes of a file. */
export function inventoryToCsvBytes(inv: Inventory): Uint8Array {
  return new TextEncoder().encode(inventoryToCsv(inv));
}

export interface CsvRow {
  /** As Excel numbers it: the header is row 1. */
  readonly row: number;
  readonly cells: Readonly<Partial<Record<CsvColumn, string>>>;
}

export interface CsvTable {
  readonly delimiter: string;
  /** The known columns the header has. */
  readonly columns: ReadonlySet<CsvColumn>;
  /** The data rows, blank rows left out (they still count in the numbering). */
  readonly rows: readonly CsvRow[];
  /** Problems of the header, the CSV syntax and the cells' encoding. */
  readonly errors: readonly CsvImportError[];
}

/** Comma, semicolon (Excel in the vi-VN locale) or tab (Excel's "Unicode text"): the commonest outside quotes in the header. */
function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/** Header text → column name: case, spaces and hyphens do not matter ("Site ID" is site_id). */
const columnName = (h: string): string => h.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** U+FFFD (a byte that was not UTF-8 in a file marked UTF-8) or a C1 control (a legacy code page that was not windows-1258). */
const MISDECODED = /[\uFFFD\u0080-\u009F]/;

/** Parse CSV text into rows of known columns. Every problem is listed; none stops the pass. */
export function readCsvTable(text: string): CsvTable {
  let body = text.replace(/^\uFEFF/, '');
  let delimiter: string | undefined;
  // Excel's "sep=;" line names the delimiter; Excel hides it, so the header is still row 1.
  const sep = /^sep=(.)\r?\n/i.exec(body);
  if (sep) {
    delimiter = sep[1]!;
    body = body.slice(sep[0].length);
  }
  delimiter ??= detectDelimiter(body);

  const errors: CsvImportError[] = [];
  const records: { row: number; cells: string[] }[] = [];
  let row = 0;
  parse(body, {
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    skip_records_with_error: true,
    on_record: (record: string[]) => {
      records.push({ row: ++row, cells: record });
      return record;
    },
    on_skip: (err) => {
      errors.push(csvError(++row, null, 'csv_syntax', { reason: err?.code ?? 'CSV_INVALID' }));
    },
  });

  const header = records.shift()?.cells ?? [];
  const index = new Map<CsvColumn, number>();
  header.forEach((h, i) => {
    const name = columnName(h);
    if (name === '') return;
    if (!isColumn(name)) errors.push(csvError(1, h.trim(), 'unknown_column'));
    else if (index.has(name)) errors.push(csvError(1, name, 'duplicate_column'));
    else index.set(name, i);
  });
  for (const c of CSV_COLUMNS) if (!index.has(c) && !OPTIONAL_COLUMNS.has(c)) errors.push(csvError(1, c, 'missing_column'));

  const rows: CsvRow[] = [];
  for (const rec of records) {
    if (rec.cells.every((c) => c.trim() === '')) continue;
    if (rec.cells.slice(header.length).some((c) => c.trim() !== '')) errors.push(csvError(rec.row, null, 'too_many_cells', { count: header.length }));
    const cells: Partial<Record<CsvColumn, string>> = {};
    for (const [c, i] of index) {
      const raw = rec.cells[i] ?? '';
      if (MISDECODED.test(raw)) errors.push(csvError(rec.row, c, 'bad_encoding'));
      const value = SECRET_COLUMNS.has(c) ? raw : raw.trim();
      if (value !== '') cells[c] = value;
    }
    rows.push({ row: rec.row, cells });
  }
  if (rows.length === 0 && header.length > 0) errors.push(csvError(null, null, 'no_rows'));
  return { delimiter, columns: new Set(index.keys()), rows, errors };
}
