import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeCreatedAccount } from '../engine/accounts/first-run.js';
import { InventoryError } from '../engine/inventory/load-inventory.js';
import { auditCommand } from '../engine/audit/audit-verify.js';
import { parseSyslogUrl, type SyslogTarget } from '../engine/audit/audit-heads.js';
import { keyFileSource } from '../engine/secrets/key-source.js';
import { DEMO_NAMES, VERSION, isDemoName, type DemoName } from '../engine/paths.js';
import { SECRETS_USAGE, readStdin, runSecrets } from './secrets-cli.js';
import { serve } from './serve.js';
import { parseSimulateArgs, simulate } from './simulate.js';
import { TlsFileError } from './tls.js';
import { UsageError } from './usage-error.js';
import { checkSessionIdleMinutes } from '../engine/accounts/session-idle.js';
import { limitHeapGrowth } from '../engine/heap-growth.js';
import { describeReadProblem, readRetention, type RollupRetention } from '../../shared/history/retention.js';

const USAGE = `Usage:
  bridgepoint serve [--inventory FILE] [--demo [NAME]] [--db FILE] [--key-file FILE] [--host 127.0.0.1] [--port 8740]
                   [--tls-cert FILE --tls-key FILE] [--allowed-host NAME]... [--allowed-origin URL]...
                   [--audit-syslog udp://HOST:PORT|tcp://HOST:PORT] [--audit-head-file FILE]
                   [--keep-1m 48h] [--keep-15m 35d] [--keep-1h 396d] [--keep-1d 1827d]
  bridgepoint simulate [--inventory FILE | --demo NAME] [--scenario calm|lively|static] [--trap-port N]
${SECRETS_USAGE}
  bridgepoint audit verify --db FILE [--head-file FILE]
  bridgepoint --version | --help

serve     run the engine headless and serve the console to browsers
          --inventory FILE  the network to watch (JSON inventory)
          --demo [NAME]     simulate the network too; alone, an embedded demo: bac-kan (the
                            default: Bắc Kạn until 30 June 2025, province, districts, communes)
                            or thai-nguyen-2025 (the same network after the 2025 reform: two
                            tiers, communes straight under the province)
          --db FILE         the SQLite file for the schedule and the audit log (default with
                            --inventory: ~/.local/share/bridgepoint/bridgepoint.db; --demo: memory)
          The first run creates the account admin with BRIDGEPOINT_ADMIN_PASSWORD, or prints a
          one-time password; --demo also creates and prints one account per role.
          --host ADDRESS    address to bind (default 127.0.0.1: this machine only); any other
                            address needs --tls-cert and --tls-key (or --insecure-http)
          --port N          TCP port (default 8740)
          --key-file FILE   the key for the inventory's enc:v1: secrets (mode 0600)
          --tls-cert FILE   certificate chain (PEM): serve https:// and wss://
          --tls-key FILE    its private key (PEM, unencrypted)
          --insecure-http   allow plain http beyond loopback (tokens travel unencrypted)
          --allowed-host NAME   a host name browsers use to reach the console (repeatable);
                            loopback names and the --host address are always allowed
          --allowed-origin URL  another web origin allowed to call the API (repeatable)
          Every API call needs "Authorization: Bearer <token>" from POST /api/v1/rpc/login.
          --audit-syslog URL   send the audit chain head (entry id and hash, RFC 5424) to a
                               syslog collector after each entry, batched within 1 s
          --audit-head-file FILE  append each audit chain head ("id hash") to FILE
          --session-idle-min N  end a login session after N minutes without a key or pointer
                            on its console (default 30; up to 1440 for a wall display)
          --keep-1m, --keep-15m, --keep-1h, --keep-1d DURATION
                            how long link-health history keeps each rollup level (90m, 48h,
                            35d; defaults 48h, 35d, 396d, 1827d); a finer level no longer than
                            a coarser one, each at least one of its buckets, at most 3653d
audit     verify --db FILE [--head-file FILE]: walk the audit log's hash chain; exit 0 when
          intact, 1 naming the first edited, deleted or reordered entry; with the heads exported
          by --audit-head-file (or the syslog collector's, as "id hash" lines) a cut-off tail too
simulate  run only the simulated codecs of an inventory (SNMP agents on its hosts and ports),
          sending traps to 127.0.0.1 on the inventory's trap port (or --trap-port)`;


export interface ServeArgs {
  readonly inventoryPath: string | null;
  readonly demo: boolean;
  /** The embedded demo `--demo NAME` named (default bac-kan). */
  readonly demoName: DemoName;
  readonly databasePath: string | undefined;
  readonly host: string;
  readonly port: number;
  /** The key file for `enc:v1:` secrets in the inventory. */
  readonly keyFile?: string;
  readonly tls?: { readonly certPath: string; readonly keyPath: string };
  readonly allowedHosts?: readonly string[];
  readonly allowedOrigins?: readonly string[];
  readonly auditSyslog?: SyslogTarget;
  readonly auditHeadFile?: string;
  /** `--session-idle-min`: minutes without input before a session ends (default 30). */
  readonly sessionIdleMinutes?: number;
  /** `--keep-1m` … : how long each history rollup level is kept. */
  readonly historyRetention?: Partial<RollupRetention>;
}

/**
 * `--demo` takes an optional name (`--demo`, `--demo NAME`, `--demo=NAME`), which parseArgs cannot
 * say: the name is taken out here and the flag left alone.
 */
export function takeDemoName(args: readonly string[]): { args: string[]; demoName: DemoName } {
  const out: string[] = [];
  let name: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--demo=')) {
      name = a.slice('--demo='.length);
      out.push('--demo');
    } else if (a === '--demo' && i + 1 < args.length && !args[i + 1]!.startsWith('-')) {
      name = args[++i]!;
      out.push(a);
    } else out.push(a);
  }
  if (name !== null && !isDemoName(name)) throw new UsageError(`--demo must name an embedded demo (${DEMO_NAMES.join(', ')}), not "${name}"`);
  return { args: out, demoName: name ?? 'bac-kan' };
}

export function parseServeArgs(given: readonly string[]): ServeArgs {
  const { args, demoName } = takeDemoName(given);
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        inventory: { type: 'string' },
        demo: { type: 'boolean', default: false },
        db: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '8740' },
        'key-file': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'insecure-http': { type: 'boolean', default: false },
        'allowed-host': { type: 'string', multiple: true, default: [] },
        'allowed-origin': { type: 'string', multiple: true, default: [] },
        'audit-syslog': { type: 'string' },
        'audit-head-file': { type: 'string' },
        'session-idle-min': { type: 'string' },
        'keep-1m': { type: 'string' },
        'keep-15m': { type: 'string' },
        'keep-1h': { type: 'string' },
        'keep-1d': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]!.replace(/\. To specify.*$/, ''));
  }
  if (!values.inventory && !values.demo) throw new UsageError('serve needs --inventory FILE or --demo');
  if (values.inventory && demoName !== 'bac-kan') throw new UsageError('--demo NAME is an embedded demo: give it without --inventory');
  if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) {
    throw new UsageError(`--port must be a number from 0 (any free port) to 65535, not "${values.port}"`);
  }
  if (values.host.trim() === '') throw new UsageError('--host must not be empty');
  const certPath = values['tls-cert'];
  const keyPath = values['tls-key'];
  if ((certPath === undefined) !== (keyPath === undefined)) throw new UsageError('--tls-cert and --tls-key go together');
  if (!isLoopback(values.host) && certPath === undefined && !values['insecure-http']) {
    throw new UsageError(`--host ${values.host} is reachable from other machines: give --tls-cert FILE and --tls-key FILE (or --insecure-http)`);
  }
  const allowedHosts = values['allowed-host'].map(checkHostName);
  const allowedOrigins = values['allowed-origin'].map(checkOrigin);
  const databasePath = values.db ?? (values.demo ? undefined : defaultDatabasePath());
  const keyFile = values['key-file'];
  if (keyFile === '') throw new UsageError('--key-file must not be empty');
  let auditSyslog: SyslogTarget | undefined;
  try {
    auditSyslog = values['audit-syslog'] === undefined ? undefined : parseSyslogUrl(values['audit-syslog']);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values['audit-head-file'] === '') throw new UsageError('--audit-head-file must not be empty');
  const idle = values['session-idle-min'] === undefined ? null : checkSessionIdleMinutes(values['session-idle-min']);
  if (idle && !idle.ok) throw new UsageError(`--session-idle-min ${idle.why}`);
  const kept = readRetention({ '1m': values['keep-1m'], '15m': values['keep-15m'], '1h': values['keep-1h'], '1d': values['keep-1d'] });
  if (!kept.ok) throw new UsageError(describeReadProblem(kept.problem));
  return {
    inventoryPath: values.inventory ?? null,
    demo: values.demo,
    demoName,
    databasePath,
    host: values.host,
    port: Number(values.port),
    ...(keyFile === undefined ? {} : { keyFile }),
    ...(certPath !== undefined && keyPath !== undefined ? { tls: { certPath, keyPath } } : {}),
    ...(allowedHosts.length ? { allowedHosts } : {}),
    ...(allowedOrigins.length ? { allowedOrigins } : {}),
    ...(auditSyslog ? { auditSyslog } : {}),
    ...(values['audit-head-file'] ? { auditHeadFile: values['audit-head-file'] } : {}),
    ...(idle?.ok ? { sessionIdleMinutes: idle.minutes } : {}),
    ...(Object.keys(kept.retention).length ? { historyRetention: kept.retention } : {}),
  };
}

/** 127.0.0.0/8, ::1 and localhost: this machine only. */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

function checkHostName(name: string): string {
  const h = name.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const dns = /^(?=.{1,253}\.?$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/;
  if (!dns.test(h) && !/^[0-9a-f:.]+$/.test(h)) throw new UsageError(`--allowed-host "${name}" is not a host name (give a name such as console.lan, without scheme or port)`);
  return h;
}

function checkOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--allowed-origin "${value}" is not a URL (give one such as https://console.lan:8740)`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search || url.hash) {
    throw new UsageError(`--allowed-origin "${value}" must be a web origin: http(s)://host[:port], nothing after`);
  }
  return url.origin;
}

/** Where a headless console keeps its data unless told: the XDG data folder. */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_DATA_HOME'] || join(homedir(), '.local', 'share');
  return join(base, 'bridgepoint', 'bridgepoint.db');
}

/** Run the command line; resolves with the exit code (serve resolves only when stopped). */
export async function main(argv: readonly string[], out = console.log, err = console.error): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === '--version' || command === '-v') return out(VERSION), 0;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') return out(USAGE), 0;
    if (command === 'audit') return auditCommand(rest, out, err);
    if (command === 'simulate') {
      const sim = await simulate(parseSimulateArgs(rest));
      out(`bridgepoint ${VERSION}: simulating ${sim.endpoints} codecs of ${sim.name}; traps to 127.0.0.1:${sim.trapPort}`);
      await untilStopped(sim.close);
      return 0;
    }
    if (command === 'secrets') return await runSecrets(rest, { out, readInput: () => readStdin() });
    if (command !== 'serve') throw new UsageError(`unknown command "${command}" (try: bridgepoint serve --demo)`);
    const args = parseServeArgs(rest);
    limitHeapGrowth(); // this process is the engine's, for as long as it serves
    // A key file given is checked at once (mode, format), not when a secret first needs it.
    const secretKey = args.keyFile === undefined ? null : keyFileSource(args.keyFile);
    await secretKey?.key();
    const running = await serve({ ...args, secretKey, adminPassword: process.env['BRIDGEPOINT_ADMIN_PASSWORD'] });
    const sim = running.engine.simulator ? ` (simulated: ${running.engine.simulator.endpoints()} codecs)` : '';
    out(`bridgepoint ${VERSION}: ${running.engine.network().name}, ${running.engine.status.size} endpoints${sim}, serving ${running.url}`);
    // Accounts made by this first run, once: later starts find users and create (and print) none.
    for (const account of running.engine.createdAccounts) out(describeCreatedAccount(account));
    if (running.certSha256) out(`certificate SHA-256 ${running.certSha256} (pin it in a desktop app that connects here)`);
    if (!isLoopback(args.host) && !args.tls) {
      err(`bridgepoint: warning: listening on ${args.host} without TLS (--insecure-http): tokens and passwords cross the network in clear text`);
    }
    await untilStopped(running.close);
    return 0;
  } catch (e) {
    err(`bridgepoint: ${describe(e, rest)}`);
    return e instanceof UsageError ? 2 : 1;
  }
}

/** Resolves after SIGINT or SIGTERM, once `close` has finished. */
function untilStopped(close: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function describe(e: unknown, args: readonly string[]): string {
  if (e instanceof UsageError) return `${e.message}\n${USAGE.split('\n').slice(0, 3).join('\n')}`;
  if (e instanceof InventoryError || e instanceof TlsFileError) return e.message;
  const err = e as NodeJS.ErrnoException & { address?: string; port?: number };
  if (err.code === 'EADDRINUSE') return `port ${err.port} on ${err.address} is already in use (choose another with --port)`;
  if (err.code === 'EACCES' && err.syscall === 'listen') return `not permitted to listen on port ${err.port} (ports below 1024 need privileges; use --port 8740)`;
  if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') return `cannot bind to ${args[args.indexOf('--host') + 1] ?? 'that host'}: no such local address`;
  return err.message ?? String(e);
}
