import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Debian's rsyslogd as the off-machine collector: started from the test, unprivileged, listening
 * on 127.0.0.1 (UDP and TCP on the given ports) and writing every message, RFC 5424 as received,
 * to a file the test reads.
 */
export const RSYSLOGD = '/usr/sbin/rsyslogd';

export interface Rsyslog {
  readonly file: string;
  /** The lines received so far. */
  lines(): Promise<string[]>;
  stop(): Promise<void>;
}

const until = async (ok: () => Promise<boolean>, ms: number, what: string): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

const tcpOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port }, () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false));
  });

export async function startRsyslog(udpPort: number, tcpPort: number): Promise<Rsyslog> {
  if (!existsSync(RSYSLOGD)) throw new Error(`${RSYSLOGD} is missing: apt-get install rsyslog (npm run setup does this)`);
  const dir = await mkdtemp(join(tmpdir(), 'bp-rsyslog-'));
  const file = join(dir, 'received.log');
  await writeFile(
    join(dir, 'rsyslog.conf'),
    `global(workDirectory="${dir}")
module(load="imudp")
module(load="imtcp")
input(type="imudp" address="127.0.0.1" port="${udpPort}")
input(type="imtcp" address="127.0.0.1" port="${tcpPort}")
*.* action(type="omfile" file="${file}" template="RSYSLOG_SyslogProtocol23Format")
`,
  );
  const child: ChildProcess = spawn(RSYSLOGD, ['-n', '-f', join(dir, 'rsyslog.conf'), '-i', join(dir, 'rsyslogd.pid')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await until(async () => child.exitCode === null && (await tcpOpen(tcpPort)), 5000, `rsyslogd on 127.0.0.1:${tcpPort}`);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}: ${stderr.trim()}`, { cause: e });
  }
  return {
    file,
    lines: async () => (existsSync(file) ? (await readFile(file, 'utf8')).split('\n').filter(Boolean) : []),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export { until };
