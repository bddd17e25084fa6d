import type { InventoryIssue } from '../../../../shared/inventory.js';
import type { ImportErrorCode, JsonImportError } from './import-errors.js';

/**
 * The schema's issues (shared/inventory.ts: zod's words and crossCheck's sentences) as error
 * codes with parameters. The schema stays the one place the rules live; this only reads what it
 * said. Anything not recognised is `invalid_value` with the schema's own words as `detail`.
 */
export interface ClassifiedIssue {
  readonly code: ImportErrorCode;
  readonly params: Record<string, string | number>;
  /** For duplicate_id: the JSON path of the first record with the id. */
  readonly firstPath?: string;
}

/** What a bad value of each field is, by the field's name in the inventory. */
const FIELD_CODE: Readonly<Record<string, ImportErrorCode>> = {
  id: 'invalid_id',
  parent: 'invalid_id',
  name: 'invalid_text',
  district: 'invalid_text',
  tier: 'invalid_text',
  host: 'invalid_host',
  port: 'invalid_port',
  version: 'invalid_choice',
  level: 'invalid_choice',
  authProtocol: 'invalid_choice',
  privProtocol: 'invalid_choice',
  authKey: 'key_too_short',
  privKey: 'key_too_short',
};

const MISSING = /received undefined|must not be empty|>=1 characters/;

/** zod lists the choices as `"a"|"b"` or `'a' | 'b'`: as `a, b`. */
function choices(message: string): string {
  const m = /expected one of (.*)$/i.exec(message) ?? /Expected (.*)$/.exec(message);
  return m ? m[1]!.split('|').map((s) => s.trim().replace(/^["']|["']$/g, '')).join(', ') : '';
}

/**
 * `field` is the last name in the issue's path (`host`, `authKey`…); `missing` says the value was
 * absent or empty in the file (the CSV knows this better than the message).
 */
export function classifyIssue(message: string, field: string | undefined, missing = false): ClassifiedIssue {
  let m: RegExpExecArray | null;
  if ((m = /^duplicate (?:tier|site id|endpoint id) "(.*?)"(?: \(first at (.+)\))?$/.exec(message))) {
    return { code: 'duplicate_id', params: { id: m[1]! }, ...(m[2] ? { firstPath: m[2] } : {}) };
  }
  if ((m = /^unknown tier "(.*)" \(tiers: (.*)\)$/.exec(message))) return { code: 'unknown_tier', params: { value: m[1]!, tiers: m[2]! } };
  if ((m = /^unknown parent "(.*)"$/.exec(message))) return { code: 'unknown_parent', params: { value: m[1]! } };
  if ((m = /^parent "(.*)" is tier "(.*)", which is not above "(.*)"$/.exec(message))) {
    return { code: 'parent_not_above', params: { parent: m[1]!, parentTier: m[2]!, tier: m[3]! } };
  }
  if ((m = /^cycle in parents: (.*)$/.exec(message))) return { code: 'parent_cycle', params: { cycle: m[1]! } };
  if ((m = /^unknown field "(.*)"$/.exec(message))) return { code: 'unknown_field', params: { field: m[1]! } };
  if ((m = /^required for (\w+)$/.exec(message))) return { code: 'missing_value', params: { level: m[1]! } };
  if (missing || MISSING.test(message)) return { code: 'missing_value', params: {} };
  const code = field === undefined ? undefined : FIELD_CODE[field];
  if (code === 'invalid_choice') return { code, params: { allowed: choices(message) } };
  if (code === 'key_too_short') return { code, params: { min: Number(/(\d+)/.exec(message)?.[1] ?? 8) } };
  if (code) return { code, params: { detail: message } };
  return { code: 'invalid_value', params: { detail: message } };
}

const SECRET_FIELDS = new Set(['community', 'authKey', 'privKey', 'password']);

/** The plain value at a JSON path (`$.sites[3].endpoints[0].host`), as short text; undefined if none. */
function valueAt(root: unknown, path: string): string | undefined {
  let cur: unknown = root;
  for (const m of path.matchAll(/\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const key = m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3]!) as string));
    cur = (cur as Record<string | number, unknown>)[key];
  }
  // Only a plain value: an object could hold a secret (an endpoint's snmp, the mcu).
  if (cur === undefined || (cur !== null && typeof cur === 'object')) return undefined;
  const text = typeof cur === 'string' ? cur : String(cur);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** A schema issue of a whole inventory (`raw` as parsed), by JSON path; the value unless secret. */
export function toJsonError(issue: InventoryIssue, raw?: unknown): JsonImportError {
  const field = /\.([A-Za-z]+)$/.exec(issue.path)?.[1];
  const c = classifyIssue(issue.message, field);
  const params: Record<string, string | number> = { ...c.params, path: issue.path };
  if (c.code === 'duplicate_id') params['firstPath'] = c.firstPath ?? issue.path.replace(/\[\d+\]$/, '');
  const value = raw === undefined || (field && SECRET_FIELDS.has(field)) ? undefined : valueAt(raw, issue.path);
  if (value !== undefined && params['value'] === undefined && c.code !== 'missing_value') params['value'] = value;
  return { path: issue.path, code: c.code, params };
}
