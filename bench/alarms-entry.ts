/**
 * What bench/alarms.mjs needs from the engine, as one Node bundle (out/bench-alarms/entry.js,
 * built by bench/alarms.vite.config.mjs); ws, zod and net-snmp stay external.
 */
export { startEngine } from '../electron/engine/engine.js';
export { startConsole } from '../electron/server/console-runtime.js';
export { createConsoleServer } from '../electron/server/http-server.js';
export { DEFAULT_ALARM_RULES } from '../shared/alarms/alarm-rules.js';
