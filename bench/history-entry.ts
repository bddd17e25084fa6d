/**
 * What bench/history.mjs needs from the engine, as one Node bundle (out/bench-history/entry.js,
 * built by bench/history.vite.config.mjs); zod stays external.
 */
export { openDatabase } from '../electron/engine/db/database.js';
export { HistoryService } from '../electron/engine/history/history-service.js';
export { HistoryStore } from '../electron/engine/history/history-store.js';
export { StatusTable } from '../electron/engine/status/status-table.js';
export { validateInventory } from '../shared/inventory.js';
export { estimateStorage, ROLLUP_LEVELS } from '../shared/history/rollup.js';
export { startEngine } from '../electron/engine/engine.js';
export { addSample, emptyHistogram } from '../shared/history/histogram.js';
export { parseRetention } from '../shared/history/retention.js';
