import type { TFunction } from 'i18next';
import type { AuditEntry } from '../../../shared/audit.js';
import { LAYOUTS } from '../../../shared/conference.js';

/**
 * Words for what was done: "tắt micrô", "bố cục 1 + 5". A store detail reads `audio:off`,
 * `video:on` or `layout:<name>`; an audit entry's params are its request as JSON.
 */
export function detailText(detail: string | null, t: TFunction): string | null {
  if (!detail) return null;
  const [kind, value] = detail.split(':');
  if (kind === 'audio' || kind === 'video') return t(`session.detail.${kind}.${value === 'off' ? 'off' : 'on'}`);
  if (kind === 'layout' && (LAYOUTS as readonly string[]).includes(value ?? '')) return t('session.detail.layout', { layout: t(`session.layout.${value}`) });
  return null;
}

/** The details of an audit entry's request, in words (mute on/off, a layout); null when there is nothing to add. */
export function auditDetail(entry: AuditEntry, t: TFunction): string | null {
  let params: Record<string, unknown>;
  try {
    params = JSON.parse(entry.params) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!params || typeof params !== 'object') return null;
  const parts: string[] = [];
  if (typeof params.audio === 'boolean') parts.push(detailText(`audio:${params.audio ? 'off' : 'on'}`, t)!);
  if (typeof params.video === 'boolean') parts.push(detailText(`video:${params.video ? 'off' : 'on'}`, t)!);
  if (typeof params.layout === 'string') {
    const d = detailText(`layout:${params.layout}`, t);
    if (d) parts.push(d);
  }
  return parts.length ? parts.join(', ') : null;
}

/** The word for an action; an action the console does not know yet is shown as the engine names it. */
export const actionWord = (action: string, t: TFunction): string => t(`session.action.${action}`, { defaultValue: action });
