import { parseArgs } from 'node:util';
import { loadInventory } from '../engine/inventory/load-inventory.js';
import { DEFAULT_DEMO, DEMO_INVENTORIES, DEMO_NAMES, isDemoName, type DemoName } from '../engine/paths.js';
import { loadProfiles } from '../engine/snmp/profiles.js';
import { startSimulator } from '../simulator/simulator.js';
import { UsageError } from './usage-error.js';

export interface SimulateArgs {
  readonly inventoryPath: string | null;
  /** The embedded demo to simulate when no inventory is given (default bac-kan). */
  readonly demoName: DemoName;
  readonly scenario: 'calm' | 'lively' | 'static';
  readonly trapPort: number | null;
}

export function parseSimulateArgs(args: readonly string[]): SimulateArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { inventory: { type: 'string' }, demo: { type: 'string' }, scenario: { type: 'string', default: 'calm' }, 'trap-port': { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]!.replace(/\. To specify.*$/, ''));
  }
  const demo = values.demo ?? DEFAULT_DEMO;
  if (!isDemoName(demo)) throw new UsageError(`--demo must name an embedded demo (${DEMO_NAMES.join(', ')}), not "${demo}"`);
  if (values.inventory !== undefined && values.demo !== undefined) throw new UsageError('give --inventory FILE or --demo NAME, not both');
  const scenario = values.scenario;
  if (scenario !== 'calm' && scenario !== 'lively' && scenario !== 'static') {
    throw new UsageError(`--scenario must be calm, lively or static, not "${scenario}"`);
  }
  const trap = values['trap-port'];
  if (trap !== undefined && (!/^\d+$/.test(trap) || Number(trap) < 1 || Number(trap) > 65535)) {
    throw new UsageError(`--trap-port must be a number from 1 to 65535, not "${trap}"`);
  }
  return { inventoryPath: values.inventory ?? null, demoName: demo, scenario, trapPort: trap === undefined ? null : Number(trap) };
}

/** `bridgepoint simulate`: only the simulated codecs, for an engine running elsewhere (or a benchmark). */
export async function simulate(args: SimulateArgs): Promise<{ name: string; endpoints: number; trapPort: number; close: () => Promise<void> }> {
  const inventory = await loadInventory(args.inventoryPath ?? DEMO_INVENTORIES[args.demoName]);
  const trapPort = args.trapPort ?? inventory.traps?.port ?? 162;
  const sim = await startSimulator({ inventory, profiles: loadProfiles(), trapTarget: { host: '127.0.0.1', port: trapPort }, scenario: args.scenario });
  return { name: inventory.name, endpoints: sim.endpoints(), trapPort, close: () => sim.close() };
}
