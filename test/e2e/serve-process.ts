import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

/** An account `serve` printed at first run: `account NAME (ROLE): password PW[ scope A,B]`. */
export interface PrintedAccount {
  readonly user: string;
  readonly role: 'technician' | 'operator' | 'supervisor';
  readonly password: string;
  readonly scope: readonly string[];
}

export interface ServedConsole {
  readonly url: string;
  readonly process: ChildProcess;
  readonly output: () => string;
  /** The accounts the first run printed, by user name. */
  readonly accounts: ReadonlyMap<string, PrintedAccount>;
  /** The printed account for a user name; throws when serve printed none. */
  account(user: string): PrintedAccount;
  /** A bearer token for the account (one login per user, kept). */
  token(user: string): Promise<string>;
  /** fetch on the served API with the account's bearer token. */
  api(path: string, init?: RequestInit, user?: string): Promise<Response>;
  stop(): Promise<void>;
}

const ACCOUNT_LINE = /^account (\S+) \((technician|operator|supervisor)\): password (\S+)(?: scope (\S+))?$/gm;

/** The account lines of serve's output. */
export function parseAccounts(output: string): Map<string, PrintedAccount> {
  const accounts = new Map<string, PrintedAccount>();
  for (const m of output.matchAll(ACCOUNT_LINE)) {
    accounts.set(m[1]!, { user: m[1]!, role: m[2] as PrintedAccount['role'], password: m[3]!, scope: m[4] ? m[4].split(',') : [] });
  }
  return accounts;
}

/** The technician the tests use for REST calls and training faults. */
export const REST_USER = 'kythuat';

/**
 * Start `bridgepoint serve` as a user would (the built bin) on a free port; resolves once it listens.
 * `known`: the accounts of an earlier run on the same --db (a later run prints none).
 */
export function startServe(args: readonly string[], known: ReadonlyMap<string, PrintedAccount> = new Map()): Promise<ServedConsole> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/bridgepoint.mjs'), 'serve', '--port', '0', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let started = false;
  return new Promise((resolve, reject) => {
    // A busy machine can take a while; one that never starts is stopped, not left holding the demo's ports.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bridgepoint serve did not start within 60 s:\n${output}`));
    }, 60_000);
    const ready = (url: string): void => {
      clearTimeout(timer);
      const accounts = new Map([...known, ...parseAccounts(output)]);
      const tokens = new Map<string, Promise<string>>();
      const account = (user: string): PrintedAccount => {
        const a = accounts.get(user);
        if (!a) throw new Error(`serve printed no account ${user}:\n${output}`);
        return a;
      };
      const login = async (user: string): Promise<string> => {
        const res = await fetch(new URL('/api/v1/rpc/login', url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ user, password: account(user).password }),
        });
        const body = (await res.json()) as { token?: string };
        if (res.status !== 200 || !body.token) throw new Error(`login ${user}: ${res.status} ${JSON.stringify(body)}`);
        return body.token;
      };
      const token = (user: string): Promise<string> => {
        let t = tokens.get(user);
        if (!t) tokens.set(user, (t = login(user)));
        return t;
      };
      resolve({
        url,
        process: child,
        output: () => output,
        accounts,
        account,
        token,
        async api(path, init = {}, user = REST_USER) {
          const headers = new Headers(init.headers);
          headers.set('authorization', `Bearer ${await token(user)}`);
          return fetch(new URL(path, url), { ...init, headers });
        },
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /serving (http:\/\/\S+)/.exec(output);
      if (m && !started) {
        started = true;
        // The account lines follow the serving line in the same synchronous burst of writes.
        setTimeout(() => ready(m[1]!), 150);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bridgepoint serve exited with ${code}:\n${output}`));
    });
  });
}
