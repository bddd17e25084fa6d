import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InventoryError, loadInventory } from '../../../electron/engine/inventory/load-inventory.js';
import { SecretKeyError, createKeyFile, keyFileSource } from '../../../electron/engine/secrets/key-source.js';
import { decryptSecret, encryptSecret } from '../../../electron/engine/secrets/secret-box.js';
import { main } from '../../../electron/server/cli.js';
import { runSecrets } from '../../../electron/server/secrets-cli.js';
import { smallInventory, writeInventory } from '../../fixtures/inventory.js';

const dir = () => mkdtempSync(join(tmpdir(), 'bp-key-'));

async function newKey(): Promise<{ file: string; key: Uint8Array }> {
  const file = join(dir(), 'bridgepoint.key');
  await createKeyFile(file);
  return { file, key: await keyFileSource(file).key() };
}

async function errorOf(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as Error,
  );
}

describe('key file', () => {
  it('is created with mode 0600, holds 32 random bytes, and is never overwritten', async () => {
    const { file, key } = await newKey();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(key).toHaveLength(32);
    const before = readFileSync(file, 'utf8');
    const e = await errorOf(createKeyFile(file));
    expect(e).toBeInstanceOf(SecretKeyError);
    expect(e.message).toBe(`key file ${file}: already exists; not overwritten (the secrets encrypted with it would be lost)`);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it.each([0o640, 0o644, 0o604, 0o660])('refuses a key file with mode %o, saying how to fix it', async (mode) => {
    const { file } = await newKey();
    chmodSync(file, mode);
    const e = await errorOf(keyFileSource(file).key());
    expect(e).toBeInstanceOf(SecretKeyError);
    expect(e.message).toBe(`key file ${file}: readable by group or others (mode 0${mode.toString(8)}); make it private with: chmod 600 ${file}`);
  });

  it('refuses a missing file, a directory and a file that is not a key', async () => {
    const d = dir();
    expect((await errorOf(keyFileSource(join(d, 'none')).key())).message).toBe(`key file ${join(d, 'none')}: cannot read: no such file`);
    expect((await errorOf(keyFileSource(d).key())).message).toBe(`key file ${d}: cannot read: is a directory`);
    const bad = join(d, 'bad.key');
    writeFileSync(bad, 'hello\n', { mode: 0o600 });
    expect((await errorOf(keyFileSource(bad).key())).message).toMatch(/^key file .*bad\.key: not a Bridgepoint key/);
  });
});

describe('encrypted secrets in the inventory', () => {
  it('decrypts SNMP communities, v3 keys and the MCU password at load', async () => {
    const { file: keyFile, key } = await newKey();
    const inv = smallInventory() as { mcu: Record<string, unknown>; sites: { endpoints: Record<string, unknown>[] }[] };
    inv.mcu['password'] = encryptSecret(key, 'mcu-mật-khẩu');
    inv.sites[0]!.endpoints[0]!['snmp'] = { version: '2c', community: encryptSecret(key, 'zq-community') };
    inv.sites[1]!.endpoints[0]!['snmp'] = { version: '3', user: 'bp', authKey: encryptSecret(key, 'auth-key-123'), privKey: encryptSecret(key, 'priv-key-456') };
    const loaded = await loadInventory(writeInventory(inv), { secretKey: keyFileSource(keyFile) });
    expect(loaded.mcu!.password).toBe('mcu-mật-khẩu');
    expect(loaded.sites[0]!.endpoints[0]!.snmp).toEqual({ version: '2c', community: 'zq-community' });
    expect(loaded.sites[1]!.endpoints[0]!.snmp).toEqual({ version: '3', user: 'bp', authKey: 'auth-key-123', privKey: 'priv-key-456' });
  });

  it('names each encrypted field when no key is given, and the key problem when it is unusable', async () => {
    const { file: keyFile, key } = await newKey();
    const inv = smallInventory() as { mcu: Record<string, unknown> };
    inv.mcu['password'] = encryptSecret(key, 'x');
    const path = writeInventory(inv);
    const none = await errorOf(loadInventory(path));
    expect(none).toBeInstanceOf(InventoryError);
    expect((none as InventoryError).lines).toEqual([`${path}: $.mcu.password: encrypted, but no key was given (serve --key-file FILE)`]);
    chmodSync(keyFile, 0o644);
    const loose = await errorOf(loadInventory(path, { secretKey: keyFileSource(keyFile) }));
    expect((loose as InventoryError).lines[0]).toMatch(/\$\.mcu\.password: encrypted, but the key is not available: key file .*readable by group or others/);
    const { file: otherKey } = await newKey();
    const wrong = await errorOf(loadInventory(path, { secretKey: keyFileSource(otherKey) }));
    expect((wrong as InventoryError).lines).toEqual([`${path}: $.mcu.password: cannot be decrypted with this key (another key file, or the value was changed) (key file ${otherKey})`]);
  });
});

describe('bridgepoint secrets and serve --key-file', () => {
  const run = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, (s) => out.push(s), (s) => err.push(s));
    return { code, out, err };
  };

  it('secrets init creates a 0600 key; encrypt prints a value that decrypts to stdin (one trailing newline dropped)', async () => {
    const file = join(dir(), 'k');
    const init = await run(['secrets', 'init', '--key-file', file]);
    expect(init.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const out: string[] = [];
    expect(await runSecrets(['encrypt', '--key-file', file], { out: (s) => out.push(s), readInput: async () => 'cộng-đồng\n' })).toBe(0);
    expect(out).toHaveLength(1);
    expect(decryptSecret(await keyFileSource(file).key(), out[0]!)).toBe('cộng-đồng');
    expect(out[0]).not.toContain('cộng');
    expect((await run(['secrets', 'init', '--key-file', file])).err[0]).toMatch(/already exists; not overwritten/);
  });

  it.each([
    [['secrets'], /secrets needs init or encrypt/],
    [['secrets', 'rotate'], /unknown secrets action "rotate"/],
    [['secrets', 'init'], /secrets init needs --key-file FILE/],
    [['secrets', 'encrypt', '--bogus'], /Unknown option '--bogus'/],
  ])('%j is a usage error', async (argv, message) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err[0]!.split('\n')[0]).toMatch(message);
  });

  it('encrypt refuses an empty value', async () => {
    const { file } = await newKey();
    await expect(runSecrets(['encrypt', '--key-file', file], { out: () => {}, readInput: async () => '\n' })).rejects.toThrow(/give the value to encrypt on stdin/);
  });

  it('serve refuses a group-readable key file at start, before anything listens', async () => {
    const { file } = await newKey();
    chmodSync(file, 0o640);
    const { code, err } = await run(['serve', '--inventory', writeInventory(smallInventory()), '--key-file', file, '--port', '0', '--db', ':memory:']);
    expect(code).toBe(1);
    expect(err).toEqual([`bridgepoint: key file ${file}: readable by group or others (mode 0640); make it private with: chmod 600 ${file}`]);
  });
});
