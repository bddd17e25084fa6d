import { validateInventory, type Endpoint, type Inventory, type Site } from '../inventory.js';
import type { EndpointFields, InventoryEdit } from './edit-api.js';
import { keptSecrets, resolveSnmp } from './edit-fields.js';
import { problem, type EditProblem } from './edit-problems.js';
import { checkEdit } from './edit-rules.js';

/**
 * One editor change applied to an inventory: a new inventory (the old one is never changed in
 * place, and every id stays as it was, so alarms and history stay attached) or the problems that
 * refuse it. The whole result is validated again as the file would be, so no edit can produce an
 * inventory the engine would not load.
 */
export type EditOutcome = { readonly ok: true; readonly inventory: Inventory } | { readonly ok: false; readonly problems: readonly EditProblem[] };

function endpointRecord(id: string, f: EndpointFields, snmp: Endpoint['snmp']): Endpoint {
  return {
    id,
    name: f.name,
    host: f.host,
    port: f.port,
    profile: f.profile,
    snmp,
    ...(f.interfaceName !== null ? { interface: { name: f.interfaceName } } : {}),
    ...(f.uri !== null ? { uri: f.uri } : {}),
  };
}

const mapSites = (inv: Inventory, fn: (s: Site) => Site): Inventory => ({ ...inv, sites: inv.sites.map(fn) });

function build(inv: Inventory, edit: InventoryEdit): Inventory {
  switch (edit.op) {
    case 'addSite': {
      const { name, tier, district } = edit.site;
      const site: Site = { id: edit.id, name, tier, ...(edit.parent !== null ? { parent: edit.parent } : {}), ...(district !== null ? { district } : {}), endpoints: [] };
      return { ...inv, sites: [...inv.sites, site] };
    }
    case 'updateSite':
      return mapSites(inv, (s) => {
        if (s.id !== edit.id) return s;
        const { district: _old, ...rest } = s;
        return { ...rest, name: edit.site.name, tier: edit.site.tier, ...(edit.site.district !== null ? { district: edit.site.district } : {}) };
      });
    case 'moveSite':
      return mapSites(inv, (s) => {
        if (s.id !== edit.id) return s;
        const { parent: _old, ...rest } = s;
        return edit.parent === null ? rest : { ...rest, parent: edit.parent };
      });
    case 'deleteSite':
      return { ...inv, sites: inv.sites.filter((s) => s.id !== edit.id) };
    case 'addEndpoint':
      return mapSites(inv, (s) => (s.id === edit.site ? { ...s, endpoints: [...s.endpoints, endpointRecord(edit.id, edit.endpoint, resolveSnmp(edit.snmp, null))] } : s));
    case 'updateEndpoint':
      return mapSites(inv, (s) =>
        s.endpoints.some((e) => e.id === edit.id)
          ? { ...s, endpoints: s.endpoints.map((e) => (e.id === edit.id ? endpointRecord(e.id, edit.endpoint, edit.snmp ? resolveSnmp(edit.snmp, e.snmp) : e.snmp) : e)) }
          : s,
      );
    case 'moveEndpoint': {
      const moving = inv.sites.flatMap((s) => s.endpoints).find((e) => e.id === edit.id)!;
      return mapSites(inv, (s) => {
        if (s.id === edit.site) return { ...s, endpoints: [...s.endpoints, moving] };
        return s.endpoints.some((e) => e.id === edit.id) ? { ...s, endpoints: s.endpoints.filter((e) => e.id !== edit.id) } : s;
      });
    }
    case 'deleteEndpoint':
      return mapSites(inv, (s) => (s.endpoints.some((e) => e.id === edit.id) ? { ...s, endpoints: s.endpoints.filter((e) => e.id !== edit.id) } : s));
  }
}

export function applyInventoryEdit(inv: Inventory, edit: InventoryEdit, profiles: ReadonlySet<string>): EditOutcome {
  const snmpOf = new Map(inv.sites.flatMap((s) => s.endpoints.map((e) => [e.id, e.snmp] as const)));
  const problems = checkEdit(inv, edit, { profiles, kept: (id) => keptSecrets(snmpOf.get(id)) });
  if (problems.length) return { ok: false, problems };
  const next = build(inv, edit);
  const valid = validateInventory(next);
  if (!valid.ok) return { ok: false, problems: valid.issues.map((i) => problem('invalid_value', null, { detail: `${i.path}: ${i.message}` })) };
  return { ok: true, inventory: next };
}
