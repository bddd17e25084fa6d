import { ApiError } from '../../shared/api/errors.js';
import type { Unsubscribe } from '../../shared/api/transport.js';
import type { DeviceProfile } from '../../shared/device-profile.js';
import { toNetworkView, type Inventory, type NetworkView } from '../../shared/inventory.js';
import type { Identity } from '../../shared/roles.js';
import type { SchedulePolicy } from '../../shared/schedule/index.js';
import type { EngineApi } from './engine-api.js';
import { AuditLog } from './audit/audit-log.js';
import { ConferenceService } from './conference/conference-service.js';
import { openDatabase } from './db/database.js';
import { EventLog } from './events/event-log.js';
import { createCmsDriver } from './mcu/cms/cms-driver.js';
import type { McuConfig, McuDriver } from './mcu/mcu-driver.js';
import { InventoryError, loadInventory } from './inventory/load-inventory.js';
import { startMonitoring, type Monitoring } from './monitoring/monitoring.js';
import { DEMO_INVENTORY_PATH, VERSION } from './paths.js';
import { checkStream, dispatch, type Handlers } from './rpc/dispatch.js';
import { Schedule } from './schedule/schedule.js';
import { loadProfiles } from './snmp/profiles.js';
import { StatusTable } from './status/status-table.js';

/** Demo and training: breaks simulated codecs on request (the simulator's applyFault). */
export type FaultInjector = (fault: unknown) => { ok: true } | { ok: false; error: string };

export interface EngineOptions {
  /** The inventory file; null for the embedded Bắc Kạn demo. */
  readonly inventoryPath: string | null;
  readonly flushMs?: number;
  /** Poll codecs over SNMP and listen for traps (default true). */
  readonly monitoring?: boolean;
  readonly maxInFlight?: number;
  readonly profiles?: ReadonlyMap<string, DeviceProfile>;
  readonly faults?: FaultInjector;
  /** The SQLite file (audit log, schedule); default in memory. */
  readonly databasePath?: string;
  /** Make the MCU driver for the inventory's `mcu` (default: Cisco Meeting Server); null for none. */
  readonly mcuDriver?: ((kind: 'cms') => McuDriver) | null;
  /** Seed the demo schedule (today and the coming week) into an empty database. */
  readonly demoSchedule?: boolean;
  /** The booking rules' knobs: notice days, the MCU's port capacity … (DEFAULT_SCHEDULE_POLICY otherwise). */
  readonly schedulePolicy?: Partial<SchedulePolicy>;
}

export interface Engine extends EngineApi {
  readonly inventoryPath: string;
  readonly status: StatusTable;
  readonly events: EventLog;
  readonly monitoring: Monitoring | null;
  readonly conferences: ConferenceService;
  readonly schedule: Schedule;
  network(): NetworkView;
  inventory(): Inventory;
  close(): Promise<void>;
}

/** An inventory whose endpoints name profiles we do not have is as unusable as a broken file. */
function checkProfiles(file: string, inv: Inventory, profiles: ReadonlyMap<string, DeviceProfile>): Inventory {
  const issues = inv.sites.flatMap((s, i) =>
    s.endpoints.flatMap((e, j) =>
      profiles.has(e.profile) ? [] : [{ path: `$.sites[${i}].endpoints[${j}].profile`, message: `unknown profile "${e.profile}" (profiles: ${[...profiles.keys()].join(', ')})` }],
    ),
  );
  if (issues.length) throw new InventoryError(file, issues);
  return inv;
}

/** Load the inventory and start the engine. Rejects with InventoryError when the file is unusable. */
export async function startEngine(options: EngineOptions): Promise<Engine> {
  const inventoryPath = options.inventoryPath ?? DEMO_INVENTORY_PATH;
  const profiles = options.profiles ?? loadProfiles();
  const load = async () => checkProfiles(inventoryPath, await loadInventory(inventoryPath), profiles);
  let inventory = await load();
  let view = toNetworkView(inventory);
  const status = new StatusTable(options.flushMs ?? 50);
  const events = new EventLog();

  const mcuConfig = (inv: Inventory): McuConfig | null =>
    inv.mcu ? { url: inv.mcu.url, username: inv.mcu.username, password: inv.mcu.password, insecureTls: inv.mcu.insecureTls } : null;
  const db = openDatabase(options.databasePath ?? ':memory:');
  const audit = new AuditLog(db);
  const makeDriver = options.mcuDriver === undefined ? () => createCmsDriver() : options.mcuDriver;
  const driver = inventory.mcu && makeDriver ? makeDriver(inventory.mcu.driver) : null;
  driver?.init(mcuConfig(inventory)!);
  const conferences = new ConferenceService(inventory, driver, status, audit);
  const schedule = new Schedule({ db, audit, conferences, driver, status, events, inventory: () => inventory, policy: options.schedulePolicy });
  let monitoring: Monitoring | null = null;

  const adopt = (inv: Inventory): void => {
    const mcuChanged = JSON.stringify(mcuConfig(inv)) !== JSON.stringify(mcuConfig(inventory));
    inventory = inv;
    view = toNetworkView(inv);
    status.setEndpoints(inv.sites.flatMap((s) => s.endpoints.map((e) => ({ endpointId: e.id, siteId: s.id }))));
    monitoring?.setInventory(inv);
    conferences.setInventory(inv);
    // A changed MCU address or account reconnects; adding an MCU where there was none needs a restart.
    const cfg = mcuConfig(inv);
    if (driver && cfg && mcuChanged) driver.configUpdated(cfg);
  };
  adopt(inventory);
  status.flush(); // the first snapshot starts at seq 1 with every endpoint in it
  if (options.monitoring !== false) {
    monitoring = await startMonitoring(inventory, { status, events, profiles, maxInFlight: options.maxInFlight });
  }
  if (options.demoSchedule) schedule.seedDemo();
  schedule.start();

  const handlers: Handlers = {
    whoami: (_input, caller) => ({ user: caller.user, role: caller.role }),
    getHealth: () => ({ ok: true, version: VERSION, endpoints: status.size, mcu: conferences.mcuState() }),
    getNetwork: () => view,
    getStatusSnapshot: () => status.snapshot(),
    getMonitoring: () => monitoring?.stats() ?? null,
    listEvents: (input) => events.list(input),
    injectFault: (input) => {
      if (!options.faults) throw new ApiError('unavailable', 'faults can only be injected into the simulated province (--demo)');
      const result = options.faults(input);
      if (!result.ok) throw new ApiError('bad_request', result.error);
      return { ok: true as const };
    },
    getConferences: () => conferences.current(),
    muteParticipant: (input, caller) => conferences.muteParticipant(caller, input),
    muteAllExceptChair: (input, caller) => conferences.muteAllExceptChair(caller, input),
    setLayout: (input, caller) => conferences.setLayout(caller, input),
    dialOut: (input, caller) => conferences.dialOut(caller, input),
    connectSites: (input, caller) => conferences.connectSites(caller, input),
    disconnectParticipant: (input, caller) => conferences.disconnectParticipant(caller, input),
    endConference: (input, caller) => conferences.endConference(caller, input),
    listAudit: (input) => audit.list(input),
    ...schedule.handlers(),
    reloadInventory: async () => {
      try {
        adopt(await load());
      } catch (e) {
        if (e instanceof InventoryError) throw new ApiError('invalid_inventory', e.lines[0] ?? e.message, e.lines);
        throw e;
      }
      return { name: inventory.name, sites: inventory.sites.length, endpoints: status.size };
    },
  };

  return {
    inventoryPath,
    status,
    events,
    monitoring,
    conferences,
    schedule,
    network: () => view,
    inventory: () => inventory,
    call: (caller, method, input) => dispatch(handlers, caller, method, input),
    subscribe(caller: Identity, stream: string, listener: (payload: unknown) => void): Unsubscribe {
      const name = checkStream(caller, stream);
      if (name === 'events') return events.onEvent(listener);
      if (name === 'conferences') {
        listener(conferences.current());
        return conferences.onChange(listener);
      }
      if (name === 'schedule') return schedule.subscribe(listener);
      listener(status.snapshot());
      return status.onDelta(listener);
    },
    async close() {
      schedule.close();
      conferences.close();
      await Promise.all([monitoring?.close(), driver?.destroy()]);
      status.close();
      db.close();
    },
  };
}
