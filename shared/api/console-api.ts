import { ApiError, ApiErrorSchema, describeZodError } from './errors.js';
import {
  requests,
  streams,
  type RequestInput,
  type RequestName,
  type RequestOutput,
  type StreamName,
  type StreamPayload,
} from './contract.js';
import type { ConsoleTransport, Unsubscribe } from './transport.js';

/** The typed API the renderer talks to; it never knows which transport is underneath. */
export interface ConsoleApi {
  call<N extends RequestName>(method: N, input: RequestInput<N>): Promise<RequestOutput<N>>;
  on<S extends StreamName>(stream: S, listener: (payload: StreamPayload<S>) => void, onInvalid?: (e: ApiError) => void): Unsubscribe;
}

export interface ConsoleApiOptions {
  /** How long ago the user last touched the console; sent with every request (RequestMeta). */
  readonly userIdleMs?: () => number;
}

export function createConsoleApi(transport: ConsoleTransport, options: ConsoleApiOptions = {}): ConsoleApi {
  return {
    async call(method, input) {
      const reply = options.userIdleMs
        ? await transport.request(method, input, { userIdleMs: options.userIdleMs() })
        : await transport.request(method, input);
      if (!reply.ok) {
        const err = ApiErrorSchema.safeParse(reply.error);
        throw err.success ? ApiError.from(err.data) : new ApiError('internal', 'malformed error reply from the engine');
      }
      const out = requests[method].output.safeParse(reply.result);
      if (!out.success) {
        throw new ApiError('internal', `engine reply to ${method} failed validation`, describeZodError(out.error));
      }
      return out.data as RequestOutput<typeof method>;
    },
    on(stream, listener, onInvalid) {
      return transport.subscribe(stream, (payload) => {
        const parsed = streams[stream].payload.safeParse(payload);
        if (parsed.success) listener(parsed.data as StreamPayload<typeof stream>);
        else onInvalid?.(new ApiError('internal', `invalid ${stream} event`, describeZodError(parsed.error)));
      });
    },
  };
}
