import snmp from 'net-snmp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceProfile } from '../../../shared/device-profile.js';
import { createSnmpPoller, type PolledEndpoint, type PollSample } from '../../../electron/engine/snmp/poller.js';
import { empty, int, message, octets, response, TAG, varbind } from './ber.js';
import { SampleLog } from './collect.js';
import { FakeAgent, type Reply } from './fake-agent.js';
import { freeUdpPort } from './snmpd.js';
import type { Request } from './ber.js';

// Each kind of bad input from the issue, played by a raw UDP agent, next to a healthy endpoint on
// the same poller: the bad one must become a sample error, a problem or a log line, and the
// healthy one must keep being polled.

const OID = {
  uptime: '1.3.6.1.2.1.1.3.0',
  remote: '1.3.6.1.4.1.2684.1.1.2.0',
  loss: '1.3.6.1.4.1.2684.1.1.21.0',
  rx: '1.3.6.1.2.1.31.1.1.1.6.1',
  state: '1.3.6.1.4.1.9.9.644.1.4.8.1.11',
};

const profile: DeviceProfile = {
  id: 'fake',
  name: 'fake codec',
  mib: 'test',
  metrics: {
    uptimeS: { oid: OID.uptime, encoding: 'timeticks', scale: 0.01 },
    remoteSite: { oid: OID.remote, encoding: 'string' },
    packetLossPct: { oid: OID.loss, encoding: 'numeric-string' },
    rxBps: { oid: OID.rx, encoding: 'counter64', rate: true, scale: 8 },
    inCall: { oid: OID.state, encoding: 'integer', column: true, absent: false, map: { '8': true }, mapDefault: false },
  },
  traps: [],
};

let rx = 0n;
function good(req: Request): Buffer {
  rx += 125_000n;
  const hi = Buffer.alloc(8);
  hi.writeBigUInt64BE(rx);
  const value: Record<string, Buffer> = {
    [OID.uptime]: int(4200, TAG.TimeTicks),
    [OID.remote]: octets('UBND huyen Ba Be'),
    [OID.loss]: octets('0.35'),
    [OID.rx]: octets(hi, TAG.Counter64),
  };
  const vbs =
    req.pduType === TAG.GetNextRequest
      ? req.oids.map((o) => varbind(`${o}.1`, int(8)))
      : req.oids.map((o) => varbind(o, value[o] ?? empty(TAG.NoSuchObject)));
  return response(req.version, req.community, req.reqId, vbs);
}

const behaviours: Record<string, (req: Request) => Reply> = {
  good,
  truncated: (req) => good(req).subarray(0, 20),
  garbage: () => Buffer.from('this is not BER at all'),
  wrongtype: (req) =>
    response(
      req.version,
      req.community,
      req.reqId,
      req.oids.map((o) =>
        o === OID.state
          ? varbind(`${o}.1`, octets('in call')) // a string where ctpcState's INTEGER belongs
          : varbind(o, o === OID.uptime ? octets('soon') : o === OID.loss ? int(5) : o === OID.rx ? int(77, TAG.Counter) : octets('x')),
      ),
    ),
  nosuch: (req) =>
    response(
      req.version,
      req.community,
      req.reqId,
      req.oids.map((o) =>
        varbind(o, empty(o === OID.uptime ? TAG.NoSuchObject : o === OID.remote ? TAG.NoSuchInstance : TAG.EndOfMibView)),
      ),
    ),
  huge: (req) =>
    response(req.version, req.community, req.reqId, req.oids.map((o) => varbind(o, o === OID.remote ? octets('A'.repeat(60_000)) : int(1, TAG.TimeTicks)))),
  otherport: (req) => ({ from: 'other-port', packet: good(req) }),
  // issue #14: a Report PDU (SNMPv3 only) to a v2c get made net-snmp throw an uncaught TypeError.
  report: (req) => message(req.version, req.community, TAG.Report, req.reqId, [varbind('1.3.6.1.6.3.15.1.1.4.0', int(1, TAG.Counter))]),
  extra: (req) => response(req.version, req.community, req.reqId, [...req.oids, ...req.oids].map((o) => varbind(o, int(1, TAG.TimeTicks)))),
  // SNMPv1: one unknown OID fails the whole request with noSuchName and its index.
  v1: (req) => {
    const echo = req.oids.map((o) => varbind(o, empty(TAG.Null)));
    if (req.pduType === TAG.GetNextRequest) return response(0, req.community, req.reqId, echo, 2, 1);
    const i = req.oids.indexOf(OID.remote);
    return i >= 0 ? response(0, req.community, req.reqId, echo, 2, i + 1) : good(req);
  },
};

let agent: FakeAgent;
beforeAll(async () => {
  agent = await FakeAgent.start((req) => behaviours[req.community]?.(req) ?? null);
});
afterAll(async () => {
  await agent?.close();
});

function ep(id: string, community: string, host = '127.0.0.1', port = agent.port, version: '1' | '2c' = '2c'): PolledEndpoint {
  return { endpointId: id, host, port, snmp: { version, community }, profile };
}

/** Poll `bad` next to a healthy endpoint; return the first sample of `bad` and the log. */
async function pollBeside(bad: PolledEndpoint, until: (s: PollSample) => boolean = () => true, skip = 0) {
  const log = new SampleLog();
  const poller = createSnmpPoller({ intervalMs: 200, timeoutMs: 400, retries: 0, onSample: log.onSample, onLog: log.onLog });
  try {
    poller.setEndpoints([ep('healthy', 'good'), bad]);
    const sample = await log.next(bad.endpointId, until, skip);
    // The healthy endpoint keeps being polled and answered while the bad one misbehaves.
    const seen = log.of('healthy').length;
    await log.next('healthy', (s) => s.answered, seen);
    await log.next('healthy', (s) => s.answered, seen + 1);
    expect(log.of('healthy').every((s) => s.answered && s.error === null)).toBe(true);
    return { sample, log, stats: poller.stats() };
  } finally {
    await poller.close();
  }
}

describe('poller bad input (raw UDP agent)', () => {
  it('a truncated reply is a "malformed response", logged, not a crash', async () => {
    const { sample, log } = await pollBeside(ep('trunc', 'truncated'));
    expect(sample).toMatchObject({ answered: false, error: 'malformed response', values: {} });
    expect(log.lines.join('\n')).toMatch(/snmp trunc: unreadable packet from agent/);
  });

  it('a reply that is not BER at all is a "malformed response"', async () => {
    const { sample } = await pollBeside(ep('junk', 'garbage'));
    expect(sample.error).toBe('malformed response');
  });

  it('wrong value types become per-OID problems and null values', async () => {
    const { sample, log } = await pollBeside(ep('types', 'wrongtype'));
    expect(sample.answered).toBe(true);
    expect(sample.values).toMatchObject({ uptimeS: null, packetLossPct: null, rxBps: null, inCall: null, remoteSite: 'x' });
    const problems = sample.problems.join('\n');
    expect(problems).toMatch(/uptimeS: .*expected timeticks, got OctetString/);
    expect(problems).toMatch(/packetLossPct: .*expected numeric-string, got Integer/);
    expect(problems).toMatch(/rxBps: .*expected counter64, got Counter/);
    expect(problems).toMatch(/inCall: .*expected integer, got OctetString/);
    expect(log.lines.join('\n')).toMatch(/snmp types: .*expected timeticks/);
  });

  it('noSuchObject / noSuchInstance / endOfMibView: problems for scalars, "absent" for a column', async () => {
    const { sample } = await pollBeside(ep('gone', 'nosuch'));
    expect(sample.answered).toBe(true);
    expect(sample.values).toMatchObject({ uptimeS: null, remoteSite: null, packetLossPct: null, inCall: false });
    const problems = sample.problems.join('\n');
    expect(problems).toMatch(/uptimeS: NoSuchObject/);
    expect(problems).toMatch(/remoteSite: NoSuchInstance/);
    expect(problems).toMatch(/packetLossPct: EndOfMibView/);
    expect(problems).not.toMatch(/inCall/); // no row in a column is normal (not in a call)
  });

  it('a 60 KB OCTET STRING is cut to what the console keeps and flagged', async () => {
    const { sample } = await pollBeside(ep('big', 'huge'));
    expect(sample.answered).toBe(true);
    expect(typeof sample.values.remoteSite).toBe('string');
    expect((sample.values.remoteSite as string).length).toBeLessThanOrEqual(256);
    expect(sample.problems.join('\n')).toMatch(/remoteSite: text longer than the console keeps/);
  });

  it('a closed port on 127.0.0.1 times out and the endpoint backs off', async () => {
    const port = await freeUdpPort();
    const { sample, stats } = await pollBeside(ep('closed', 'good', '127.0.0.1', port), (s) => !s.answered, 2);
    expect(sample.error).toBe('timeout'); // Linux does not report ICMP port-unreachable on an unconnected UDP socket
    expect(stats.backedOff).toBe(1); // after two full polls; the third tick was a one-GET probe
    expect(stats.probes).toBeGreaterThanOrEqual(1);
    expect(stats.timeouts).toBeGreaterThanOrEqual(3);
  });

  it('an unresolvable host name is one clear error and log line', async () => {
    const { sample, log } = await pollBeside(ep('nxdomain', 'good', 'no-such-host.invalid'));
    expect(sample).toMatchObject({ answered: false, error: 'unresolvable host', rttMs: null });
    expect(log.lines.join('\n')).toMatch(/snmp nxdomain: cannot resolve "no-such-host.invalid"/);
  });

  it('SNMPv1 noSuchName: the missing OID is a problem and the rest is asked again; past the end of a column is "no row"', async () => {
    const { sample } = await pollBeside(ep('old', 'v1', '127.0.0.1', agent.port, '1'));
    expect(sample.answered).toBe(true);
    expect(sample.values).toMatchObject({ uptimeS: 42, packetLossPct: 0.35, inCall: false });
    expect(sample.values.remoteSite).toBeUndefined();
    expect(sample.problems).toEqual([`noSuchName at ${OID.remote}`]);
    expect(agent.requests.filter((r) => r.community === 'v1' && r.pduType === TAG.GetRequest).length).toBeGreaterThanOrEqual(2);
  });

  it('an answer from another port is used and reported as a problem', async () => {
    const { sample, log } = await pollBeside(ep('moved', 'otherport'));
    expect(sample.answered).toBe(true);
    expect(sample.values.remoteSite).toBe('UBND huyen Ba Be');
    expect(sample.problems).toContain(`answered from 127.0.0.1:${agent.otherPort}, not the polled address and port`);
    expect(log.lines.join('\n')).toMatch(/snmp moved: answered from 127\.0\.0\.1:\d+/);
  });

  it('a Report PDU to a v2c get is a "protocol error" (issue #14: it crashed the engine)', async () => {
    const { sample, log } = await pollBeside(ep('reporter', 'report'));
    expect(sample).toMatchObject({ answered: false, error: 'protocol error', values: {} });
    expect(log.lines.join('\n')).toMatch(/snmp reporter: protocol error/);
  });

  it('more varbinds than asked for is a "protocol error"', async () => {
    const { sample } = await pollBeside(ep('chatty', 'extra'));
    expect(sample.error).toBe('protocol error');
  });

  it('should net-snmp throw while handling an answer, the poll ends as a "protocol error", neither hanging nor crashing', async () => {
    const proto = (snmp as unknown as { Session: { prototype: { onMsg: (b: Buffer) => void } } }).Session.prototype;
    const original = proto.onMsg;
    proto.onMsg = function (this: unknown, buffer: Buffer) {
      if (buffer.includes(Buffer.from('thrower'))) throw new TypeError("Cannot read properties of undefined (reading 'msgAuthoritativeEngineID')");
      original.call(this, buffer);
    };
    behaviours['thrower'] = good;
    try {
      const { sample, log } = await pollBeside(ep('thrown', 'thrower'));
      expect(sample).toMatchObject({ answered: false, error: 'protocol error' });
      expect(log.lines.join('\n')).toMatch(/snmp thrown: the SNMP library failed on a packet from 127\.0\.0\.1:\d+: Cannot read properties/);
    } finally {
      proto.onMsg = original;
    }
  });
});
