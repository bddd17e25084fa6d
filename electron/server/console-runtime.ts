import { startEngine, type Engine } from '../engine/engine.js';
import { loadInventory } from '../engine/inventory/load-inventory.js';
import { DEMO_INVENTORY_PATH } from '../engine/paths.js';
import { loadProfiles } from '../engine/snmp/profiles.js';
import { startCmsSimulator, type CmsSimulator } from '../simulator/mcu/cms-simulator.js';
import { startSimulator, type Simulator } from '../simulator/simulator.js';
import type { Inventory } from '../../shared/inventory.js';

export interface ConsoleOptions {
  /** The inventory; null for the embedded Bắc Kạn demo. */
  readonly inventoryPath: string | null;
  /** Run the simulated province for this inventory in the same process (demo, training). */
  readonly demo: boolean;
  readonly monitoring?: boolean;
  /** The SQLite file for the audit log and schedule; default in memory (a demo starts fresh). */
  readonly databasePath?: string;
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
  return startCmsSimulator({
    host: url.hostname === 'localhost' ? '127.0.0.1' : url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || 80),
    username: inv.mcu.username,
    password: inv.mcu.password,
    codecs: inv.sites.flatMap((s) => s.endpoints.flatMap((e) => (e.uri ? [{ endpointId: e.id, uri: e.uri, name: s.name }] : []))),
    onCallChange: (endpointId, call) => snmp.setCall(endpointId, call),
    initialConferences: demoConferences(inv),
  });
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
    const inventory = await loadInventory(options.inventoryPath ?? DEMO_INVENTORY_PATH);
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
      profiles,
      monitoring: options.monitoring,
      databasePath: options.databasePath,
      faults: sim ? (f) => sim.applyFault(f) : undefined,
      demoSchedule: options.demo,
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
