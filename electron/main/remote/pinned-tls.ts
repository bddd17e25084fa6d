import { connect, type TLSSocket } from 'node:tls';
import { ApiError } from '../../../shared/api/errors.js';

/**
 * TLS to the control centre's `bridgepoint serve`, trusting exactly one certificate: the one whose
 * SHA-256 fingerprint the desktop was set up with. Nothing is written on the socket before the
 * fingerprint is checked, so a wrong server never sees a password or a token. (A self-signed
 * certificate fails the usual chain check before any identity check runs, which is why the chain
 * is not consulted and the pin is the whole trust decision.)
 */

/** `AB:CD:…` or `abcd…` (64 hex digits, any case, colons and spaces optional) → `AB:CD:…`. */
export function normaliseFingerprint(text: string): string | null {
  const hex = text.replace(/^sha256\s*(fingerprint)?\s*=?\s*/i, '').replace(/[\s:]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.match(/../g)!.join(':');
}

export interface PinnedTarget {
  readonly host: string;
  readonly port: number;
  /** Normalised (`AB:CD:…`) SHA-256 fingerprint of the server's certificate. */
  readonly fingerprint: string;
}

/** How long a connection may take, handshake included. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * A TLS socket to the target whose certificate matches the pin, or an ApiError: `unavailable`
 * with `reason: certificate_mismatch` (and both fingerprints) or `reason: unreachable`.
 */
export function connectPinned(target: PinnedTarget): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.host, port: target.port, servername: isIp(target.host) ? undefined : target.host, rejectUnauthorized: false });
    const fail = (error: ApiError): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new ApiError('unavailable', `no TLS connection to ${target.host}:${target.port} within ${CONNECT_TIMEOUT_MS / 1000} s`, undefined, { reason: 'unreachable', server: `${target.host}:${target.port}` })),
      CONNECT_TIMEOUT_MS,
    );
    const onError = (e: Error): void => fail(new ApiError('unavailable', `cannot reach ${target.host}:${target.port}: ${e.message}`, undefined, { reason: 'unreachable', server: `${target.host}:${target.port}` }));
    socket.once('error', onError);
    socket.once('secureConnect', () => {
      const actual = socket.getPeerCertificate().fingerprint256 ?? '';
      if (actual.toUpperCase() !== target.fingerprint) {
        return fail(
          new ApiError('unavailable', `the server at ${target.host}:${target.port} presented another certificate (SHA-256 ${actual || 'none'}), not the pinned ${target.fingerprint}`, undefined, {
            reason: 'certificate_mismatch',
            server: `${target.host}:${target.port}`,
            expected: target.fingerprint,
            actual,
          }),
        );
      }
      clearTimeout(timer);
      socket.off('error', onError); // from here on, the HTTP or WebSocket client owns the socket's errors
      resolve(socket);
    });
  });
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
