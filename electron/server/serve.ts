import { networkInterfaces } from 'node:os';
import type { SyslogTarget } from '../engine/audit/audit-heads.js';
import { RENDERER_DIR, type DemoName } from '../engine/paths.js';
import type { SecretKeySource } from '../engine/secrets/key-source.js';
import { startConsole, type RunningEngine } from './console-runtime.js';
import { createConsoleServer, type ConsoleServer } from './http-server.js';
import { certificateFingerprint, loadTlsFiles } from './tls.js';
import type { RollupRetention } from '../../shared/history/retention.js';

export interface ServeOptions {
  readonly inventoryPath: string | null;
  /** Run the simulated province alongside (always, when no inventory is given). */
  readonly demo?: boolean;
  /** Which embedded demo when inventoryPath is null (default the Bắc Kạn one). */
  readonly demoName?: DemoName;
  /** Poll and listen for traps (default true). */
  readonly monitoring?: boolean;
  /** The SQLite file (audit log, schedule); in memory when not given. */
  readonly databasePath?: string;
  /** The administrator's password on first run (BRIDGEPOINT_ADMIN_PASSWORD). */
  readonly adminPassword?: string;
  readonly host: string;
  readonly port: number;
  readonly rendererDir?: string;
  /** The key for the inventory's `enc:v1:` secrets (`--key-file`). */
  readonly secretKey?: SecretKeySource | null;
  /** PEM files: serve https and wss. */
  readonly tls?: { readonly certPath: string; readonly keyPath: string };
  /** Host names (besides loopback and the bound address) the console answers to. */
  readonly allowedHosts?: readonly string[];
  /** Browser origins (besides the console's own) allowed to call the API. */
  readonly allowedOrigins?: readonly string[];
  readonly auditSyslog?: SyslogTarget;
  readonly auditHeadFile?: string;
  /** Minutes without input before a login session ends (default 30). */
  readonly sessionIdleMinutes?: number;
  /** How long each history rollup level is kept (`--keep-1m` …). */
  readonly historyRetention?: Partial<RollupRetention>;
}

/** Addresses that mean "every interface". */
const WILDCARDS = ['0.0.0.0', '::', '[::]'];

/**
 * The addresses that name this server in a Host header: the bound one, or for a wildcard every
 * interface address (a browser that typed https://192.168.1.10:8740/ is this console's own page).
 */
export function boundAddresses(host: string, interfaces = networkInterfaces()): string[] {
  if (!WILDCARDS.includes(host)) return [host];
  return Object.values(interfaces).flatMap((list) => (list ?? []).map((i) => i.address.replace(/%.*$/, '')));
}

export interface RunningConsole {
  readonly engine: RunningEngine;
  readonly server: ConsoleServer;
  readonly url: string;
  /** The served certificate's SHA-256 fingerprint, for desktops that pin it; null without TLS. */
  readonly certSha256: string | null;
  close(): Promise<void>;
}

/** The headless console: the engine, plus HTTP and WebSocket on one port. */
export async function serve(options: ServeOptions): Promise<RunningConsole> {
  const tls = options.tls ? loadTlsFiles(options.tls.certPath, options.tls.keyPath) : undefined;
  const engine = await startConsole({
    inventoryPath: options.inventoryPath,
    demo: options.demo ?? options.inventoryPath === null,
    demoName: options.demoName,
    monitoring: options.monitoring,
    databasePath: options.databasePath,
    secretKey: options.secretKey,
    adminPassword: options.adminPassword,
    auditSyslog: options.auditSyslog,
    auditHeadFile: options.auditHeadFile,
    sessionIdleMinutes: options.sessionIdleMinutes,
    historyRetention: options.historyRetention,
  });
  const server = createConsoleServer({
    engine,
    rendererDir: options.rendererDir ?? RENDERER_DIR,
    tls,
    allowedHosts: [...boundAddresses(options.host), ...(options.allowedHosts ?? [])],
    allowedOrigins: options.allowedOrigins,
  });
  try {
    const { port } = await server.listen(options.port, options.host);
    const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
    return {
      engine,
      server,
      url: `${server.scheme}://${shownHost}:${port}/`,
      certSha256: tls ? certificateFingerprint(tls) : null,
      close: async () => {
        await server.close();
        await engine.close();
      },
    };
  } catch (e) {
    await engine.close();
    throw e;
  }
}
