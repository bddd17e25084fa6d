// The two helper processes of bench/storm.mjs (see its header), so neither disturbs the parent's
// measurements:
//
//   engine          the headless console as `bridgepoint serve --demo` runs it (the Bắc Kạn demo:
//                   121 simulated codecs, polling, the trap receiver on 16162, HTTP on a free port).
//                   Its log (stdout) goes to the parent, which counts the bytes. IPC: sends
//                   { type: 'ready', port, trapPort }, answers { type: 'stats', gc? } with its
//                   memory (after a full GC when asked: run with --expose-gc).
//   sender RATE S   the storm: RATE bad or unauthorised datagrams per second for S seconds to
//                   127.0.0.1:TRAP_PORT, in 10 ms ticks; sends { type: 'done', sent } at the end.
import { createSocket } from 'node:dgram';
import { int, message, notification, octets, serve, TAG, tlv, varbind } from '../out/bench-storm/entry.js';

const [role, ...args] = process.argv.slice(2);

if (role === 'engine') {
  // serve() logs the trap port; read it from the first line that names it.
  const log = console.log.bind(console);
  let trapPort = 0;
  console.log = (...a) => {
    const m = /trap receiver: listening on UDP [^:]+:(\d+)/.exec(String(a[0]));
    if (m) trapPort = Number(m[1]);
    log(...a);
  };
  const running = await serve({ inventoryPath: null, demo: true, host: '127.0.0.1', port: 0, adminPassword: process.env.BRIDGEPOINT_ADMIN_PASSWORD });
  const port = Number(new URL(running.url).port);
  process.on('disconnect', () => void running.close().finally(() => process.exit(0)));
  process.on('message', (m) => {
    if (m.type !== 'stats') return;
    if (m.gc) globalThis.gc?.();
    const mem = process.memoryUsage();
    process.send({ type: 'stats', rss: mem.rss, heapUsed: mem.heapUsed });
  });
  process.send({ type: 'ready', port, trapPort });
} else if (role === 'sender') {
  const [trapPort, rate, seconds] = args.map(Number);
  // What issue #14 sent: informs with the demo's community that net-snmp cannot acknowledge (a BIT
  // STRING, an INTEGER beyond 32 bits), traps with guessed communities, truncated and random bytes.
  const mix = [
    notification(TAG.InformRequest, 'public', '1.3.6.1.4.1.1.0.1', [varbind('1.3.6.1.4.1.1.2', tlv(TAG.BitString, Buffer.from([0, 0xff])))]),
    notification(TAG.InformRequest, 'public', '1.3.6.1.4.1.1.0.1', [varbind('1.3.6.1.4.1.1.3', int(2 ** 40))]),
    notification(TAG.TrapV2, 'guessed', '1.3.6.1.6.3.1.1.5.3'),
    notification(TAG.TrapV2, 'public', '1.3.6.1.6.3.1.1.5.3').subarray(0, 30),
    message(1, 'public', TAG.GetResponse, 1, [varbind('1.3.6.1.2.1.1.5.0', octets('x'))]),
    Buffer.from('GET / HTTP/1.1\r\nHost: bridgepoint\r\n\r\n'),
  ];
  const socket = createSocket('udp4');
  socket.on('error', () => {});
  const perTick = Math.max(1, Math.round(rate / 100));
  const ticks = seconds * 100;
  const started = performance.now();
  let sent = 0;
  for (let t = 0; t < ticks; t++) {
    for (let i = 0; i < perTick; i++) socket.send(mix[sent++ % mix.length], trapPort, '127.0.0.1');
    const wait = started + (t + 1) * 10 - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await new Promise((r) => setTimeout(r, 50));
  socket.close();
  process.send({ type: 'done', sent, seconds: (performance.now() - started) / 1000 });
  process.disconnect();
} else {
  console.error('usage: storm-child.mjs engine | sender TRAP_PORT RATE SECONDS');
  process.exit(2);
}
