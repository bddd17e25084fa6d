import { startEngine, type Engine } from '../engine/engine.js';
import { loadInventory } from '../engine/inventory/load-inventory.js';
import { DEMO_INVENTORY_PATH } from '../engine/paths.js';
import { loadProfiles } from '../engine/snmp/profiles.js';
import { startSimulator, type Simulator } from '../simulator/simulator.js';

export interface ConsoleOptions {
  /** The inventory; null for the embedded Bắc Kạn demo. */
  readonly inventoryPath: string | null;
  /** Run the simulated province for this inventory in the same process (demo, training). */
  readonly demo: boolean;
  readonly monitoring?: boolean;
}

export interface RunningEngine extends Engine {
  readonly simulator: Simulator | null;
}

/**
 * The engine as the desktop app and `bridgepoint serve` run it; with `demo`, the simulated codecs
 * start first (so the first polls find them) and send their traps to the inventory's trap port.
 */
export async function startConsole(options: ConsoleOptions): Promise<RunningEngine> {
  const profiles = loadProfiles();
  let simulator: Simulator | null = null;
  if (options.demo) {
    const inventory = await loadInventory(options.inventoryPath ?? DEMO_INVENTORY_PATH);
    const trapPort = inventory.traps?.port ?? 162;
    simulator = await startSimulator({ inventory, profiles, trapTarget: { host: '127.0.0.1', port: trapPort }, scenario: 'calm' });
  }
  try {
    const sim = simulator;
    const engine = await startEngine({
      inventoryPath: options.inventoryPath,
      profiles,
      monitoring: options.monitoring,
      faults: sim ? (f) => sim.applyFault(f) : undefined,
    });
    return {
      ...engine,
      simulator,
      async close() {
        await engine.close();
        await simulator?.close();
      },
    };
  } catch (e) {
    await simulator?.close();
    throw e;
  }
}
