import { requests, streams, isRequestName, isStreamName, type RequestName, type RequestOutput, type StreamName } from '../../../shared/api/contract.js';
import { ApiError, describeZodError } from '../../../shared/api/errors.js';
import type { RpcReply } from '../../../shared/api/transport.js';
import { mayCall, type Identity } from '../../../shared/roles.js';
import type { z } from 'zod';

/** One handler per request in the contract; the input arrives validated, the caller checked. */
export type Handlers = {
  readonly [N in RequestName]: (
    input: z.output<(typeof requests)[N]['input']>,
    caller: Identity,
  ) => Promise<RequestOutput<N>> | RequestOutput<N>;
};

/**
 * The one place every call passes: method known, caller's role allowed, input valid. Transports
 * never check roles themselves, so adding login later changes only who the caller is.
 */
export async function dispatch(handlers: Handlers, caller: Identity, method: string, input: unknown): Promise<RpcReply> {
  try {
    if (!isRequestName(method)) throw new ApiError('unknown_method', `unknown method "${method}"`);
    const spec = requests[method];
    if (!mayCall(caller, spec.roles)) {
      throw new ApiError('forbidden', `${method} is for ${spec.roles.join(', ')}; you are ${caller.role}`);
    }
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      throw new ApiError('bad_request', `invalid input for ${method}`, describeZodError(parsed.error));
    }
    const handler = handlers[method] as (input: unknown, caller: Identity) => unknown;
    return { ok: true, result: await handler(parsed.data, caller) };
  } catch (e) {
    if (e instanceof ApiError) return { ok: false, error: e.toData() };
    console.error(`bridgepoint: ${method} failed:`, e);
    return { ok: false, error: { code: 'internal', message: `${method} failed: ${(e as Error).message ?? String(e)}` } };
  }
}

/** The same gate for event streams: the stream exists and the caller's role may watch it. */
export function checkStream(caller: Identity, stream: string): StreamName {
  if (!isStreamName(stream)) throw new ApiError('unknown_method', `unknown stream "${stream}"`);
  const allowed = streams[stream].roles;
  if (!mayCall(caller, allowed)) throw new ApiError('forbidden', `the ${stream} stream is for ${allowed.join(', ')}; you are ${caller.role}`);
  return stream;
}
