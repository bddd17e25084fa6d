import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { requests, type RequestName } from '../../shared/api/contract.js';
import { HTTP_STATUS, type ApiErrorCode, type ApiErrorParams } from '../../shared/api/errors.js';
import type { RpcReply } from '../../shared/api/transport.js';
import type { Identity } from '../../shared/roles.js';
import type { CallOrigin, EngineApi } from '../engine/engine-api.js';
import { lingerAfterResponse } from './http-limits.js';
import { checkJsonBody, requestTarget } from './request-guard.js';

/** The one request that needs no token; it goes to the engine as an anonymous call. */
export const LOGIN_PATH = '/api/v1/rpc/login';

/**
 * The public HTTP API of design.md. The REST views are thin reads over the same RPC methods, so
 * validation and permissions are the engine's, whichever door a call comes through.
 */
export async function handleApi(engine: EngineApi, caller: Identity, req: IncomingMessage, res: ServerResponse, maxBody: number): Promise<void> {
  const { path: rawPath, query } = requestTarget(req.url);
  const path = rawPath.replace(/\/+$/, '');
  const get = req.method === 'GET' || req.method === 'HEAD';

  const view = async (method: RequestName, pick: (result: unknown) => unknown = (r) => r): Promise<void> => {
    const reply = await engine.call(caller, method, {});
    if (reply.ok) json(res, 200, pick(reply.result));
    else replyError(res, reply);
  };

  if (path === '/api/v1/health' && get) return view('getHealth');
  if (path === '/api/v1/sites' && get) return view('getNetwork', (r) => (r as { sites: unknown }).sites);
  if (path === '/api/v1/status' && get) return view('getStatusSnapshot', (r) => (r as { statuses: unknown }).statuses);
  if (path === '/api/v1/conferences' && get) return view('getConferences', (r) => (r as { conferences: unknown }).conferences);
  if (path === '/api/v1/events' && get) return view('listEvents');
  if (path === '/api/v1/audit' && get) {
    // The listAudit filters as a query: ?user=&action=&result=&from=&to=&target=&limit=&beforeId=
    const q: Record<string, string | number> = {};
    for (const [k, v] of query) q[k] = (k === 'limit' || k === 'beforeId') && /^\d+$/.test(v) ? Number(v) : v;
    const reply = await engine.call(caller, 'listAudit', q);
    return reply.ok ? json(res, 200, reply.result) : replyError(res, reply);
  }
  if (path === '/api/v1/alarms' && get) {
    // ?priority=critical,high&state=unack&siteId=ba-be&includeHidden=true
    const list = (k: string) => query.get(k)?.split(',').filter(Boolean);
    const input = {
      ...(list('priority') ? { priority: list('priority') } : {}),
      ...(list('state') ? { state: list('state') } : {}),
      ...(query.get('siteId') ? { siteId: query.get('siteId') } : {}),
      ...(query.has('includeHidden') ? { includeHidden: query.get('includeHidden') === 'true' || query.get('includeHidden') === '1' } : {}),
    };
    const reply = await engine.call(caller, 'listAlarms', input);
    return reply.ok ? json(res, 200, reply.result) : replyError(res, reply);
  }
  if (path === '/api/v1/alarms/journal' && get) {
    // ?limit=&beforeSeq=&alarmId=
    const q: Record<string, string | number> = {};
    for (const [k, v] of query) q[k] = (k === 'limit' || k === 'beforeSeq') && /^-?\d+$/.test(v) ? Number(v) : v;
    const reply = await engine.call(caller, 'listAlarmJournal', q);
    return reply.ok ? json(res, 200, reply.result) : replyError(res, reply);
  }
  if (path === '/api/v1/availability' && get) {
    // ?from=&to=&groupBy=site|district|tier|province&workingHours=true
    // Unknown parameters go through, so the schema refuses them by name.
    const input: Record<string, unknown> = Object.fromEntries(query);
    const wh = query.get('workingHours');
    if (wh === 'true' || wh === '1') input.workingHours = true;
    if (wh === 'false' || wh === '0') input.workingHours = false;
    const reply = await engine.call(caller, 'getAvailability', input);
    return reply.ok ? json(res, 200, reply.result) : replyError(res, reply);
  }
  if (path === '/api/v1/history' && get) {
    // ?endpointId=&metric=packetLossPct|jitterMs|latencyMs|bitrateKbps&from=&to=
    const reply = await engine.call(caller, 'getHistory', Object.fromEntries(query));
    return reply.ok ? json(res, 200, reply.result) : replyError(res, reply);
  }
  if (path === '/api/v1/reports/health' && get) {
    // ?period=day|week|month&end=YYYY-MM-DD&scope=province|<district id>&format=csv|pdf&language=vi|en&workingHours=true
    // Answers with the file itself (to save or open), not JSON; a refusal is JSON as elsewhere.
    const input: Record<string, unknown> = Object.fromEntries(query);
    const wh = query.get('workingHours');
    if (wh === 'true' || wh === '1') input.workingHours = true;
    if (wh === 'false' || wh === '0') input.workingHours = false;
    const reply = await engine.call(caller, 'getHealthReport', input);
    if (!reply.ok) return replyError(res, reply);
    const file = reply.result as { filename: string; mediaType: string; content: string };
    const body = Buffer.from(file.content, 'base64');
    res.writeHead(200, {
      'content-type': file.mediaType,
      'content-length': body.length,
      // The engine's file names are ASCII slugs; anything else is dropped rather than trusted into a header.
      'content-disposition': `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
    return;
  }
  if (path === '/api/v1/rpc' && get) return json(res, 200, describeRpc());
  if (path === '/api/v1/meetings' && get) {
    // ?date=YYYY-MM-DD (one local day in the inventory's zone), optionally &to=YYYY-MM-DD.
    const date = query.get('date');
    if (!date) return error(res, 400, 'bad_request', 'give the day as ?date=YYYY-MM-DD');
    const to = query.get('to');
    const reply = await engine.call(caller, 'listMeetings', to ? { from: date, to } : { from: date });
    return reply.ok ? json(res, 200, reply.result) : replyError(res, reply);
  }

  // Demo and training (design.md): the same request as POST /api/v1/rpc/injectFault.
  const rpc = path === '/api/v1/simulator/faults' ? [path, 'injectFault'] : /^\/api\/v1\/rpc\/([A-Za-z][A-Za-z0-9]*)$/.exec(path);
  if (rpc) {
    if (req.method !== 'POST') return error(res, 405, 'bad_request', `use POST for ${path}`, { allow: 'POST' });
    const body = await readBody(req, res, maxBody);
    if (body === NO_BODY) return;
    const reply = await engine.call(caller, rpc[1]!, body);
    return reply.ok ? json(res, 200, reply.result) : replyError(res, reply);
  }
  const known = ['/api/v1/health', '/api/v1/sites', '/api/v1/status', '/api/v1/conferences', '/api/v1/events', '/api/v1/audit', '/api/v1/rpc', '/api/v1/meetings', '/api/v1/alarms', '/api/v1/alarms/journal', '/api/v1/availability', '/api/v1/history', '/api/v1/reports/health'].includes(path);
  return known ? error(res, 405, 'bad_request', `${req.method} not allowed on ${path}`, { allow: 'GET' }) : error(res, 404, 'not_found', `no such endpoint: ${path}`);
}

/** `GET /api/v1/rpc`: every request, who may call it and its JSON input schema. */
export function describeRpc(): Record<string, { summary: string; roles: readonly string[]; input: unknown }> {
  return Object.fromEntries(
    Object.entries(requests).map(([name, spec]) => [name, { summary: spec.summary, roles: spec.roles, input: z.toJSONSchema(spec.input, { io: 'input' }) }]),
  );
}

/** `POST /api/v1/rpc/login`: the only call without a token, answered by the engine's anonymous gate. */
export async function handleLogin(engine: EngineApi, origin: CallOrigin, req: IncomingMessage, res: ServerResponse, maxBody: number): Promise<void> {
  if (req.method !== 'POST') return error(res, 405, 'bad_request', `use POST for ${LOGIN_PATH}`, { allow: 'POST' });
  const body = await readBody(req, res, maxBody);
  if (body === NO_BODY) return;
  const reply = await engine.callAnonymous(origin, 'login', body);
  return reply.ok ? json(res, 200, reply.result) : replyError(res, reply);
}

/** readBody's sign that it has already answered (415, 413, 400). */
const NO_BODY = Symbol('answered');

/**
 * The JSON body of a state-changing request, or NO_BODY once the refusal is sent: 415 unless
 * `application/json`, 413 beyond `maxBody` (by Content-Length at once, or while reading; the
 * connection then lingers so the client reads the 413 instead of a reset), 400 for broken JSON.
 */
async function readBody(req: IncomingMessage, res: ServerResponse, maxBody: number): Promise<unknown> {
  const refusal = checkJsonBody(req);
  if (refusal) {
    error(res, refusal.status, refusal.code, refusal.message, {}, refusal.params);
    return NO_BODY;
  }
  const tooLarge = (): typeof NO_BODY => {
    lingerAfterResponse(req.socket);
    error(res, 413, 'payload_too_large', `body larger than ${maxBody} bytes`, { connection: 'close' }, { limitBytes: maxBody });
    return NO_BODY;
  };
  if (Number(req.headers['content-length'] ?? 0) > maxBody) return tooLarge();
  const chunks = await collect(req, maxBody);
  if (chunks === null) return tooLarge();
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch (e) {
    error(res, 400, 'bad_request', `body is not valid JSON: ${(e as Error).message}`);
    return NO_BODY;
  }
}

export function replyError(res: ServerResponse, reply: Extract<RpcReply, { ok: false }>): void {
  const err = reply.error as { code: ApiErrorCode };
  json(res, HTTP_STATUS[err.code] ?? 500, { error: reply.error });
}

export function error(res: ServerResponse, status: number, code: ApiErrorCode, message: string, headers: Record<string, string> = {}, params?: ApiErrorParams): void {
  json(res, status, { error: { code, message, ...(params ? { params } : {}) } }, headers);
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/** The body's chunks, or null as soon as it exceeds `max` (the rest is then read and discarded, never buffered). */
function collect(req: IncomingMessage, max: number): Promise<Buffer[] | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= max) return void chunks.push(chunk);
      req.off('data', onData);
      req.resume();
      resolve(null);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks));
    req.once('error', reject);
  });
}
