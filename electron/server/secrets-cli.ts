import { parseArgs } from 'node:util';
import { createKeyFile, keyFileSource } from '../engine/secrets/key-source.js';
import { encryptSecret } from '../engine/secrets/secret-box.js';
import { UsageError } from './usage-error.js';

export const SECRETS_USAGE = `  bridgepoint secrets init --key-file FILE      create a new key file (mode 0600)
  bridgepoint secrets encrypt --key-file FILE   read one value on stdin, print enc:v1:… for the inventory`;

const MAX_SECRET_BYTES = 64 * 1024;

export interface SecretsIo {
  readonly out: (line: string) => void;
  /** All of standard input, as text. */
  readonly readInput: () => Promise<string>;
}

/** `bridgepoint secrets init|encrypt --key-file FILE`; resolves with the exit code. */
export async function runSecrets(args: readonly string[], io: SecretsIo): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'init' && action !== 'encrypt') {
    throw new UsageError(action === undefined ? 'secrets needs init or encrypt' : `unknown secrets action "${action}" (init or encrypt)`);
  }
  let values;
  try {
    ({ values } = parseArgs({ args: [...rest], options: { 'key-file': { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]!.replace(/\. To specify.*$/, ''));
  }
  const keyFile = values['key-file'];
  if (!keyFile) throw new UsageError(`secrets ${action} needs --key-file FILE`);
  if (action === 'init') {
    await createKeyFile(keyFile);
    io.out(`bridgepoint: created ${keyFile} (mode 0600); keep a copy somewhere safe: without it the encrypted secrets are lost`);
    return 0;
  }
  const key = await keyFileSource(keyFile).key();
  const input = await io.readInput();
  if (Buffer.byteLength(input) > MAX_SECRET_BYTES) throw new UsageError(`the value on stdin is longer than ${MAX_SECRET_BYTES} bytes`);
  const value = input.replace(/\r?\n$/, '');
  if (value === '') throw new UsageError('give the value to encrypt on stdin (e.g. printf %s "$COMMUNITY" | bridgepoint secrets encrypt --key-file FILE)');
  io.out(encryptSecret(key, value));
  return 0;
}

/** Standard input, up to a bound (a secret is short; a mistaken pipe is not read forever). */
export function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (d: Buffer | string): void => {
      const b = typeof d === 'string' ? Buffer.from(d) : d;
      size += b.length;
      chunks.push(b);
      if (size > MAX_SECRET_BYTES) {
        stream.off('data', onData);
        stream.pause();
        reject(new UsageError(`the value on stdin is longer than ${MAX_SECRET_BYTES} bytes`));
      }
    };
    stream.on('data', onData);
    stream.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.once('error', reject);
  });
}
