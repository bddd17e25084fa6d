import type { InventoryIssue } from '../../../shared/inventory.js';
import { SecretKeyError, type SecretKeySource } from './key-source.js';
import { SecretError, decryptSecret, encryptSecret, isEncrypted } from './secret-box.js';

interface SecretSlot {
  readonly path: string;
  readonly holder: Record<string, unknown>;
  readonly field: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The fields of an inventory that may hold secrets: SNMP communities and v3 keys, the MCU password. */
function secretSlots(raw: unknown): SecretSlot[] {
  const slots: SecretSlot[] = [];
  if (!isRecord(raw)) return slots;
  if (isRecord(raw['mcu'])) slots.push({ path: '$.mcu.password', holder: raw['mcu'], field: 'password' });
  const sites = raw['sites'];
  if (!Array.isArray(sites)) return slots;
  sites.forEach((site, i) => {
    if (!isRecord(site) || !Array.isArray(site['endpoints'])) return;
    site['endpoints'].forEach((ep, j) => {
      if (!isRecord(ep) || !isRecord(ep['snmp'])) return;
      for (const field of ['community', 'authKey', 'privKey']) {
        slots.push({ path: `$.sites[${i}].endpoints[${j}].snmp.${field}`, holder: ep['snmp'], field });
      }
    });
  });
  return slots;
}

/**
 * Replace every `enc:v1:` secret of a parsed inventory (before validation) by its plaintext, in
 * place. The key is asked for only when there is something to decrypt. Problems come back by
 * JSON path; they never contain a secret.
 */
export async function decryptInventorySecrets(raw: unknown, source: SecretKeySource | null): Promise<InventoryIssue[]> {
  const encrypted = secretSlots(raw).filter((s) => typeof s.holder[s.field] === 'string' && isEncrypted(s.holder[s.field] as string));
  if (encrypted.length === 0) return [];
  if (!source) {
    return encrypted.map((s) => ({ path: s.path, message: 'encrypted, but no key was given (serve --key-file FILE)' }));
  }
  let key: Uint8Array;
  try {
    key = await source.key();
  } catch (e) {
    const why = e instanceof SecretKeyError ? e.message : `${source.description}: ${(e as Error).message}`;
    return [{ path: encrypted[0]!.path, message: `encrypted, but the key is not available: ${why}` }];
  }
  const issues: InventoryIssue[] = [];
  for (const s of encrypted) {
    try {
      s.holder[s.field] = decryptSecret(key, s.holder[s.field] as string);
    } catch (e) {
      if (!(e instanceof SecretError)) throw e;
      issues.push({ path: s.path, message: `${e.message} (${source.description})` });
    }
  }
  return issues;
}

/**
 * The other way, for saving an inventory: every secret of a plain inventory object (a copy, to
 * be written to the file) replaced, in place, by its `enc:v1:` form under the key.
 */
export async function encryptInventorySecrets(raw: unknown, source: SecretKeySource): Promise<void> {
  const slots = secretSlots(raw).filter((s) => typeof s.holder[s.field] === 'string' && s.holder[s.field] !== '' && !isEncrypted(s.holder[s.field] as string));
  if (slots.length === 0) return;
  const key = await source.key();
  for (const s of slots) s.holder[s.field] = encryptSecret(key, s.holder[s.field] as string);
}
