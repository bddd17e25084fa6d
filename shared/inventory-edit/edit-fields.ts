import { EndpointSchema, SiteSchema, type SnmpSettings } from '../inventory.js';
import type { EndpointFields, SiteFields, SnmpEdit } from './edit-api.js';
import { fromSchemaIssue, problem, valueAt, type EditProblem } from './edit-problems.js';

/**
 * The rules of one record's fields, as the form is typed: the inventory's zod schema
 * (shared/inventory.ts) judges each value, and its issues become editor problems under their field.
 */

/** Which secrets the inventory already holds for an endpoint, so an edit may leave them out. */
export interface KeptSecrets {
  readonly community: boolean;
  readonly authKey: boolean;
  readonly privKey: boolean;
}
export const NO_SECRETS: KeptSecrets = { community: false, authKey: false, privKey: false };

export function keptSecrets(current: SnmpSettings | null | undefined): KeptSecrets {
  if (!current) return NO_SECRETS;
  if (current.version !== '3') return { community: current.community !== '', authKey: false, privKey: false };
  return { community: false, authKey: !!current.authKey, privKey: !!current.privKey };
}

const SITE_FIELDS = SiteSchema.pick({ id: true, name: true, tier: true, parent: true, district: true });

export function siteFieldProblems(id: string, fields: SiteFields, parent: string | null): EditProblem[] {
  const input = { id, name: fields.name, tier: fields.tier, ...(parent !== null ? { parent } : {}), ...(fields.district !== null ? { district: fields.district } : {}) };
  const r = SITE_FIELDS.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => fromSchemaIssue(i, valueAt(input, i.path)));
}

/** The SNMP settings an edit leads to; a secret left null is the current one (`current`). */
export function resolveSnmp(edit: SnmpEdit, current: SnmpSettings | null | undefined): SnmpSettings {
  if (edit.version !== '3') {
    const community = edit.community ?? (current && current.version !== '3' ? current.community : '');
    return { version: edit.version, community };
  }
  const cur = current?.version === '3' ? current : null;
  const auth = edit.level !== 'noAuthNoPriv';
  const priv = edit.level === 'authPriv';
  const authKey = edit.authKey ?? cur?.authKey;
  const privKey = edit.privKey ?? cur?.privKey;
  return {
    version: '3',
    user: edit.user,
    level: edit.level,
    ...(auth ? { authProtocol: edit.authProtocol, ...(authKey !== undefined ? { authKey } : {}) } : {}),
    ...(priv ? { privProtocol: edit.privProtocol, ...(privKey !== undefined ? { privKey } : {}) } : {}),
  };
}

/** Stands for a kept secret in the checks: long enough, never sent or shown. */
const KEPT = '\u0000kept-secret';

/**
 * The problems of an endpoint's fields and SNMP settings. `kept` says which secrets the
 * inventory holds already (a null secret keeps it); null `snmp` keeps the settings whole.
 */
export function endpointFieldProblems(id: string, fields: EndpointFields, snmp: SnmpEdit | null, kept: KeptSecrets): EditProblem[] {
  const settings: SnmpSettings = snmp
    ? resolveSnmp(snmp, snmp.version === '3' ? { version: '3', user: '', ...(kept.authKey ? { authKey: KEPT } : {}), ...(kept.privKey ? { privKey: KEPT } : {}) } : kept.community ? { version: '2c', community: KEPT } : null)
    : { version: '2c', community: KEPT };
  const input = {
    id,
    name: fields.name,
    host: fields.host,
    port: fields.port,
    profile: fields.profile,
    snmp: settings,
    ...(fields.interfaceName !== null ? { interface: { name: fields.interfaceName } } : {}),
    ...(fields.uri !== null ? { uri: fields.uri } : {}),
  };
  const r = EndpointSchema.safeParse(input);
  // A kept secret has control characters in the stand-in; the schema does not judge secrets' text.
  const out = r.success ? [] : r.error.issues.map((i) => fromSchemaIssue(i, valueAt(input, i.path)));
  if (settings.version === '3') {
    const level = settings.level ?? 'noAuthNoPriv';
    if (level !== 'noAuthNoPriv' && !settings.authKey) out.push(problem('missing_value', 'authKey', { level }));
    if (level === 'authPriv' && !settings.privKey) out.push(problem('missing_value', 'privKey', { level }));
  }
  return out;
}
