import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createKeyFile, keyFileSource } from '../../../electron/engine/secrets/key-source.js';
import { encryptSecret } from '../../../electron/engine/secrets/secret-box.js';
import { startConsole, type RunningEngine } from '../../../electron/server/console-runtime.js';
import { requests, streams, type RequestName, type StreamName } from '../../../shared/api/contract.js';
import { LOCAL_IDENTITY } from '../../../shared/roles.js';
import { writeInventory } from '../../fixtures/inventory.js';

/**
 * Secrets never leave the engine: an inventory with distinctive, encrypted secrets runs with its
 * simulated codecs and MCU (so the engine really polls with the communities and keys and logs in
 * with the password); every read request and every stream is called, and its output and all
 * console output are scanned. Ports 24700-24799 (this suite's range).
 */
const SECRETS = ['zq-community-7391', 'zq-auth-key-5512', 'zq-priv-key-8820', 'zq-mcu-pass-4471', 'zq-plain-comm-2210'];

/** Requests that change something: not called here. Every other request is a read and is called. */
const WRITES = new Set<RequestName>([
  'login', 'logout', 'createUser', 'updateUser', 'deleteUser', 'setPassword', 'revokeSession',
  'reloadInventory', 'injectFault', 'muteParticipant', 'muteAllExceptChair', 'setLayout', 'dialOut',
  'connectSites', 'disconnectParticipant', 'endConference', 'bookMeeting', 'editMeeting', 'cancelMeeting', 'startMeeting',
]);

let engine: RunningEngine;
const captured: string[] = [];
const today = new Date().toISOString().slice(0, 10);

async function inventoryFile(): Promise<{ path: string; keyFile: string }> {
  const keyFile = join(mkdtempSync(join(tmpdir(), 'bp-leak-')), 'key');
  await createKeyFile(keyFile);
  const key = await keyFileSource(keyFile).key();
  const enc = (s: string) => encryptSecret(key, s);
  const ep = (id: string, port: number, snmp: unknown) => ({ id: `${id}-1`, name: `Phòng họp ${id}`, host: '127.0.0.1', port, snmp, uri: `sip:${id}@vc.test` });
  const v2 = { version: '2c', community: enc(SECRETS[0]!) };
  const inv = {
    name: 'Tỉnh Bí Mật',
    tiers: ['province', 'district', 'commune'],
    mcu: { driver: 'cms', url: 'http://127.0.0.1:24780', username: 'api', password: enc(SECRETS[3]!) },
    traps: { port: 24790, fallbackPort: 24791, address: '127.0.0.1' },
    monitoring: { intervalS: 1, timeoutMs: 300, retries: 0 },
    sites: [
      { id: 'tinh', name: 'UBND tỉnh', tier: 'province', endpoints: [ep('tinh', 24701, v2)] },
      { id: 'huyen-a', name: 'UBND huyện A', tier: 'district', parent: 'tinh', endpoints: [ep('huyen-a', 24702, { version: '3', user: 'bp', authProtocol: 'sha', authKey: enc(SECRETS[1]!), privProtocol: 'aes', privKey: enc(SECRETS[2]!) })] },
      { id: 'huyen-b', name: 'UBND huyện B', tier: 'district', parent: 'tinh', endpoints: [ep('huyen-b', 24703, v2)] },
      { id: 'xa-c', name: 'UBND xã C', tier: 'commune', parent: 'huyen-a', endpoints: [ep('xa-c', 24704, { version: '2c', community: SECRETS[4] })] },
    ],
  };
  return { path: writeInventory(inv), keyFile };
}

function inputFor(name: RequestName, meetingId: string): unknown {
  if (name === 'listMeetings' || name === 'exportSchedule') return { from: today, to: today };
  if (name === 'checkBooking') return { request: { title: 'Thử', start: 'not a date' } };
  if (name === 'getReadiness' || name === 'getAttendance' || name === 'exportAttendance') return { meetingId };
  return {};
}

beforeAll(async () => {
  for (const level of ['log', 'error', 'warn', 'info', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void captured.push(format(...args)));
  }
  const { path, keyFile } = await inventoryFile();
  engine = await startConsole({ inventoryPath: path, demo: true, secretKey: keyFileSource(keyFile) });
  // Let the engine poll every codec and log in to the MCU before looking.
  for (let i = 0; i < 50; i++) {
    const health = await engine.call(LOCAL_IDENTITY, 'getHealth', {});
    const polled = engine.status.snapshot().statuses.filter((e) => e.reachability === 'up').length;
    if (health.ok && (health.result as { mcu: string }).mcu === 'ok' && polled >= 4) break;
    await new Promise((r) => setTimeout(r, 200));
  }
}, 30_000);

afterAll(async () => {
  await engine?.close();
  vi.restoreAllMocks();
});

describe('secrets never leave the engine', () => {
  it('the engine really used them: codecs polled with the decrypted secrets, the MCU logged in', async () => {
    const health = await engine.call(LOCAL_IDENTITY, 'getHealth', {});
    expect(health).toMatchObject({ ok: true, result: { mcu: 'ok' } });
    const up = engine.status.snapshot().statuses.filter((e) => e.reachability === 'up').map((e) => e.endpointId);
    expect(up).toEqual(expect.arrayContaining(['tinh-1', 'huyen-a-1', 'huyen-b-1', 'xa-c-1']));
  });

  it('no read request, stream payload or console line contains a secret', async () => {
    const outputs: string[] = [];
    const meetings = await engine.call(LOCAL_IDENTITY, 'listMeetings', { from: today, to: today });
    const meetingId = meetings.ok ? ((meetings.result as { id: string }[])[0]?.id ?? 'none') : 'none';
    const reads = (Object.keys(requests) as RequestName[]).filter((n) => !WRITES.has(n));
    expect(reads).toEqual(expect.arrayContaining(['getNetwork', 'getMonitoring', 'getStatusSnapshot', 'getConferences', 'listEvents', 'listAudit', 'getHealth']));
    for (const name of reads) outputs.push(`${name}: ${JSON.stringify(await engine.call(LOCAL_IDENTITY, name, inputFor(name, meetingId)))}`);
    for (const stream of Object.keys(streams) as StreamName[]) {
      const off = engine.subscribe(LOCAL_IDENTITY, stream, (p) => outputs.push(`${stream}: ${JSON.stringify(p)}`));
      await new Promise((r) => setTimeout(r, 300));
      off();
    }
    outputs.push(JSON.stringify(engine.network()));
    const all = [...outputs, ...captured].join('\n');
    expect(all.length).toBeGreaterThan(1000);
    expect(all).toContain('Tỉnh Bí Mật');
    for (const secret of SECRETS) expect(all.includes(secret), `"${secret}" leaked`).toBe(false);
  });
});
