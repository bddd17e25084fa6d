/**
 * What a transport must offer (Electron IPC via the preload, or a WebSocket). It moves untyped
 * payloads; `createConsoleApi` adds the types and validates everything it receives.
 */
export type Unsubscribe = () => void;

export type RpcReply =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly error: unknown };

export interface ConsoleTransport {
  request(method: string, input: unknown): Promise<RpcReply>;
  subscribe(stream: string, listener: (payload: unknown) => void): Unsubscribe;
}
