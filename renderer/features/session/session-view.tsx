import './session.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../auth/use-can.js';
import { useAuditStore } from '../../stores/audit-store.js';
import { selectedConference, useConferenceStore } from '../../stores/conference-store.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import { ActionResults } from './action-results.js';
import { AuditPanel } from './audit-panel.js';
import { BulkConnect } from './bulk-connect.js';
import { ConferenceHeader } from './conference-header.js';
import { ConferenceList } from './conference-list.js';
import { DialOut } from './dial-out.js';
import { LayoutPicker } from './layout-picker.js';
import { MuteAll } from './mute-all.js';
import { RosterTable } from './roster-table.js';
import { shownConference } from './session-model.js';
import { useSessionGate } from './use-session-gate.js';

/**
 * The Live view (ui.md): conferences on the left; the chosen one's roster as a dense table with
 * per-participant controls, and the audit log under it; on the right the conference controls
 * (layout thumbnails, mute all but the chair, bulk connect, dial out) and the results of the
 * operator's actions.
 */
export function SessionView() {
  const { t } = useTranslation();
  const timezone = useNetworkStore((s) => s.network?.timezone ?? 'Asia/Ho_Chi_Minh');
  const conference = useConferenceStore(selectedConference);
  const pending = useConferenceStore((s) => s.pending);
  const hasView = useConferenceStore((s) => s.view !== null);
  const linkOpen = useConnectionStore((s) => s.link.phase === 'open');
  const role = useConnectionStore((s) => s.identity?.role ?? null);
  const gate = useSessionGate(conference?.rosterKnown);
  const mayLayout = useCan('setLayout');
  const mayMuteAll = useCan('muteAllExceptChair');
  const mayConnect = useCan('connectSites');
  const mayDial = useCan('dialOut');
  const mayAct = useCan('muteParticipant');
  const mayReadAudit = useCan('listAudit');

  useEffect(() => {
    if (mayReadAudit) useAuditStore.getState().refresh();
  }, [linkOpen, mayReadAudit]);

  const shown = conference ? shownConference(conference, pending) : null;
  return (
    <div className="session" data-testid="session-view" data-blocked={gate.blocked ?? 'none'} data-role={role ?? ''}>
      <ConferenceList timezone={timezone} />
      <section className="session__main" aria-label={t('session.label')}>
        {!linkOpen && hasView && (
          <div className="link-lost" role="status" data-testid="session-link-lost">
            <StatusGlyph kind="down" label={t('connection.closed')} />
            <span>{t('session.linkLost')}</span>
          </div>
        )}
        {gate.blocked && gate.blocked !== 'link' && gate.blocked !== 'role' && (
          <p className="session__blocked" role="status" data-testid="controls-blocked" data-reason={gate.blocked}>
            {t('session.blocked.note', { reason: gate.reason })}
          </p>
        )}
        {conference && shown ? (
          <>
            <ConferenceHeader conference={conference} shown={shown} reason={gate.reason} />
            <RosterTable conference={conference} reason={gate.reason} />
          </>
        ) : (
          <p className="session__empty faint">{hasView ? t('session.conf.noneSelected') : t('session.conf.waiting')}</p>
        )}
        {mayReadAudit && <AuditPanel timezone={timezone} />}
      </section>
      <aside className="session__side" aria-label={t('session.controls')}>
        {conference && shown && (
          <>
            {mayLayout && <LayoutPicker conference={conference} shown={shown.layout} reason={gate.reason} />}
            {mayMuteAll && <MuteAll conference={conference} reason={gate.reason} />}
            {mayConnect && <BulkConnect conference={conference} reason={gate.reason} />}
            {mayDial && <DialOut conference={conference} reason={gate.reason} />}
          </>
        )}
        {mayAct && <ActionResults timezone={timezone} />}
      </aside>
    </div>
  );
}
