import { jsonErrorPosition } from './json-error-position.js';
import { BoundedReadError, readBounded, type ReadLimits } from './bounded-read.js';
import { decodeUtf8Marked, invalidTextIssues } from './utf8-text.js';
import { validateInventory, type Inventory, type InventoryIssue } from '../../../shared/inventory.js';
import type { SecretKeySource } from '../secrets/key-source.js';
import { decryptInventorySecrets } from '../secrets/inventory-secrets.js';

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

export interface LoadOptions extends ReadLimits {
  /** The key for `enc:v1:` secrets; without one, an encrypted value is a problem named by path. */
  readonly secretKey?: SecretKeySource | null;
}

/** Read, decode, parse, decrypt and validate an inventory file; rejects with InventoryError only. */
export async function loadInventory(file: string, options: LoadOptions = {}): Promise<Inventory> {
  let bytes: Buffer;
  try {
    ({ bytes } = await readBounded(file, options));
  } catch (e) {
    if (!(e instanceof BoundedReadError)) throw e;
    throw new InventoryError(file, [{ path: '$', message: `cannot read: ${e.reason}` }]);
  }
  return parseInventoryBytes(file, bytes, options.secretKey ?? null);
}

/** The steps after reading: bytes that are not UTF-8 are named by the field that holds them. */
export async function parseInventoryBytes(file: string, bytes: Uint8Array, secretKey: SecretKeySource | null = null): Promise<Inventory> {
  const raw = parseJson(file, decodeUtf8Marked(bytes));
  const badText = invalidTextIssues(raw);
  if (badText.length) throw new InventoryError(file, badText);
  const secretIssues = await decryptInventorySecrets(raw, secretKey);
  if (secretIssues.length) throw new InventoryError(file, secretIssues);
  return validated(file, raw);
}

/** Parse and validate inventory text (no encrypted secrets: those need parseInventoryBytes). */
export function parseInventory(file: string, text: string): Inventory {
  const raw = parseJson(file, text.replace(/^\uFEFF/, ''));
  const badText = invalidTextIssues(raw);
  if (badText.length) throw new InventoryError(file, badText);
  return validated(file, raw);
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InventoryError(file, [{ path: '$', message: `not valid JSON (${where(text, e as Error)})` }]);
  }
}

function validated(file: string, raw: unknown): Inventory {
  const result = validateInventory(raw);
  if (!result.ok) throw new InventoryError(file, result.issues);
  return result.inventory;
}

function where(text: string, e: Error): string {
  const at = jsonErrorPosition(text);
  const what = String(e.message).split(', "')[0]!.split(', ...')[0]!.replace(/ in JSON at position \d+.*$/s, '');
  return at ? `${what} at line ${at.line}, column ${at.column}` : what;
}
