import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../auth/use-can.js';
import { isLayout, LAYOUTS, type Layout } from '../../../shared/conference.js';
import { participantCodec } from '../../../shared/participant-codec.js';
import type { EndpointStatus } from '../../../shared/status.js';
import { localeOf } from '../../i18n/index.js';
import { layoutName } from '../../i18n/layout-words.js';
import { useConferenceStore } from '../../stores/conference-store.js';
import { controlKey, type ControlError } from '../../stores/conference-pending.js';
import { useStatusStore } from '../../stores/status-store.js';
import { ArmedButton } from './armed-button.js';
import { CodecFigureCell, CodecMicCell, RowStateCell } from './codec-cells.js';
import { ControlErrorNote } from './control-error.js';
import { CameraGlyph, MicGlyph, PendingGlyph, SpeakingGlyph } from './session-glyphs.js';
import { ShortAge } from './short-age.js';
import type { RosterRow, Shown, ShownParticipant } from './session-model.js';

interface ToggleProps {
  readonly kind: 'audio' | 'video';
  readonly shown: Shown<boolean | null>;
  readonly site: string;
  readonly disabled: boolean;
  readonly reason: string | null;
  readonly tabIndex: number;
  readonly error: ControlError | undefined;
  readonly onToggle: (muted: boolean) => void;
  /** The caller may not make this request at all (a supervisor): the state alone, no button. */
  readonly readOnly?: boolean;
}

/** Microphone or camera: what it is (or what was asked, marked pending), a click switches it. */
function MuteToggle({ kind, shown, site, disabled, reason, tabIndex, error, onToggle, readOnly }: ToggleProps) {
  const { t } = useTranslation();
  const muted = shown.value;
  const word = muted === null ? t('value.none') : t(`session.${kind}.${muted ? 'off' : 'on'}`);
  const stateText = muted === null ? t(`session.${kind}.unknown`) : word;
  if (readOnly) {
    return (
      <span className="ctl-cell toggle--read" data-state-of={kind} data-muted={muted === null ? 'unknown' : String(muted)} title={stateText}>
        {kind === 'audio' ? <MicGlyph muted={muted === true} label={stateText} /> : <CameraGlyph muted={muted === true} label={stateText} />}
        <span className="toggle__word">{word}</span>
      </span>
    );
  }
  const key = kind === 'audio' ? 'M' : 'V';
  const title = disabled
    ? (reason ?? '')
    : [t(`session.${kind}.title`, { site, state: stateText, key }), shown.pending ? t('session.pending') : null].filter(Boolean).join(' · ');
  return (
    <span className="ctl-cell">
      <button
        type="button"
        className="toggle"
        data-control={kind}
        data-testid={kind === 'audio' ? 'mic-toggle' : 'camera-toggle'}
        data-muted={muted === null ? 'unknown' : String(muted)}
        data-pending={shown.pending}
        aria-pressed={muted === true}
        aria-label={title}
        title={title}
        disabled={disabled}
        tabIndex={tabIndex}
        onClick={() => onToggle(!(muted ?? false))}
      >
        {kind === 'audio' ? <MicGlyph muted={muted === true} label={stateText} /> : <CameraGlyph muted={muted === true} label={stateText} />}
        <span className="toggle__word">{word}</span>
        {shown.pending && <PendingGlyph label={t('session.pending')} />}
      </button>
      <ControlErrorNote error={error} testId={`${kind}-error`} />
    </span>
  );
}

export interface ParticipantRowProps {
  readonly conferenceId: string;
  readonly row: RosterRow;
  readonly shown: ShownParticipant;
  readonly tabbable: boolean;
  readonly focused: boolean;
  /** Why controls are off (link, role, MCU, roster); null when they may be used. */
  readonly reason: string | null;
  readonly errors: ReadonlyMap<string, ControlError>;
  readonly timezone: string;
}

/**
 * One participant: speaking, site, tier, state (the codec's flag over the MCU's word when its codec is
 * down, unreachable or stale), MCU mic, codec mic, camera, loss, jitter, latency (with the age of the
 * figures), layout, disconnect.
 */
export const ParticipantRow = memo(function ParticipantRow({ conferenceId, row, shown, tabbable, focused, reason, errors, timezone }: ParticipantRowProps) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const p = row.participant;
  const endpointId = p.endpointId;
  const status: EndpointStatus | undefined = useStatusStore((s) => (endpointId ? s.statuses.get(endpointId) : undefined));
  const store = useConferenceStore.getState;
  const gone = p.state === 'disconnected' || shown.leaving;
  const disabled = reason !== null || gone;
  const rowReason = reason ?? (gone ? t('session.roster.gone') : null);
  const tab = tabbable ? 0 : -1;
  const err = (c: 'audio' | 'video' | 'layout' | 'disconnect') => errors.get(controlKey(conferenceId, p.id, c));
  const codec = participantCodec(p, status);
  const layout = shown.layout.value;
  const mayMute = useCan('muteParticipant');
  const mayLayout = useCan('setLayout');
  const mayDisconnect = useCan('disconnectParticipant');

  return (
    <tr
      className="roster__row"
      tabIndex={tab}
      data-focused={focused}
      data-participant-id={p.id}
      data-endpoint-id={endpointId ?? ''}
      data-state={p.state}
      data-codec={codec.codec}
      data-codec-flag={codec.flag ?? ''}
      data-speaking={p.activeSpeaker}
      data-leaving={shown.leaving}
      data-audio-muted={String(shown.audioMuted.value)}
      data-audio-pending={shown.audioMuted.pending}
      data-video-muted={String(shown.videoMuted.value)}
      data-video-pending={shown.videoMuted.pending}
      data-layout={layout ?? ''}
      data-layout-pending={shown.layout.pending}
      data-testid="roster-row"
    >
      <td className="roster__speaking">
        {p.activeSpeaker && <SpeakingGlyph label={t('session.roster.speaking')} />}
      </td>
      <th scope="row" className="roster__site" title={[row.name, row.tier ? t(`tier.${row.tier}`, { defaultValue: row.tier }) : null, row.site ? null : p.uri].filter(Boolean).join(' · ')}>
        <span className="roster__name">{row.name}</span>
        {!row.site && <span className="roster__outside faint">{t('session.roster.outside')}</span>}
      </th>
      <td className="roster__tier">{row.tier ? t(`tier.${row.tier}`, { defaultValue: row.tier }) : t('value.none')}</td>
      <RowStateCell state={p.state} leaving={shown.leaving} codec={codec} timezone={timezone} />
      <td>
        <MuteToggle
          kind="audio"
          shown={shown.audioMuted}
          site={row.name}
          disabled={disabled}
          reason={rowReason}
          tabIndex={tab}
          error={err('audio')}
          readOnly={!mayMute}
          onToggle={(muted) => void store().mute(conferenceId, p.id, 'audio', muted, row.name)}
        />
      </td>
      <CodecMicCell codec={codec} timezone={timezone} />
      <td>
        <MuteToggle
          kind="video"
          shown={shown.videoMuted}
          site={row.name}
          disabled={disabled}
          reason={rowReason}
          tabIndex={tab}
          error={err('video')}
          readOnly={!mayMute}
          onToggle={(muted) => void store().mute(conferenceId, p.id, 'video', muted, row.name)}
        />
      </td>
      {codec.metrics.map((m) => (
        <CodecFigureCell key={m.metric} figure={m} locale={locale} timezone={timezone} />
      ))}
      <td className="roster__age">
        <ShortAge at={codec.figuresAt} timezone={timezone} />
      </td>
      <td>
        {mayLayout ? (
          <span className="ctl-cell">
            <select
              className="roster__layout"
              data-control="layout"
              data-testid="participant-layout"
              data-pending={shown.layout.pending}
              value={layout ?? ''}
              disabled={disabled}
              tabIndex={tab}
              aria-label={t('session.roster.layoutFor', { site: row.name })}
              title={disabled ? (rowReason ?? '') : [t('session.roster.layoutFor', { site: row.name }), shown.layout.pending ? t('session.pending') : null].filter(Boolean).join(' · ')}
              onChange={(e) => void store().setLayout(conferenceId, p.id, e.target.value as Layout, row.name)}
            >
              {layout === null && <option value="">{t('value.none')}</option>}
              {layout !== null && !isLayout(layout) && (
                <option value={layout} disabled>
                  {layoutName(layout, t)}
                </option>
              )}
              {LAYOUTS.map((l) => (
                <option key={l} value={l}>
                  {t(`session.layout.${l}`)}
                </option>
              ))}
            </select>
            {shown.layout.pending && <PendingGlyph label={t('session.pending')} />}
            <ControlErrorNote error={err('layout')} testId="layout-error" />
          </span>
        ) : (
          <span className="faint">{layout ? layoutName(layout, t) : t('value.none')}</span>
        )}
      </td>
      <td className="roster__actions">
        {mayDisconnect && (
          <span className="ctl-cell">
            <ArmedButton
              compact
              className="armed--row"
              testId="disconnect"
              label={t('session.disconnect.short')}
              confirm={t('session.disconnect.confirm', { site: row.name })}
              disabled={disabled}
              reason={rowReason}
              tabIndex={tab}
              onFire={() => void store().disconnect(conferenceId, p.id, row.name)}
            />
            <ControlErrorNote error={err('disconnect')} testId="disconnect-error" />
          </span>
        )}
      </td>
    </tr>
  );
});
