import type { TFunction } from 'i18next';
import { LAYOUTS } from '../../../shared/conference.js';

/**
 * Words for what was done: "tắt micrô", "bố cục 1 + 5". A store detail reads `audio:off`,
 * `video:on` or `layout:<name>`.
 */
export function detailText(detail: string | null, t: TFunction): string | null {
  if (!detail) return null;
  const [kind, value] = detail.split(':');
  if (kind === 'audio' || kind === 'video') return t(`session.detail.${kind}.${value === 'off' ? 'off' : 'on'}`);
  if (kind === 'layout' && (LAYOUTS as readonly string[]).includes(value ?? '')) return t('session.detail.layout', { layout: t(`session.layout.${value}`) });
  return null;
}

/** The word for an action; an action the console does not know yet is shown as the engine names it. */
export const actionWord = (action: string, t: TFunction): string => t(`session.action.${action}`, { defaultValue: action });
