/**
 * What bench/discovery.mjs needs, as one Node bundle (out/bench-discovery/entry.js, built by
 * bench/discovery.vite.config.mjs); zod and net-snmp stay external.
 */
export { startEngine } from '../electron/engine/engine.js';
export { startSimulator } from '../electron/simulator/simulator.js';
export { loadProfiles } from '../electron/engine/snmp/profiles.js';
