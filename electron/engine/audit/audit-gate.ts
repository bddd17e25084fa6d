import type { AuditError } from '../../../shared/audit.js';
import { isAudited, targetKey, targetOf, type TargetRef } from '../../../shared/audit-actions.js';
import type { ApiErrorData } from '../../../shared/api/errors.js';
import type { RpcReply } from '../../../shared/api/transport.js';
import type { Identity } from '../../../shared/roles.js';
import type { AuditLog } from './audit-log.js';

/** Finds a target's words at the time of the call; null when it is unknown (or gone). */
export interface TargetNamer {
  meeting(id: string): string | null;
  conference(id: string): string | null;
  /** A participant as the endpoint it is (its key and site name), else its URI or name. */
  participant(conferenceId: string, participantId: string): { target: TargetRef; label: string | null } | null;
  site(id: string): string | null;
  endpoint(id: string): string | null;
}

type Call = (caller: Identity, method: string, input: unknown) => Promise<RpcReply>;

/** `conferenceId: Required` or `request.title: …` → the field's plain name (`title`). */
function fieldOf(details: readonly string[] | undefined, path?: string): string | undefined {
  const raw = path ?? details?.[0]?.split(':')[0];
  if (!raw || raw === '(root)' || raw === '$') return undefined;
  const parts = raw.replace(/^\$\.?/, '').split(/[.[\]]+/).filter((p) => p !== '' && !/^\d+$/.test(p) && p !== 'request');
  return parts.length ? parts.join('.') : undefined;
}

/** A refused or failed call: its error code and values, and the field that was wrong. */
function refusal(e: ApiErrorData): AuditError {
  const field = fieldOf(e.details);
  return { code: e.code, ...(e.params ? { params: e.params } : {}), ...(field ? { field } : {}) };
}

interface ActionLike {
  readonly ok: boolean;
  readonly error: string | null;
}
const isAction = (v: unknown): v is ActionLike => !!v && typeof v === 'object' && typeof (v as ActionLike).ok === 'boolean' && 'error' in v;

/** How a successful reply went: a refused booking, an MCU refusal, some sites of many failed. */
export function outcomeOf(result: unknown): AuditError | null {
  const many = Array.isArray(result) ? result : result && typeof result === 'object' && Array.isArray((result as { results?: unknown }).results) ? (result as { results: unknown[] }).results : null;
  if (many) {
    const actions = many.filter(isAction);
    const failed = actions.filter((a) => !a.ok);
    if (failed.length === 0) return null;
    return { code: 'partly_failed', params: { failed: failed.length, total: actions.length, message: failed[0]!.error ?? '' } };
  }
  if (!result || typeof result !== 'object') return null;
  const r = result as { ok?: unknown; issues?: { path: string; message: string }[]; violations?: { rule: string; message: string; field?: unknown }[]; error?: unknown };
  if (Array.isArray(r.issues) && Array.isArray(r.violations)) {
    if (r.ok) return null;
    const issue = r.issues[0];
    const rule = r.violations[0]?.rule ?? null;
    const v = r.violations[0];
    const field = issue ? fieldOf(undefined, issue.path) : typeof v?.field === 'string' ? v.field : undefined;
    const count = r.issues.length + r.violations.length;
    if (issue?.path === '$.version') return { code: 'conflict', params: { count } };
    if (issue?.path === '$.id') return { code: 'not_found', params: { count } };
    return { code: 'booking_refused', params: { rule, count, message: issue?.message ?? r.violations[0]?.message ?? '' }, ...(field ? { field } : {}) };
  }
  const problems = (r as { problems?: unknown; applied?: unknown }).problems;
  if (Array.isArray(problems) && problems.length > 0 && (r as { applied?: unknown }).applied === null) {
    const first = problems[0] as { code?: unknown };
    return { code: 'edit_refused', params: { count: problems.length, problem: typeof first.code === 'string' ? first.code : '' } };
  }
  const failure = (r as { failure?: { code?: unknown } | null }).failure;
  if (r.ok === false && failure && typeof failure.code === 'string') return { code: 'connection_failed', params: { failure: failure.code } };
  if (isAction(r) && !r.ok) return { code: 'mcu_refused', params: { message: r.error ?? '' } };
  return null;
}

/** A booking's target is known once it is stored (its new id); a refused one keeps the title asked for. */
function afterBooking(named: { target: TargetRef; label: string | null }, input: unknown, reply: RpcReply): { target: TargetRef; label: string | null } {
  const meeting = reply.ok && reply.result && typeof reply.result === 'object' ? (reply.result as { meeting?: { id?: unknown; title?: unknown } | null }).meeting : null;
  if (meeting && typeof meeting.id === 'string') return { target: { kind: 'meeting', id: meeting.id }, label: typeof meeting.title === 'string' ? meeting.title : named.label };
  const req = input && typeof input === 'object' ? (input as { request?: { title?: unknown } }).request : undefined;
  if (named.label === null && req && typeof req === 'object' && typeof req.title === 'string') return { ...named, label: req.title };
  return named;
}

/**
 * The audit gate around dispatch: every state-changing request of the contract (AUDIT_CLASSES)
 * is recorded exactly once, whether it succeeded, failed, or was refused (forbidden, bad input),
 * with its target in words as it was at the time. Reads pass through untouched. A failure to
 * record is logged and never changes the caller's answer.
 */
export function auditGate(call: Call, audit: AuditLog, names: TargetNamer): Call {
  const label = (t: TargetRef): { target: TargetRef; label: string | null } => {
    switch (t.kind) {
      case 'meeting':
        return { target: t, label: names.meeting(t.id) };
      case 'conference':
        return { target: t, label: names.conference(t.id) };
      case 'participant':
        return names.participant(t.conferenceId, t.id) ?? { target: t, label: names.conference(t.conferenceId) };
      case 'site':
        return { target: t, label: names.site(t.id) };
      case 'endpoint':
        return { target: t, label: names.endpoint(t.id) };
      case 'district':
      case 'tier':
      case 'user':
      case 'uri':
      case 'host':
      case 'range':
        return { target: t, label: t.id };
      case 'sites':
        return { target: t, label: t.ids.map((id) => names.site(id) ?? id).join(', ') };
      default:
        return { target: t, label: null };
    }
  };
  return async (caller, method, input) => {
    if (!isAudited(method)) return call(caller, method, input);
    // The label is read before the call: an ended conference or a cancelled meeting still has its name.
    let named: { target: TargetRef; label: string | null } = { target: targetOf(method, input), label: null };
    try {
      named = label(named.target);
    } catch (e) {
      console.error(`bridgepoint: audit: cannot name the target of ${method}:`, e);
    }
    const reply = await call(caller, method, input);
    named = afterBooking(named, input, reply);
    const error = reply.ok ? outcomeOf(reply.result) : refusal(reply.error as ApiErrorData);
    try {
      audit.record({ caller, action: method, target: targetKey(named.target), targetLabel: named.label, params: input ?? {}, error });
    } catch (e) {
      console.error(`bridgepoint: audit: cannot record ${method}:`, e);
    }
    return reply;
  };
}
