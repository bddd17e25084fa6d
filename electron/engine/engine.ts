import { ANONYMOUS_REQUESTS, requests } from '../../shared/api/contract.js';
import { ApiError, describeZodError } from '../../shared/api/errors.js';
import type { RpcReply, Unsubscribe } from '../../shared/api/transport.js';
import type { DeviceProfile } from '../../shared/device-profile.js';
import { toNetworkView, type Inventory, type NetworkView } from '../../shared/inventory.js';
import { isScoped, type Identity } from '../../shared/roles.js';
import type { SchedulePolicy } from '../../shared/schedule/index.js';
import type { CallOrigin, EngineApi } from './engine-api.js';
import { Accounts } from './accounts/accounts-service.js';
import { inventoryAdmin, inventoryVersion } from './inventory/inventory-admin.js';
import { inventoryReorg } from './inventory/inventory-reorg.js';
import { inventoryEditor } from './inventory/inventory-editor.js';
import { InventoryCommitter } from './inventory/inventory-commit.js';
import { alarmHandlers } from './alarms/alarm-handlers.js';
import { AlarmService, type AlarmOptions } from './alarms/alarm-service.js';
import { AlarmStore } from './alarms/alarm-store.js';
import type { CreatedAccount } from './accounts/first-run.js';
import { auditGate, type TargetNamer } from './audit/audit-gate.js';
import { headFileSink, syslogSink, type HeadSink, type SyslogTarget } from './audit/audit-heads.js';
import { AuditLog } from './audit/audit-log.js';
import { ConferenceService } from './conference/conference-service.js';
import { openDatabase } from './db/database.js';
import { EventLog } from './events/event-log.js';
import { historyHandlers } from './history/history-handlers.js';
import { reportHandlers } from './reports/report-handlers.js';
import { HistoryService, type HistoryOptions } from './history/history-service.js';
import { HistoryStore } from './history/history-store.js';
import { levelsOrThrow, type RollupRetention } from '../../shared/history/retention.js';
import { createCmsDriver } from './mcu/cms/cms-driver.js';
import type { McuConfig, McuDriver } from './mcu/mcu-driver.js';
import { InventoryError, loadInventory } from './inventory/load-inventory.js';
import type { SecretKeySource } from './secrets/key-source.js';
import { startMonitoring, type Monitoring } from './monitoring/monitoring.js';
import { DEFAULT_DEMO, DEMO_INVENTORIES, VERSION, type DemoName } from './paths.js';
import { checkStream, dispatch, type Handlers } from './rpc/dispatch.js';
import { Schedule } from './schedule/schedule.js';
import { createScopeGate } from './scope/scope-gate.js';
import { ConnectionTester } from './snmp/connection-test.js';
import { DiscoveryService } from './discovery/discovery-service.js';
import { loadProfiles } from './snmp/profiles.js';
import { StatusTable } from './status/status-table.js';

/** Demo and training: breaks simulated codecs on request (the simulator's applyFault). */
export type FaultInjector = (fault: unknown) => { ok: true } | { ok: false; error: string };

export interface EngineOptions {
  /** The inventory file; null for an embedded demo (its changes stay in memory). */
  readonly inventoryPath: string | null;
  /** Which embedded demo, when inventoryPath is null (default the Bắc Kạn one). */
  readonly demoName?: DemoName;
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
  /** Send each new audit chain head to this syslog collector (RFC 5424). */
  readonly auditSyslog?: SyslogTarget;
  /** Append each new audit chain head (`id hash`) to this file. */
  readonly auditHeadFile?: string;
  /** The key for the inventory's `enc:v1:` secrets (a key file, or safeStorage in the app). */
  readonly secretKey?: SecretKeySource | null;
  /** Accounts: the first run's administrator password, the demo's accounts, session and hashing knobs. */
  readonly accounts?: AccountsConfig;
  /** Alarm rules, the longest shelf, the evaluation period and the clock (tests). */
  readonly alarms?: AlarmOptions;
  /** Link-health history: flush and purge periods, working hours, the clock (tests). */
  readonly history?: HistoryOptions;
  /** How long each rollup level is kept (shared/history/retention.ts; the issue's figures where not given). */
  readonly historyRetention?: Partial<RollupRetention>;
  /** Discovery sweeps: each address's timeout, datagrams counted (tests, the benchmark). */
  readonly discovery?: { readonly timeoutMs?: number; readonly onSend?: (address: string, port: number) => void };
}

export interface AccountsConfig {
  /** The administrator's password on first run (BRIDGEPOINT_ADMIN_PASSWORD); random one-time otherwise. */
  readonly adminPassword?: string;
  /** On first run also one account per role (the demo). */
  readonly demoAccounts?: boolean;
  /** Idle expiry of a login session in seconds (default 1800). */
  readonly idleTimeoutS?: number;
  /** log2 of scrypt's N (default 17, OWASP's); tests lower it. */
  readonly scryptCost?: number;
}

export interface Engine extends EngineApi {
  readonly inventoryPath: string;
  readonly status: StatusTable;
  readonly events: EventLog;
  readonly monitoring: Monitoring | null;
  readonly conferences: ConferenceService;
  readonly schedule: Schedule;
  readonly accounts: Accounts;
  /** Accounts made by this start (first run only), with their passwords to show once. */
  readonly createdAccounts: readonly CreatedAccount[];
  readonly audit: AuditLog;
  readonly alarms: AlarmService;
  readonly history: HistoryService;
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
  // A retention that makes no sense stops the start before anything runs (RangeError, in words).
  levelsOrThrow(options.historyRetention);
  const inventoryPath = options.inventoryPath ?? DEMO_INVENTORIES[options.demoName ?? DEFAULT_DEMO];
  const profiles = options.profiles ?? loadProfiles();
  const load = async () => checkProfiles(inventoryPath, await loadInventory(inventoryPath, { secretKey: options.secretKey }), profiles);
  let inventory = await load();
  let view = toNetworkView(inventory);
  const status = new StatusTable(options.flushMs ?? 50);
  const events = new EventLog();

  const mcuConfig = (inv: Inventory): McuConfig | null =>
    inv.mcu ? { url: inv.mcu.url, username: inv.mcu.username, password: inv.mcu.password, insecureTls: inv.mcu.insecureTls } : null;
  const db = openDatabase(options.databasePath ?? ':memory:');
  const audit = new AuditLog(db);
  const accounts = new Accounts({
    db,
    audit,
    siteIds: () => inventory.sites.map((s) => s.id),
    scryptCost: options.accounts?.scryptCost,
    idleTimeoutS: options.accounts?.idleTimeoutS,
  });
  let createdAccounts: CreatedAccount[];
  try {
    createdAccounts = await accounts.ensureFirstRun({ adminPassword: options.accounts?.adminPassword, demoAccounts: options.accounts?.demoAccounts });
  } catch (e) {
    accounts.close();
    status.close();
    db.close();
    throw e;
  }
  const heads: HeadSink[] = [
    ...(options.auditSyslog ? [syslogSink(options.auditSyslog)] : []),
    ...(options.auditHeadFile ? [headFileSink(options.auditHeadFile)] : []),
  ];
  for (const sink of heads) audit.onRecord((h) => sink.push(h));
  const makeDriver = options.mcuDriver === undefined ? () => createCmsDriver() : options.mcuDriver;
  const driver = inventory.mcu && makeDriver ? makeDriver(inventory.mcu.driver) : null;
  driver?.init(mcuConfig(inventory)!);
  const conferences = new ConferenceService(inventory, driver, status);
  const schedule = new Schedule({ db, conferences, driver, status, events, inventory: () => inventory, policy: options.schedulePolicy });
  let monitoring: Monitoring | null = null;

  const adopt = (inv: Inventory): void => {
    const mcuChanged = JSON.stringify(mcuConfig(inv)) !== JSON.stringify(mcuConfig(inventory));
    inventory = inv;
    view = toNetworkView(inv);
    status.setEndpoints(inv.sites.flatMap((s) => s.endpoints.map((e) => ({ endpointId: e.id, siteId: s.id }))));
    monitoring?.setInventory(inv);
    conferences.setInventory(inv);
    // Every console reads the network again (a rename or a move does not change the codecs).
    status.setNetwork(inventoryVersion(inv));
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
  const alarms = new AlarmService(
    new AlarmStore(db),
    {
      inventory: () => inventory,
      status: (id) => status.get(id),
      onStatusChange: (listener) => status.onDelta((d) => listener(d.updates.map((u) => u.endpointId))),
      onEvent: (listener) => events.onEvent(listener),
      mcuConnected: () => (driver ? conferences.mcuState() === 'ok' : null),
      pollerOverruns: () => monitoring?.pollerOverruns() ?? null,
    },
    options.alarms,
  );
  // Link-health history (issue 10) in the same database: outages and metric rollups from the status table.
  const history = new HistoryService(
    new HistoryStore(db, { retention: options.historyRetention }),
    {
      inventory: () => inventory,
      statuses: () => status.snapshot().statuses,
      status: (id) => status.get(id),
      onDelta: (listener) => status.onDelta(listener),
      maintenance: () => alarms.maintenance(),
      onMaintenanceChange: (listener) => alarms.onMaintenanceChange(listener),
      mcu: driver ? { status: () => conferences.current().mcu, onChange: (listener) => conferences.onChange(() => listener()) } : undefined,
    },
    options.history,
  );

  // Every inventory change (import, editor, reorganisation, discovery) goes through one committer.
  const committer = new InventoryCommitter({
    current: () => inventory,
    file: options.inventoryPath ?? null,
    secretKey: options.secretKey ?? null,
    replace: (inv) => {
      adopt(inv);
      scoped.inventoryChanged();
    },
  });

  // Technicians test an endpoint's settings before saving them (a few at once per account).
  const tester = new ConnectionTester({ profiles, onLog: (line) => console.log(`bridgepoint: ${line}`) });
  // Technicians sweep a range for codecs and add the ones that answered (one sweep at a time).
  const discovery = new DiscoveryService({ profiles, committer, ...options.discovery, onLog: (line) => console.log(`bridgepoint: ${line}`) });

  const handlers: Handlers = {
    login: () => {
      throw new ApiError('bad_request', 'already logged in: log out first, or log in without a session', undefined, { reason: 'has_session' });
    },
    ...accounts.handlers(),
    getHealth: () => ({ ok: true, version: VERSION, endpoints: status.size, mcu: conferences.mcuState() }),
    getNetwork: () => view,
    getStatusSnapshot: () => status.snapshot(),
    getMonitoring: () => monitoring?.stats() ?? null,
    getPollResults: () => monitoring?.pollResults() ?? [],
    listEvents: (input) => events.list(input),
    testEndpointConnection: (input, caller) => tester.test(caller, input),
    startDiscovery: (input, caller) => discovery.start(caller, input, inventory),
    cancelDiscovery: ({ sweepId }) => discovery.cancel(sweepId, inventory),
    getDiscovery: ({ sweepId }) => discovery.get(sweepId, inventory),
    addDiscovered: (input, caller) => discovery.add(caller, input),
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
    ...alarmHandlers(alarms),
    ...inventoryAdmin({ current: () => inventory, profiles: new Set(profiles.keys()), committer }),
    ...inventoryReorg(committer, () => accounts.users.list().filter((u) => u.scope.length > 0)),
    ...inventoryEditor({ current: () => inventory, profiles: new Set(profiles.keys()), committer }),
    ...historyHandlers(history),
    ...reportHandlers({ history, schedule: schedule.ctx, inventory: () => inventory, now: history.now }),
    ...schedule.handlers(),
    reloadInventory: async () => {
      try {
        adopt(await load());
        scoped.inventoryChanged();
      } catch (e) {
        if (e instanceof InventoryError) throw new ApiError('invalid_inventory', e.lines[0] ?? e.message, e.lines);
        throw e;
      }
      return { name: inventory.name, sites: inventory.sites.length, endpoints: status.size };
    },
  };

  // Scoped supervisors (issue #11): every answer and stream cut to their subtrees; others unchanged.
  const scoped = createScopeGate({ handlers, schedule, status, conferences, events, alarms, inventory: () => inventory });
  const names: TargetNamer = {
    meeting: (id) => schedule.ctx.store.get(id)?.title ?? null,
    conference: (id) => conferences.current().conferences.find((c) => c.id === id)?.name ?? null,
    participant: (conferenceId, id) => {
      const p = conferences.current().conferences.find((c) => c.id === conferenceId)?.participants.find((x) => x.id === id);
      if (!p) return null;
      if (p.endpointId) return { target: { kind: 'endpoint', id: p.endpointId }, label: endpointName(p.endpointId) };
      return { target: { kind: 'uri', id: p.uri }, label: p.name || p.uri };
    },
    site: (id) => inventory.sites.find((s) => s.id === id)?.name ?? null,
    endpoint: (id) => endpointName(id),
  };
  const endpointName = (id: string): string | null => inventory.sites.find((s) => s.endpoints.some((e) => e.id === id))?.name ?? null;
  // Every state-changing call is audited once, refused ones too (scoped callers' refusals included).
  const gated = auditGate((caller, method, input) => (isScoped(caller) ? scoped.call(caller, method, input) : dispatch(handlers, caller, method, input)), audit, names);

  return {
    inventoryPath,
    status,
    events,
    monitoring,
    conferences,
    schedule,
    audit,
    alarms,
    history,
    network: () => view,
    inventory: () => inventory,
    call: async (caller, method, input) => {
      const refusal = accounts.mustChangeRefusal(caller, method);
      if (refusal) return { ok: false, error: refusal.toData() };
      return gated(caller, method, input);
    },
    accounts,
    createdAccounts,
    callAnonymous: (origin, method, input) => callAnonymous(accounts, audit, origin, method, input),
    authenticate: (token, origin, meta) => accounts.authenticate(token, origin, meta),
    onSessionEnded: (listener) => accounts.onSessionEnded(listener),
    subscribe(caller: Identity, stream: string, listener: (payload: unknown) => void): Unsubscribe {
      const name = checkStream(caller, stream);
      // The caller's own session ending: every caller may hear it, scoped or with a one-time password.
      if (name === 'session') return accounts.onSessionEnded((id) => id === caller.sessionId && listener({ ended: true }));
      const refusal = accounts.mustChangeRefusal(caller, 'subscribe');
      if (refusal) throw refusal;
      if (isScoped(caller)) return scoped.subscribe(caller, stream, listener);
      if (name === 'events') return events.onEvent(listener);
      if (name === 'conferences') {
        listener(conferences.current());
        return conferences.onChange(listener);
      }
      if (name === 'schedule') return schedule.subscribe(listener);
      if (name === 'alarms') return alarms.subscribe(listener);
      listener(status.snapshot());
      return status.onDelta(listener);
    },
    async close() {
      tester.close();
      await discovery.close();
      alarms.close();
      schedule.close();
      conferences.close();
      accounts.close();
      await Promise.all([monitoring?.close(), driver?.destroy()]);
      history.close();
      status.close();
      await Promise.all(heads.map((h) => h.close()));
      db.close();
    },
  };
}

/** A call without a session: only the anonymous requests (login), their input checked by the contract. */
async function callAnonymous(accounts: Accounts, audit: AuditLog, origin: CallOrigin, method: string, input: unknown): Promise<RpcReply> {
  try {
    // login is the only anonymous request; anything else needs a session.
    if (method !== 'login' || !ANONYMOUS_REQUESTS.includes(method)) throw new ApiError('unauthenticated', `log in first to call ${method}`, undefined, { method });
    const parsed = requests.login.input.safeParse(input ?? {});
    if (!parsed.success) {
      const tried = typeof (input as { user?: unknown } | null)?.user === 'string' ? String((input as { user: string }).user).slice(0, 64) : '-';
      const caller = { user: tried, role: '-' as const, source: origin.source, client: origin.client };
      audit.record({ caller, action: 'login', target: tried, params: { source: origin.source, client: origin.client, reason: 'malformed' }, error: { code: 'bad_request' } });
      throw new ApiError('bad_request', 'invalid input for login', describeZodError(parsed.error));
    }
    return { ok: true, result: await accounts.login(parsed.data, origin) };
  } catch (e) {
    if (e instanceof ApiError) return { ok: false, error: e.toData() };
    console.error(`bridgepoint: anonymous ${method} failed:`, e);
    return { ok: false, error: { code: 'internal', message: `${method} failed: ${(e as Error).message ?? String(e)}` } };
  }
}
