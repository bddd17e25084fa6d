import { ApiError, ApiErrorSchema } from '../../shared/api/errors.js';
import type { ConsoleTransport, RpcReply } from '../../shared/api/transport.js';

/**
 * Requests over the HTTP RPC of `bridgepoint serve` (`POST /api/v1/rpc/<method>`), for the calls
 * a browser makes before its WebSocket is up: the login itself (no token), changing a one-time
 * password, asking whether a kept token still holds. Streams need the WebSocket.
 */
export interface HttpTransportOptions {
  /** The page's origin, e.g. `http://127.0.0.1:8740`. */
  readonly base: string;
  readonly token?: string | null;
  readonly fetch?: typeof fetch;
}

export function createHttpTransport(options: HttpTransportOptions): ConsoleTransport {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  return {
    async request(method, input): Promise<RpcReply> {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.token) headers['authorization'] = `Bearer ${options.token}`;
      let res: Response;
      try {
        res = await doFetch(new URL(`/api/v1/rpc/${encodeURIComponent(method)}`, options.base), {
          method: 'POST',
          headers,
          body: JSON.stringify(input ?? {}),
          credentials: 'omit',
          cache: 'no-store',
        });
      } catch (e) {
        return { ok: false, error: new ApiError('unavailable', `${method}: the engine does not answer (${String(e)})`).toData() };
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        return { ok: false, error: new ApiError(res.ok ? 'internal' : 'unavailable', `${method}: HTTP ${res.status} without a JSON body`).toData() };
      }
      if (res.ok) return { ok: true, result: body };
      const error = ApiErrorSchema.safeParse((body as { error?: unknown } | null)?.error);
      return { ok: false, error: error.success ? error.data : new ApiError('internal', `${method}: HTTP ${res.status} with an unreadable error`).toData() };
    },
    subscribe() {
      throw new ApiError('bad_request', 'streams need the WebSocket');
    },
  };
}
