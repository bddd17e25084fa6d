import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { parseRequest, type Request } from './ber.js';

/**
 * A raw UDP "agent" whose answers the test writes byte by byte. The behaviour is chosen per
 * community string, so one agent serves a healthy endpoint and a misbehaving one side by side.
 * An answer can be sent from the agent's second socket (another port than the one asked).
 */
export type Reply = Buffer | { readonly from: 'other-port'; readonly packet: Buffer } | null;

export class FakeAgent {
  /** Every request read, with the port it came from. */
  readonly requests: (Request & { readonly fromPort: number })[] = [];

  private constructor(
    private readonly main: Socket,
    private readonly other: Socket,
    private readonly handler: (req: Request, rinfo: RemoteInfo) => Reply,
  ) {
    main.on('message', (buf, rinfo) => {
      let req: Request;
      try {
        req = parseRequest(buf);
      } catch {
        return; // v3 or garbage: a fake agent need not understand everything
      }
      this.requests.push({ ...req, fromPort: rinfo.port });
      const reply = this.handler(req, rinfo);
      if (!reply) return;
      if (Buffer.isBuffer(reply)) main.send(reply, rinfo.port, rinfo.address);
      else other.send(reply.packet, rinfo.port, rinfo.address);
    });
  }

  static async start(handler: (req: Request, rinfo: RemoteInfo) => Reply): Promise<FakeAgent> {
    const bind = async () => {
      const s = createSocket('udp4');
      await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
      return s;
    };
    return new FakeAgent(await bind(), await bind(), handler);
  }

  get port(): number {
    return this.main.address().port;
  }

  get otherPort(): number {
    return this.other.address().port;
  }

  async close(): Promise<void> {
    await Promise.all([this.main, this.other].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}
