/**
 * What bench/ws-slow-clients.mjs needs from the server, as one Node bundle
 * (out/bench-ws-slow/entry.js, built by bench/ws-slow.vite.config.mjs); ws and zod stay external.
 */
export { createConsoleServer } from '../electron/server/http-server.js';
export { DEFAULT_LIMITS } from '../electron/server/http-limits.js';
