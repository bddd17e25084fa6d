import { useTranslation } from 'react-i18next';
import type { McuState as McuStateName, McuStatus } from '../../../shared/conference.js';
import { formatDateTime } from '../../i18n/format.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import type { StatusKind } from '../../theme/status-kind.js';
import { Age } from '../topology/age.js';

const KIND: Readonly<Record<McuStateName, StatusKind>> = {
  ok: 'up',
  connecting: 'unknown',
  disconnected: 'down',
  auth_failed: 'down',
  bad_config: 'degraded',
  none: 'unreachable',
};

/** States that need the operator's eye: colour, a shape and a word. */
export const mcuAttention = (state: McuStateName): boolean => state === 'disconnected' || state === 'auth_failed' || state === 'bad_config';

/**
 * The MCU connection: calm and small when ok; otherwise the state in words with its shape and
 * colour, the driver's message (why) and since when.
 */
export function McuState({ mcu, timezone }: { readonly mcu: McuStatus | null; readonly timezone: string }) {
  const { t } = useTranslation();
  if (!mcu) {
    return (
      <p className="mcu-state" data-testid="mcu-state" data-state="waiting">
        <StatusGlyph kind="unknown" label={t('session.mcu.waiting')} />
        <span className="mcu-state__word">{t('session.mcu.waiting')}</span>
      </p>
    );
  }
  const word = t(`session.mcu.state.${mcu.state}`);
  const attention = mcuAttention(mcu.state);
  return (
    <div className="mcu-state" data-testid="mcu-state" data-state={mcu.state} data-attention={attention} role="status" title={`${t('session.mcu.label')}: ${word}${mcu.message ? ` · ${mcu.message}` : ''}`}>
      <StatusGlyph kind={KIND[mcu.state]} label={word} />
      <span className="mcu-state__label">{t('session.mcu.label')}</span>
      <span className="mcu-state__word">{word}</span>
      {mcu.state !== 'ok' && (
        <span className="mcu-state__since num" title={formatDateTime(mcu.since, timezone) ?? undefined}>
          <Age at={mcu.since} />
        </span>
      )}
      {mcu.state !== 'ok' && mcu.message && <span className="mcu-state__message">{mcu.message}</span>}
    </div>
  );
}
