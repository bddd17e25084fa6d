import { ApiError } from '../../shared/api/errors.js';
import type { Unsubscribe } from '../../shared/api/transport.js';
import { toNetworkView, type Inventory, type NetworkView } from '../../shared/inventory.js';
import type { Identity } from '../../shared/roles.js';
import type { EngineApi } from './engine-api.js';
import { InventoryError, loadInventory } from './inventory/load-inventory.js';
import { DEMO_INVENTORY_PATH, VERSION } from './paths.js';
import { checkStream, dispatch, type Handlers } from './rpc/dispatch.js';
import { StatusTable } from './status/status-table.js';

export interface EngineOptions {
  /** The inventory file; null for the embedded Bắc Kạn demo. */
  readonly inventoryPath: string | null;
  readonly flushMs?: number;
}

export interface Engine extends EngineApi {
  readonly inventoryPath: string;
  readonly status: StatusTable;
  network(): NetworkView;
  inventory(): Inventory;
  close(): Promise<void>;
}

/** Load the inventory and start the engine. Rejects with InventoryError when the file is unusable. */
export async function startEngine(options: EngineOptions): Promise<Engine> {
  const inventoryPath = options.inventoryPath ?? DEMO_INVENTORY_PATH;
  let inventory = await loadInventory(inventoryPath);
  let view = toNetworkView(inventory);
  const status = new StatusTable(options.flushMs ?? 50);

  const adopt = (inv: Inventory): void => {
    inventory = inv;
    view = toNetworkView(inv);
    status.setEndpoints(inv.sites.flatMap((s) => s.endpoints.map((e) => ({ endpointId: e.id, siteId: s.id }))));
  };
  adopt(inventory);
  status.flush(); // the first snapshot starts at seq 1 with every endpoint in it

  const handlers: Handlers = {
    whoami: (_input, caller) => ({ user: caller.user, role: caller.role }),
    getHealth: () => ({ ok: true, version: VERSION, endpoints: status.size, mcu: inventory.mcu ? 'disconnected' : 'none' }),
    getNetwork: () => view,
    getStatusSnapshot: () => status.snapshot(),
    reloadInventory: async () => {
      try {
        adopt(await loadInventory(inventoryPath));
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
    network: () => view,
    inventory: () => inventory,
    call: (caller, method, input) => dispatch(handlers, caller, method, input),
    subscribe(caller: Identity, stream: string, listener: (payload: unknown) => void): Unsubscribe {
      checkStream(caller, stream);
      listener(status.snapshot());
      return status.onDelta(listener);
    },
    async close() {
      status.close();
    },
  };
}
