import { EventEmitter } from 'node:events';

type SendCallback = (error: Error | null, bytes?: number) => void;

/**
 * What a net-snmp session takes for its socket (the `dgramModule` option) when many sessions share
 * one real socket: the poller's (poll-socket.ts) and a discovery sweep's (sweep-socket.ts). It
 * behaves as dgram's socket where net-snmp looks: `send`, 'message' and 'close' events, a second
 * close throws, bind/ref/unref do nothing. Subclasses say where a datagram goes.
 */
export abstract class SessionSocketView extends EventEmitter {
  private open = true;

  get isOpen(): boolean {
    return this.open;
  }

  send(buffer: Buffer, offset: number, length: number, port: number, address: string, callback: SendCallback): void {
    if (!this.open) {
      queueMicrotask(() => callback(new Error('socket closed')));
      return;
    }
    this.sendShared(buffer, offset, length, port, address, callback);
  }

  /** As dgram's: 'close' once, and a second close throws. */
  close(): void {
    if (!this.open) throw new Error('Not running');
    this.open = false;
    this.forget();
    process.nextTick(() => this.emit('close'));
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  bind(): this {
    return this;
  }

  /** Send through the shared socket (the view is open). */
  protected abstract sendShared(buffer: Buffer, offset: number, length: number, port: number, address: string, callback: SendCallback): void;

  /** The shared socket lets go of this view (it is closing). */
  protected abstract forget(): void;
}
