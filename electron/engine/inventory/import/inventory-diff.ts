import type { Endpoint, Inventory, Site } from '../../../../shared/inventory.js';
import { inventoryIssues } from './all-issues.js';
import type { JsonImportError } from './import-errors.js';
import { toJsonError } from './issue-codes.js';

/**
 * What an import would change, for the preview before it is applied: sites and endpoints added,
 * changed (field by field, old → new), moved (a site to another parent, an endpoint to another
 * site) and removed, keyed by their stable ids. A secret that changed is listed without either
 * value; order of records is not a change.
 */

export type DiffValue = string | number | boolean | null;

export interface FieldChange {
  /** The inventory field: `name`, `host`, `snmp.community`, `mcu.url`… */
  readonly field: string;
  /** Absent when `secret`: the values of secrets never leave the diff. */
  readonly from?: DiffValue;
  readonly to?: DiffValue;
  readonly secret?: true;
}

export interface SiteRef {
  readonly id: string;
  readonly name: string;
  readonly parent: string | null;
}
export interface EndpointRef {
  readonly id: string;
  readonly name: string;
  readonly site: string;
}
export interface Changed<T> {
  readonly ref: T;
  readonly changes: readonly FieldChange[];
}
export interface Moved<T> {
  readonly ref: T;
  /** The old and new parent (sites; null for the top) or site (endpoints). */
  readonly from: string | null;
  readonly to: string | null;
}
export interface RecordDiff<T> {
  readonly added: readonly T[];
  readonly changed: readonly Changed<T>[];
  readonly moved: readonly Moved<T>[];
  readonly removed: readonly T[];
}

export interface InventoryDiff {
  /** Name, time zone, tiers, MCU, traps, monitoring (a CSV import keeps them: then none). */
  readonly network: readonly FieldChange[];
  readonly sites: RecordDiff<SiteRef>;
  readonly endpoints: RecordDiff<EndpointRef>;
  /** Whether the import changes nothing at all. */
  readonly empty: boolean;
}

const SECRETS = new Set(['snmp.community', 'snmp.authKey', 'snmp.privKey', 'mcu.password']);

const siteRef = (s: Site): SiteRef => ({ id: s.id, name: s.name, parent: s.parent ?? null });

/** Objects and arrays (tiers, traps) as JSON text, so every value fits a table cell. */
const cell = (v: unknown): DiffValue => (v === undefined ? null : v !== null && typeof v === 'object' ? JSON.stringify(v) : (v as DiffValue));

function fieldChanges(fields: readonly string[], a: Record<string, unknown>, b: Record<string, unknown>, prefix = ''): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of fields) {
    const from = cell(a[f]);
    const to = cell(b[f]);
    if (from === to) continue;
    const field = prefix + f;
    out.push(SECRETS.has(field) ? { field, secret: true } : { field, from, to });
  }
  return out;
}

const SITE_FIELDS = ['name', 'tier', 'district'];
const ENDPOINT_FIELDS = ['name', 'host', 'port', 'profile', 'uri'];
const SNMP_FIELDS = ['version', 'community', 'user', 'level', 'authProtocol', 'authKey', 'privProtocol', 'privKey'];
const NETWORK_FIELDS = ['name', 'timezone', 'tiers', 'traps', 'monitoring'];
const MCU_FIELDS = ['driver', 'url', 'username', 'password', 'insecureTls'];

function endpointChanges(a: Endpoint, b: Endpoint): FieldChange[] {
  return [
    ...fieldChanges(ENDPOINT_FIELDS, a, b),
    ...fieldChanges(SNMP_FIELDS, a.snmp as Record<string, unknown>, b.snmp as Record<string, unknown>, 'snmp.'),
  ];
}

function recordDiff<T, R extends { id: string }>(
  before: ReadonlyMap<string, T>,
  after: ReadonlyMap<string, T>,
  ref: (t: T) => R,
  home: (t: T) => string | null,
  changes: (a: T, b: T) => FieldChange[],
): RecordDiff<R> {
  const added: R[] = [];
  const changed: Changed<R>[] = [];
  const moved: Moved<R>[] = [];
  for (const [id, b] of after) {
    const a = before.get(id);
    if (a === undefined) {
      added.push(ref(b));
      continue;
    }
    const c = changes(a, b);
    if (c.length) changed.push({ ref: ref(b), changes: c });
    if (home(a) !== home(b)) moved.push({ ref: ref(b), from: home(a), to: home(b) });
  }
  const removed = [...before].filter(([id]) => !after.has(id)).map(([, a]) => ref(a));
  return { added, changed, moved, removed };
}

interface Placed {
  readonly endpoint: Endpoint;
  readonly site: string;
}
const endpointsOf = (inv: Inventory): Map<string, Placed> =>
  new Map(inv.sites.flatMap((s) => s.endpoints.map((e) => [e.id, { endpoint: e, site: s.id }] as const)));

export function diffInventories(current: Inventory, next: Inventory): InventoryDiff {
  const network = [
    ...fieldChanges(NETWORK_FIELDS, current, next),
    ...fieldChanges(MCU_FIELDS, { ...current.mcu }, { ...next.mcu }, 'mcu.'),
  ];
  const sites = recordDiff(
    new Map(current.sites.map((s) => [s.id, s])),
    new Map(next.sites.map((s) => [s.id, s])),
    siteRef,
    (s) => s.parent ?? null,
    (a, b) => fieldChanges(SITE_FIELDS, a, b),
  );
  const endpoints = recordDiff(
    endpointsOf(current),
    endpointsOf(next),
    (p: Placed): EndpointRef => ({ id: p.endpoint.id, name: p.endpoint.name, site: p.site }),
    (p) => p.site,
    (a, b) => endpointChanges(a.endpoint, b.endpoint),
  );
  const none = (d: RecordDiff<unknown>): boolean => !d.added.length && !d.changed.length && !d.moved.length && !d.removed.length;
  return { network, sites, endpoints, empty: network.length === 0 && none(sites) && none(endpoints) };
}

/** What an import brings: the sites, and any of the network's fields (a JSON import has them). */
export type ImportedInventory = { readonly sites: readonly unknown[] } & Readonly<Partial<Record<Exclude<keyof Inventory, 'sites'>, unknown>>>;

export type ApplyResult =
  | { readonly ok: true; readonly inventory: Inventory; readonly diff: InventoryDiff }
  | { readonly ok: false; readonly errors: readonly JsonImportError[] };

/**
 * The new inventory: the import's sites, its network fields where it has them, the current
 * inventory's otherwise, validated as a whole. All or nothing: on any problem no inventory comes
 * back, and `current` is never modified either way.
 */
export function applyImport(current: Inventory, imported: ImportedInventory): ApplyResult {
  const { sites: _current, ...network } = current;
  const raw = structuredClone({ ...network, ...imported });
  const { issues, inventory } = inventoryIssues(raw);
  if (!inventory) return { ok: false, errors: issues.map((i) => toJsonError(i, raw)) };
  return { ok: true, inventory, diff: diffInventories(current, inventory) };
}
