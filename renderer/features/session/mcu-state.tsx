import { useTranslation } from 'react-i18next';
import type { McuState as McuStateName, McuStatus } from '../../../shared/conference.js';
import { clockParts, formatDateTime } from '../../i18n/format.js';
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

/** Connected, but the MCU has shown no sign of life lately: the rosters are not confirmed live. */
export const mcuUnconfirmed = (mcu: McuStatus): boolean => mcu.state === 'ok' && mcu.unconfirmed === true;

/** "HH:mm:ss" of an ISO time in the network's zone, or null. */
export function clockOf(iso: string | null | undefined, timezone: string): string | null {
  const at = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(at) ? null : clockParts(at, timezone).time;
}

/**
 * The MCU connection: calm and small when ok; otherwise the state in words with its shape and
 * colour, why in words and since when.
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
  const unconfirmed = mcuUnconfirmed(mcu);
  const word = unconfirmed ? t('session.mcu.unconfirmed') : t(`session.mcu.state.${mcu.state}`);
  const attention = mcuAttention(mcu.state) || unconfirmed;
  const retryAt = mcu.state !== 'ok' ? clockOf(mcu.retryAt, timezone) : null;
  const lastHeard = clockOf(mcu.lastHeardAt, timezone);
  // Everything in the catalogue's words; the driver's own (English) message is for the engine's log.
  const explained = mcu.problem || unconfirmed;
  return (
    <div
      className="mcu-state"
      data-testid="mcu-state"
      data-state={mcu.state}
      data-attention={attention}
      data-unconfirmed={unconfirmed}
      data-problem={mcu.problem ?? undefined}
      role="status"
      title={`${t('session.mcu.label')}: ${word}`}
    >
      <StatusGlyph kind={unconfirmed ? 'unknown' : KIND[mcu.state]} label={word} />
      <span className="mcu-state__label">{t('session.mcu.label')}</span>
      <span className="mcu-state__word">{word}</span>
      {mcu.state !== 'ok' && (
        <span className="mcu-state__since num" title={formatDateTime(mcu.since, timezone) ?? undefined}>
          <Age at={mcu.since} />
        </span>
      )}
      {mcu.problem && <span className="mcu-state__message" data-testid="mcu-problem">{t(`session.mcu.problem.${mcu.problem}`)}</span>}
      {unconfirmed && <span className="mcu-state__message" data-testid="mcu-unconfirmed">{t('session.mcu.unconfirmedNote', { time: lastHeard ?? '—' })}</span>}
      {retryAt && <span className="mcu-state__message num" data-testid="mcu-retry">{t('session.mcu.retryAt', { time: retryAt })}</span>}
      {!explained && mcu.state !== 'ok' && (
        <span className="mcu-state__message" data-testid="mcu-hint">
          {t(`session.mcu.hint.${mcu.state}`)}
        </span>
      )}
    </div>
  );
}
