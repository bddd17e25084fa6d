/**
 * What an inventory import reports: every problem of the file at once, each as a code with
 * parameters, placed where the technician finds it: row and column as Excel shows them for CSV,
 * JSON path (and line/column for a syntax error) for JSON. Never a secret among the parameters.
 *
 * Words: assets/locales/inventory.<lang>.json. `inventory.import.<code>` says what is wrong
 * (with i18next context `json` for a JSON error: `duplicate_id_json`), `inventory.where.<key>`
 * says where (`whereOf` picks the key); both take the error's `params`.
 */
export const IMPORT_ERROR_CODES = [
  // The file as a whole
  'empty_file',
  'not_text',
  'not_csv',
  'no_rows',
  'invalid_json',
  // The CSV's shape
  'csv_syntax',
  'too_many_cells',
  'missing_column',
  'unknown_column',
  'duplicate_column',
  // One value
  'bad_encoding',
  'missing_value',
  'invalid_id',
  'invalid_text',
  'invalid_host',
  'invalid_port',
  'invalid_choice',
  'key_too_short',
  'unexpected_value',
  'unknown_field',
  'unknown_profile',
  'invalid_value',
  // Across records
  'unknown_tier',
  'unknown_parent',
  'parent_not_above',
  'parent_cycle',
  'duplicate_id',
  'site_fields_disagree',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export type ImportParams = Readonly<Record<string, string | number>>;

/** A problem of a CSV import. `params` repeats row and column, for the message's words. */
export interface CsvImportError {
  /** 1-based, as Excel numbers rows (the header is row 1); null for the file as a whole. */
  readonly row: number | null;
  /** The header name of the column, or null for a whole row or the whole file. */
  readonly column: string | null;
  readonly code: ImportErrorCode;
  readonly params: ImportParams;
}

/** A problem of a JSON import: where in the document, and line/column for a syntax error. */
export interface JsonImportError {
  /** JSON path, e.g. `$.sites[12].parent`; `$` for the document. */
  readonly path: string;
  readonly line?: number;
  readonly column?: number;
  readonly code: ImportErrorCode;
  readonly params: ImportParams;
}

export function csvError(row: number | null, column: string | null, code: ImportErrorCode, params: ImportParams = {}): CsvImportError {
  const where: Record<string, string | number> = {};
  if (row !== null) where['row'] = row;
  if (column !== null) where['column'] = column;
  return { row, column, code, params: { ...params, ...where } };
}

/** Which `inventory.where.*` words place an error: a cell, a row, the whole file, a JSON path or line. */
export function whereOf(e: CsvImportError | JsonImportError): 'cell' | 'row' | 'file' | 'path' | 'line' {
  if ('path' in e) return e.line !== undefined ? 'line' : 'path';
  if (e.row === null) return 'file';
  return e.column === null ? 'row' : 'cell';
}
