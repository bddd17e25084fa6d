import { describe, expect, it } from 'vitest';
import { keepStoredSecrets, withoutSecrets } from '../../../electron/engine/inventory/import/kept-secrets.js';
import { validateInventory, type Inventory } from '../../../shared/inventory.js';

const v3 = { version: '3', user: 'bp', level: 'authPriv', authProtocol: 'sha', authKey: 'auth-key-123', privProtocol: 'aes', privKey: 'priv-key-456' } as const;

function valid(raw: unknown): Inventory {
  const r = validateInventory(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.inventory;
}

function inventory(): Inventory {
  const ep = (id: string, snmp: unknown) => ({ id, name: 'Phòng họp', host: '127.0.0.1', port: 16100, profile: 'generic-mib2', snmp });
  return valid({
    name: 'Tỉnh Thử',
    timezone: 'Asia/Ho_Chi_Minh',
    tiers: ['province', 'commune'],
    mcu: { driver: 'cms', url: 'https://mcu.test:445', username: 'api', password: 'mcu-pass' },
    sites: [
      {
        id: 'tinh',
        name: 'UBND tỉnh',
        tier: 'province',
        endpoints: [ep('tinh-1', { version: '2c', community: 'cong-dong' }), ep('tinh-2', v3)],
      },
    ],
  });
}

/** What an export gives, as the file would hold it. */
const exported = (): Record<string, unknown> => JSON.parse(JSON.stringify(withoutSecrets(inventory())));
const snmpOf = (raw: Record<string, unknown>, i: number): Record<string, unknown> =>
  ((raw['sites'] as { endpoints: { snmp: Record<string, unknown> }[] }[])[0]!.endpoints[i]!.snmp);

describe('secrets kept out of exports and back on import', () => {
  it('blanks every secret and nothing else', () => {
    const raw = exported();
    const text = JSON.stringify(raw);
    for (const secret of ['cong-dong', 'auth-key-123', 'priv-key-456', 'mcu-pass']) expect(text).not.toContain(secret);
    expect(snmpOf(raw, 1)).toEqual({ ...v3, authKey: '', privKey: '' });
    expect(raw['mcu']).toMatchObject({ url: 'https://mcu.test:445', username: 'api', password: '' });
  });

  it('an export imported back is the running inventory, secrets and all', () => {
    const raw = exported();
    keepStoredSecrets(raw, inventory());
    expect(valid(raw)).toEqual(inventory());
  });

  it('gives no stored secret to a codec whose version or v3 user changed, or to a new codec', () => {
    const raw = exported();
    snmpOf(raw, 0)['version'] = '1';
    snmpOf(raw, 1)['user'] = 'someone-else';
    (raw['sites'] as { endpoints: unknown[] }[])[0]!.endpoints.push({ id: 'moi-1', name: 'Mới', host: '127.0.0.2', port: 161, profile: 'generic-mib2', snmp: { version: '2c', community: '' } });
    keepStoredSecrets(raw, inventory());
    expect(snmpOf(raw, 0)['community']).toBe('');
    expect(snmpOf(raw, 1)).not.toHaveProperty('authKey');
    expect(snmpOf(raw, 1)).not.toHaveProperty('privKey');
    expect(snmpOf(raw, 2)['community']).toBe('');
  });

  it('keeps only the keys the v3 level needs, and a new key written in the file wins', () => {
    const down = exported();
    snmpOf(down, 1)['level'] = 'authNoPriv';
    keepStoredSecrets(down, inventory());
    expect(snmpOf(down, 1)).toMatchObject({ authKey: 'auth-key-123' });
    expect(snmpOf(down, 1)).not.toHaveProperty('privKey');
    const rekeyed = exported();
    snmpOf(rekeyed, 1)['authKey'] = 'khoa-moi-789';
    keepStoredSecrets(rekeyed, inventory());
    expect(snmpOf(rekeyed, 1)).toMatchObject({ authKey: 'khoa-moi-789', privKey: 'priv-key-456' });
  });

  it('keeps the MCU password only for the same MCU and account', () => {
    const moved = exported();
    (moved['mcu'] as Record<string, unknown>)['url'] = 'https://mcu-2.test:445';
    keepStoredSecrets(moved, inventory());
    expect(moved['mcu']).toMatchObject({ password: '' });
  });

  it('leaves anything not shaped like an inventory for the schema to name', () => {
    for (const raw of [null, 'x', [], { sites: 'none' }, { sites: [null, { endpoints: [7, { id: 3 }] }] }]) {
      expect(() => keepStoredSecrets(raw, inventory())).not.toThrow();
    }
  });
});
