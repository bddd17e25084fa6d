/**
 * What bench/mcu.mjs needs from the engine and the simulators, as one Node bundle
 * (out/bench-mcu/entry.js, built by bench/mcu.vite.config.mjs — the same approach as bench:poll's
 * bench/entry.ts, in its own output directory so the two benches never empty each other's build).
 * Dependencies (net-snmp, ws, zod) stay external and load from node_modules.
 */
export { serve } from '../electron/server/serve.js';
export { loadInventory } from '../electron/engine/inventory/load-inventory.js';
export { startCmsSimulator } from '../electron/simulator/mcu/cms-simulator.js';
export { retryDelay, authRetryDelay, DEFAULT_BACKOFF } from '../electron/engine/mcu/cms/backoff.js';
