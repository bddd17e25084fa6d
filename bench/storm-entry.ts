/**
 * What bench/storm.mjs needs, as one Node bundle (out/bench-storm/entry.js, built by
 * bench/storm.vite.config.mjs): the headless console as `bridgepoint serve --demo` runs it, and
 * the BER builders of the SNMP tests for the storm's datagrams. Dependencies stay external.
 */
export { serve } from '../electron/server/serve.js';
export { int, message, notification, octets, TAG, tlv, varbind } from '../test/engine/snmp/ber.js';
