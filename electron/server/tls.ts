import { readFileSync, statSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';

/** A certificate chain and its private key, PEM. */
export interface TlsFiles {
  readonly cert: Buffer;
  readonly key: Buffer;
}

const MAX_PEM_BYTES = 1 << 20;

/** A TLS file that cannot be used; the message names the file and the flag. */
export class TlsFileError extends Error {}

/**
 * Read `--tls-cert` and `--tls-key` and check that they make a usable pair before the server
 * starts, so a wrong path or a mismatched key is one clear line, not a failed handshake later.
 */
export function loadTlsFiles(certPath: string, keyPath: string): TlsFiles {
  const cert = readPem('--tls-cert', certPath, /-----BEGIN CERTIFICATE-----/, 'a PEM certificate');
  const key = readPem('--tls-key', keyPath, /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/, 'a PEM private key');
  try {
    createSecureContext({ cert, key });
  } catch (e) {
    const reason = (e as Error).message;
    if (/key values mismatch|KEY_VALUES_MISMATCH/i.test(reason)) {
      throw new TlsFileError(`--tls-key ${keyPath}: this key does not belong to the certificate ${certPath}`);
    }
    if (/bad decrypt|passphrase/i.test(reason)) throw new TlsFileError(`--tls-key ${keyPath}: the key is encrypted; give an unencrypted key`);
    throw new TlsFileError(`--tls-cert ${certPath} / --tls-key ${keyPath}: not usable: ${reason}`);
  }
  return { cert, key };
}

function readPem(flag: string, path: string, marker: RegExp, what: string): Buffer {
  let data: Buffer;
  try {
    // A FIFO or device would block start-up forever: read regular files of a sane size only.
    const info = statSync(path);
    if (!info.isFile()) throw new TlsFileError(`${flag} ${path}: not a regular file`);
    if (info.size > MAX_PEM_BYTES) throw new TlsFileError(`${flag} ${path}: larger than ${MAX_PEM_BYTES} bytes`);
    data = readFileSync(path);
  } catch (e) {
    if (e instanceof TlsFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new TlsFileError(`${flag} ${path}: cannot read: ${why}`);
  }
  if (!marker.test(data.toString('latin1'))) throw new TlsFileError(`${flag} ${path}: not ${what}`);
  return data;
}

/**
 * SHA-256 fingerprint (`AB:CD:…`) of the served certificate (the first of the chain): what a
 * desktop app pins when it connects to this server instead of its embedded engine.
 */
export function certificateFingerprint(files: TlsFiles): string {
  return new X509Certificate(files.cert).fingerprint256;
}
