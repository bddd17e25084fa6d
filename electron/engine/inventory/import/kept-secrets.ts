import type { Endpoint, Inventory } from '../../../../shared/inventory.js';

/**
 * Secrets never leave the engine (issue 11): an exported inventory has its SNMP communities, v3
 * keys and the MCU password blanked. Imported back, a blank (or absent) secret of a codec the
 * running inventory already has, with the same SNMP version (and v3 user), keeps the stored one;
 * a new codec, or one whose version or user changes, needs its secret written in the file.
 */

/** The inventory as an export gives it: every secret an empty string. */
export function withoutSecrets(inv: Inventory): Inventory {
  return {
    ...inv,
    ...(inv.mcu ? { mcu: { ...inv.mcu, password: '' } } : {}),
    sites: inv.sites.map((s) => ({ ...s, endpoints: s.endpoints.map(blankEndpoint) })),
  };
}

function blankEndpoint(e: Endpoint): Endpoint {
  const s = e.snmp;
  if (s.version !== '3') return { ...e, snmp: { ...s, community: '' } };
  return { ...e, snmp: { ...s, ...(s.authKey === undefined ? {} : { authKey: '' }), ...(s.privKey === undefined ? {} : { privKey: '' }) } };
}

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
const blank = (x: unknown): boolean => x === undefined || x === '';

/**
 * Fills, in place, the blank secrets of an imported inventory (raw: not yet validated, a fresh
 * object from the file) from the running one. Anything not shaped as expected is left for the
 * schema to name.
 */
export function keepStoredSecrets(raw: unknown, current: Inventory): void {
  if (!isRec(raw)) return;
  const stored = new Map<string, Endpoint>();
  for (const s of current.sites) for (const e of s.endpoints) stored.set(e.id, e);
  if (Array.isArray(raw['sites'])) {
    for (const site of raw['sites']) {
      if (!isRec(site) || !Array.isArray(site['endpoints'])) continue;
      for (const ep of site['endpoints']) {
        if (!isRec(ep) || typeof ep['id'] !== 'string' || !isRec(ep['snmp'])) continue;
        const was = stored.get(ep['id']);
        if (was) keepEndpointSecrets(ep['snmp'], was);
      }
    }
  }
  const mcu = raw['mcu'];
  if (isRec(mcu) && mcu['password'] === '' && current.mcu && mcu['url'] === current.mcu.url && mcu['username'] === current.mcu.username) {
    mcu['password'] = current.mcu.password;
  }
}

function keepEndpointSecrets(snmp: Rec, was: Endpoint): void {
  const s = was.snmp;
  if (snmp['version'] !== s.version) return;
  if (s.version !== '3') {
    if (blank(snmp['community'])) snmp['community'] = s.community;
    return;
  }
  if (snmp['user'] === s.user) keepKeys(snmp, s);
  // A blank key left is no key at all: the rules then say the level needs one (not "too short").
  if (snmp['authKey'] === '') delete snmp['authKey'];
  if (snmp['privKey'] === '') delete snmp['privKey'];
}

function keepKeys(snmp: Rec, s: Extract<Endpoint['snmp'], { version: '3' }>): void {
  const level = typeof snmp['level'] === 'string' ? snmp['level'] : (s.level ?? null);
  const wantsAuth = level === 'authNoPriv' || level === 'authPriv' || (level === null && s.authKey !== undefined);
  const wantsPriv = level === 'authPriv' || (level === null && s.privKey !== undefined);
  if (wantsAuth && blank(snmp['authKey']) && s.authKey !== undefined) snmp['authKey'] = s.authKey;
  if (wantsPriv && blank(snmp['privKey']) && s.privKey !== undefined) snmp['privKey'] = s.privKey;
}
