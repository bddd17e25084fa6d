import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceProfile } from '../../../shared/device-profile.js';
import { createSnmpPoller, type PolledEndpoint, type SnmpPoller } from '../../../electron/engine/snmp/poller.js';
import { SampleLog } from './collect.js';
import { BASE, Snmpd, V3, V3_MORE } from './snmpd.js';

// Debian's snmpd as the peer: what it sends is not ours to shape, so these tests catch encoding
// assumptions our own simulator would share with the poller.
const profile: DeviceProfile = {
  id: 'snmpd-test',
  name: 'snmpd with a pass script',
  mib: 'test',
  metrics: {
    uptimeS: { oid: '1.3.6.1.2.1.1.3.0', encoding: 'timeticks', scale: 0.01, unit: 's' },
    ifOperUp: { oid: '1.3.6.1.2.1.2.2.1.8.1', encoding: 'integer', map: { '1': true, '2': false }, mapDefault: false },
    rxBps: { oid: `${BASE}.1.0`, encoding: 'counter32', rate: true, scale: 8, unit: 'bit/s' },
    packetLossPct: { oid: `${BASE}.2.0`, encoding: 'numeric-string', unit: '%' },
    remoteSite: { oid: `${BASE}.3`, encoding: 'string', column: true },
    inCall: { oid: `${BASE}.5`, encoding: 'integer', column: true, absent: false },
    bitrateKbps: { oid: `${BASE}.4.0`, encoding: 'gauge' },
    cameraMuted: { oid: `${BASE}.9.0`, encoding: 'integer', map: { '1': true, '2': false } },
  },
  traps: [],
};

let snmpd: Snmpd;
beforeAll(async () => {
  snmpd = await Snmpd.start();
});
afterAll(async () => {
  await snmpd?.dispose();
});

function endpoint(id: string, snmp: PolledEndpoint['snmp'], p: DeviceProfile = profile): PolledEndpoint {
  return { endpointId: id, host: '127.0.0.1', port: snmpd.port, snmp, profile: p };
}

async function withPoller<T>(log: SampleLog, opts: { intervalMs: number; timeoutMs: number; retries?: number }, f: (p: SnmpPoller) => Promise<T>): Promise<T> {
  const poller = createSnmpPoller({ ...opts, onSample: log.onSample, onLog: log.onLog });
  try {
    return await f(poller);
  } finally {
    await poller.close();
  }
}

describe('poller against Debian snmpd', () => {
  it('decodes v2c values, computes a counter rate from two polls, reports per-OID problems', async () => {
    const log = new SampleLog();
    await withPoller(log, { intervalMs: 250, timeoutMs: 500 }, async (poller) => {
      poller.setEndpoints([endpoint('v2c', { version: '2c', community: 'public' })]);
      const s1 = await log.next('v2c');
      const s2 = await log.next('v2c', () => true, 1);
      expect(s1.answered).toBe(true);
      expect(s1.error).toBeNull();
      expect(typeof s1.values.uptimeS).toBe('number');
      expect(s1.values.uptimeS).toBeGreaterThanOrEqual(0);
      expect(s1.values.ifOperUp).toBe(true); // lo is ifIndex 1
      expect(s1.values.remoteSite).toBe('UBND xa Cho Ra'); // GetNext on a column
      expect(s1.values.inCall).toBe(false); // column without rows → the profile's "absent"
      expect(s1.values.packetLossPct).toBeCloseTo(0.15);
      expect(s2.values.packetLossPct).toBeCloseTo(0.25); // the pass script moves it per read
      // First reading has no rate; the second is 1000 octets × 8 over the time between answers.
      expect(s1.values.rxBps).toBeNull();
      const seconds = (Date.parse(s2.at) - Date.parse(s1.at)) / 1000;
      expect(s2.values.rxBps).toBeCloseTo((1000 * 8) / seconds, 3);
      // The string where a gauge belongs, and the OID nobody serves, are problems, not crashes.
      expect(s1.values.bitrateKbps).toBeNull();
      expect(s1.problems.join('\n')).toMatch(/bitrateKbps: .*expected gauge, got OctetString/);
      expect(s1.problems.join('\n')).toMatch(/cameraMuted: NoSuch(Object|Instance)/);
      expect(s1.rttMs).toBeGreaterThan(0);
      const st = poller.stats();
      expect(st.polls).toBeGreaterThanOrEqual(2);
      expect(st.answered).toBeGreaterThanOrEqual(2);
      expect(st.pollCycleMs.max).not.toBeNull();
    });
  });

  it('v3 authPriv (SHA/AES) answers; a wrong key fails cleanly with an authentication error', async () => {
    const log = new SampleLog();
    await withPoller(log, { intervalMs: 300, timeoutMs: 500, retries: 0 }, async (poller) => {
      const good = { version: '3', user: V3.user, level: 'authPriv', authProtocol: 'sha', authKey: V3.authKey, privProtocol: 'aes', privKey: V3.privKey } as const;
      poller.setEndpoints([endpoint('v3-good', good), endpoint('v3-bad', { ...good, authKey: 'not-the-key' }), endpoint('v1', { version: '1', community: 'public' })]);
      const ok = await log.next('v3-good');
      expect(ok.answered).toBe(true);
      expect(ok.error).toBeNull();
      expect(ok.values.remoteSite).toBe('UBND xa Cho Ra');
      expect(ok.values.uptimeS).toBeGreaterThanOrEqual(0);
      const bad = await log.next('v3-bad');
      expect(bad.error).toMatch(/authentication failed/i);
      expect(bad.values).toEqual({});
      // SNMPv1: one missing OID fails the whole GET (noSuchName); the rest is asked again.
      const v1 = await log.next('v1');
      expect(v1.answered).toBe(true);
      expect(v1.values.packetLossPct).toEqual(expect.any(Number));
      expect(v1.problems.join('\n')).toMatch(/noSuchName at 1\.3\.6\.1\.4\.1\.99999\.9\.0/);
      expect(log.lines.join('\n')).toMatch(/snmp v3-bad: authentication failed/);
    });
  });

  it('every SNMPv3 level, and the other protocols: SHA-256, SHA-512 with AES-256, MD5 with DES', async () => {
    const log = new SampleLog();
    await withPoller(log, { intervalMs: 300, timeoutMs: 500, retries: 0 }, async (poller) => {
      poller.setEndpoints(V3_MORE.map(({ conf: _c, ...u }) => endpoint(u.user, { version: '3', ...u })));
      for (const u of V3_MORE) {
        const s = await log.next(u.user);
        if ('privProtocol' in u && u.privProtocol === 'des' && !s.answered) {
          // OpenSSL 3 in Node 22 has no DES unless run with --openssl-legacy-provider: a clean error.
          expect(s.error).toMatch(/privacy protocol not supported by this Node\.js \(DES/);
          continue;
        }
        expect(s, u.user).toMatchObject({ answered: true, error: null });
        expect(s.values.uptimeS).toEqual(expect.any(Number));
      }
    });
  });

  it('v1, v2c and v3 endpoints all poll through the shared sockets, each answer routed to its session', async () => {
    const log = new SampleLog();
    // snmpd runs its pass script once per OID: a slow peer; a long interval keeps it from falling behind.
    await withPoller(log, { intervalMs: 2000, timeoutMs: 2000, retries: 1 }, async (poller) => {
      const v3 = { version: '3', user: V3.user, level: 'authPriv', authProtocol: 'sha', authKey: V3.authKey, privProtocol: 'aes', privKey: V3.privKey } as const;
      const ids = ['a', 'b'];
      poller.setEndpoints(
        ids.flatMap((x) => [endpoint(`v1-${x}`, { version: '1', community: 'public' }), endpoint(`v2c-${x}`, { version: '2c', community: 'public' }), endpoint(`v3-${x}`, v3)]),
      );
      for (const id of ids.flatMap((x) => [`v1-${x}`, `v2c-${x}`, `v3-${x}`])) {
        const s = await log.next(id, (x) => x.answered, 0, 10_000);
        expect(s.values.remoteSite, id).toBe('UBND xa Cho Ra');
      }
      const socket = poller.stats().socket;
      // Six sessions to one snmpd address and port on the shared sockets, answers told apart by request id (msgID for v3).
      expect(socket).toMatchObject({ sockets: 6, views: 6, unreadable: 0 });
      expect(socket.routed).toBeGreaterThanOrEqual(6 * 2);
      expect(log.lines.join('\n')).not.toMatch(/answered from/);
    });
  }, 30_000);

  it('a stopped snmpd times out, backs off to probes, and shows up again within one interval of restarting', async () => {
    const log = new SampleLog();
    const intervalMs = 500;
    await withPoller(log, { intervalMs, timeoutMs: 400, retries: 0 }, async (poller) => {
      const v3 = { version: '3', user: V3.user, level: 'authPriv', authProtocol: 'sha', authKey: V3.authKey, privProtocol: 'aes', privKey: V3.privKey } as const;
      poller.setEndpoints([endpoint('flaky', { version: '2c', community: 'public' }), endpoint('flaky-v3', v3)]);
      await log.next('flaky', (s) => s.answered);
      await log.next('flaky-v3', (s) => s.answered);
      await snmpd.stop();
      const down = log.of('flaky').length;
      const t = await log.next('flaky', (s) => !s.answered, down);
      expect(t.error).toBe('timeout');
      expect(t.values).toEqual({});
      await log.until(() => poller.stats().backedOff === 2 && poller.stats().probes >= 4, 'back-off with probes');
      expect(log.lines.join('\n')).toMatch(/flaky: backing off/);
      const probesBefore = poller.stats().probes;

      await snmpd.resume();
      const restartedAt = log.of('flaky').length;
      // The tick in flight may have probed before snmpd was up; the next one must answer.
      const back = await log.next('flaky', (s) => s.answered, restartedAt, 3 * intervalMs + 2000);
      expect(log.of('flaky').indexOf(back) - restartedAt).toBeLessThanOrEqual(1);
      expect(back.values.remoteSite).toBe('UBND xa Cho Ra'); // a full poll, not just the probe
      // SNMPv3 too: snmpd comes back with a new engineBoots, and the session re-synchronises.
      const v3Back = log.of('flaky-v3').length;
      await log.next('flaky-v3', (s) => s.answered && s.values.remoteSite === 'UBND xa Cho Ra', Math.max(0, v3Back - 1), 3 * intervalMs + 2000);
      expect(poller.stats().backedOff).toBe(0);
      expect(poller.stats().probes).toBeGreaterThan(probesBefore);
      expect(log.lines.join('\n')).toMatch(/flaky: answering again/);
    });
  }, 15_000);
});
