import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { BoundedReadError, readBounded } from '../inventory/bounded-read.js';
import { KEY_BYTES } from './secret-box.js';

/**
 * Where the key for `enc:v1:` secrets comes from: a key file (headless `serve --key-file`) or, in
 * the desktop app, Electron's safeStorage (electron/main/secret-key.ts). Asked only when the
 * inventory holds an encrypted value (and once at start when given explicitly).
 */
export interface SecretKeySource {
  /** Where the key lives, for messages ("key file /etc/bridgepoint/key"). */
  readonly description: string;
  key(): Promise<Uint8Array>;
}

/** The key cannot be had; the message names where it should have come from. */
export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyError';
  }
}

const KEY_FILE_MAX_BYTES = 4096;

/** Parse a key file's text: the base64 of 32 random bytes on one line. */
export function parseKeyText(text: string): Uint8Array | null {
  const b64 = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) return null;
  const key = Buffer.from(b64, 'base64');
  return key.length === KEY_BYTES ? new Uint8Array(key) : null;
}

/** A key file readable by its owner only (mode 0600 or stricter); anything looser is refused. */
export function keyFileSource(file: string): SecretKeySource {
  let cached: Promise<Uint8Array> | null = null;
  const load = async (): Promise<Uint8Array> => {
    let read;
    try {
      read = await readBounded(file, { maxBytes: KEY_FILE_MAX_BYTES, timeoutMs: 5_000 });
    } catch (e) {
      throw new SecretKeyError(`key file ${file}: cannot read: ${e instanceof BoundedReadError ? e.reason : (e as Error).message}`);
    }
    const mode = read.stats.mode & 0o777;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      throw new SecretKeyError(
        `key file ${file}: readable by group or others (mode ${mode.toString(8).padStart(4, '0')}); make it private with: chmod 600 ${file}`,
      );
    }
    const key = parseKeyText(read.bytes.toString('latin1'));
    if (!key) throw new SecretKeyError(`key file ${file}: not a Bridgepoint key (one line, the base64 of ${KEY_BYTES} bytes; make one with: bridgepoint secrets init --key-file FILE)`);
    return key;
  };
  return {
    description: `key file ${file}`,
    key: () => {
      cached ??= load().catch((e: unknown) => {
        cached = null;
        throw e;
      });
      return cached;
    },
  };
}

/** Create a new key file with mode 0600; never overwrites one (its secrets would be lost). */
export async function createKeyFile(file: string): Promise<void> {
  const text = `${randomBytes(KEY_BYTES).toString('base64')}\n`;
  try {
    await writeFile(file, text, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new SecretKeyError(`key file ${file}: already exists; not overwritten (the secrets encrypted with it would be lost)`);
    if (code === 'ENOENT') throw new SecretKeyError(`key file ${file}: its folder does not exist`);
    if (code === 'EACCES') throw new SecretKeyError(`key file ${file}: permission denied`);
    throw new SecretKeyError(`key file ${file}: cannot create: ${(e as Error).message}`);
  }
}
