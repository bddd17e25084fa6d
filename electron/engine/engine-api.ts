import type { Identity } from '../../shared/roles.js';
import type { RpcReply, Unsubscribe } from '../../shared/api/transport.js';

/**
 * What the transports (Electron IPC in electron/main, WebSocket/HTTP in electron/server) see of the
 * engine. Every call names its caller; the engine checks the role and validates the input in one
 * place (rpc-dispatch.ts), so a transport only resolves *who* is calling.
 */
export interface EngineApi {
  /** Never throws: errors come back as `{ ok: false, error: { code, message } }`. */
  call(caller: Identity, method: string, input: unknown): Promise<RpcReply>;
  /**
   * Subscribe to an event stream. For `status` the listener gets a snapshot at once, then deltas.
   * Throws ApiError('unknown_method' | 'forbidden') when the stream does not exist or is not allowed.
   */
  subscribe(caller: Identity, stream: string, listener: (payload: unknown) => void): Unsubscribe;
}
