import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { layoutName } from '../../i18n/layout-words.js';
import { useCan } from '../auth/use-can.js';
import { LAYOUTS, type Layout } from '../../../shared/conference.js';
import type { SiteView } from '../../../shared/inventory.js';
import { useClockStore } from '../../stores/clock-store.js';
import { type ConferenceState } from '../../stores/conference-store.js';
import { controlKey, type PendingChange, type PendingField } from '../../stores/conference-pending.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { armState, press } from '../shell/arming.js';
import { controlBlocker, type Blocker } from './map-actions.js';
import { selectLiveConferences, selectMcu, selectSeat, useConferenceStore, type Seat } from './map-conferences.js';
import { useMapStore } from './map-store.js';

type EndpointView = SiteView['endpoints'][number];

/** How long a disconnect stays armed after the first click (ms). */
const ARM_MS = 5_000;
/** How long "connecting" is shown after a dial-out the engine took, until the roster shows the site. */
const CONNECT_WAIT_MS = 20_000;

/** The pending change of one of a participant's fields, if any. */
export function pendingOf(s: Pick<ConferenceState, 'pending'>, seat: Seat, field: PendingField): PendingChange | undefined {
  return s.pending.find((p) => p.conferenceId === seat.conference.id && p.participantId === seat.participant.id && p.field === field);
}

/** Muted as the screen shows it: what was asked while pending, else what the MCU reports. */
export function shownMuted(s: Pick<ConferenceState, 'pending'>, seat: Seat): boolean {
  const p = pendingOf(s, seat, 'audioMuted');
  return p ? p.value === true : (seat.participant.audioMuted ?? false);
}

export function useBlocker(): Blocker | null {
  const linkOpen = useConnectionStore((s) => s.link.phase === 'open');
  const identity = useConnectionStore((s) => s.identity);
  const mcu = useConferenceStore(selectMcu);
  return controlBlocker({ linkOpen, identity, mcu });
}

function useBlockedText(): (b: Blocker) => string {
  const { t } = useTranslation();
  const mcu = useConferenceStore(selectMcu);
  return (b) => t(`map.blocked.${b}`, { state: t(`map.mcu.state.${mcu?.state ?? 'unknown'}`) });
}

/** A refusal or an unconfirmed request of one control, in words, beside it. */
function ControlNote({ errorKey, what }: { readonly errorKey: string; readonly what: string }) {
  const { t } = useTranslation();
  const error = useConferenceStore((s) => s.errors.get(errorKey));
  if (!error) return null;
  return (
    <p className="map-controls__result" role="status" data-testid="map-action-result" data-ok="false" data-kind={error.kind}>
      {error.kind === 'unconfirmed' ? t('map.result.unconfirmed', { what }) : t('map.result.failed', { what, reason: error.message })}
    </p>
  );
}

/** Why `m` did nothing for this endpoint. */
function KeyNote({ endpointId }: { readonly endpointId: string }) {
  const { t } = useTranslation();
  const note = useMapStore((s) => (s.keyNote?.endpointId === endpointId ? s.keyNote : null));
  const blockedText = useBlockedText();
  if (!note) return null;
  return (
    <p className="map-controls__result" role="status" data-testid="map-key-note" data-ok="false">
      {t('map.result.failed', { what: t('map.action.mute'), reason: blockedText(note.blocker) })}
    </p>
  );
}

/** Armed, then fired (shell/arming.ts): the first press arms, a second within the countdown fires; Escape or the countdown disarm. */
function useArming(): { readonly armed: boolean; readonly left: number; readonly onPress: (fire: () => void) => void; readonly disarm: () => void } {
  const [armedAt, setArmedAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (armedAt === null) return;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (!armState(armedAt, at).armed) setArmedAt(null);
    }, 200);
    return () => clearInterval(timer);
  }, [armedAt]);
  const state = armState(armedAt, now);
  return {
    armed: state.armed,
    left: state.left,
    onPress: (fire) => {
      const at = Date.now();
      const what = press(armedAt, at);
      setNow(at);
      if (what === 'arm') setArmedAt(at);
      else if (what === 'fire') {
        setArmedAt(null);
        fire();
      }
    },
    disarm: () => setArmedAt(null),
  };
}

function ConnectControls({ endpoint, siteName, blocker }: { readonly endpoint: EndpointView; readonly siteName: string; readonly blocker: Blocker | null }) {
  const { t } = useTranslation();
  const conferences = useConferenceStore(selectLiveConferences);
  const blockedText = useBlockedText();
  const [target, setTarget] = useState('');
  const [sentAt, setSentAt] = useState<number | null>(null);
  const now = useClockStore((s) => s.now);
  const arming = useArming();
  const live = conferences.filter((c) => c.rosterKnown);
  const conferenceId = live.some((c) => c.id === target) ? target : (live[0]?.id ?? '');
  const conferenceName = live.find((c) => c.id === conferenceId)?.name ?? '';
  const why: Blocker | null = blocker ?? (conferenceId === '' ? 'noConference' : endpoint.uri === null ? 'noUri' : null);
  const errorKey = controlKey(conferenceId, null, 'dial');
  const failed = useConferenceStore((s) => s.errors.has(errorKey));
  const waiting = sentAt !== null && !failed && now - sentAt < CONNECT_WAIT_MS;
  const armed = arming.armed && why === null && !waiting;
  return (
    <div className="map-controls" data-testid="map-controls" data-endpoint-id={endpoint.id} data-in-call="false">
      <p className="map-controls__state">{t('map.controls.notInConference')}</p>
      <div className="map-controls__row">
        {live.length > 1 && (
          <select
            value={conferenceId}
            onChange={(e) => {
              arming.disarm();
              setTarget(e.target.value);
            }}
            aria-label={t('map.controls.conference')}
            disabled={why !== null}
          >
            {live.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
        <button
          type="button"
          className="map-controls__button"
          data-testid="map-connect"
          data-pending={waiting}
          data-armed={armed}
          disabled={why !== null || waiting}
          title={why ? blockedText(why) : armed ? undefined : t('map.controls.connectHint')}
          onClick={() =>
            arming.onPress(() => {
              setSentAt(Date.now());
              void useConferenceStore.getState().dialOut(conferenceId, { endpointId: endpoint.id }, siteName);
            })
          }
          onKeyDown={(e) => {
            if (e.key === 'Escape' && armed) {
              e.preventDefault();
              e.stopPropagation();
              arming.disarm();
            }
          }}
        >
          {waiting ? t('map.controls.connecting') : armed ? t('map.controls.confirmConnect', { seconds: arming.left }) : t('map.controls.connect', { conference: conferenceName })}
        </button>
      </div>
      {armed && (
        <p className="map-controls__confirm" role="alert" data-testid="map-connect-confirm">
          {t('map.controls.connectQuestion', { site: siteName, conference: conferenceName })}
        </p>
      )}
      {why && (
        <p className="map-controls__blocked" data-testid="map-controls-blocked" data-blocker={why}>
          {blockedText(why)}
        </p>
      )}
      {sentAt !== null && <ControlNote errorKey={errorKey} what={t('map.action.connect')} />}
      <KeyNote endpointId={endpoint.id} />
    </div>
  );
}

/**
 * Controls for one endpoint: mute / unmute, layout and disconnect when it is in a conference,
 * connect (dial out) when it is not. They act through the console's conference store: the same
 * RPC requests as the Live view (the engine checks the role and writes the audit log); a request
 * shows as pending until the MCU's roster reports it, and a refusal rolls back and says why.
 */
export function EndpointControls({ endpoint, siteName }: { readonly endpoint: EndpointView; readonly siteName: string }) {
  const { t } = useTranslation();
  const seat = useConferenceStore(selectSeat(endpoint.id));
  const blocker = useBlocker();
  const blockedText = useBlockedText();
  const now = useClockStore((s) => s.now);
  const [armedAt, setArmedAt] = useState<number | null>(null);
  const mutePending = useConferenceStore((s) => (seat ? pendingOf(s, seat, 'audioMuted') : undefined));
  const layoutPending = useConferenceStore((s) => (seat ? pendingOf(s, seat, 'layout') : undefined));
  const leaving = useConferenceStore((s) => (seat ? pendingOf(s, seat, 'leaving') !== undefined : false));
  const mayMute = useCan('muteParticipant');
  const mayDial = useCan('dialOut');

  useEffect(() => {
    if (armedAt === null) return;
    const timer = setTimeout(() => setArmedAt(null), ARM_MS);
    return () => clearTimeout(timer);
  }, [armedAt]);

  // Controls only for those the engine would let act (the contract's roles): a supervisor watches.
  if (!seat) return mayDial ? <ConnectControls endpoint={endpoint} siteName={siteName} blocker={blocker} /> : null;
  if (!mayMute) return null;

  const { conference, participant } = seat;
  const store = useConferenceStore.getState();
  const muted = participant.audioMuted ?? false;
  const showMuted = mutePending ? mutePending.value === true : muted;
  const showLayout = (layoutPending?.value as Layout | undefined) ?? participant.layout ?? conference.layout ?? 'automatic';
  const disabled = blocker !== null;
  const reason = blocker ? blockedText(blocker) : undefined;
  const armed = armedAt !== null && now - armedAt < ARM_MS;
  const secondsLeft = armedAt === null ? 0 : Math.min(ARM_MS / 1000, Math.max(1, Math.ceil((ARM_MS - (now - armedAt)) / 1000)));
  return (
    <div className="map-controls" data-testid="map-controls" data-endpoint-id={endpoint.id} data-in-call="true" data-muted={muted} data-participant-state={participant.state}>
      <p className="map-controls__state">
        {t('map.controls.inConference', { conference: conference.name })} · {t(`map.participant.${participant.state}`)}
      </p>
      <div className="map-controls__row">
        <button
          type="button"
          className="map-controls__button"
          data-testid="map-mute"
          data-pending={mutePending !== undefined}
          data-muted={showMuted}
          aria-pressed={showMuted}
          disabled={disabled}
          title={reason ?? t('map.controls.muteKey')}
          onClick={() => void store.mute(conference.id, participant.id, 'audio', !showMuted, siteName)}
        >
          <span className="map-controls__mic" data-muted={showMuted} aria-hidden="true" />
          {mutePending ? t(showMuted ? 'map.controls.muting' : 'map.controls.unmuting') : t(muted ? 'map.controls.unmute' : 'map.controls.mute')}
        </button>
        <span className="map-controls__mic-state" data-testid="map-mic-state" data-muted={muted}>
          {t(muted ? 'map.controls.micOff' : 'map.controls.micOn')}
        </span>
      </div>
      <ControlNote errorKey={controlKey(conference.id, participant.id, 'audio')} what={t('map.action.mute')} />
      <div className="map-controls__row">
        <label className="map-controls__layout">
          <span>{t('map.controls.layout')}</span>
          <select
            value={showLayout}
            disabled={disabled}
            data-testid="map-layout"
            data-pending={layoutPending !== undefined}
            title={reason}
            onChange={(e) => void store.setLayout(conference.id, participant.id, e.target.value as Layout, siteName)}
          >
            {LAYOUTS.map((l) => (
              <option key={l} value={l}>
                {layoutName(l, t)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="map-controls__button"
          data-testid="map-disconnect"
          data-armed={armed}
          data-pending={leaving}
          disabled={disabled || leaving}
          title={reason}
          onClick={() => {
            if (!armed) return setArmedAt(Date.now());
            setArmedAt(null);
            void store.disconnect(conference.id, participant.id, siteName);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && armed) {
              e.preventDefault();
              e.stopPropagation();
              setArmedAt(null);
            }
          }}
        >
          {leaving ? t('map.controls.disconnecting') : armed ? t('map.controls.confirmDisconnect', { seconds: secondsLeft }) : t('map.controls.disconnect')}
        </button>
      </div>
      <ControlNote errorKey={controlKey(conference.id, participant.id, 'layout')} what={t('map.action.layout')} />
      <ControlNote errorKey={controlKey(conference.id, participant.id, 'disconnect')} what={t('map.action.disconnect')} />
      {blocker && (
        <p className="map-controls__blocked" data-testid="map-controls-blocked" data-blocker={blocker}>
          {reason}
        </p>
      )}
      <KeyNote endpointId={endpoint.id} />
    </div>
  );
}
