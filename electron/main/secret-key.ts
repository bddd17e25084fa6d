import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { safeStorage } from 'electron';
import { BoundedReadError, readBounded } from '../engine/inventory/bounded-read.js';
import { SecretKeyError, keyFileSource, parseKeyText, type SecretKeySource } from '../engine/secrets/key-source.js';

/** The part of Electron's safeStorage this source uses (a fake in tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export interface SafeStorageKeyOptions {
  /** Where the app keeps the key, encrypted by safeStorage (the user data folder). */
  readonly storeFile: string;
  /** A key file made by `bridgepoint secrets init` to take in (BRIDGEPOINT_KEY_FILE); it replaces the stored key. */
  readonly importFrom?: string | null;
  readonly safeStorage?: SafeStorageLike;
}

/**
 * The desktop app's key for `enc:v1:` secrets: the headless key file (made with `bridgepoint
 * secrets init`, used to encrypt the inventory's values) taken in once and kept encrypted by the
 * operating system's keychain through Electron's safeStorage, so the plain key file need not stay
 * on a shared workstation.
 */
export function safeStorageKeySource(options: SafeStorageKeyOptions): SecretKeySource {
  const description = `the app's key store ${options.storeFile}`;
  let cached: Promise<Uint8Array> | null = null;
  const storage = (): SafeStorageLike => {
    const s = options.safeStorage ?? safeStorage;
    if (!s.isEncryptionAvailable()) throw new SecretKeyError(`${description}: the system keychain is not available to encrypt the key (safeStorage)`);
    if (s.getSelectedStorageBackend?.() === 'basic_text') {
      throw new SecretKeyError(`${description}: no system keychain (gnome-keyring or KWallet) is running; the key would not be protected`);
    }
    return s;
  };
  const load = async (): Promise<Uint8Array> => {
    const s = storage();
    if (options.importFrom) {
      const key = await keyFileSource(options.importFrom).key();
      await mkdir(dirname(options.storeFile), { recursive: true });
      await writeFile(options.storeFile, s.encryptString(Buffer.from(key).toString('base64')), { mode: 0o600 });
      await chmod(options.storeFile, 0o600);
      return key;
    }
    let bytes: Buffer;
    try {
      ({ bytes } = await readBounded(options.storeFile, { maxBytes: 64 * 1024, timeoutMs: 5_000 }));
    } catch (e) {
      if (e instanceof BoundedReadError && e.reason === 'no such file') {
        throw new SecretKeyError(`${description}: no key yet; start the app once with BRIDGEPOINT_KEY_FILE=FILE (a key made with: bridgepoint secrets init --key-file FILE)`);
      }
      throw new SecretKeyError(`${description}: cannot read: ${e instanceof BoundedReadError ? e.reason : (e as Error).message}`);
    }
    let text: string;
    try {
      text = s.decryptString(bytes);
    } catch {
      throw new SecretKeyError(`${description}: cannot be decrypted by this user's keychain (copied from another machine or account?)`);
    }
    const key = parseKeyText(text);
    if (!key) throw new SecretKeyError(`${description}: does not hold a Bridgepoint key`);
    return key;
  };
  return {
    description,
    key: () => {
      cached ??= load().catch((e: unknown) => {
        cached = null;
        throw e;
      });
      return cached;
    },
  };
}
