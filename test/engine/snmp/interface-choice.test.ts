import { describe, expect, it } from 'vitest';
import { chooseInterface, type InterfaceRow } from '../../../electron/engine/snmp/interface-choice.js';

// The pure choice of the interface a codec is watched on, from its walked ifTable/ifXTable rows.
const row = (ifIndex: number, name: string | null, type: number, operStatus: number, descr: string | null = name): InterfaceRow => ({ ifIndex, name, descr, type, operStatus });
const LO = row(1, 'lo', 24, 1);

describe('chooseInterface', () => {
  it('without a name: the first interface that is up and not a loopback, by ifIndex', () => {
    const rows = [row(4, 'eth2', 6, 1), LO, row(2, 'eth0', 6, 2), row(3, 'eth1', 6, 1)];
    expect(chooseInterface(rows)).toEqual({ ok: true, ifIndex: 3, label: 'eth1', by: 'first-up' });
    expect(chooseInterface(rows, {})).toEqual(chooseInterface(rows, { name: '  ' }));
  });

  it('never chooses a lone loopback, nor one among interfaces that are all down', () => {
    const lone = chooseInterface([LO]);
    expect(lone).toEqual({ ok: false, problem: expect.stringMatching(/^no interface to watch: only a loopback \(lo\); name the interface/) });
    const down = chooseInterface([LO, row(2, 'eth0', 6, 2), row(3, 'eth1', 6, 7)]);
    expect(down).toEqual({ ok: false, problem: expect.stringContaining('none is up apart from loopbacks (eth0 down, eth1 lowerLayerDown)') });
    expect(chooseInterface([])).toEqual({ ok: false, problem: expect.stringContaining('lists no interfaces') });
    // An up loopback with another type number is still not a codec's network: type 24 is what counts.
    expect(chooseInterface([row(1, 'lo0', 24, 1), row(2, 'lo1', 24, 1)])).toMatchObject({ ok: false });
  });

  it('a named interface is matched by ifName, then ifDescr, even when down or a loopback', () => {
    const rows = [LO, row(2, 'eth0', 6, 2, 'Intel Corporation 82540EM'), row(3, 'eth1', 6, 1, 'eth0')];
    expect(chooseInterface(rows, { name: 'eth0' })).toEqual({ ok: true, ifIndex: 2, label: 'eth0', by: 'ifName' }); // ifName wins over row 3's ifDescr
    expect(chooseInterface(rows, { name: 'Intel Corporation 82540EM' })).toEqual({ ok: true, ifIndex: 2, label: 'eth0', by: 'ifDescr' });
    expect(chooseInterface(rows, { name: 'lo' })).toMatchObject({ ok: true, ifIndex: 1 });
    expect(chooseInterface(rows, { name: ' ETH1 ' })).toMatchObject({ ok: true, ifIndex: 3, by: 'ifName' }); // exact first, then ignoring case
  });

  it('an agent without ifXTable is matched by ifDescr alone', () => {
    const rows = [row(1, null, 24, 1, 'lo'), row(7, null, 6, 1, 'LAN port')];
    expect(chooseInterface(rows, { name: 'LAN port' })).toEqual({ ok: true, ifIndex: 7, label: 'LAN port', by: 'ifDescr' });
    expect(chooseInterface(rows)).toEqual({ ok: true, ifIndex: 7, label: 'LAN port', by: 'first-up' });
  });

  it('a name not found says so and lists what there is', () => {
    const r = chooseInterface([LO, row(2, 'eth0', 6, 1)], { name: 'wan0' });
    expect(r).toEqual({ ok: false, problem: 'interface "wan0" not found by ifName or ifDescr (interfaces: lo, eth0)' });
    const many = Array.from({ length: 14 }, (_, i) => row(i + 1, `port${i + 1}`, 6, 1));
    expect(chooseInterface(many, { name: 'x' })).toMatchObject({ problem: expect.stringMatching(/port10, … 4 more\)$/) });
    expect(chooseInterface([], { name: 'eth0' })).toEqual({ ok: false, problem: 'interface "eth0" not found: the agent lists no interfaces' });
  });

  it('a row without status, type or names is labelled by its index and skipped unless up', () => {
    const bare: InterfaceRow = { ifIndex: 9, name: null, descr: null, type: null, operStatus: null };
    expect(chooseInterface([bare])).toMatchObject({ ok: false, problem: expect.stringContaining('ifIndex 9 no status') });
    expect(chooseInterface([{ ...bare, operStatus: 1 }])).toEqual({ ok: true, ifIndex: 9, label: 'ifIndex 9', by: 'first-up' });
  });
});
