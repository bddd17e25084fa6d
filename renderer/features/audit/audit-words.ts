import type { TFunction } from 'i18next';
import type { AuditEntry, AuditError } from '../../../shared/audit.js';
import { AUDITED_ACTIONS, SELF_AUDITED_ACTIONS } from '../../../shared/audit-actions.js';
import { LAYOUTS } from '../../../shared/conference.js';

/**
 * An audit entry in the reader's words (`audit.*` in assets/locales/audit.<lang>.json): what was
 * done ("Đặt lịch họp", "Tắt tiếng"), on what (the meeting's title, the site's name), and how it
 * ended ("Thành công", "Không thành công: Tiêu đề không hợp lệ"). Never a method name, an id or
 * a JSON path: what the catalogue does not know is worded generically.
 */

/** Every action the viewer words: the gate's and those the accounts service writes itself. */
export const WORDED_ACTIONS: readonly string[] = [...AUDITED_ACTIONS, ...SELF_AUDITED_ACTIONS];

function params(entry: AuditEntry): Record<string, unknown> {
  try {
    const v = JSON.parse(entry.params) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The name of an action alone (for the filter's list). */
export function actionName(action: string, t: TFunction): string {
  return WORDED_ACTIONS.includes(action) ? t(`audit.action.${action}`) : t('audit.action.other');
}

/** What was done, with the detail that matters: "Tắt tiếng", "Đổi bố cục: 1 + 5". */
export function actionText(entry: AuditEntry, t: TFunction): string {
  const p = params(entry);
  if (entry.action === 'muteParticipant') {
    const parts: string[] = [];
    if (typeof p['audio'] === 'boolean') parts.push(t(p['audio'] ? 'audit.mute.audioOn' : 'audit.mute.audioOff'));
    if (typeof p['video'] === 'boolean') parts.push(t(p['video'] ? 'audit.mute.videoOn' : 'audit.mute.videoOff'));
    if (parts.length) return parts.join(', ');
  }
  if (entry.action === 'setLayout' && typeof p['layout'] === 'string' && (LAYOUTS as readonly string[]).includes(p['layout'])) {
    return t('audit.layoutTo', { layout: t(`session.layout.${p['layout']}`) });
  }
  return actionName(entry.action, t);
}

const KINDS = ['meeting', 'conference', 'endpoint', 'site', 'participant', 'district', 'tier', 'user', 'session', 'uri', 'sites', 'alarm', 'alarms', 'host', 'range'] as const;

/** On what: the label kept with the entry, else the kind of thing in words (never its id). */
export function targetText(entry: AuditEntry, t: TFunction): string {
  if (entry.targetLabel) return entry.targetLabel;
  const target = entry.target;
  if (target === 'meeting:new') return t('audit.target.newMeeting');
  // A login names the account tried, as typed (it may not exist): the account, in words.
  if (entry.action === 'login' && target && !target.includes(':')) return t('audit.target.user', { name: target });
  if (target === 'self' || target === 'inventory' || target === 'network') return t(`audit.target.${target}`);
  const colon = target.indexOf(':');
  const kind = colon > 0 ? target.slice(0, colon) : '';
  const rest = colon > 0 ? target.slice(colon + 1) : '';
  if (kind === 'district' || kind === 'tier' || kind === 'user' || kind === 'uri' || kind === 'host' || kind === 'range') return t(`audit.target.${kind}`, { name: rest });
  if ((KINDS as readonly string[]).includes(kind)) return t(`audit.target.${kind}`);
  return t('audit.target.other');
}

/** The field that was wrong, in words ("Tiêu đề"); unknown fields are "a field". */
export function fieldText(field: string, t: TFunction): string {
  const first = field.split('.')[0]!;
  return t(`audit.field.${first}`, { defaultValue: t('audit.field.other') });
}

const num = (v: unknown): number | string => (typeof v === 'number' ? v : '?');

/** Why it failed, in words. */
export function errorText(error: AuditError, t: TFunction): string {
  const p = error.params ?? {};
  if (error.field && (error.code === 'bad_request' || error.code === 'booking_refused')) return t('audit.error.badField', { field: fieldText(error.field, t) });
  if (error.code === 'booking_refused' && typeof p['rule'] === 'string') return t(`audit.rule.${p['rule']}`, { defaultValue: t('audit.error.booking_refused') });
  if (error.code === 'partly_failed') return t('audit.error.partly_failed', { failed: num(p['failed']), total: num(p['total']) });
  return t(`audit.error.${error.code}`, { defaultValue: t('audit.error.other') });
}

/** How it ended: "Thành công" or "Không thành công: …". */
export function resultText(entry: AuditEntry, t: TFunction): string {
  if (entry.result === 'ok') return t('audit.result.ok');
  return entry.error ? t('audit.result.failed', { reason: errorText(entry.error, t) }) : t('audit.result.failedPlain');
}

/** Where from: "trình duyệt · 10.0.0.7". */
export function fromText(entry: AuditEntry, t: TFunction): string {
  const source = entry.source ?? t('audit.unknownSource');
  if (!entry.client) return source;
  return t('audit.fromWhere', { client: t(`audit.client.${entry.client}`, { defaultValue: entry.client }), source });
}

/** The role in words, or the user's role as the engine names it when unknown. */
export const roleText = (role: string, t: TFunction): string => t(`user.role.${role}`, { defaultValue: role });
