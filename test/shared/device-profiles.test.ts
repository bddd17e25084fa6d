import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DeviceProfileSchema,
  STANDARD_TRAPS,
  oidHasPrefix,
  profileIssues,
  profileSetIssues,
  suggestProfile,
  validateDeviceProfile,
  type DeviceProfile,
  type ProfileMetric,
} from '../../shared/device-profile.js';
import { SNMP_TYPE, readMetric } from '../../shared/snmp-values.js';

const DIR = new URL('../../assets/profiles/', import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const raw = (file: string): unknown => JSON.parse(readFileSync(new URL(file, DIR), 'utf8'));
const profiles = new Map<string, DeviceProfile>(files.map((f) => [f, DeviceProfileSchema.parse(raw(f))]));
const byId = (id: string) => [...profiles.values()].find((p) => p.id === id)!;

const BASE: ProfileMetric[] = ['ifOperUp', 'rxBps', 'txBps', 'uptimeS'];
const CALL: ProfileMetric[] = ['inCall', 'packetLossPct', 'jitterMs', 'latencyMs'];

describe('assets/profiles', () => {
  it('ships the three profiles design.md asks for', () => {
    expect(files.sort()).toEqual(expect.arrayContaining(['cisco-telepresence.json', 'generic-mib2.json', 'polycom-group.json']));
  });

  describe.each(files)('%s', (file) => {
    it('validates against DeviceProfileSchema and the cross-field rules', () => {
      const r = validateDeviceProfile(raw(file));
      expect(r.ok ? [] : r.issues).toEqual([]);
    });

    it('is named after its id', () => {
      expect(`${profiles.get(file)!.id}.json`).toBe(file);
    });

    it('has unique OIDs (metrics and traps), none a standard trap', () => {
      const p = profiles.get(file)!;
      const oids = [...Object.values(p.metrics).map((m) => m!.oid), ...p.traps.map((t) => t.oid)];
      expect(new Set(oids).size).toBe(oids.length);
      for (const std of Object.values(STANDARD_TRAPS)) expect(oids).not.toContain(std);
    });

    it('covers uptime, interface state and traffic', () => {
      expect(Object.keys(profiles.get(file)!.metrics)).toEqual(expect.arrayContaining(BASE));
    });

    it('reads the same MIB-II / IF-MIB objects as generic-mib2', () => {
      const p = profiles.get(file)!;
      const g = byId('generic-mib2');
      for (const m of BASE) {
        const pick = ({ oid, encoding, interface: iface, fallback }: NonNullable<DeviceProfile['metrics'][ProfileMetric]>) => ({ oid, encoding, iface, fallback });
        expect(pick(p.metrics[m]!), m).toEqual(pick(g.metrics[m]!));
      }
    });

    it('says where each OID comes from', () => {
      const p = profiles.get(file)!;
      for (const [m, spec] of Object.entries(p.metrics)) expect(spec!.note, m).toBeTruthy();
      for (const t of p.traps) expect(t.note, t.name).toBeTruthy();
    });
  });

  it.each(['polycom-group', 'cisco-telepresence'])('%s covers the call metrics', (id) => {
    expect(Object.keys(byId(id).metrics)).toEqual(expect.arrayContaining(CALL));
  });

  it('generic-mib2 has no call metrics and no traps of its own', () => {
    const g = byId('generic-mib2');
    for (const m of CALL) expect(g.metrics[m]).toBeUndefined();
    expect(g.traps).toEqual([]);
  });

  it("generic-mib2 reads the endpoint's interface: 64-bit octet counters as bit rates, 32-bit ones without ifXTable", () => {
    const g = byId('generic-mib2');
    expect(g.metrics.uptimeS).toMatchObject({ oid: '1.3.6.1.2.1.1.3.0', encoding: 'timeticks', scale: 0.01, unit: 's' });
    expect(g.metrics.ifOperUp).toMatchObject({ oid: '1.3.6.1.2.1.2.2.1.8', interface: true, map: { '1': true, '2': false }, mapDefault: false });
    expect(g.metrics.rxBps).toMatchObject({
      oid: '1.3.6.1.2.1.31.1.1.1.6', interface: true, encoding: 'counter64', fallback: { oid: '1.3.6.1.2.1.2.2.1.10', encoding: 'counter32' }, rate: true, scale: 8, unit: 'bit/s',
    });
    expect(g.metrics.txBps).toMatchObject({
      oid: '1.3.6.1.2.1.31.1.1.1.10', interface: true, encoding: 'counter64', fallback: { oid: '1.3.6.1.2.1.2.2.1.16', encoding: 'counter32' }, rate: true, scale: 8, unit: 'bit/s',
    });
  });

  it('suggests a profile from sysObjectID: the longest listed prefix, whole arcs', () => {
    const all = [...profiles.values()];
    expect(profileSetIssues(all)).toEqual([]);
    expect(suggestProfile(all, '1.3.6.1.4.1.8072.3.2.10')).toBe('generic-mib2'); // Net-SNMP on Linux
    expect(suggestProfile(all, '1.3.6.1.4.1.5596.150.6.4.1')).toBe('cisco-telepresence'); // TANDBERG
    expect(suggestProfile(all, '1.3.6.1.4.1.9.1.1426')).toBe('cisco-telepresence');
    expect(suggestProfile(all, '1.3.6.1.4.1.13885.101')).toBe('polycom-group');
    expect(suggestProfile(all, '1.3.6.1.4.1.2684.1.1')).toBe('polycom-group');
    expect(suggestProfile(all, '1.3.6.1.4.1.99')).toBeNull(); // not under .9
    expect(suggestProfile(all, '1.3.6.1.4.1.311.1.1.3.1.1')).toBeNull();
    expect(suggestProfile(all, null)).toBeNull();
    const nested = [{ ...byId('generic-mib2'), id: 'a', sysObjectIdPrefixes: ['1.3.6.1.4.1.9'] }, { ...byId('generic-mib2'), id: 'b', sysObjectIdPrefixes: ['1.3.6.1.4.1.9.1.1426'] }];
    expect(suggestProfile(nested, '1.3.6.1.4.1.9.1.1426.2')).toBe('b');
    expect(suggestProfile(nested.reverse(), '1.3.6.1.4.1.9.1.1426.2')).toBe('b');
    expect(suggestProfile(nested, '1.3.6.1.4.1.9.1.14')).toBe('a');
  });

  it('polycom-group lives under POLYCOM-VIDEO-MIB 1.3.6.1.4.1.2684.1.1, loss/jitter/latency as numeric strings', () => {
    const p = byId('polycom-group');
    for (const [m, spec] of Object.entries(p.metrics)) {
      if (!BASE.includes(m as ProfileMetric)) expect(oidHasPrefix(spec!.oid, '1.3.6.1.4.1.2684.1.1'), m).toBe(true);
    }
    for (const m of ['packetLossPct', 'jitterMs', 'latencyMs'] as const) expect(p.metrics[m]!.encoding).toBe('numeric-string');
    for (const t of p.traps) expect(oidHasPrefix(t.oid, '1.3.6.1.4.1.2684.1.1.0'), t.name).toBe(true);
  });

  it('polycom-group traps: callUp/callDown set inCall; loss and jitter carry their value', () => {
    const p = byId('polycom-group');
    const trap = (name: string) => p.traps.find((t) => t.name === name)!;
    expect(trap('callUp')).toMatchObject({ severity: 'info', set: { inCall: true } });
    expect(trap('callDown')).toMatchObject({ set: { inCall: false, packetLossPct: null } });
    expect(trap('percentPacketLossExcessive')).toMatchObject({ severity: 'warning', varbinds: { packetLossPct: p.metrics.packetLossPct!.oid } });
    expect(trap('jitterExcessive')).toMatchObject({ severity: 'warning', varbinds: { jitterMs: p.metrics.jitterMs!.oid } });
  });

  it('polycom-group decodes a loss varbind from its trap with the metric spec', () => {
    const p = byId('polycom-group');
    const vb = { oid: '1.3.6.1.4.1.2684.1.1.21.0', type: SNMP_TYPE.OctetString, value: new TextEncoder().encode('2.75') };
    const metric = Object.entries(p.traps.find((t) => t.name === 'percentPacketLossExcessive')!.varbinds!).find(([, oid]) => oidHasPrefix(vb.oid, oid))![0];
    expect(metric).toBe('packetLossPct');
    expect(readMetric(p.metrics.packetLossPct!, vb, { at: 0 })).toMatchObject({ ok: true, value: 2.75 });
  });

  it('cisco-telepresence reads call metrics as first rows of CISCO-TELEPRESENCE-CALL-MIB tables', () => {
    const c = byId('cisco-telepresence');
    for (const m of [...CALL, 'remoteSite', 'bitrateKbps'] as const) {
      expect(c.metrics[m]!.column, m).toBe(true);
      expect(oidHasPrefix(c.metrics[m]!.oid, '1.3.6.1.4.1.9.9.644.1.4'), m).toBe(true);
    }
    expect(c.metrics.inCall!.absent).toBe(false);
    for (const t of c.traps) expect(oidHasPrefix(t.oid, '1.3.6.1.4.1.9.9.644.0'), t.name).toBe(true);
  });

  it('cisco-telepresence: no call row means not in call; ctpcState inProgress is in call; micropercent loss → %', () => {
    const c = byId('cisco-telepresence');
    const ctx = { at: 0 };
    expect(readMetric(c.metrics.inCall!, { oid: '1.3.6.1.4.1.9.9.644.1.4.8.1.12.1', type: SNMP_TYPE.Gauge, value: 0 }, ctx)).toMatchObject({ ok: true, value: false });
    expect(readMetric(c.metrics.inCall!, { oid: '1.3.6.1.4.1.9.9.644.1.4.8.1.11.7', type: SNMP_TYPE.Integer, value: 8 }, ctx)).toMatchObject({ ok: true, value: true });
    expect(readMetric(c.metrics.inCall!, { oid: '1.3.6.1.4.1.9.9.644.1.4.8.1.11.7', type: SNMP_TYPE.Integer, value: 14 }, ctx)).toMatchObject({ ok: true, value: false });
    expect(readMetric(c.metrics.packetLossPct!, { oid: '1.3.6.1.4.1.9.9.644.1.4.10.1.14.7.1.2', type: SNMP_TYPE.Gauge, value: 1_500_000 }, ctx)).toMatchObject({ ok: true, value: 1.5 });
  });
});

describe('profileIssues', () => {
  const base = (): DeviceProfile => structuredClone(byId('generic-mib2'));

  it('finds a duplicated OID', () => {
    const p = base();
    p.metrics.uptimeS = { ...p.metrics.uptimeS!, oid: p.metrics.ifOperUp!.oid };
    expect(profileIssues(p).join()).toMatch(/already used by metrics\.(uptimeS|ifOperUp)/);
  });

  it('finds a rate on something that is not a counter', () => {
    const p = base();
    p.metrics.uptimeS = { ...p.metrics.uptimeS!, rate: true };
    expect(profileIssues(p).join()).toContain('"rate" needs a counter32 or counter64');
  });

  it('finds a trap varbind for a metric the profile cannot decode', () => {
    const p = base();
    p.traps.push({ oid: '1.3.6.1.4.1.99999.0.1', name: 'x', severity: 'info', varbinds: { jitterMs: '1.3.6.1.4.1.99999.1' } });
    expect(profileIssues(p).join()).toContain('varbind jitterMs is not among the metrics');
  });

  it('finds absent on a scalar and mapDefault without map', () => {
    const p = base();
    p.metrics.uptimeS = { ...p.metrics.uptimeS!, absent: 0, mapDefault: 1 };
    expect(profileIssues(p)).toHaveLength(2);
  });

  /** generic-mib2's interface metrics as the poller resolves them at run time. */
  const withInterface = (): DeviceProfile => {
    const p = base();
    const rate = { encoding: 'counter64', interface: true, rate: true, scale: 8 } as const;
    p.metrics.ifOperUp = { oid: '1.3.6.1.2.1.2.2.1.8', encoding: 'integer', interface: true, map: { '1': true }, mapDefault: false };
    p.metrics.rxBps = { ...rate, oid: '1.3.6.1.2.1.31.1.1.1.6', fallback: { oid: '1.3.6.1.2.1.2.2.1.10', encoding: 'counter32' } };
    p.metrics.txBps = { ...rate, oid: '1.3.6.1.2.1.31.1.1.1.10', fallback: { oid: '1.3.6.1.2.1.2.2.1.16', encoding: 'counter32' } };
    expect(profileIssues(p)).toEqual([]);
    return p;
  };

  it('finds interface metrics that are no IF-MIB column, or mix with column, and stray fallbacks', () => {
    const p = withInterface();
    p.metrics.ifOperUp = { ...p.metrics.ifOperUp!, oid: '1.3.6.1.2.1.2.2.1.8.1' }; // an instance, not the column
    p.metrics.rxBps = { ...p.metrics.rxBps!, column: true };
    p.metrics.txBps = { ...p.metrics.txBps!, fallback: { oid: '1.3.6.1.2.1.2.2.1.16', encoding: 'gauge' } };
    p.metrics.uptimeS = { ...p.metrics.uptimeS!, fallback: { oid: '1.3.6.1.2.1.1.3', encoding: 'timeticks' } };
    const issues = profileIssues(p).join('\n');
    expect(issues).toContain('metrics.ifOperUp: "interface" needs an ifTable or ifXTable column');
    expect(issues).toContain('metrics.rxBps: "interface" and "column" exclude each other');
    expect(issues).toContain('metrics.txBps: "rate" needs a counter fallback, not gauge');
    expect(issues).toContain('metrics.uptimeS: "fallback" applies to "interface" metrics only');
  });

  it('finds a fallback column used twice, a prefix listed twice, and one claimed by two profiles', () => {
    const p = withInterface();
    p.metrics.txBps = { ...p.metrics.txBps!, fallback: p.metrics.rxBps!.fallback! };
    p.sysObjectIdPrefixes = ['1.3.6.1.4.1.8072', '1.3.6.1.4.1.8072'];
    expect(profileIssues(p).join('\n')).toMatch(/metrics\.txBps\.fallback: OID 1\.3\.6\.1\.2\.1\.2\.2\.1\.10 is already used by metrics\.rxBps\.fallback/);
    expect(profileIssues(p).join('\n')).toContain('sysObjectIdPrefixes: 1.3.6.1.4.1.8072 is listed twice');
    expect(profileSetIssues([base(), { ...base(), id: 'other' }])).toEqual(['sysObjectIdPrefixes: 1.3.6.1.4.1.8072 is claimed by both generic-mib2 and other']);
  });

  it('validateDeviceProfile reports shape errors with their path', () => {
    const r = validateDeviceProfile({ id: 'Bad Id', name: 'x', mib: 'x', metrics: { uptimeS: { oid: 'sysUpTime', encoding: 'timeticks' } }, traps: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.join('\n')).toMatch(/^id: .*\n?.*metrics\.uptimeS\.oid/s);
  });

  it('a trap may set or carry just one field (set/varbinds are partial records)', () => {
    const trap = { oid: '1.3.6.1.4.1.99999.0.1', name: 'x', severity: 'info', set: { inCall: true }, varbinds: { jitterMs: '1.3.6.1.4.1.99999.1' } };
    expect(DeviceProfileSchema.shape.traps.element.safeParse(trap).success).toBe(true);
  });

  it('oidHasPrefix compares whole arcs', () => {
    expect(oidHasPrefix('1.3.6.1.4.1.2684.1.1.21.0', '1.3.6.1.4.1.2684.1.1.2')).toBe(false);
    expect(oidHasPrefix('1.3.6.1.4.1.2684.1.1.2.0', '1.3.6.1.4.1.2684.1.1.2')).toBe(true);
    expect(oidHasPrefix('1.3.6.1.4.1.2684.1.1.2', '1.3.6.1.4.1.2684.1.1.2')).toBe(true);
  });
});
