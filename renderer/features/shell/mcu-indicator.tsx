import { useTranslation } from 'react-i18next';
import { useConferenceStore } from '../../stores/conference-store.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import { mcuAttention, mcuUnconfirmed } from '../session/mcu-state.js';

/**
 * The MCU in the top bar (ui.md): a calm dot and "MCU" when connected; the state in words with
 * its shape and colour when it needs attention. The Live view shows the why and since when.
 */
export function McuIndicator() {
  const { t } = useTranslation();
  const mcu = useConferenceStore((s) => s.view?.mcu ?? null);
  if (!mcu || mcu.state === 'none') return null;
  const unconfirmed = mcuUnconfirmed(mcu);
  const state = unconfirmed ? t('session.mcu.unconfirmed') : t(`session.mcu.state.${mcu.state}`);
  // A fault that recurs on every connection is named, not just "disconnected" again and again.
  const word = mcu.problem ? `${state} · ${t(`session.mcu.problemShort.${mcu.problem}`)}` : state;
  const attention = mcuAttention(mcu.state) || unconfirmed;
  const kind = unconfirmed ? 'unknown' : mcu.state === 'ok' ? 'up' : attention ? 'down' : 'unknown';
  return (
    <span
      className="top-bar__mcu"
      data-testid="topbar-mcu"
      data-state={mcu.state}
      data-attention={attention}
      data-unconfirmed={unconfirmed}
      title={`${t('session.mcu.label')}: ${word}${mcu.state !== 'ok' ? ` · ${t(`session.mcu.hint.${mcu.state}`)}` : ''}`}
    >
      <StatusGlyph kind={kind} label={word} />
      <span className="top-bar__mcu-label">{t('session.mcu.label')}</span>
      {(mcu.state !== 'ok' || unconfirmed) && <span className="top-bar__mcu-word">{word}</span>}
    </span>
  );
}
