import type { z } from 'zod';

/**
 * What the inventory editor says is wrong: a code the catalogue words
 * (`inventoryEdit.problem.<code>` in assets/locales/inventory-edit.<lang>.json), the form field it
 * belongs under (worded by `inventoryEdit.field.<field>`, never a JSON path) and the values for
 * the words. Never a secret among the values.
 */
export const EDIT_PROBLEM_CODES = [
  'missing_value',
  'invalid_id',
  'invalid_text',
  'invalid_host',
  'invalid_port',
  'invalid_choice',
  'key_too_short',
  'unknown_profile',
  'invalid_value',
  'unknown_tier',
  'unknown_parent',
  'parent_not_above',
  'child_not_below',
  'move_cycle',
  'duplicate_id',
  'unknown_site',
  'unknown_endpoint',
  'has_child_sites',
  'has_endpoints',
  'same_place',
] as const;
export type EditProblemCode = (typeof EDIT_PROBLEM_CODES)[number];

export const EDIT_FIELDS = [
  'id',
  'name',
  'tier',
  'parent',
  'district',
  'site',
  'host',
  'port',
  'profile',
  'uri',
  'interfaceName',
  'snmpVersion',
  'community',
  'user',
  'level',
  'authProtocol',
  'authKey',
  'privProtocol',
  'privKey',
] as const;
export type EditField = (typeof EDIT_FIELDS)[number];

export interface EditProblem {
  readonly code: EditProblemCode;
  readonly field: EditField | null;
  readonly params: Readonly<Record<string, string | number>>;
}

export const problem = (code: EditProblemCode, field: EditField | null, params: Record<string, string | number> = {}): EditProblem => ({ code, field, params });

/** The inventory's field at a zod issue's path, as the form names it. */
function fieldAt(path: readonly PropertyKey[]): EditField | null {
  const last = String(path.at(-1) ?? '');
  if (path[0] === 'interface') return 'interfaceName';
  if (path[0] === 'snmp' && last === 'version') return 'snmpVersion';
  return (EDIT_FIELDS as readonly string[]).includes(last) ? (last as EditField) : null;
}

const FIELD_CODE: Partial<Record<EditField, EditProblemCode>> = {
  id: 'invalid_id',
  parent: 'invalid_id',
  site: 'invalid_id',
  name: 'invalid_text',
  tier: 'invalid_text',
  district: 'invalid_text',
  interfaceName: 'invalid_text',
  host: 'invalid_host',
  port: 'invalid_port',
  snmpVersion: 'invalid_choice',
  level: 'invalid_choice',
  authProtocol: 'invalid_choice',
  privProtocol: 'invalid_choice',
  authKey: 'key_too_short',
  privKey: 'key_too_short',
};

/**
 * One issue of the inventory schema (shared/inventory.ts, the one place the field rules live) as
 * an editor problem: an absent or empty value is missing, anything else the field's own code.
 */
export function fromSchemaIssue(issue: z.core.$ZodIssue, value: unknown): EditProblem {
  const field = fieldAt(issue.path);
  if (value === undefined || value === '') return problem('missing_value', field);
  const code = field ? FIELD_CODE[field] : undefined;
  if (code === 'key_too_short') {
    const min = issue.code === 'too_small' ? Number(issue.minimum) : 8;
    return problem(code, field, { min });
  }
  if (code === 'invalid_choice') return problem(code, field, { value: String(value) });
  if (code === 'invalid_host' || code === 'invalid_id') return problem(code, field, { value: String(value) });
  if (code === 'invalid_port') return problem(code, field, { value: Number.isFinite(value) ? String(value) : '' });
  if (code) return problem(code, field);
  return problem('invalid_value', field, { detail: issue.message });
}

/** The value at a zod issue's path in `input`. */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur = input;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

/** At most one problem per field (the first), so the form shows one line under each. */
export function firstPerField(problems: readonly EditProblem[]): EditProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = p.field ?? `:${p.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
