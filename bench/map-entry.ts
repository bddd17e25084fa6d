/**
 * What bench/map.mjs's console process (bench/map-child.mjs) needs from the engine, as one Node
 * bundle (out/bench-map/entry.js, built by bench/map.vite.config.mjs — the approach of bench:poll
 * and bench:mcu, in its own output directory so the benches never empty each other's build).
 * Dependencies (ws, zod, …) stay external and load from node_modules.
 */
export { serve } from '../electron/server/serve.js';
export { loadInventory } from '../electron/engine/inventory/load-inventory.js';
