import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useConferenceStore } from '../../stores/conference-store.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { controlBlock, type BlockReason } from './session-model.js';

export interface Gate {
  readonly blocked: BlockReason | null;
  /** Why the controls are off, in words; null when they may be used. */
  readonly reason: string | null;
}

export function blockText(reason: BlockReason | null, t: TFunction, mcu: { state: string } | null): string | null {
  if (reason === null) return null;
  if (reason === 'mcu') return t('session.blocked.mcu', { state: t(`session.mcu.state.${mcu?.state ?? 'none'}`) });
  return t(`session.blocked.${reason}`);
}

/** Whether conference controls may be used now (link, role, MCU, roster), and if not, why. */
export function useSessionGate(rosterKnown?: boolean): Gate {
  const { t } = useTranslation();
  const linkOpen = useConnectionStore((s) => s.link.phase === 'open');
  const identity = useConnectionStore((s) => s.identity);
  const mcu = useConferenceStore((s) => s.view?.mcu ?? null);
  const blocked = controlBlock({ linkOpen, identity, mcu, rosterKnown });
  return { blocked, reason: blockText(blocked, t, mcu) };
}
