import type { Inventory, InventoryIssue } from '../../../../shared/inventory.js';
import { jsonErrorPosition } from '../json-error-position.js';
import { decodeUtf8Marked, invalidTextIssues } from '../utf8-text.js';
import { inventoryIssues } from './all-issues.js';
import { assembleSites, columnOfPath, type SiteOrigin } from './csv-assemble.js';
import { CSV_COLUMNS, OPTIONAL_COLUMNS, SECRET_COLUMNS, readCsvTable, type CsvColumn, type CsvRow } from './csv-inventory.js';
import { DecodeTextError, decodeText, type DecodeProblem, type TextEncoding } from './decode-text.js';
import { csvError, type CsvImportError, type ImportErrorCode, type JsonImportError } from './import-errors.js';
import { classifyIssue, toJsonError } from './issue-codes.js';
import { keepStoredSecrets } from './kept-secrets.js';

/**
 * Check a whole import file in one pass and list every problem: nothing stops the pass, so the
 * technician fixes the file once, not once per error. The rules are the schema's
 * (validateInventory and its cross-record checks); this only places each issue on its cell.
 */

export interface ImportOptions {
  /** The device profiles the engine has (ids); without it, profiles are not checked. */
  readonly profiles?: ReadonlySet<string>;
}

export type CsvImportResult =
  | { readonly ok: true; readonly inventory: Inventory; readonly encoding: TextEncoding | null; readonly delimiter: string }
  | { readonly ok: false; readonly errors: readonly CsvImportError[] };

export type JsonImportResult = { readonly ok: true; readonly inventory: Inventory } | { readonly ok: false; readonly errors: readonly JsonImportError[] };

const DECODE_CODE: Record<DecodeProblem, ImportErrorCode> = { empty: 'empty_file', binary: 'not_text', spreadsheet: 'not_csv', invalid_utf16: 'not_text' };

/** CSV bytes → the new inventory: the sites from the file, everything else from `current`. */
export function importCsv(bytes: Uint8Array, current: Inventory, options: ImportOptions = {}): CsvImportResult {
  let decoded;
  try {
    decoded = decodeText(bytes);
  } catch (e) {
    if (!(e instanceof DecodeTextError)) throw e;
    return { ok: false, errors: [csvError(null, null, DECODE_CODE[e.problem])] };
  }
  const result = importCsvText(decoded.text, current, options);
  return result.ok ? { ...result, encoding: decoded.encoding } : result;
}

/** The same from text already decoded. */
export function importCsvText(text: string, current: Inventory, options: ImportOptions = {}): CsvImportResult {
  const table = readCsvTable(text);
  const { sites, origins, errors: siteErrors } = assembleSites(table.rows);
  const { sites: _sites, ...network } = current;
  const raw = { ...network, sites };
  keepStoredSecrets(raw, current);
  const { issues, inventory } = inventoryIssues(raw);

  const cellsAt = new Map<number, CsvRow['cells']>(table.rows.map((r) => [r.row, r.cells]));
  const errors: CsvImportError[] = [...table.errors, ...siteErrors];
  for (const issue of issues) {
    const e = toCsvError(issue, origins, cellsAt, table.columns);
    if (e) errors.push(e);
  }
  if (options.profiles) errors.push(...unknownProfiles(sites, origins, options.profiles));

  if (errors.length === 0 && inventory) return { ok: true, inventory, encoding: null, delimiter: table.delimiter };
  return { ok: false, errors: sortErrors(dedupe(errors)) };
}

function rowOf(origin: SiteOrigin | undefined, endpoint: number | null, column: CsvColumn | null): number | null {
  if (!origin) return null;
  if (endpoint !== null) return origin.endpointRows[endpoint] ?? null;
  return column && column in origin.fieldRow ? origin.fieldRow[column as keyof SiteOrigin['fieldRow']] : origin.fieldRow.site_id;
}

function toCsvError(issue: InventoryIssue, origins: readonly SiteOrigin[], cellsAt: ReadonlyMap<number, CsvRow['cells']>, columns: ReadonlySet<CsvColumn>): CsvImportError | null {
  const at = columnOfPath(issue.path);
  if (!at) return csvError(null, null, 'invalid_value', { path: issue.path, detail: issue.message });
  const row = rowOf(origins[at.site], at.endpoint, at.column);
  const column = at.column;
  // A required column the header lacks is reported once, as missing_column, not on every row.
  if (column && !columns.has(column) && !OPTIONAL_COLUMNS.has(column)) return null;
  const value = row !== null && column ? cellsAt.get(row)?.[column] : undefined;
  const c = classifyIssue(issue.message, at.field, column !== null && value === undefined);
  const params: Record<string, string | number> = { ...c.params };
  if (value !== undefined && column && !SECRET_COLUMNS.has(column) && params['value'] === undefined) params['value'] = value;
  if (c.firstPath) {
    const first = columnOfPath(c.firstPath.endsWith('.id') ? c.firstPath : `${c.firstPath}.id`);
    const firstRow = first && rowOf(origins[first.site], first.endpoint, first.column);
    if (firstRow) params['firstRow'] = firstRow;
  }
  if (c.code === 'unknown_field') {
    // On a CSV row, an unknown SNMP field is a cell filled in for the other SNMP version.
    const version = row === null ? undefined : cellsAt.get(row)?.snmp_version;
    delete params['field'];
    return csvError(row, column, 'unexpected_value', version ? { ...params, version } : params);
  }
  return csvError(row, column, c.code, params);
}

function unknownProfiles(sites: readonly Record<string, unknown>[], origins: readonly SiteOrigin[], profiles: ReadonlySet<string>): CsvImportError[] {
  const out: CsvImportError[] = [];
  sites.forEach((site, i) => {
    (site['endpoints'] as Record<string, unknown>[]).forEach((ep, j) => {
      const profile = typeof ep['profile'] === 'string' ? ep['profile'] : 'generic-mib2';
      if (!profiles.has(profile)) out.push(csvError(origins[i]!.endpointRows[j]!, 'profile', 'unknown_profile', { value: profile }));
    });
  });
  return out;
}

const COLUMN_ORDER = new Map<string, number>(CSV_COLUMNS.map((c, i) => [c, i]));

function sortErrors(errors: CsvImportError[]): CsvImportError[] {
  const key = (e: CsvImportError): [number, number] => [e.row ?? 0, e.column === null ? -1 : (COLUMN_ORDER.get(e.column) ?? CSV_COLUMNS.length)];
  return errors.sort((a, b) => {
    const [ra, ca] = key(a);
    const [rb, cb] = key(b);
    return ra - rb || ca - cb;
  });
}

function dedupe(errors: readonly CsvImportError[]): CsvImportError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.row}\u0000${e.column}\u0000${e.code}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * A whole JSON inventory (the file format of assets/inventory): the same codes, by JSON path; a
 * syntax error with line and column. Text that is not UTF-8 is named by the field holding it.
 * Blank secrets of what `options.current` has keep the stored ones (an export's blanks).
 */
export function importJson(bytes: Uint8Array, options: ImportOptions & { readonly current?: Inventory } = {}): JsonImportResult {
  let text: string;
  try {
    const decoded = decodeText(bytes);
    // JSON is UTF-8 (RFC 8259) or, from some Windows tools, UTF-16; not a legacy code page.
    text = decoded.encoding === 'windows-1258' ? decodeUtf8Marked(bytes) : decoded.text;
  } catch (e) {
    if (!(e instanceof DecodeTextError)) throw e;
    return { ok: false, errors: [{ path: '$', code: DECODE_CODE[e.problem], params: {} }] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const at = jsonErrorPosition(text);
    return { ok: false, errors: [{ path: '$', ...(at ?? {}), code: 'invalid_json', params: at ? { line: at.line, column: at.column } : {} }] };
  }
  const badText = invalidTextIssues(raw);
  if (badText.length) return { ok: false, errors: badText.map((i) => ({ path: i.path, code: 'bad_encoding', params: { path: i.path } })) };
  if (options.current) keepStoredSecrets(raw, options.current);
  const { issues, inventory } = inventoryIssues(raw);
  const errors: JsonImportError[] = issues.map((i) => toJsonError(i, raw));
  if (inventory && options.profiles) {
    inventory.sites.forEach((s, i) =>
      s.endpoints.forEach((e, j) => {
        if (!options.profiles!.has(e.profile)) errors.push({ path: `$.sites[${i}].endpoints[${j}].profile`, code: 'unknown_profile', params: { value: e.profile } });
      }),
    );
  }
  if (inventory && errors.length === 0) return { ok: true, inventory };
  // In file order: sites[2] before sites[10] (the number padded), fields as the schema found them.
  const key = (e: JsonImportError): string => e.path.replace(/\[(\d+)\]/g, (_, n: string) => `[${n.padStart(10, '0')}]`).replace(/\.[^.[]*$/, '');
  return { ok: false, errors: errors.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)) };
}
