import { openDatabase, type Database } from '../../../electron/engine/db/database.js';
import { HistoryService, type HistoryOptions } from '../../../electron/engine/history/history-service.js';
import { HistoryStore } from '../../../electron/engine/history/history-store.js';
import { StatusTable } from '../../../electron/engine/status/status-table.js';
import type { Maintenance } from '../../../shared/alarms/alarm-book.js';
import type { McuState, McuStatus } from '../../../shared/conference.js';
import { validateInventory, type Inventory } from '../../../shared/inventory.js';
import type { Reachability } from '../../../shared/status.js';
import { smallInventory } from '../../fixtures/inventory.js';

/**
 * A history service on a real StatusTable (flushed by hand) and SQLite, with a clock the test
 * moves: the small province (ubnd-tinh; Ba Bể with Chợ Rã, which has two codecs, and Nam Mẫu;
 * Na Rì with Kim Hỷ).
 */
export function testInventory(): Inventory {
  const raw = smallInventory() as { sites: { id: string; endpoints: Record<string, unknown>[] }[] };
  const choRa = raw.sites.find((s) => s.id === 'ba-be-cho-ra')!;
  choRa.endpoints.push({ ...choRa.endpoints[0], id: 'ba-be-cho-ra-2', port: 16106 });
  const r = validateInventory(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.inventory;
}

export interface World {
  readonly db: Database;
  readonly status: StatusTable;
  readonly history: HistoryService;
  readonly maintenance: Maintenance[];
  /** Set the clock (ms since the epoch). */
  at(t: number): void;
  /** Reachability verdicts taken at `t` (ms), in one status batch; the clock moves to t. */
  verdicts(t: number, changes: Record<string, Reachability>): void;
  /** Quality readings taken at `t`, in one status batch; the clock moves to t. */
  readings(t: number, values: Record<string, Partial<Record<'packetLossPct' | 'jitterMs' | 'latencyMs' | 'bitrateKbps', number>>>, stale?: boolean): void;
  maintenanceChanged(): void;
  /**
   * The MCU driver's status changes at `t` (the clock moves there); `since` moves as the driver's
   * does, when the connection becomes ok or stops being ok, and is then `t` unless given.
   */
  mcu(t: number, state: McuState, since?: number): void;
  /** Stop as a crash would: no last flush; the database stays open for the next run. */
  crash(): void;
  close(): void;
}

export function world(options: { file?: string; db?: Database; now: number; inventory?: Inventory; history?: HistoryOptions; withMcu?: boolean; store?: (db: Database) => HistoryStore }): World {
  const db = options.db ?? openDatabase(options.file ?? ':memory:');
  const inventory = options.inventory ?? testInventory();
  let clock = options.now;
  const status = new StatusTable(3_600_000, () => new Date(clock));
  status.setEndpoints(inventory.sites.flatMap((s) => s.endpoints.map((e) => ({ endpointId: e.id, siteId: s.id }))));
  status.flush();
  const maintenance: Maintenance[] = [];
  const listeners = new Set<() => void>();
  let mcuStatus: McuStatus = { state: 'connecting', message: 'connecting', since: new Date(clock).toISOString() };
  const mcuListeners = new Set<() => void>();
  const history = new HistoryService(
    options.store?.(db) ?? new HistoryStore(db),
    {
      inventory: () => inventory,
      statuses: () => status.snapshot().statuses,
      status: (id) => status.get(id),
      onDelta: (l) => status.onDelta(l),
      maintenance: () => maintenance,
      onMaintenanceChange: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      mcu: options.withMcu
        ? {
            status: () => mcuStatus,
            onChange: (l) => {
              mcuListeners.add(l);
              return () => mcuListeners.delete(l);
            },
          }
        : undefined,
    },
    { now: () => clock, flushEveryMs: 0, ...options.history },
  );
  const iso = (t: number) => new Date(t).toISOString();
  return {
    db,
    status,
    history,
    maintenance,
    at: (t) => {
      clock = t;
    },
    verdicts: (t, changes) => {
      clock = t;
      for (const [id, reachability] of Object.entries(changes)) status.update(id, { reachability, measuredAt: { reachability: iso(t) } });
      status.flush();
    },
    readings: (t, values, stale = false) => {
      clock = t;
      for (const [id, v] of Object.entries(values)) {
        const measuredAt = Object.fromEntries(Object.keys(v).map((k) => [k, iso(t)]));
        status.update(id, { ...v, stale, measuredAt });
      }
      status.flush();
    },
    maintenanceChanged: () => listeners.forEach((l) => l()),
    mcu: (t, state, since) => {
      clock = t;
      const moved = (state === 'ok') !== (mcuStatus.state === 'ok');
      mcuStatus = { state, message: state, since: since !== undefined ? iso(since) : moved ? iso(t) : mcuStatus.since };
      mcuListeners.forEach((l) => l());
    },
    crash: () => status.close(),
    close: () => {
      history.close();
      status.close();
    },
  };
}
