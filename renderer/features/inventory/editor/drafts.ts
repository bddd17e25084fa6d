import type { SiteView } from '../../../../shared/inventory.js';
import type { AUTH_PROTOCOLS, PRIV_PROTOCOLS, SNMP_LEVELS, EndpointSettingsView, InventoryEdit, SnmpEdit } from '../../../../shared/inventory-edit/edit-api.js';
import { firstPerField, type EditField, type EditProblem } from '../../../../shared/inventory-edit/edit-problems.js';

/**
 * The editor's forms as typed (every value a string, as the inputs hold it) and the edit each
 * one asks for. An empty optional field is absent; an empty secret in an edit keeps the one the
 * inventory has (the console never receives it).
 */
export interface SiteDraft {
  id: string;
  name: string;
  tier: string;
  parent: string;
  district: string;
}

export interface EndpointDraft {
  id: string;
  site: string;
  name: string;
  host: string;
  port: string;
  profile: string;
  uri: string;
  interfaceName: string;
  /** In an edit: false keeps the SNMP settings as they are. */
  changeSnmp: boolean;
  version: SnmpEdit['version'];
  community: string;
  user: string;
  level: (typeof SNMP_LEVELS)[number];
  authProtocol: (typeof AUTH_PROTOCOLS)[number];
  authKey: string;
  privProtocol: (typeof PRIV_PROTOCOLS)[number];
  privKey: string;
}

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

export function newSiteDraft(parent: SiteView | null, tiers: readonly string[]): SiteDraft {
  const below = parent ? tiers[tiers.indexOf(parent.tier) + 1] : tiers[0];
  return { id: '', name: '', tier: below ?? tiers.at(-1) ?? '', parent: parent?.id ?? '', district: '' };
}

export function siteDraftOf(site: SiteView, district: string | null): SiteDraft {
  return { id: site.id, name: site.name, tier: site.tier, parent: site.parent ?? '', district: district ?? '' };
}

export function siteEdit(draft: SiteDraft, mode: 'add' | 'edit'): InventoryEdit {
  const site = { name: draft.name.trim(), tier: draft.tier, district: orNull(draft.district) };
  return mode === 'add' ? { op: 'addSite', id: draft.id.trim(), parent: orNull(draft.parent), site } : { op: 'updateSite', id: draft.id, site };
}

const SNMP_DEFAULTS = { community: '', user: '', level: 'authPriv', authProtocol: 'sha', authKey: '', privProtocol: 'aes', privKey: '' } as const;

export function newEndpointDraft(site: SiteView, profile: string): EndpointDraft {
  const id = `${site.id}-${site.endpoints.length + 1}`;
  return { id, site: site.id, name: '', host: '', port: '161', profile, uri: '', interfaceName: '', changeSnmp: true, version: '2c', ...SNMP_DEFAULTS };
}

export function endpointDraftOf(site: SiteView, id: string, settings: EndpointSettingsView | null): EndpointDraft {
  const e = site.endpoints.find((x) => x.id === id)!;
  const snmp = settings?.snmp;
  const v3 = snmp?.version === '3' ? { user: snmp.user, level: snmp.level, authProtocol: snmp.authProtocol, privProtocol: snmp.privProtocol } : {};
  return {
    ...SNMP_DEFAULTS,
    ...v3,
    id,
    site: site.id,
    name: e.name,
    host: e.host,
    port: String(e.port),
    profile: e.profile,
    uri: e.uri ?? '',
    interfaceName: settings?.interfaceName ?? '',
    changeSnmp: false,
    version: snmp?.version ?? '2c',
  };
}

/** The port as typed: a whole number, or NaN (which the rules word as not a port). */
const portOf = (s: string): number => (/^\s*\d+\s*$/.test(s) ? Number(s) : Number.NaN);

function snmpOf(d: EndpointDraft, mode: 'add' | 'edit'): SnmpEdit {
  const secret = (s: string) => (s === '' && mode === 'edit' ? null : s);
  if (d.version !== '3') return { version: d.version, community: secret(d.community) };
  return { version: '3', user: d.user.trim(), level: d.level, authProtocol: d.authProtocol, authKey: secret(d.authKey), privProtocol: d.privProtocol, privKey: secret(d.privKey) };
}

export function endpointEdit(d: EndpointDraft, mode: 'add' | 'edit'): InventoryEdit {
  const endpoint = { name: d.name.trim(), host: d.host.trim(), port: portOf(d.port), profile: d.profile, uri: orNull(d.uri), interfaceName: orNull(d.interfaceName) };
  if (mode === 'add') return { op: 'addEndpoint', id: d.id.trim(), site: d.site, endpoint, snmp: snmpOf(d, mode) };
  return { op: 'updateEndpoint', id: d.id, endpoint, snmp: d.changeSnmp ? snmpOf(d, mode) : null };
}

/** One problem per field, for the line under it; problems of no field go above the buttons. */
export function byField(problems: readonly EditProblem[]): { readonly field: ReadonlyMap<EditField, EditProblem>; readonly general: readonly EditProblem[] } {
  const field = new Map<EditField, EditProblem>();
  const general: EditProblem[] = [];
  for (const p of firstPerField(problems)) {
    if (p.field) field.set(p.field, p);
    else general.push(p);
  }
  return { field, general };
}
