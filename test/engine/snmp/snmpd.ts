import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Debian's snmpd as a stand-in codec: started from the test on 127.0.0.1 and a free high port,
 * with a generated config in a temp dir (no root, no system config, no MIB files), a `pass`
 * script whose values change between polls, a community and an SNMPv3 user (SHA/AES).
 *
 * With `walk`, its own ifTable/ifXTable modules are left out (`-I -ifTable,ifXTable`) and IF-MIB
 * (.1.3.6.1.2.1.2 and .31) is served from a recorded walk (walks/*.snmprec, snmpsim's format)
 * through pass_persist (walks/serve-snmprec.mjs): interfaces that do not depend on this machine's.
 */

export const SNMPD = '/usr/sbin/snmpd';
export const V3 = { user: 'bpuser', authKey: 'authpass123', privKey: 'privpass123' } as const;

/** More v3 users, one per level and protocol family; snmpd's names for the protocols. */
export const V3_MORE = [
  { user: 'bpnoauth', level: 'noAuthNoPriv', conf: '' },
  { user: 'bpauth256', level: 'authNoPriv', authProtocol: 'sha256', authKey: 'authpass256', conf: 'SHA-256 authpass256' },
  { user: 'bpaes256', level: 'authPriv', authProtocol: 'sha512', authKey: 'authpass512', privProtocol: 'aes256b', privKey: 'privpass256', conf: 'SHA-512 authpass512 AES-256 privpass256' },
  { user: 'bpmd5des', level: 'authPriv', authProtocol: 'md5', authKey: 'authpassmd5', privProtocol: 'des', privKey: 'privpassdes', conf: 'MD5 authpassmd5 DES privpassdes' },
] as const;
export const BASE = '1.3.6.1.4.1.99999';
export const WALKS = join(import.meta.dirname, 'walks');
const IF_MIB_SUBTREES = ['.1.3.6.1.2.1.2', '.1.3.6.1.2.1.31'];

export interface SnmpdOptions {
  /** A recorded walk (a file in walks/) to serve IF-MIB from instead of this machine's interfaces. */
  readonly walk?: string;
}

export function requireNetSnmpTools(): void {
  for (const bin of [SNMPD, '/usr/bin/snmptrap', '/usr/bin/snmpinform']) {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: apt-get install snmpd snmp (.ci/run does this)`);
  }
}

/** A UDP port that was free a moment ago (bound to 0 and read back). */
export async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
  const { port } = s.address();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

// The pass protocol: `-g OID` → three lines (OID, type, value); `-n OID` → the next OID's three
// lines; nothing printed → no such object. Each counter lives in its own file so a read of one
// OID bumps only that counter.
const PASS_SCRIPT = (dir: string) => `#!/bin/sh
bump() { f="${dir}/$1"; n=$(cat "$f" 2>/dev/null || echo 0); n=$((n + $2)); echo $n > "$f"; echo $n; }
get() {
  case "$1" in
    .${BASE}.1.0) echo "$1"; echo counter; bump rx 1000 ;;
    .${BASE}.2.0) echo "$1"; echo string; n=$(bump loss 1); echo "0.$((n % 10))5" ;;
    .${BASE}.3.1) echo "$1"; echo string; echo "UBND xa Cho Ra" ;;
    .${BASE}.4.0) echo "$1"; echo string; echo "fast" ;;
  esac
}
case "$1" in
  -g) get "$2" ;;
  -n) case "$2" in .${BASE}.3|.${BASE}.3.0) get .${BASE}.3.1 ;; esac ;;
esac
exit 0
`;

export class Snmpd {
  private child: ChildProcess | null = null;
  private output = '';

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly walk: boolean,
  ) {}

  static async start(options: SnmpdOptions = {}): Promise<Snmpd> {
    requireNetSnmpTools();
    const dir = await mkdtemp(join(tmpdir(), 'bp-snmpd-'));
    await mkdir(join(dir, 'persist'));
    await writeFile(join(dir, 'pass.sh'), PASS_SCRIPT(dir));
    await chmod(join(dir, 'pass.sh'), 0o755);
    const walkFile = join(dir, 'walk.snmprec');
    if (options.walk) await copyFile(join(WALKS, options.walk), walkFile);
    const serve = (subtree: string) => `pass_persist ${subtree} ${process.execPath} ${join(WALKS, 'serve-snmprec.mjs')} ${walkFile} ${subtree}`;
    await writeFile(
      join(dir, 'snmpd.conf'),
      [
        'rocommunity public 127.0.0.1',
        `createUser ${V3.user} SHA ${V3.authKey} AES ${V3.privKey}`,
        `rouser ${V3.user} priv`,
        ...V3_MORE.flatMap((u) => [`createUser ${u.user} ${u.conf}`.trim(), `rouser ${u.user} ${u.level === 'noAuthNoPriv' ? 'noauth' : u.level === 'authNoPriv' ? 'auth' : 'priv'}`]),
        `pass .${BASE} /bin/sh ${join(dir, 'pass.sh')}`,
        ...(options.walk ? IF_MIB_SUBTREES.map(serve) : []),
        '',
      ].join('\n'),
    );
    const d = new Snmpd(dir, await freeUdpPort(), options.walk !== undefined);
    await d.resume();
    return d;
  }

  /** Start (again) on the same port and persistent dir. */
  async resume(): Promise<void> {
    const persist = join(this.dir, 'persist');
    const child = spawn(
      SNMPD,
      [
        '-f', '-Lo', '-C', '-c', join(this.dir, 'snmpd.conf'), '-M', join(this.dir, 'no-mibs'), '-m', '', `--persistentDir=${persist}`,
        ...(this.walk ? ['-I', '-ifTable,ifXTable'] : []),
        `udp:127.0.0.1:${this.port}`,
      ],
      { env: { ...process.env, SNMP_PERSISTENT_DIR: persist, SNMPCONFPATH: this.dir, MIBS: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`snmpd did not start:\n${this.output}`)), 5000);
      const onData = (b: Buffer) => {
        this.output += b.toString();
        if (this.output.includes('NET-SNMP version')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`snmpd exited with ${code}:\n${this.output}`));
      });
    });
  }

  /** Serve another recorded walk from the next start (resume) on: an agent that came back renumbered. */
  async useWalk(walk: string): Promise<void> {
    if (!this.walk) throw new Error('this snmpd was started without a walk');
    await copyFile(join(WALKS, walk), join(this.dir, 'walk.snmprec'));
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  }

  async dispose(): Promise<void> {
    await this.stop();
    await rm(this.dir, { recursive: true, force: true });
  }
}
