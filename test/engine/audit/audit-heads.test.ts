import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { headFileSink, parseSyslogUrl, syslogMessage, syslogSink } from '../../../electron/engine/audit/audit-heads.js';
import { AuditLog } from '../../../electron/engine/audit/audit-log.js';
import { auditCommand } from '../../../electron/engine/audit/audit-verify.js';
import { openDatabase } from '../../../electron/engine/db/database.js';
import { startEngine } from '../../../electron/engine/engine.js';
import { smallInventory, writeInventory } from '../../fixtures/inventory.js';
import { startRsyslog, until, type Rsyslog } from './rsyslog.js';

// Ports from this suite's range (24300-24399).
const UDP = 24310;
const TCP = 24311;
const NOBODY = 24398;

const op = { user: 'minh', role: 'operator' as const };
const HEAD = /\[bp-audit@32473 id="(\d+)" hash="([0-9a-f]{64})"\]/;
const heads = (lines: string[]) => lines.flatMap((l) => (HEAD.exec(l) ? [`${HEAD.exec(l)![1]} ${HEAD.exec(l)![2]}`] : []));

describe('syslog messages', () => {
  it('parses collector addresses and refuses anything else clearly', () => {
    expect(parseSyslogUrl('udp://127.0.0.1:514')).toEqual({ protocol: 'udp', host: '127.0.0.1', port: 514 });
    expect(parseSyslogUrl('tcp://[::1]:6514')).toEqual({ protocol: 'tcp', host: '::1', port: 6514 });
    expect(() => parseSyslogUrl('http://x:1')).toThrow(/scheme must be udp or tcp/);
    expect(() => parseSyslogUrl('127.0.0.1:514')).toThrow(/must look like udp:\/\/HOST:PORT/);
  });

  it('writes RFC 5424: priority local0.info, version 1, time, host, app, structured data with id and hash', () => {
    const line = syslogMessage({ id: 7, hash: 'a'.repeat(64) }, new Date('2026-12-06T01:02:03.004Z'), 'console 1', 42);
    expect(line).toBe(`<134>1 2026-12-06T01:02:03.004Z console1 bridgepoint 42 audit-head [bp-audit@32473 id="7" hash="${'a'.repeat(64)}"] audit head 7 ${'a'.repeat(64)}`);
  });
});

describe('the chain head off the machine', () => {
  let rsyslog: Rsyslog;
  beforeAll(async () => {
    rsyslog = await startRsyslog(UDP, TCP);
  });
  afterAll(() => rsyslog?.stop());

  it.each(['udp', 'tcp'] as const)('reaches Debian rsyslog over %s: the newest head of each batch, within a second', async (protocol) => {
    const log = new AuditLog(openDatabase(':memory:'));
    const sink = syslogSink({ protocol, host: '127.0.0.1', port: protocol === 'udp' ? UDP : TCP }, 100);
    log.onRecord((h) => sink.push(h));
    const before = (await rsyslog.lines()).length;
    const t0 = Date.now();
    log.record({ caller: op, action: 'muteParticipant', target: `endpoint:${protocol}`, params: {}, error: null });
    await until(async () => heads((await rsyslog.lines()).slice(before)).length >= 1, 3000, 'the first head');
    expect(Date.now() - t0).toBeLessThan(1000);
    for (let i = 0; i < 20; i++) log.record({ caller: op, action: 'setLayout', target: `endpoint:${i}`, params: {}, error: null });
    const last = log.head()!;
    await until(async () => heads(await rsyslog.lines()).includes(`${last.id} ${last.hash}`), 3000, 'the newest head');
    // Batched: 21 entries, far fewer messages.
    expect(heads((await rsyslog.lines()).slice(before)).length).toBeLessThan(10);
    await sink.close();
  });

  it('serve: --audit-syslog and --audit-head-file carry every state-changing call; verify passes with the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-heads-'));
    const db = join(dir, 'bp.db');
    const headFile = join(dir, 'heads');
    const engine = await startEngine({ inventoryPath: writeInventory(smallInventory()), monitoring: false, mcuDriver: null, databasePath: db, auditSyslog: { protocol: 'tcp', host: '127.0.0.1', port: TCP }, auditHeadFile: headFile });
    await engine.call(op, 'endConference', { conferenceId: 'c-1' });
    await engine.call(op, 'getHealth', {});
    await engine.call(op, 'reloadInventory', {});
    const head = engine.audit.head()!;
    await until(async () => heads(await rsyslog.lines()).includes(`${head.id} ${head.hash}`), 3000, 'the head from serve');
    const written = engine.audit.list().reverse().map((e) => `${e.id} ${e.hash}`);
    await engine.close();
    expect(readFileSync(headFile, 'utf8').trim().split('\n')).toEqual(written);
    const out: string[] = [];
    expect(auditCommand(['verify', '--db', db, '--head-file', headFile], (s) => out.push(s), (s) => out.push(s))).toBe(0);
    expect(out[0]).toMatch(/intact: 2 entries.*2 exported heads match/);
  });
});

describe('when the collector is away', () => {
  it('never blocks or throws: entries are written, the loss is reported once', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const log = new AuditLog(openDatabase(':memory:'));
      const tcp = syslogSink({ protocol: 'tcp', host: '127.0.0.1', port: NOBODY }, 20);
      const udp = syslogSink({ protocol: 'udp', host: '127.0.0.1', port: NOBODY }, 20);
      const file = headFileSink('/nonexistent/dir/heads', 20);
      for (const s of [tcp, udp, file]) log.onRecord((h) => s.push(h));
      const t0 = Date.now();
      for (let i = 0; i < 5; i++) {
        log.record({ caller: op, action: 'setLayout', target: 'x', params: {}, error: null });
        await new Promise((r) => setTimeout(r, 40));
      }
      expect(Date.now() - t0).toBeLessThan(1000);
      await Promise.all([tcp.close(), udp.close(), file.close()]);
      expect(log.list()).toHaveLength(5);
      const said = errors.mock.calls.map((c) => String(c[0]));
      expect(said.filter((s) => s.includes(`tcp://127.0.0.1:${NOBODY}`))).toHaveLength(1);
      expect(said.filter((s) => s.includes('/nonexistent/dir/heads'))).toHaveLength(1);
    } finally {
      errors.mockRestore();
    }
  });
});
