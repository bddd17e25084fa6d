import type { TFunction } from 'i18next';
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { AuditEntry } from '../../../shared/audit.js';
import { formatDateTime } from '../../i18n/format.js';
import { actionText, fromText, resultText, roleText, targetText } from './audit-words.js';

/** Excel opens a UTF-8 CSV with Vietnamese intact only when it starts with a byte-order mark. */
export const BOM = '\uFEFF';

/**
 * The audit entries as CSV for Excel: UTF-8 with a BOM, CRLF line ends, one header row in the
 * reader's language, the same words as the viewer; the entry number and hash last, so a printed
 * copy can be checked against `bridgepoint audit verify`.
 */
export function auditCsv(entries: readonly AuditEntry[], t: TFunction, timezone: string): string {
  const columns = ['time', 'user', 'role', 'from', 'action', 'target', 'result', 'id', 'hash'].map((c) => t(`audit.csv.${c}`));
  const rows = entries.map((e) => [
    formatDateTime(e.at, timezone) ?? e.at,
    e.user,
    roleText(e.role, t),
    fromText(e, t),
    actionText(e, t),
    targetText(e, t),
    resultText(e, t),
    e.id,
    e.hash,
  ]);
  return BOM + stringify([columns, ...rows], { record_delimiter: 'windows' });
}
