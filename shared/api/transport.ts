/**
 * What a transport must offer (Electron IPC via the preload, or a WebSocket). It moves untyped
 * payloads; `createConsoleApi` adds the types and validates everything it receives.
 */
export type Unsubscribe = () => void;

export type RpcReply =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly error: unknown };

/**
 * What a request says about the person behind it. `userIdleMs`: how long ago the user last touched
 * the console (key, pointer, wheel) when the request left; the engine's idle expiry counts from
 * then, so a console that only polls by itself does expire. Left out, the request itself is the
 * activity (an operator's script, a login).
 */
export interface RequestMeta {
  readonly userIdleMs?: number;
}

/** The largest idle time a request may state (a day): beyond it every session has expired anyway. */
export const MAX_USER_IDLE_MS = 24 * 3600 * 1000;

export interface ConsoleTransport {
  request(method: string, input: unknown, meta?: RequestMeta): Promise<RpcReply>;
  subscribe(stream: string, listener: (payload: unknown) => void): Unsubscribe;
}

/** RequestMeta.userIdleMs as it travels: whole milliseconds within 0…MAX_USER_IDLE_MS, or left out. */
export function wireIdleMs(userIdleMs: number | undefined): number | undefined {
  if (userIdleMs === undefined || Number.isNaN(userIdleMs)) return undefined;
  return Math.min(MAX_USER_IDLE_MS, Math.max(0, Math.round(userIdleMs)));
}

/** For a session check no person asked for (a subscription, a re-check): it does not count as activity. */
export const NOT_USER_ACTIVITY: RequestMeta = { userIdleMs: MAX_USER_IDLE_MS };
