import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceProfile } from '../../../shared/device-profile.js';
import { createSnmpPoller, type PolledEndpoint } from '../../../electron/engine/snmp/poller.js';
import { int, octets, response, TAG, varbind } from './ber.js';
import { SampleLog } from './collect.js';
import { FakeAgent } from './fake-agent.js';

// The global bound on requests in flight, dead endpoints next to live ones, and the endpoint
// list changing under a running poller.

const profile: DeviceProfile = {
  id: 'tiny',
  name: 'tiny',
  mib: 'test',
  metrics: {
    uptimeS: { oid: '1.3.6.1.2.1.1.3.0', encoding: 'timeticks', scale: 0.01 },
    remoteSite: { oid: '1.3.6.1.2.1.1.5.0', encoding: 'string' },
  },
  traps: [],
};

let agent: FakeAgent;
beforeAll(async () => {
  // Community "silent" never answers (a dead codec); any other is answered with its own name.
  agent = await FakeAgent.start((req) =>
    req.community === 'silent'
      ? null
      : response(req.version, req.community, req.reqId, req.oids.map((o) => varbind(o, o.endsWith('.3.0') ? int(100, TAG.TimeTicks) : octets(req.community)))),
  );
});
afterAll(async () => {
  await agent?.close();
});

const ep = (id: string, community: string): PolledEndpoint => ({ endpointId: id, host: '127.0.0.1', port: agent.port, snmp: { version: '2c', community }, profile });

describe('a poll asked for out of the cycle', () => {
  it('polls the endpoint now, keeps its cycle, and leaves one already being polled or unknown alone', async () => {
    const log = new SampleLog();
    const poller = createSnmpPoller({ intervalMs: 60_000, timeoutMs: 300, retries: 0, onSample: log.onSample, onLog: log.onLog });
    try {
      poller.setEndpoints([ep('tinh', 'tinh'), ep('huyen', 'huyen')]);
      // A minute's interval: the first turn could be a minute away; asked for, the answer comes at once.
      poller.pollNow?.(['tinh', 'khong-co']);
      await log.next('tinh', (s) => s.answered, 0, 2000);
      // Twice while the first is in flight or just done: at most one more poll, never two at once.
      poller.pollNow?.(['tinh']);
      poller.pollNow?.(['tinh']);
      await new Promise((r) => setTimeout(r, 500));
      expect(log.of('tinh').length).toBeLessThanOrEqual(2);
      expect(log.of('huyen').length).toBeLessThanOrEqual(1);
      expect(poller.stats().overruns).toBe(0);
    } finally {
      await poller.close();
    }
  });
});

describe('poller limits', () => {
  it('dead endpoints never hold more than the bound, back off, and do not stall a live one', async () => {
    const log = new SampleLog();
    let maxSeen = 0;
    const poller = createSnmpPoller({
      intervalMs: 200,
      timeoutMs: 300,
      retries: 0,
      maxInFlight: 4,
      onSample: (id, s) => {
        maxSeen = Math.max(maxSeen, poller.stats().inFlight);
        log.onSample(id, s);
      },
      onLog: log.onLog,
    });
    try {
      const dead = Array.from({ length: 16 }, (_, i) => ep(`dead-${i}`, 'silent'));
      poller.setEndpoints([...dead, ep('live', 'live')]);
      await log.until(() => poller.stats().backedOff === 16, 'all dead endpoints to back off', 8000);
      const seen = log.of('live').length;
      for (let i = 0; i < 4; i++) await log.next('live', (s) => s.answered, seen + i, 2000);
      expect(log.of('live').slice(seen).every((s) => s.answered && s.values.remoteSite === 'live')).toBe(true);
      const st = poller.stats();
      expect(maxSeen).toBeLessThanOrEqual(4);
      expect(st.inFlight).toBeLessThanOrEqual(4);
      expect(st.probes).toBeGreaterThan(0);
      expect(st.timeouts).toBeGreaterThan(0);
      expect(log.of('dead-0').every((s) => !s.answered && s.error === 'timeout')).toBe(true);
    } finally {
      await poller.close();
    }
  }, 15_000);

  it('setEndpoints adds, re-creates a changed endpoint, removes; close is idempotent', async () => {
    const log = new SampleLog();
    const poller = createSnmpPoller({ intervalMs: 100, timeoutMs: 400, retries: 0, onSample: log.onSample, onLog: log.onLog });
    poller.setEndpoints([ep('a', 'alpha'), ep('b', 'bravo')]);
    expect((await log.next('a')).values.remoteSite).toBe('alpha');
    await log.next('b');
    // Changing the community re-creates the session; the new one answers with the new name.
    poller.setEndpoints([ep('a', 'alpha-2')]);
    await log.next('a', (s) => s.values.remoteSite === 'alpha-2');
    const bCount = log.of('b').length;
    const aCount = log.of('a').length;
    await log.next('a', () => true, aCount + 2);
    expect(log.of('b').length).toBe(bCount); // removed: no more samples
    expect(poller.stats().endpoints).toBe(1);
    poller.setEndpoints([ep('a', 'alpha-2')]); // unchanged: nothing happens
    await poller.close();
    await poller.close();
    const final = log.of('a').length;
    await new Promise((r) => setTimeout(r, 250));
    expect(log.of('a').length).toBe(final); // closed: no more samples
    expect(poller.stats().endpoints).toBe(0);
  });

  it('a host name is resolved once, and all requests of an endpoint share one socket', async () => {
    const log = new SampleLog();
    const withColumn: DeviceProfile = { ...profile, metrics: { ...profile.metrics, inCall: { oid: '1.3.6.1.4.1.9.9.644.1.4.8.1.11', encoding: 'integer', column: true, absent: false } } };
    const poller = createSnmpPoller({ intervalMs: 100, timeoutMs: 400, retries: 0, onSample: log.onSample, onLog: log.onLog });
    try {
      poller.setEndpoints([{ ...ep('named', 'by-name'), host: 'localhost', profile: withColumn }]);
      await log.next('named', (s) => s.answered, 2);
      const ports = new Set(agent.requests.filter((r) => r.community === 'by-name').map((r) => r.fromPort));
      expect(agent.requests.filter((r) => r.community === 'by-name' && r.pduType === TAG.GetNextRequest).length).toBeGreaterThanOrEqual(3);
      expect(ports.size).toBe(1);
    } finally {
      await poller.close();
    }
  });

  it('a throwing onSample is logged and polling goes on', async () => {
    const log = new SampleLog();
    let calls = 0;
    const poller = createSnmpPoller({
      intervalMs: 100,
      onSample: () => {
        calls++;
        log.notify();
        throw new Error('listener bug');
      },
      onLog: log.onLog,
    });
    try {
      poller.setEndpoints([ep('x', 'x-ray')]);
      await log.until(() => calls >= 3, 'three samples');
      expect(log.lines.join('\n')).toMatch(/snmp x: onSample threw: Error: listener bug/);
    } finally {
      await poller.close();
    }
  });
});
