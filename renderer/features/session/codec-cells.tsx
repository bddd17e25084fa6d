import { useTranslation } from 'react-i18next';
import type { Participant } from '../../../shared/conference.js';
import type { CodecMetric, ParticipantCodec } from '../../../shared/participant-codec.js';
import { DEFAULT_DEGRADED_THRESHOLDS, type QualityMetric } from '../../../shared/status-derivation.js';
import { formatDateTime, formatNumber } from '../../i18n/format.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import type { StatusKind } from '../../theme/status-kind.js';
import { MicGlyph, PendingGlyph } from './session-glyphs.js';

/**
 * The cells of a roster row that come from the codec's own SNMP status: the state (the MCU's, or
 * the codec's flag over it when the codec is down, unreachable or stale), each quality figure
 * with its unit and a mark past its threshold, and the codec's own microphone.
 */

const STATE_KIND: Readonly<Record<Participant['state'], StatusKind>> = {
  connected: 'up',
  initial: 'unknown',
  ringing: 'unknown',
  onHold: 'unreachable',
  disconnected: 'unreachable',
};

const UNIT: Readonly<Record<QualityMetric, { unit: 'pct' | 'ms'; digits: number }>> = {
  packetLossPct: { unit: 'pct', digits: 2 },
  jitterMs: { unit: 'ms', digits: 1 },
  latencyMs: { unit: 'ms', digits: 0 },
};

/** The row's state: the MCU's word, unless the codec behind it is flagged, which then wins (glyph, word, colour). */
export function RowStateCell({ state, leaving, codec, timezone }: { readonly state: Participant['state']; readonly leaving: boolean; readonly codec: ParticipantCodec; readonly timezone: string }) {
  const { t } = useTranslation();
  const mcuWord = leaving ? t('session.state.leaving') : t(`session.state.${state}`);
  const flag = leaving ? null : codec.flag;
  if (flag) {
    const word = t(`session.codec.flag.${flag}`);
    const title = t('session.codec.flagTitle', { state: mcuWord, codec: t(`status.short.${flag}`), time: formatDateTime(codec.since, timezone) ?? t('value.none') });
    return (
      <td className="roster__state" data-state={state} data-codec-flag={flag} data-pending={false} title={title}>
        <StatusGlyph kind={flag} label={word} />
        <span className="roster__state-word">{word}</span>
        <span className="visually-hidden"> ({title})</span>
      </td>
    );
  }
  return (
    <td className="roster__state" data-state={state} data-codec-flag="" data-pending={leaving}>
      <StatusGlyph kind={STATE_KIND[state]} label={mcuWord} />
      <span className="roster__state-word">{mcuWord}</span>
      {leaving && <PendingGlyph label={t('session.pending')} />}
    </td>
  );
}

/** One figure with its unit; past its threshold: ▲, colour and the word; not live: hatched. */
export function CodecFigureCell({ figure, locale, timezone }: { readonly figure: CodecMetric; readonly locale: string; readonly timezone: string }) {
  const { t } = useTranslation();
  const { unit, digits } = UNIT[figure.metric];
  const n = formatNumber(figure.value, locale, digits);
  const text = n === null ? t('value.none') : `${n}\u00a0${t(`unit.${unit}`)}`;
  const limit = `${formatNumber(DEFAULT_DEGRADED_THRESHOLDS[figure.metric], locale, 0)}\u00a0${t(`unit.${unit}`)}`;
  const time = formatDateTime(figure.measuredAt, timezone);
  const title = [
    t(`session.codec.metric.${figure.metric}`),
    figure.over ? t('session.codec.overTitle', { limit }) : null,
    time ? t('session.codec.measured', { time }) : null,
    figure.old && n !== null ? t('session.codec.old') : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <td
      className={['roster__num', figure.old && n !== null ? 'stale-hatch' : ''].filter(Boolean).join(' ')}
      data-metric={figure.metric}
      data-over={figure.over}
      data-stale={figure.old}
      title={title}
    >
      {figure.over && (
        <span className="roster__over" aria-hidden="true">
          ▲{' '}
        </span>
      )}
      {text}
      {figure.over && <span className="visually-hidden"> ({t('session.codec.over')})</span>}
    </td>
  );
}

/** The codec's own microphone (SNMP), beside the MCU's audio: read only, a microphone or a struck-out one (the word for screen readers and in the tooltip, with its time). */
export function CodecMicCell({ codec, timezone }: { readonly codec: ParticipantCodec; readonly timezone: string }) {
  const { t } = useTranslation();
  const muted = codec.micMuted;
  const word = muted === null ? t('value.none') : t(`session.codec.mic.${muted ? 'off' : 'on'}`);
  const state = muted === null ? t('session.codec.mic.unknown') : word;
  const time = formatDateTime(codec.micAt, timezone);
  const title = [t('session.codec.mic.title', { state }), time ? t('session.codec.measured', { time }) : null, codec.codec !== 'up' && muted !== null ? t('session.codec.old') : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <td className="roster__codec-mic" data-codec-mic={muted === null ? 'unknown' : String(muted)} title={title}>
      {muted === null ? (
        word
      ) : (
        <>
          <MicGlyph muted={muted} label={state} />
          <span className="visually-hidden">{word}</span>
        </>
      )}
    </td>
  );
}
