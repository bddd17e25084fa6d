import type { TFunction } from 'i18next';
import type { ImportProblem } from '../../../shared/inventory-import-api.js';

/** Where a problem of an imported file is: a cell, a row, the whole file, a JSON path or line. */
export function problemPlace(p: ImportProblem, t: TFunction): string {
  if (p.path !== null) return p.line !== null ? t('inventory.where.line', { line: p.line, column: p.column ?? '?' }) : t('inventory.where.path', { path: p.path });
  if (p.row === null) return t('inventory.where.file');
  return p.column === null ? t('inventory.where.row', { row: p.row }) : t('inventory.where.cell', { row: p.row, column: p.column });
}

/** What is wrong, in the desk's language (the engine's code and parameters, worded here). */
export function problemText(p: ImportProblem, t: TFunction): string {
  return t(`inventory.import.${p.code}`, { ...p.params, context: p.path !== null && p.code === 'duplicate_id' ? 'json' : undefined, defaultValue: t('inventory.import.invalid_value', { detail: p.code }) });
}
