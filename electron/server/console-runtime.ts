import type { AlarmOptions } from '../engine/alarms/alarm-service.js';
import type { SyslogTarget } from '../engine/audit/audit-heads.js';
import { startEngine, type Engine } from '../engine/engine.js';
import { loadInventory } from '../engine/inventory/load-inventory.js';
import { DEFAULT_DEMO, DEMO_INVENTORIES, type DemoName } from '../engine/paths.js';
import { loadProfiles } from '../engine/snmp/profiles.js';
import { startCmsSimulator, type CmsSimulator } from '../simulator/mcu/cms-simulator.js';
import { startSimulator, type Simulator } from '../simulator/simulator.js';
import type { Inventory } from '../../shared/inventory.js';
import type { RollupRetention } from '../../shared/history/retention.js';
import type { SecretKeySource } from '../engine/secrets/key-source.js';

export interface ConsoleOptions {
  /** The inventory; null for an embedded demo. */
  readonly inventoryPath: string | null;
  /** Which embedded demo when inventoryPath is null (default the Bắc Kạn one). */
  readonly demoName?: DemoName;
  /** Run the simulated province for this inventory in the same process (demo, training). */
  readonly demo: boolean;
  readonly monitoring?: boolean;
  /** The SQLite file for the audit log and schedule; default in memory (a demo starts fresh). */
  readonly databasePath?: string;
  /** The key for the inventory's `enc:v1:` secrets. */
  readonly secretKey?: SecretKeySource | null;
  /** The administrator's password on first run (BRIDGEPOINT_ADMIN_PASSWORD); random one-time otherwise. */
  readonly adminPassword?: string;
  /** Where the audit chain head goes off the machine: a syslog collector, an append-only file. */
  readonly auditSyslog?: SyslogTarget;
  readonly auditHeadFile?: string;
  /** Minutes without input before a login session ends (default SESSION_IDLE_MINUTES.default). */
  readonly sessionIdleMinutes?: number;
  /** How long each history rollup level is kept (`--keep-1m` …; the figures where not given). */
  readonly historyRetention?: Partial<RollupRetention>;
  /** Alarm rules and timing (tests and benchmarks; the defaults otherwise). */
  readonly alarms?: AlarmOptions;
}

export interface RunningEngine extends Engine {
  readonly simulator: Simulator | null;
  readonly mcuSimulator: CmsSimulator | null;
}

/** The demo's first conference: the monthly briefing of the province with its districts. */
function demoConferences(inv: Inventory): { name: string; participants: string[] }[] {
  const tiers = inv.tiers;
  const top = inv.sites.filter((s) => s.tier === tiers[0] || s.tier === tiers[1]).flatMap((s) => s.endpoints.map((e) => e.id));
  return [{ name: 'Giao ban trực tuyến UBND tỉnh', participants: top.slice(0, 10) }];
}

/** The simulated MCU for an inventory whose `mcu` points at this machine over plain HTTP. */
async function startDemoMcu(inv: Inventory, snmp: Simulator): Promise<CmsSimulator | null> {
  if (!inv.mcu) return null;
  const url = new URL(inv.mcu.url);
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return null;
  const mcu = await startCmsSimulator({
    host: url.hostname === 'localhost' ? '127.0.0.1' : url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || 80),
    username: inv.mcu.username,
    password: inv.mcu.password,
    codecs: inv.sites.flatMap((s) => s.endpoints.flatMap((e) => (e.uri ? [{ endpointId: e.id, uri: e.uri, name: s.name }] : []))),
    onCallChange: (endpointId, call) => snmp.setCall(endpointId, call),
    initialConferences: demoConferences(inv),
  });
  // A codec that goes dark drops out of its call on the MCU (after the media timeout) and stays out.
  snmp.onCodecLost((endpointId) => void mcu.codecLost(endpointId));
  return mcu;
}

/**
 * The engine as the desktop app and `bridgepoint serve` run it; with `demo`, the simulated codecs
 * start first (so the first polls find them) and send their traps to the inventory's trap port.
 */
export async function startConsole(options: ConsoleOptions): Promise<RunningEngine> {
  const profiles = loadProfiles();
  let simulator: Simulator | null = null;
  let mcuSimulator: CmsSimulator | null = null;
  if (options.demo) {
    const inventory = await loadInventory(options.inventoryPath ?? DEMO_INVENTORIES[options.demoName ?? DEFAULT_DEMO], { secretKey: options.secretKey });
    const trapPort = inventory.traps?.port ?? 162;
    simulator = await startSimulator({ inventory, profiles, trapTarget: { host: '127.0.0.1', port: trapPort }, scenario: 'calm' });
    try {
      mcuSimulator = await startDemoMcu(inventory, simulator);
    } catch (e) {
      await simulator.close();
      throw e;
    }
  }
  try {
    const sim = simulator;
    const engine = await startEngine({
      inventoryPath: options.inventoryPath,
      demoName: options.demoName,
      profiles,
      monitoring: options.monitoring,
      databasePath: options.databasePath,
      faults: sim ? (f) => sim.applyFault(f) : undefined,
      demoSchedule: options.demo,
      secretKey: options.secretKey,
      // The demo also gets one account per role, so a newcomer can try each view.
      accounts: {
        adminPassword: options.adminPassword,
        demoAccounts: options.demo,
        ...(options.sessionIdleMinutes === undefined ? {} : { idleTimeoutS: options.sessionIdleMinutes * 60 }),
      },
      auditSyslog: options.auditSyslog,
      auditHeadFile: options.auditHeadFile,
      historyRetention: options.historyRetention,
      alarms: options.alarms,
    });
    return {
      ...engine,
      simulator,
      mcuSimulator,
      async close() {
        await engine.close();
        await Promise.all([simulator?.close(), mcuSimulator?.close()]);
      },
    };
  } catch (e) {
    await Promise.all([simulator?.close(), mcuSimulator?.close()]);
    throw e;
  }
}
