import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { McuActionError, type McuConfig } from '../mcu-driver.js';
import { parseXml, xmlChild, type XmlElement } from '../xml.js';

/**
 * The CMS REST API (`/api/v1`, HTTP Basic auth, form-encoded bodies, XML answers, errors as 4xx/5xx
 * with `<failureDetails><reason …/></failureDetails>`) over node:http(s), which lets us accept a
 * self-signed certificate per MCU, bound the time and the size of every answer, and read headers
 * (`Location`, `X-Cisco-CMS-Auth-Token`).
 */

export interface RestTarget {
  /** Origin (and any path prefix) of the MCU, without a trailing slash. */
  readonly base: string;
  readonly username: string;
  readonly password: string;
  readonly insecureTls: boolean;
  readonly timeoutMs: number;
}

export interface RestResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Validate the configuration; the REST base or why it is unusable. */
export function restBase(config: McuConfig): { ok: true; base: string; host: string } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(config.url);
  } catch {
    return { ok: false, message: `invalid MCU URL "${String(config.url).slice(0, 100)}"` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: `MCU URL must be https:// or http://, not ${url.protocol}` };
  if (!config.username) return { ok: false, message: 'no API username configured for the MCU' };
  return { ok: true, base: url.origin + url.pathname.replace(/\/+$/, ''), host: url.host };
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Thrown when no HTTP answer came at all (refused, reset, timed out …). */
export class TransportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransportError';
  }
}

export function restRequest(
  target: RestTarget,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  form?: Readonly<Record<string, string>>,
): Promise<RestResponse> {
  const url = new URL(target.base + path);
  const body = form ? new URLSearchParams(form).toString() : undefined;
  const headers: Record<string, string> = {
    authorization: `Basic ${Buffer.from(`${target.username}:${target.password}`).toString('base64')}`,
    accept: 'text/xml, application/xml',
  };
  if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  if (body !== undefined || method === 'POST' || method === 'PUT') headers['content-length'] = String(Buffer.byteLength(body ?? ''));
  const secure = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const req = (secure ? httpsRequest : httpRequest)(
      url,
      { method, headers, ...(secure ? { rejectUnauthorized: !target.insecureTls } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) {
            req.destroy();
            finish(() => reject(new TransportError(`answer to ${method} ${path} larger than ${MAX_BODY_BYTES} bytes`)));
          } else chunks.push(chunk);
        });
        res.on('end', () => finish(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })));
        res.on('error', (e) => finish(() => reject(new TransportError(`${method} ${path}: ${e.message}`))));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish(() => reject(new TransportError(`MCU did not answer ${method} ${path} within ${Math.round(target.timeoutMs / 100) / 10} s`)));
    }, target.timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) => finish(() => reject(new TransportError(`${method} ${path}: ${e.code ?? e.message}`))));
    req.end(body);
  });
}

/** The failure reason of a CMS error answer, e.g. `callLegDoesNotExist` or `parameterError (parameter=x)`. */
export function failureDetail(body: string): string | null {
  if (!body.includes('failureDetails')) return null;
  let root: XmlElement;
  try {
    root = parseXml(body);
  } catch {
    return null;
  }
  const details = root.name === 'failureDetails' ? root : xmlChild(root, 'failureDetails');
  const reason = details?.children[0];
  if (!reason) return null;
  const attrs = Object.entries(reason.attributes).map(([k, v]) => `${k}=${v}`);
  return attrs.length > 0 ? `${reason.name} (${attrs.join(', ')})` : reason.name;
}

/** Resolve for 2xx; otherwise reject with McuActionError carrying the status and failure reason. */
export function expectOk(res: RestResponse, method: string, path: string): RestResponse {
  if (res.status >= 200 && res.status < 300) return res;
  const detail = failureDetail(res.body);
  const reason = detail ?? (res.status === 401 ? 'unauthorized' : res.status === 503 ? 'busy, try again' : 'no failure details');
  throw new McuActionError(`MCU refused ${method} ${path}: ${res.status} ${reason}`, detail, res.status);
}

/** Map a thrown transport problem to McuActionError (McuActionErrors pass through). */
export function asActionError(e: unknown): McuActionError {
  if (e instanceof McuActionError) return e;
  return new McuActionError(e instanceof Error ? e.message : String(e));
}

/** POST /api/v1/authTokens → the `X-Cisco-CMS-Auth-Token` header. */
export async function fetchAuthToken(target: RestTarget): Promise<{ ok: true; token: string } | { ok: false; status: number; message: string }> {
  const path = '/api/v1/authTokens';
  const res = await restRequest(target, 'POST', path);
  const token = res.headers['x-cisco-cms-auth-token'];
  if (res.status >= 200 && res.status < 300 && typeof token === 'string' && token.trim() !== '') return { ok: true, token: token.trim() };
  const detail = failureDetail(res.body);
  const why = res.status >= 200 && res.status < 300 ? 'no X-Cisco-CMS-Auth-Token header' : `${res.status}${detail ? ` ${detail}` : ''}`;
  return { ok: false, status: res.status, message: `${why} from POST ${path}` };
}

/** The ids of `<callLeg id="…">` in a `<callLegs>` answer, and the remote Call Bridge if named instead. */
export function parseCallLegIds(body: string): { legs: string[]; callBridge: string | null } {
  const root = parseXml(body);
  if (root.name !== 'callLegs') throw new McuActionError(`Unexpected answer <${root.name}> where <callLegs> was expected`);
  const legs = root.children.filter((c) => c.name === 'callLeg' && c.attributes.id).map((c) => c.attributes.id as string);
  const bridge = xmlChild(root, 'callBridge');
  return { legs, callBridge: bridge ? (bridge.attributes.id ?? (bridge.text.trim() || null)) : null };
}

/** The id at the end of a `Location: /api/v1/participants/<id>` header. */
export function idFromLocation(location: string | undefined): string | null {
  if (!location) return null;
  const m = /\/([^/?#\s]+)\s*$/.exec(location.trim());
  return m ? decodeURIComponent(m[1] as string) : null;
}
