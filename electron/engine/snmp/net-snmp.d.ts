// Types for the parts of net-snmp 3.x the engine uses (the package ships none). Shapes follow
// node_modules/net-snmp/README.md and index.js; only what we call is declared.
declare module 'net-snmp' {
  import type { EventEmitter } from 'node:events';
  import type { Socket, RemoteInfo } from 'node:dgram';

  namespace snmp {
    interface Varbind {
      oid: string;
      type: number;
      value: unknown;
    }

    interface User {
      name: string;
      level: number;
      authProtocol?: number;
      authKey?: string;
      privProtocol?: number;
      privKey?: string;
    }

    interface SessionOptions {
      port?: number;
      retries?: number;
      timeout?: number;
      backoff?: number;
      transport?: 'udp4' | 'udp6';
      trapPort?: number;
      version?: number;
      backwardsGetNexts?: boolean;
      reportOidMismatchErrors?: boolean;
      idBitsSize?: 16 | 32;
      context?: string;
      engineID?: string;
      /** Makes the session's socket (a sweep shares one socket among many sessions). */
      dgramModule?: { createSocket(type: 'udp4' | 'udp6'): Socket };
    }

    type ResponseCallback = (error: Error | null, varbinds?: Varbind[]) => void;

    interface Session extends EventEmitter {
      /** The session's UDP socket (not documented, but stable since 1.x). */
      readonly dgram: Socket;
      get(oids: string[], cb: ResponseCallback): Session;
      getNext(oids: string[], cb: ResponseCallback): Session;
      close(): Session;
    }

    interface Authorizer {
      addCommunity(community: string): void;
      getCommunities(): string[];
      deleteCommunity(community: string): void;
      addUser(user: User): void;
      getUsers(): User[];
      deleteUser(name: string): void;
    }

    interface Notification {
      pdu: {
        type: number;
        id: number;
        varbinds: Varbind[];
        community?: string;
        user?: string;
        /** v1 Trap-PDU fields */
        enterprise?: string;
        agentAddr?: string;
        generic?: number;
        specific?: number;
        upTime?: number;
      };
      rinfo: RemoteInfo;
    }

    interface ReceiverOptions {
      port?: number;
      address?: string | null;
      transport?: 'udp4' | 'udp6';
      disableAuthorization?: boolean;
      includeAuthentication?: boolean;
      engineID?: string;
      dgramModule?: { createSocket(type: 'udp4' | 'udp6'): Socket };
    }

    interface Receiver {
      getAuthorizer(): Authorizer;
      close(callback?: (socket: { address: string; family: string; port: number }) => void): void;
    }

    type SnmpError = Error & { code?: number | string; rinfo?: RemoteInfo; status?: number; error?: unknown };

    class RequestTimedOutError extends Error {
      name: 'RequestTimedOutError';
    }
    class RequestFailedError extends Error {
      name: 'RequestFailedError';
      status?: number;
    }
    class ResponseInvalidError extends Error {
      name: 'ResponseInvalidError';
      code: number;
      info?: unknown;
    }
    class RequestInvalidError extends Error {
      name: 'RequestInvalidError';
    }

    function createSession(target: string, community: string, options?: SessionOptions): Session;
    function createV3Session(target: string, user: User, options?: SessionOptions): Session;
    function createReceiver(
      options: ReceiverOptions,
      callback: (error: SnmpError | null, notification: Notification | null) => void,
    ): Receiver;
    function isVarbindError(varbind: Varbind): boolean;
    function varbindError(varbind: Varbind): string;
    const Version1: 0;
    const Version2c: 1;
    const Version3: 3;
    const ObjectType: Record<string, number> & Record<number, string>;
    const PduType: Record<string, number> & Record<number, string>;
    const TrapType: Record<string, number> & Record<number, string>;
    const ErrorStatus: Record<string, number> & Record<number, string>;
    const SecurityLevel: { noAuthNoPriv: 1; authNoPriv: 2; authPriv: 3 };
    const AuthProtocols: { none: 1; md5: 2; sha: 3; sha224: 4; sha256: 5; sha384: 6; sha512: 7 };
    const PrivProtocols: { none: 1; des: 2; aes: 4; aes256b: 6; aes256r: 8 };
    const ResponseInvalidCode: Record<string, number>;
  }

  export = snmp;
}
