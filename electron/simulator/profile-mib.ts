import { IF_ENTRY, IF_X_ENTRY, type DeviceProfile, type MetricSpec, type ProfileMetric, type ValueEncoding } from '../../shared/device-profile.js';
import type { CodecView } from './codec-model.js';
import { encodeMetric, encodeRaw, type WireValue } from './metric-encoding.js';
import { snmp, type Mib, type MibRequest } from './snmp-lib.js';

/**
 * An agent's MIB built from its device profile: every metric's OID is served from the live codec
 * view, encoded per its MetricSpec. Layout rules (the profile says only OIDs):
 * - an OID ending in .0 is a scalar;
 * - any other instance OID is column (second-last arc) and row (last arc) of a table whose entry is
 *   the OID minus two arcs, row always present (ifOperStatus.1, ifHCInOctets.1);
 * - an `interface` OID is an IF-MIB column served at ifIndex 1 (SIM_IF_INDEX), with its fallback
 *   column and the ifDescr, ifType (and, with ifXTable, ifName) the poller looks the interface up by;
 * - a `column: true` OID is a column of a table whose entry is the OID minus one arc; when the
 *   table holds call metrics it has one row, indexed by the call's number, only while in a call
 *   (Cisco's ctpcTable); tables indexed by several arcs in the real MIB get one index arc here,
 *   which a poller reading "the first row" (GetNext on the column) does not notice.
 * Each table has a not-accessible integer index column, as SNMP tables usually do.
 * The system group (sysDescr, sysObjectID, sysUpTime, sysName, sysLocation) is added unless the
 * profile serves those OIDs itself.
 */

export interface CodecIdentity {
  readonly endpointId: string;
  readonly siteName: string;
}

type Getter = (v: CodecView) => WireValue;

/** The simulated codec's network interface: `interface` metrics are served at this ifIndex. */
export const SIM_IF_INDEX = 1;
const SIM_IF_NAME = 'eth0';
const CALL_METRICS: ReadonlySet<ProfileMetric> = new Set(['inCall', 'remoteSite', 'bitrateKbps', 'packetLossPct', 'jitterMs', 'latencyMs', 'micMuted', 'cameraMuted']);

interface Table {
  readonly entry: string;
  /** column → row index ('call' for the call row) → getter */
  readonly cells: Map<number, Map<number | 'call', Getter>>;
  readonly types: Map<number, number>;
  rows: 'call' | Set<number>;
}

export interface ProfileMib {
  /** Add or drop call rows to match the codec's call; call after every change of call state. */
  syncCalls(view: CodecView): void;
}

export function buildProfileMib(mib: Mib, profile: DeviceProfile, id: CodecIdentity, current: () => CodecView): ProfileMib {
  const scalars = new Map<string, { type: number; get: Getter }>();
  const tables = new Map<string, Table>();
  const table = (entry: string): Table => {
    let t = tables.get(entry);
    if (!t) tables.set(entry, (t = { entry, cells: new Map(), types: new Map(), rows: new Set() }));
    return t;
  };

  /** A table cell at a full instance OID (column and row are its last two arcs). */
  const cell = (instance: string, type: number, get: Getter): void => {
    const arcs = instance.split('.');
    const t = table(arcs.slice(0, -2).join('.'));
    const [column, row] = [Number(arcs.at(-2)), Number(arcs.at(-1))];
    const cells = t.cells.get(column) ?? new Map<number | 'call', Getter>();
    cells.set(row, get);
    t.cells.set(column, cells);
    t.types.set(column, type);
    if (t.rows !== 'call') t.rows.add(row);
  };

  let interfaces = false;
  for (const [metric, spec] of Object.entries(profile.metrics) as [ProfileMetric, MetricSpec | undefined][]) {
    if (!spec) continue;
    const get: Getter = (v) => encodeMetric(metric, spec, v);
    const arcs = spec.oid.split('.');
    if (spec.interface) {
      // The codec's one network port, at ifIndex 1; the fallback column too, as real agents serve both.
      interfaces = true;
      cell(`${spec.oid}.${SIM_IF_INDEX}`, wireType(spec.encoding), get);
      if (spec.fallback) {
        const fallback: MetricSpec = { ...spec, oid: spec.fallback.oid, encoding: spec.fallback.encoding };
        cell(`${fallback.oid}.${SIM_IF_INDEX}`, wireType(fallback.encoding), (v) => encodeMetric(metric, fallback, v));
      }
    } else if (spec.column) {
      const t = table(arcs.slice(0, -1).join('.'));
      const column = Number(arcs.at(-1));
      t.cells.set(column, new Map([['call', get]]));
      t.types.set(column, wireType(spec.encoding));
      if (CALL_METRICS.has(metric)) t.rows = 'call';
    } else if (arcs.at(-1) === '0') {
      scalars.set(arcs.slice(0, -1).join('.'), { type: wireType(spec.encoding), get });
    } else {
      cell(spec.oid, wireType(spec.encoding), get);
    }
  }
  if (interfaces) {
    // What the poller walks to find the interface: ifDescr, ifType ethernetCsmacd(6), ifName.
    const T = snmp.ObjectType;
    cell(`${IF_ENTRY}.2.${SIM_IF_INDEX}`, T.OctetString, () => ({ type: T.OctetString, value: SIM_IF_NAME }));
    cell(`${IF_ENTRY}.3.${SIM_IF_INDEX}`, T.Integer, () => ({ type: T.Integer, value: 6 }));
    if (tables.has(IF_X_ENTRY)) cell(`${IF_X_ENTRY}.1.${SIM_IF_INDEX}`, T.OctetString, () => ({ type: T.OctetString, value: SIM_IF_NAME }));
  }
  addSystemGroup(scalars, profile, id);

  for (const [oid, s] of scalars) {
    const name = `scalar:${oid}`;
    mib.registerProvider({
      name, type: snmp.MibProviderType.Scalar, oid, scalarType: s.type, maxAccess: snmp.MaxAccess['read-only'],
      handler: (req) => serve(req, s.get(current())),
    });
    mib.setScalarValue(name, placeholder(s.type));
  }
  for (const t of tables.values()) registerTable(mib, t, current);

  const callRows = new Map<string, number>();
  const syncCalls = (view: CodecView): void => {
    for (const t of tables.values()) {
      if (t.rows !== 'call') continue;
      const name = `table:${t.entry}`;
      const have = callRows.get(name);
      const want = view.inCall ? (view.callIndex ?? 1) : undefined;
      if (have === want) continue;
      if (have !== undefined) mib.deleteTableRow(name, [have]);
      if (want !== undefined) mib.addTableRow(name, rowOf(t, want));
      if (want === undefined) callRows.delete(name);
      else callRows.set(name, want);
    }
  };
  syncCalls(current());
  return { syncCalls };
}

function addSystemGroup(scalars: Map<string, { type: number; get: Getter }>, profile: DeviceProfile, id: CodecIdentity): void {
  const T = snmp.ObjectType;
  const fixed = (type: number, value: string): { type: number; get: Getter } => ({ type, get: () => ({ type, value }) });
  const enterprise = Object.values(profile.metrics)
    .map((m) => m?.oid.match(/^1\.3\.6\.1\.4\.1\.\d+/)?.[0])
    .find(Boolean);
  const base: [string, { type: number; get: Getter }][] = [
    ['1.3.6.1.2.1.1.1', fixed(T.OctetString, `${profile.name}, simulated by Bridgepoint`)],
    ['1.3.6.1.2.1.1.2', fixed(T.OID, enterprise ?? '1.3.6.1.4.1.8072.3.2.10')],
    ['1.3.6.1.2.1.1.3', { type: T.TimeTicks, get: (v) => encodeRaw('timeticks', v.uptimeS * 100) }],
    ['1.3.6.1.2.1.1.5', fixed(T.OctetString, id.endpointId)],
    ['1.3.6.1.2.1.1.6', fixed(T.OctetString, id.siteName)],
  ];
  for (const [oid, s] of base) if (!scalars.has(oid)) scalars.set(oid, s);
}

function registerTable(mib: Mib, t: Table, current: () => CodecView): void {
  const T = snmp.ObjectType;
  const columns = [...t.cells.keys()].sort((a, b) => a - b);
  let indexColumn = 1;
  while (t.cells.has(indexColumn)) indexColumn++;
  const name = `table:${t.entry}`;
  mib.registerProvider({
    name, type: snmp.MibProviderType.Table, oid: t.entry, maxAccess: snmp.MaxAccess['not-accessible'],
    tableColumns: [
      { number: indexColumn, name: 'index', type: T.Integer, maxAccess: snmp.MaxAccess['not-accessible'] },
      ...columns.map((c) => ({ number: c, name: `column${c}`, type: t.types.get(c)!, maxAccess: snmp.MaxAccess['read-only'] })),
    ],
    tableIndex: [{ columnName: 'index' }],
    handler: (req) => {
      const [column, row] = req.oid.slice(t.entry.length + 1).split('.').map(Number) as [number, number];
      const cells = t.cells.get(column);
      const get = cells?.get(t.rows === 'call' ? 'call' : row) ?? cells?.values().next().value;
      if (get) serve(req, get(current()));
      else req.done();
    },
  });
  if (t.rows !== 'call') for (const row of t.rows) mib.addTableRow(name, rowOf(t, row));
}

/** Index first, then a placeholder per column: the handler fills in the live value on every read. */
function rowOf(t: Table, index: number): unknown[] {
  const columns = [...t.cells.keys()].sort((a, b) => a - b);
  return [index, ...columns.map((c) => placeholder(t.types.get(c)!))];
}

function serve(req: MibRequest, w: WireValue): void {
  req.instanceNode.value = w.value;
  req.done();
}

function wireType(encoding: ValueEncoding): number {
  return encodeRaw(encoding, 0).type;
}

/** A value net-snmp's validation accepts for the type (Counter64 wants 8 bytes when stored). */
function placeholder(type: number): unknown {
  const T = snmp.ObjectType;
  if (type === T.Counter64) return Buffer.alloc(8);
  if (type === T.OctetString) return '';
  if (type === T.OID) return '1.3.6.1';
  return 0;
}
