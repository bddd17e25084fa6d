import { createHash } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors.js';
import type { Inventory } from '../../../shared/inventory.js';
import { MAX_PROBLEMS, type ImportProblem } from '../../../shared/inventory-import-api.js';
import type { Handlers } from '../rpc/dispatch.js';
import { inventoryToCsvBytes } from './import/csv-inventory.js';
import type { CsvImportError, JsonImportError } from './import/import-errors.js';
import { diffView, type InventoryCommitter } from './inventory-commit.js';
import { importCsv, importJson } from './import/validate-import.js';
import { withoutSecrets } from './import/kept-secrets.js';

type AdminRequest = 'previewInventoryImport' | 'applyInventoryImport' | 'exportInventory' | 'undoInventoryChange' | 'getInventoryUndo';

export interface InventoryAdminDeps {
  readonly current: () => Inventory;
  /** The device profiles the engine has (an import naming another is refused). */
  readonly profiles: ReadonlySet<string>;
  /** Every change goes through it (backup, atomic write, adoption). */
  readonly committer: InventoryCommitter;
}

const versions = new WeakMap<Inventory, string>();

/**
 * A short fingerprint of the running inventory: a preview is applied only to what it was made
 * against. Inventories are never changed in place (a change replaces the object), so it is kept.
 */
export function inventoryVersion(inv: Inventory): string {
  let v = versions.get(inv);
  if (v === undefined) versions.set(inv, (v = createHash('sha256').update(JSON.stringify(inv)).digest('hex').slice(0, 16)));
  return v;
}

const asProblem = (e: CsvImportError | JsonImportError): ImportProblem =>
  'path' in e
    ? { row: null, column: null, path: e.path, line: e.line ?? null, code: e.code, params: { ...e.params } }
    : { row: e.row, column: e.column, path: null, line: null, code: e.code, params: { ...e.params } };


type Parsed = { ok: true; inventory: Inventory; encoding: string | null; delimiter: string | null } | { ok: false; problems: ImportProblem[] };

/**
 * Inventory import and export for technicians (issue 12): a CSV or JSON file is read whole, every
 * problem listed at once, and its change previewed (added, changed, moved, removed); applying it
 * is all or nothing, against the version the preview saw, and the file is replaced atomically
 * with the inventory it replaced kept as a numbered backup, so the last changes can be undone one
 * by one. Export gives the running inventory as CSV (Excel-ready) or JSON without its secrets
 * (kept-secrets.ts: a blank secret imported back keeps the stored one); a technician's, audited.
 */
export function inventoryAdmin(deps: InventoryAdminDeps): Pick<Handlers, AdminRequest> {
  /** The last file read, so applying what was just previewed does not read it all again. */
  let last: { key: string; base: Inventory; parsed: Parsed } | null = null;
  const parse = (format: 'csv' | 'json', content: string): Parsed => {
    const key = `${format}:${createHash('sha256').update(content).digest('hex')}`;
    if (last && last.key === key && last.base === deps.current()) return last.parsed;
    const parsed = read(format, content);
    last = { key, base: deps.current(), parsed };
    return parsed;
  };
  const read = (format: 'csv' | 'json', content: string): Parsed => {
    const bytes = new Uint8Array(Buffer.from(content, 'base64'));
    const options = { profiles: deps.profiles };
    if (format === 'csv') {
      const r = importCsv(bytes, deps.current(), options);
      return r.ok ? { ok: true, inventory: r.inventory, encoding: r.encoding, delimiter: r.delimiter } : { ok: false, problems: r.errors.map(asProblem) };
    }
    const r = importJson(bytes, { ...options, current: deps.current() });
    return r.ok ? { ok: true, inventory: r.inventory, encoding: null, delimiter: null } : { ok: false, problems: r.errors.map(asProblem) };
  };

  return {
    previewInventoryImport: ({ format, content }) => {
      const baseVersion = inventoryVersion(deps.current());
      const r = parse(format, content);
      if (!r.ok) return { baseVersion, encoding: null, delimiter: null, problems: r.problems.slice(0, MAX_PROBLEMS), more: Math.max(0, r.problems.length - MAX_PROBLEMS), diff: null };
      return { baseVersion, encoding: r.encoding, delimiter: r.delimiter, problems: [], more: 0, diff: diffView(deps.current(), r.inventory) };
    },
    applyInventoryImport: ({ format, content, baseVersion }, caller) =>
      deps.committer.commit(caller.user, (before) => {
        if (inventoryVersion(before) !== baseVersion) {
          throw new ApiError('conflict', 'the inventory changed since the preview: preview the file again', undefined, { reason: 'inventory_changed' });
        }
        const r = parse(format, content);
        if (!r.ok) throw new ApiError('bad_request', 'the file has problems: preview it to see them all', undefined, { reason: 'import_has_problems', count: r.problems.length });
        return r.inventory;
      }),
    undoInventoryChange: () => deps.committer.undo(),
    getInventoryUndo: () => deps.committer.undoInfo(),
    exportInventory: ({ format }) => {
      // Secrets never leave the engine: blank in the file, kept from the running inventory on import.
      const inv = withoutSecrets(deps.current());
      const stamp = new Date().toISOString().slice(0, 10);
      if (format === 'csv') return { filename: `bridgepoint-inventory-${stamp}.csv`, mediaType: 'text/csv; charset=utf-8', content: Buffer.from(inventoryToCsvBytes(inv)).toString('base64') };
      return { filename: `bridgepoint-inventory-${stamp}.json`, mediaType: 'application/json', content: Buffer.from(`${JSON.stringify(inv, null, 2)}\n`).toString('base64') };
    },
  };
}
