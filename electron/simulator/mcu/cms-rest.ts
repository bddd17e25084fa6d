import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CMS_LAYOUTS, type CmsLayout, type CmsModel, type LegChanges, type SimCall, type SimParticipant } from './cms-model.js';
import {
  callDetail, callSummary, collection, doesNotExist, failureDetails, legDetail, legSummary, parameterError, participantDetail, participantSummary,
} from './cms-xml.js';

/** The REST half of the simulated CMS: Basic auth, form-encoded bodies, XML answers (routes in cms-simulator.ts). */

export interface FaultState {
  refuseTokens: boolean;
  slowMs: number;
  /** Event messages still to be broken (cms-events.ts). */
  malformedLeft: number;
  /** Event sockets leave WebSocket pings unanswered (no pong), as a CMS may (cms-events.ts). */
  ignorePings: boolean;
}

export interface RestContext {
  readonly model: CmsModel;
  readonly username: string;
  readonly password: string;
  /** Issued auth tokens → expiry (epoch ms); the events socket checks them. */
  readonly tokens: Map<string, number>;
  readonly tokenTtlMs: number;
  readonly faults: FaultState;
}

interface Reply {
  readonly status: number;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

class ParamError extends Error {
  constructor(readonly parameter: string, readonly error = 'invalidValue') {
    super(`${parameter}: ${error}`);
  }
}

const MAX_BODY = 64 * 1024;
const ok = (headers?: Record<string, string>): Reply => ({ status: 200, ...(headers ? { headers } : {}) });
const xml = (body: string): Reply => ({ status: 200, body });
const fail = (status: number, inner: string): Reply => ({ status, body: failureDetails(inner) });
const missing = (object: string): Reply => fail(404, doesNotExist(object));
const unrecognized = (): Reply => fail(404, '<unrecognizedObject />');
const invalidOperation = (): Reply => fail(405, '<invalidOperation />');

function authorized(ctx: RestContext, req: IncomingMessage): boolean {
  const m = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (!m) return false;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && decoded.slice(0, colon) === ctx.username && decoded.slice(colon + 1) === ctx.password;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new ParamError('body', 'tooLong');
    chunks.push(chunk);
  }
  // CMS reads parameters from x-www-form-urlencoded bodies only; anything else carries none.
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  return type.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(Buffer.concat(chunks).toString('utf8')) : new URLSearchParams();
}

function bool(form: URLSearchParams, name: string): boolean | undefined {
  const v = form.get(name);
  if (v === null) return undefined;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new ParamError(name);
}

/** Absent → undefined (unchanged); empty → null (unset, as CMS PUT semantics); else one of the Layouts. */
function layout(form: URLSearchParams, name: string): CmsLayout | null | undefined {
  const v = form.get(name);
  if (v === null) return undefined;
  if (v === '') return null;
  if ((CMS_LAYOUTS as readonly string[]).includes(v)) return v as CmsLayout;
  throw new ParamError(name);
}

function importance(form: URLSearchParams): number | null | undefined {
  const v = form.get('importance');
  if (v === null) return undefined;
  if (v === '') return null;
  if (!/^\d{1,10}$/.test(v) || Number(v) > 2_147_483_647) throw new ParamError('importance');
  return Number(v);
}

function legChanges(form: URLSearchParams, layoutParam: 'chosenLayout' | 'none'): LegChanges {
  const changes: LegChanges = {
    rxAudioMute: bool(form, 'rxAudioMute'),
    rxVideoMute: bool(form, 'rxVideoMute'),
    txAudioMute: bool(form, 'txAudioMute'),
    txVideoMute: bool(form, 'txVideoMute'),
    // "layout" is the pre-1.2 name of defaultLayout; defaultLayout wins when both are given.
    defaultLayout: form.has('defaultLayout') ? layout(form, 'defaultLayout') : layout(form, 'layout'),
    ...(layoutParam === 'chosenLayout' ? { chosenLayout: layout(form, 'chosenLayout') } : {}),
  };
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as LegChanges;
}

function issueToken(ctx: RestContext): Reply {
  if (ctx.faults.refuseTokens) return { status: 401 };
  const now = Date.now();
  for (const [t, expires] of ctx.tokens) if (expires <= now) ctx.tokens.delete(t);
  const token = randomBytes(24).toString('base64url');
  const expires = now + ctx.tokenTtlMs;
  ctx.tokens.set(token, expires);
  return ok({ 'X-Cisco-CMS-Auth-Token': token, 'X-Cisco-CMS-Auth-Token-Expiry': new Date(expires).toISOString() });
}

function callsRoute(ctx: RestContext, method: string, rest: readonly string[], form: URLSearchParams, query: URLSearchParams): Reply {
  const { model } = ctx;
  const [callId, sub, star] = rest;
  if (callId === undefined) {
    if (method === 'GET') return xml(collection('calls', [...model.calls.values()], query, callSummary));
    if (method !== 'POST') return invalidOperation();
    const name = form.get('name');
    if (name) return ok({ Location: `/api/v1/calls/${model.createCall(name).id}` });
    if (form.get('coSpace')) return fail(400, doesNotExist('coSpace'));
    throw new ParamError('name', 'required');
  }
  const call = model.calls.get(callId);
  if (!call) return missing('call');
  if (sub === undefined) {
    if (method === 'GET') return xml(callDetail(call));
    if (method === 'DELETE') {
      model.endCall(call);
      return ok();
    }
    return method === 'PUT' ? ok() : invalidOperation(); // locked, recording, … are accepted and not modelled
  }
  const participants = [...call.participants.values()];
  if (sub === 'callLegs' && star === undefined) return method === 'GET' ? xml(collection('callLegs', participants, query, legSummary)) : invalidOperation();
  if (sub !== 'participants') return unrecognized();
  if (star === '*') return method === 'PUT' ? bulkUpdate(ctx, call, form) : invalidOperation();
  if (star !== undefined) return unrecognized();
  if (method === 'GET') return xml(collection('participants', participants, query, participantSummary));
  if (method !== 'POST') return invalidOperation();
  const remoteParty = (form.get('remoteParty') ?? '').trim();
  if (!remoteParty) throw new ParamError('remoteParty', 'required');
  const changes = legChanges(form, 'chosenLayout');
  const p = model.dial(call, remoteParty, changes, importance(form) ?? null);
  return ok({ Location: `/api/v1/participants/${p.id}` });
}

/** PUT /calls/<id>/participants/* (CMS 2.4+): every participant, or only / all but `filterIds` by `mode`. */
function bulkUpdate(ctx: RestContext, call: SimCall, form: URLSearchParams): Reply {
  const changes = legChanges(form, 'none');
  const imp = importance(form);
  const mode = form.get('mode') ?? 'exclude';
  if (mode !== 'exclude' && mode !== 'selected') throw new ParamError('mode');
  const ids = (form.get('filterIds') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length > 20) throw new ParamError('filterIds');
  for (const p of [...call.participants.values()]) {
    if (ids.includes(p.id) !== (mode === 'selected')) continue;
    if (Object.keys(changes).length) ctx.model.updateLeg(p, changes);
    if (imp !== undefined) ctx.model.setImportance(p, imp);
  }
  return ok();
}

function legsRoute(ctx: RestContext, method: string, rest: readonly string[], form: URLSearchParams, query: URLSearchParams): Reply {
  const [legId, extra] = rest;
  if (legId === undefined) return method === 'GET' ? xml(collection('callLegs', [...ctx.model.legs.values()], query, legSummary)) : invalidOperation();
  if (extra !== undefined) return unrecognized();
  const p = ctx.model.legs.get(legId);
  if (!p) return missing('callLeg');
  if (method === 'GET') return xml(legDetail(p));
  if (method === 'DELETE') {
    ctx.model.removeParticipant(p, 'localTeardown');
    return ok();
  }
  if (method !== 'PUT') return invalidOperation();
  const changes = legChanges(form, 'chosenLayout');
  if (Object.keys(changes).length) ctx.model.updateLeg(p, changes);
  return ok();
}

function participantsRoute(ctx: RestContext, method: string, rest: readonly string[], form: URLSearchParams, query: URLSearchParams): Reply {
  const [participantId, sub, extra] = rest;
  if (participantId === undefined) {
    return method === 'GET' ? xml(collection('participants', [...ctx.model.participants.values()], query, participantSummary)) : invalidOperation();
  }
  const p: SimParticipant | undefined = ctx.model.participants.get(participantId);
  if (!p) return missing('participant');
  if (sub === 'callLegs' && extra === undefined) return method === 'GET' ? xml(collection('callLegs', [p], query, legSummary)) : invalidOperation();
  if (sub !== undefined) return unrecognized();
  if (method === 'GET') return xml(participantDetail(p));
  if (method === 'DELETE') {
    ctx.model.removeParticipant(p, 'localTeardown');
    return ok();
  }
  if (method !== 'PUT') return invalidOperation();
  const imp = importance(form);
  if (imp !== undefined) ctx.model.setImportance(p, imp);
  return ok();
}

function route(ctx: RestContext, method: string, segments: readonly string[], form: URLSearchParams, query: URLSearchParams): Reply {
  const [node, ...rest] = segments;
  if (node === 'authTokens' && rest.length === 0) return method === 'POST' ? issueToken(ctx) : invalidOperation();
  if (node === 'calls') return callsRoute(ctx, method, rest, form, query);
  if (node === 'callLegs') return legsRoute(ctx, method, rest, form, query);
  if (node === 'participants') return participantsRoute(ctx, method, rest, form, query);
  return unrecognized();
}

function segmentsOf(pathname: string): string[] | null {
  try {
    return pathname.slice('/api/v1'.length).split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
}

/** Answers one request under /api/v1 (the caller has checked the prefix). */
export async function handleRest(ctx: RestContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  let reply: Reply;
  try {
    const form = await readForm(req);
    if (ctx.faults.slowMs > 0) await new Promise((r) => setTimeout(r, ctx.faults.slowMs));
    if (!authorized(ctx, req)) {
      reply = { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="Cisco Meeting Server API"' } };
    } else {
      const segments = segmentsOf(url.pathname);
      reply = segments ? route(ctx, req.method ?? 'GET', segments, form, url.searchParams) : unrecognized();
    }
  } catch (e) {
    if (!(e instanceof ParamError)) throw e;
    reply = fail(400, parameterError(e.parameter, e.error));
  }
  if (res.destroyed) return;
  const body = reply.body ?? '';
  res.writeHead(reply.status, {
    ...(reply.body !== undefined ? { 'Content-Type': 'text/xml' } : {}),
    'Content-Length': Buffer.byteLength(body),
    ...reply.headers,
  });
  res.end(body);
}
