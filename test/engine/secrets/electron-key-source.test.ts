import { chmodSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createKeyFile, keyFileSource } from '../../../electron/engine/secrets/key-source.js';

/** A stand-in for Electron's safeStorage: reversible, but visibly not the plain text. */
const keychain = vi.hoisted(() => ({
  available: true,
  backend: 'gnome_libsecret',
  user: 'operator-1',
}));
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => keychain.available,
    getSelectedStorageBackend: () => keychain.backend,
    encryptString: (s: string) => Buffer.from(`${keychain.user}|${Buffer.from(s).toString('hex')}`),
    decryptString: (b: Buffer) => {
      const [user, hex] = b.toString().split('|');
      if (user !== keychain.user) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(hex!, 'hex').toString();
    },
  },
}));

const { safeStorageKeySource } = await import('../../../electron/main/secret-key.js');

const dir = () => mkdtempSync(join(tmpdir(), 'bp-safe-'));

async function headlessKey(): Promise<string> {
  const file = join(dir(), 'bridgepoint.key');
  await createKeyFile(file);
  return file;
}

beforeEach(() => {
  keychain.available = true;
  keychain.backend = 'gnome_libsecret';
  keychain.user = 'operator-1';
});

describe('the desktop app key through safeStorage', () => {
  it('takes in a headless key file once, keeps it encrypted by the keychain (0600), then needs no key file', async () => {
    const keyFile = await headlessKey();
    const storeFile = join(dir(), 'userData', 'secret-key.bin');
    const expected = await keyFileSource(keyFile).key();
    expect(await safeStorageKeySource({ storeFile, importFrom: keyFile }).key()).toEqual(expected);
    expect(statSync(storeFile).mode & 0o777).toBe(0o600);
    const stored = readFileSync(storeFile, 'utf8');
    expect(stored).not.toContain(Buffer.from(expected).toString('base64'));
    expect(await safeStorageKeySource({ storeFile }).key()).toEqual(expected);
  });

  it('says how to get a key when there is none yet', async () => {
    const storeFile = join(dir(), 'secret-key.bin');
    await expect(safeStorageKeySource({ storeFile }).key()).rejects.toThrow(
      `the app's key store ${storeFile}: no key yet; start the app once with BRIDGEPOINT_KEY_FILE=FILE (a key made with: bridgepoint secrets init --key-file FILE)`,
    );
  });

  it('refuses when no keychain protects the key, and a store from another account', async () => {
    const keyFile = await headlessKey();
    const storeFile = join(dir(), 'secret-key.bin');
    keychain.available = false;
    await expect(safeStorageKeySource({ storeFile, importFrom: keyFile }).key()).rejects.toThrow(/the system keychain is not available/);
    keychain.available = true;
    keychain.backend = 'basic_text';
    await expect(safeStorageKeySource({ storeFile, importFrom: keyFile }).key()).rejects.toThrow(/no system keychain .* is running; the key would not be protected/);
    keychain.backend = 'gnome_libsecret';
    await safeStorageKeySource({ storeFile, importFrom: keyFile }).key();
    keychain.user = 'someone-else';
    await expect(safeStorageKeySource({ storeFile }).key()).rejects.toThrow(/cannot be decrypted by this user's keychain/);
  });

  it('still refuses a group-readable key file to take in', async () => {
    const keyFile = await headlessKey();
    chmodSync(keyFile, 0o644);
    await expect(safeStorageKeySource({ storeFile: join(dir(), 's.bin'), importFrom: keyFile }).key()).rejects.toThrow(/readable by group or others \(mode 0644\)/);
  });
});
