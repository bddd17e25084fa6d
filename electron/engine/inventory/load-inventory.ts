import { readFile } from 'node:fs/promises';
import { jsonErrorPosition } from './json-error-position.js';
import { validateInventory, type Inventory, type InventoryIssue } from '../../../shared/inventory.js';

/** An inventory that cannot be used; `lines` say file, JSON path and what is wrong, one per issue. */
export class InventoryError extends Error {
  readonly lines: readonly string[];
  constructor(file: string, issues: readonly InventoryIssue[]) {
    const lines = issues.map((i) => `${file}: ${i.path}: ${i.message}`);
    super(lines.length === 1 ? lines[0]! : `${file}: ${lines.length} problems\n  ${lines.join('\n  ')}`);
    this.name = 'InventoryError';
    this.lines = lines;
  }
}

export async function loadInventory(file: string): Promise<Inventory> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : String((e as Error).message);
    throw new InventoryError(file, [{ path: '$', message: `cannot read: ${why}` }]);
  }
  return parseInventory(file, text);
}

export function parseInventory(file: string, text: string): Inventory {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InventoryError(file, [{ path: '$', message: `not valid JSON (${where(text, e as Error)})` }]);
  }
  const result = validateInventory(raw);
  if (!result.ok) throw new InventoryError(file, result.issues);
  return result.inventory;
}

function where(text: string, e: Error): string {
  const at = jsonErrorPosition(text);
  const what = e.message.split(', "')[0]!.split(', ...')[0]!.replace(/ in JSON at position \d+.*$/s, '');
  return at ? `${what} at line ${at.line}, column ${at.column}` : what;
}
