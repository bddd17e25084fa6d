import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { InventoryError } from '../engine/inventory/load-inventory.js';
import { VERSION } from '../engine/paths.js';
import { serve } from './serve.js';
import { parseSimulateArgs, simulate } from './simulate.js';
import { UsageError } from './usage-error.js';

const USAGE = `Usage:
  bridgepoint serve [--inventory FILE] [--demo] [--db FILE] [--host 127.0.0.1] [--port 8740]
  bridgepoint simulate [--inventory FILE] [--scenario calm|lively|static] [--trap-port N]
  bridgepoint --version | --help

serve     run the engine headless and serve the console to browsers
          --inventory FILE  the network to watch (JSON inventory)
          --demo            simulate the network too (alone: the embedded Bắc Kạn province)
          --db FILE         the SQLite file for the schedule and the audit log (default with
                            --inventory: ~/.local/share/bridgepoint/bridgepoint.db; --demo: memory)
          --host ADDRESS    address to bind (default 127.0.0.1: this machine only)
          --port N          TCP port (default 8740)
simulate  run only the simulated codecs of an inventory (SNMP agents on its hosts and ports),
          sending traps to 127.0.0.1 on the inventory's trap port (or --trap-port)`;


export interface ServeArgs {
  readonly inventoryPath: string | null;
  readonly demo: boolean;
  readonly databasePath: string | undefined;
  readonly host: string;
  readonly port: number;
}

export function parseServeArgs(args: readonly string[]): ServeArgs {
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
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]!.replace(/\. To specify.*$/, ''));
  }
  if (!values.inventory && !values.demo) throw new UsageError('serve needs --inventory FILE or --demo');
  if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) {
    throw new UsageError(`--port must be a number from 0 (any free port) to 65535, not "${values.port}"`);
  }
  if (values.host.trim() === '') throw new UsageError('--host must not be empty');
  const databasePath = values.db ?? (values.demo ? undefined : defaultDatabasePath());
  return { inventoryPath: values.inventory ?? null, demo: values.demo, databasePath, host: values.host, port: Number(values.port) };
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
    if (command === 'simulate') {
      const sim = await simulate(parseSimulateArgs(rest));
      out(`bridgepoint ${VERSION}: simulating ${sim.endpoints} codecs of ${sim.name}; traps to 127.0.0.1:${sim.trapPort}`);
      await untilStopped(sim.close);
      return 0;
    }
    if (command !== 'serve') throw new UsageError(`unknown command "${command}" (try: bridgepoint serve --demo)`);
    const args = parseServeArgs(rest);
    const running = await serve(args);
    const sim = running.engine.simulator ? ` (simulated: ${running.engine.simulator.endpoints()} codecs)` : '';
    out(`bridgepoint ${VERSION}: ${running.engine.network().name}, ${running.engine.status.size} endpoints${sim}, serving ${running.url}`);
    if (args.host !== '127.0.0.1' && args.host !== '::1' && args.host !== 'localhost') {
      err(`bridgepoint: warning: listening on ${args.host}, reachable from other machines; there is no login yet`);
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
  if (e instanceof InventoryError) return e.message;
  const err = e as NodeJS.ErrnoException & { address?: string; port?: number };
  if (err.code === 'EADDRINUSE') return `port ${err.port} on ${err.address} is already in use (choose another with --port)`;
  if (err.code === 'EACCES' && err.syscall === 'listen') return `not permitted to listen on port ${err.port} (ports below 1024 need privileges; use --port 8740)`;
  if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') return `cannot bind to ${args[args.indexOf('--host') + 1] ?? 'that host'}: no such local address`;
  return err.message ?? String(e);
}
