import type { RemoteInfo, Socket } from 'node:dgram';

/**
 * Our boundary around net-snmp: its socket 'message' handlers parse and answer datagrams, and a
 * throw there is an uncaught exception that ends the engine. The patch in patches/ fixes the
 * known cases at the root; this catches whatever else the library throws, for one datagram.
 *
 * Every 'message' listener on `socket`, present and future, is wrapped: what it throws goes to
 * `onThrow` with the datagram's sender, and the socket keeps receiving. A datagram `admit`
 * refuses reaches no listener (the trap receiver's budget for senders of bad datagrams).
 */
export function containMessageHandlers(socket: Socket, onThrow: (error: unknown, rinfo: RemoteInfo) => void, admit: (rinfo: RemoteInfo) => boolean = () => true): void {
  type Listener = (msg: Buffer, rinfo: RemoteInfo) => void;
  const wrap =
    (fn: Listener): Listener =>
    (msg, rinfo) => {
      if (!admit(rinfo)) return;
      try {
        fn.call(socket, msg, rinfo);
      } catch (e) {
        onThrow(e, rinfo);
      }
    };
  const existing = socket.listeners('message') as Listener[];
  socket.removeAllListeners('message');
  for (const fn of existing) socket.on('message', wrap(fn));

  const target = socket as unknown as Record<'on' | 'addListener' | 'prependListener', (event: string, fn: Listener) => Socket>;
  for (const method of ['on', 'addListener', 'prependListener'] as const) {
    const original = target[method].bind(socket);
    target[method] = (event, fn) => original(event, event === 'message' ? wrap(fn) : fn);
  }
}
