/**
 * What bench/inventory.mjs needs, as one Node bundle (out/bench-inventory/entry.js, built by
 * bench/inventory.vite.config.mjs); csv-parse, csv-stringify, zod and net-snmp stay external.
 */
export { startEngine } from '../electron/engine/engine.js';
export { inventoryToCsv } from '../electron/engine/inventory/import/csv-inventory.js';
