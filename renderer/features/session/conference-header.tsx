import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../auth/use-can.js';
import type { Conference } from '../../../shared/conference.js';
import { useConferenceStore } from '../../stores/conference-store.js';
import { controlKey } from '../../stores/conference-pending.js';
import { ConfirmDialog } from '../shell/confirm-dialog.js';
import { ControlErrorNote } from './control-error.js';
import { layoutName } from '../../i18n/layout-words.js';
import { LayoutThumb } from './layout-thumb.js';
import { PendingGlyph } from './session-glyphs.js';
import { present, type ShownConference } from './session-model.js';

/** Level 2: the conference's name, who is in it, its layout, and ending it (named and confirmed in a dialog). */
export function ConferenceHeader({ conference, shown, reason }: { readonly conference: Conference; readonly shown: ShownConference; readonly reason: string | null }) {
  const mayEnd = useCan('endConference');
  const { t } = useTranslation();
  const error = useConferenceStore((s) => s.errors.get(controlKey(conference.id, null, 'end')));
  const inCall = present(conference);
  const connected = inCall.filter((p) => p.state === 'connected').length;
  const speaking = conference.participants.filter((p) => p.activeSpeaker).length;
  const layout = shown.layout.value;
  const [asking, setAsking] = useState(false);
  const disabled = reason !== null || shown.ending;
  return (
    <header className="conf-head" data-testid="conference-header" data-conference-id={conference.id} data-layout={layout ?? ''} data-layout-pending={shown.layout.pending} data-ending={shown.ending}>
      <div className="conf-head__title">
        <h2 className="conf-head__name">{conference.name}</h2>
        <p className="conf-head__meta">
          {conference.rosterKnown ? (
            <span className="num" data-testid="conference-participants" data-count={inCall.length} data-connected={connected}>
              {t('session.conf.participants', { count: inCall.length })}
              {` · ${t('session.conf.connected', { count: connected })}`}
              {speaking === 0 && <span className="faint">{` · ${t('session.conf.nobodySpeaking')}`}</span>}
            </span>
          ) : (
            <span>{t('session.roster.unknownShort')}</span>
          )}
          {layout && (
            <span className="conf-head__layout" data-pending={shown.layout.pending}>
              <LayoutThumb layout={layout} label={layoutName(layout, t)} width={28} />
              {t('session.conf.layoutIs', { layout: layoutName(layout, t) })}
              {shown.layout.pending && <PendingGlyph label={t('session.pending')} />}
            </span>
          )}
          {!layout && conference.rosterKnown && inCall.length > 0 && (
            <span className="conf-head__layout" data-testid="layout-mixed" title={t('session.conf.layoutMixedHint')}>
              {t('session.conf.layoutMixed')}
            </span>
          )}
          {shown.ending && (
            <span className="conf-head__ending">
              <PendingGlyph label={t('session.pending')} />
              {t('session.end.ending')}
            </span>
          )}
        </p>
      </div>
      {mayEnd && (
        <div className="conf-head__actions">
          <button
            type="button"
            className="conf-head__end"
            data-testid="end-conference"
            disabled={disabled}
            title={reason ?? t('session.end.hint', { name: conference.name })}
            onClick={() => setAsking(true)}
          >
            {t('session.end.button')}
          </button>
          {asking && !disabled && (
            <ConfirmDialog
              testId="end-dialog"
              question={t('session.end.question', { name: conference.name, count: inCall.length })}
              confirmLabel={t('session.end.confirmButton', { name: conference.name })}
              cancelLabel={t('session.end.keep')}
              onConfirm={() => void useConferenceStore.getState().endConference(conference.id, conference.name)}
              onClose={() => setAsking(false)}
            />
          )}
          <ControlErrorNote error={error} testId="end-error" onDismiss={() => useConferenceStore.getState().clearError(controlKey(conference.id, null, 'end'))} />
        </div>
      )}
    </header>
  );
}
