import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { requests, type RequestName } from '../../shared/api/contract.js';
import { HTTP_STATUS, type ApiErrorCode } from '../../shared/api/errors.js';
import type { RpcReply } from '../../shared/api/transport.js';
import type { Identity } from '../../shared/roles.js';
import type { EngineApi } from '../engine/engine-api.js';

const MAX_BODY = 1 << 20;

/**
 * The public HTTP API of design.md. The REST views are thin reads over the same RPC methods, so
 * validation and permissions are the engine's, whichever door a call comes through.
 */
export async function handleApi(engine: EngineApi, caller: Identity, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname.replace(/\/+$/, '');
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
  if (path === '/api/v1/audit' && get) return view('listAudit');
  if (path === '/api/v1/rpc' && get) return json(res, 200, describeRpc());
  if (path === '/api/v1/meetings' && get) {
    // ?date=YYYY-MM-DD (one local day in the inventory's zone), optionally &to=YYYY-MM-DD.
    const date = url.searchParams.get('date');
    if (!date) return error(res, 400, 'bad_request', 'give the day as ?date=YYYY-MM-DD');
    const to = url.searchParams.get('to');
    const reply = await engine.call(caller, 'listMeetings', to ? { from: date, to } : { from: date });
    return reply.ok ? json(res, 200, reply.result) : replyError(res, reply);
  }

  // Demo and training (design.md): the same request as POST /api/v1/rpc/injectFault.
  const rpc = path === '/api/v1/simulator/faults' ? [path, 'injectFault'] : /^\/api\/v1\/rpc\/([A-Za-z][A-Za-z0-9]*)$/.exec(path);
  if (rpc) {
    if (req.method !== 'POST') return error(res, 405, 'bad_request', `use POST for ${path}`, { allow: 'POST' });
    let body: unknown;
    try {
      body = await readJson(req);
    } catch (e) {
      const status = (e as { status?: number }).status ?? 400;
      // An unread oversized body would poison a kept-alive connection: answer, then close it.
      return error(res, status, 'bad_request', (e as Error).message, status === 413 ? { connection: 'close' } : {});
    }
    const reply = await engine.call(caller, rpc[1]!, body);
    return reply.ok ? json(res, 200, reply.result) : replyError(res, reply);
  }
  const known = ['/api/v1/health', '/api/v1/sites', '/api/v1/status', '/api/v1/conferences', '/api/v1/events', '/api/v1/audit', '/api/v1/rpc', '/api/v1/meetings'].includes(path);
  return known ? error(res, 405, 'bad_request', `${req.method} not allowed on ${path}`, { allow: 'GET' }) : error(res, 404, 'not_found', `no such endpoint: ${path}`);
}

/** `GET /api/v1/rpc`: every request, who may call it and its JSON input schema. */
export function describeRpc(): Record<string, { summary: string; roles: readonly string[]; input: unknown }> {
  return Object.fromEntries(
    Object.entries(requests).map(([name, spec]) => [name, { summary: spec.summary, roles: spec.roles, input: z.toJSONSchema(spec.input, { io: 'input' }) }]),
  );
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw Object.assign(new Error(`body larger than ${MAX_BODY} bytes`), { status: 413 });
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`body is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
}

function replyError(res: ServerResponse, reply: Extract<RpcReply, { ok: false }>): void {
  const err = reply.error as { code: ApiErrorCode };
  json(res, HTTP_STATUS[err.code] ?? 500, { error: reply.error });
}

function error(res: ServerResponse, status: number, code: ApiErrorCode, message: string, headers: Record<string, string> = {}): void {
  json(res, status, { error: { code, message } }, headers);
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
