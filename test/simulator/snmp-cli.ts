import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * Debian's Net-SNMP command-line tools as an independent peer: asynchronous (the agents under test
 * live in this process, so a blocking call would starve them), one-second timeout, no retries.
 */

const run = promisify(execFile);

export type Tool = 'snmpget' | 'snmpgetnext' | 'snmpwalk' | 'snmpbulkwalk';

export interface CliVarbind {
  readonly oid: string;
  /** "Counter64", "STRING", "Timeticks"…; null for noSuchObject / endOfMibView lines. */
  readonly type: string | null;
  readonly value: string;
}

export type CliResult = { readonly ok: true; readonly varbinds: CliVarbind[] } | { readonly ok: false; readonly timeout: boolean; readonly error: string };

export const v2c = (community: string, version: '1' | '2c' = '2c'): string[] => [`-v${version}`, '-c', community];
export const v3 = (user: string, authKey: string, privKey: string): string[] => ['-v3', '-l', 'authPriv', '-u', user, '-a', 'SHA', '-A', authKey, '-x', 'AES', '-X', privKey];

export async function snmp(tool: Tool, auth: readonly string[], port: number, oids: readonly string[]): Promise<CliResult> {
  const args = ['-t', '1', '-r', '0', '-On', '-Oe', '-m', '', ...auth, `127.0.0.1:${port}`, ...oids];
  try {
    const { stdout } = await run(`/usr/bin/${tool}`, args, { encoding: 'utf8', timeout: 10_000 });
    return { ok: true, varbinds: stdout.split('\n').filter(Boolean).map(parseLine) };
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    const text = `${err.stderr ?? ''}${err.stdout ?? ''}`.trim() || err.message;
    return { ok: false, timeout: /timeout/i.test(text), error: text };
  }
}

function parseLine(line: string): CliVarbind {
  const m = /^(\S+) = (?:([A-Za-z][\w-]*): )?(.*)$/.exec(line);
  if (!m) return { oid: '', type: null, value: line };
  const oid = m[1]!.replace(/^\./, '');
  const type = m[2] ?? null;
  // Timeticks print as "(12345) 0:02:03.45": keep the ticks.
  const value = type === 'Timeticks' ? (/^\((\d+)\)/.exec(m[3]!)?.[1] ?? m[3]!) : m[3]!.replace(/^"(.*)"$/, '$1');
  return { oid, type, value };
}

/** The single value of a successful get, or throws with what the tool said. */
export async function getValue(auth: readonly string[], port: number, oid: string): Promise<CliVarbind> {
  const r = await snmp('snmpget', auth, port, [oid]);
  if (!r.ok) throw new Error(`snmpget ${oid} on ${port}: ${r.error}`);
  return r.varbinds[0]!;
}
