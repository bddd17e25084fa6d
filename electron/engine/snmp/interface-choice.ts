/**
 * Which interface of a codec the console watches (ifOperUp, rxBps, txBps): pure, from the rows
 * of its ifTable/ifXTable as the poller walked them.
 *
 * - With a name in the inventory (`interface.name`): the row whose ifName is that name, else the
 *   one whose ifDescr is (exactly first, then ignoring case), whatever its state or type: the
 *   technician chose it, and a down interface is what ifOperUp is there to show.
 * - Without: the first interface (lowest ifIndex) that is up and not a software loopback. A lone
 *   loopback is never chosen: its counters say nothing about the codec's network.
 */

/** IANAifType softwareLoopback(24). */
export const IF_TYPE_SOFTWARE_LOOPBACK = 24;
/** IF-MIB ifOperStatus up(1). */
export const IF_OPER_UP = 1;

export interface InterfaceRow {
  readonly ifIndex: number;
  /** ifName (ifXTable); null when the agent has no ifXTable or no value for the row. */
  readonly name: string | null;
  /** ifDescr (ifTable). */
  readonly descr: string | null;
  /** ifType (IANAifType), e.g. 6 ethernetCsmacd, 24 softwareLoopback. */
  readonly type: number | null;
  /** ifOperStatus: up(1), down(2), testing(3), unknown(4), dormant(5), notPresent(6), lowerLayerDown(7). */
  readonly operStatus: number | null;
}

/** The inventory endpoint's `interface` setting. */
export interface InterfaceWanted {
  readonly name?: string | undefined;
}

export type InterfaceChoice =
  | { readonly ok: true; readonly ifIndex: number; readonly label: string; readonly by: 'ifName' | 'ifDescr' | 'first-up' }
  | { readonly ok: false; readonly problem: string };

/** How people call a row: its ifName, else its ifDescr, else its index. */
export function interfaceLabel(row: InterfaceRow): string {
  return row.name || row.descr || `ifIndex ${row.ifIndex}`;
}

const MAX_LISTED = 10;

function listed(rows: readonly InterfaceRow[], show: (r: InterfaceRow) => string): string {
  const shown = rows.slice(0, MAX_LISTED).map(show).join(', ');
  return rows.length > MAX_LISTED ? `${shown}, … ${rows.length - MAX_LISTED} more` : shown;
}

const STATUS: Readonly<Record<number, string>> = { 1: 'up', 2: 'down', 3: 'testing', 4: 'unknown', 5: 'dormant', 6: 'notPresent', 7: 'lowerLayerDown' };
const state = (r: InterfaceRow): string => `${interfaceLabel(r)} ${r.operStatus === null ? 'no status' : (STATUS[r.operStatus] ?? `status ${r.operStatus}`)}`;

export function chooseInterface(rows: readonly InterfaceRow[], wanted: InterfaceWanted = {}): InterfaceChoice {
  const sorted = [...rows].sort((a, b) => a.ifIndex - b.ifIndex);
  const name = wanted.name?.trim();
  if (name) {
    const lower = name.toLowerCase();
    const tries: [(r: InterfaceRow) => boolean, 'ifName' | 'ifDescr'][] = [
      [(r) => r.name === name, 'ifName'],
      [(r) => r.descr === name, 'ifDescr'],
      [(r) => r.name?.toLowerCase() === lower, 'ifName'],
      [(r) => r.descr?.toLowerCase() === lower, 'ifDescr'],
    ];
    for (const [match, by] of tries) {
      const row = sorted.find(match);
      if (row) return { ok: true, ifIndex: row.ifIndex, label: interfaceLabel(row), by };
    }
    if (sorted.length === 0) return { ok: false, problem: `interface "${name}" not found: the agent lists no interfaces` };
    return { ok: false, problem: `interface "${name}" not found by ifName or ifDescr (interfaces: ${listed(sorted, interfaceLabel)})` };
  }
  const up = sorted.find((r) => r.operStatus === IF_OPER_UP && r.type !== IF_TYPE_SOFTWARE_LOOPBACK);
  if (up) return { ok: true, ifIndex: up.ifIndex, label: interfaceLabel(up), by: 'first-up' };
  if (sorted.length === 0) return { ok: false, problem: 'no interface to watch: the agent lists no interfaces (no ifTable)' };
  const others = sorted.filter((r) => r.type !== IF_TYPE_SOFTWARE_LOOPBACK);
  if (others.length === 0) {
    return { ok: false, problem: `no interface to watch: only a loopback (${listed(sorted, interfaceLabel)}); name the interface in the inventory to watch it anyway` };
  }
  return { ok: false, problem: `no interface to watch: none is up apart from loopbacks (${listed(others, state)}); name one in the inventory to watch it while down` };
}
