/**
 * What bench/poll.mjs needs from the engine and the simulator, as one Node bundle
 * (out/bench-poll/entry.js, built by bench/poll.vite.config.mjs). Dependencies (net-snmp, ws, zod) stay
 * external and load from node_modules, exactly as the built CLI loads them.
 */
export { startEngine } from '../electron/engine/engine.js';
export { loadInventory } from '../electron/engine/inventory/load-inventory.js';
export { loadProfiles } from '../electron/engine/snmp/profiles.js';
export { createSnmpPoller } from '../electron/engine/snmp/poller.js';
export { planPoll } from '../electron/engine/snmp/poll-endpoint.js';
export { v3User } from '../electron/engine/snmp/endpoint-session.js';
export { serve } from '../electron/server/serve.js';
export { limitHeapGrowth } from '../electron/engine/heap-growth.js';
export { startSimulator } from '../electron/simulator/simulator.js';
export { createReachabilityTracker } from '../shared/reachability-tracker.js';
export { deriveNetworkReachability } from '../shared/status-derivation.js';
