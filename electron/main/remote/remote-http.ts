import { request } from 'node:http';
import { ApiError } from '../../../shared/api/errors.js';
import { USER_IDLE_HEADER } from '../../server/request-guard.js';
import { connectPinned, type PinnedTarget } from './pinned-tls.js';

/** The largest answer read from the server (a 5,000-endpoint network view is a few MB). */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;
const REQUEST_TIMEOUT_MS = 30_000;

export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * One JSON POST to the server over a pinned TLS connection (a fresh one per request: each is
 * checked against the pin). Network failures come back as an `unavailable` ApiError, thrown.
 */
export async function postJson(target: PinnedTarget, path: string, body: unknown, token: string | null, userIdleMs?: number): Promise<HttpAnswer> {
  const socket = await connectPinned(target);
  const payload = Buffer.from(JSON.stringify(body ?? {}));
  return new Promise((resolve, reject) => {
    const unavailable = (why: string): ApiError => new ApiError('unavailable', `${path} on ${target.host}:${target.port}: ${why}`, undefined, { reason: 'unreachable', server: `${target.host}:${target.port}` });
    const req = request(
      {
        host: target.host,
        port: target.port,
        method: 'POST',
        path,
        createConnection: () => socket,
        headers: {
          'content-type': 'application/json',
          'content-length': payload.length,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(userIdleMs === undefined ? {} : { [USER_IDLE_HEADER]: String(userIdleMs) }),
        },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) {
            req.destroy();
            reject(unavailable(`answer larger than ${MAX_ANSWER_BYTES} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          socket.end();
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: text === '' ? null : JSON.parse(text) });
          } catch {
            reject(unavailable(`answer ${res.statusCode ?? '?'} is not JSON`));
          }
        });
        res.on('error', (e) => reject(unavailable(e.message)));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    req.on('error', (e) => reject(unavailable(e.message)));
    req.end(payload);
  });
}
