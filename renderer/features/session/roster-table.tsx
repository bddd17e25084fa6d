import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../auth/use-can.js';
import type { Conference } from '../../../shared/conference.js';
import { localeOf } from '../../i18n/index.js';
import { useConferenceStore } from '../../stores/conference-store.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import { ParticipantRow } from './participant-row.js';
import { endpointSites, rosterRows, shownParticipant } from './session-model.js';

const NO_TIERS: readonly string[] = [];

const typing = (el: EventTarget | null): boolean => el instanceof HTMLElement && (el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA');

/**
 * The roster as a dense table: one row per participant, the keyboard moving a row focus (Up,
 * Down, Home, End) and acting on it (M microphone, V camera, L layout, Delete disconnect: armed,
 * then fired by a second Delete). While the MCU has not sent a full roster, there is no table,
 * only a plain statement that the roster is unknown: old rows are never shown as live.
 */
export function RosterTable({ conference, reason }: { readonly conference: Conference; readonly reason: string | null }) {
  const { t, i18n } = useTranslation();
  const network = useNetworkStore((s) => s.network);
  const timezone = network?.timezone ?? 'Asia/Ho_Chi_Minh';
  const tiers = useNetworkStore((s) => s.network?.tiers ?? NO_TIERS);
  const pending = useConferenceStore((s) => s.pending);
  const errors = useConferenceStore((s) => s.errors);
  const mayAct = useCan('muteParticipant');
  const sitesByEndpoint = useMemo(() => endpointSites(network), [network]);
  const collator = useMemo(() => new Intl.Collator(localeOf(i18n.language)), [i18n.language]);
  const rows = useMemo(() => rosterRows(conference, sitesByEndpoint, tiers, collator), [conference, sitesByEndpoint, tiers, collator]);
  const [focusId, setFocusId] = useState<string | null>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const pendingFocus = useRef<string | null>(null);

  const tabbableId = rows.some((r) => r.participant.id === focusId) ? focusId : (rows[0]?.participant.id ?? null);

  useLayoutEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    pendingFocus.current = null;
    for (const tr of bodyRef.current?.querySelectorAll<HTMLElement>('tr[data-participant-id]') ?? []) if (tr.dataset.participantId === id) return tr.focus();
  });

  if (!conference.rosterKnown) {
    return (
      <div className="roster-unknown" role="status" data-testid="roster-unknown">
        <StatusGlyph kind="unknown" label={t('session.roster.unknownShort')} size={14} />
        <div>
          <p className="roster-unknown__title">{t('session.roster.unknownTitle')}</p>
          <p className="faint">{t('session.roster.unknownNote')}</p>
        </div>
      </div>
    );
  }

  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>): void => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const tr = (e.target as HTMLElement).closest<HTMLElement>('tr[data-participant-id]');
    if (!tr) return;
    const i = rows.findIndex((r) => r.participant.id === tr.dataset.participantId);
    if (i < 0) return;
    const go = (j: number): void => {
      const r = rows[Math.max(0, Math.min(rows.length - 1, j))];
      if (!r) return;
      pendingFocus.current = r.participant.id;
      setFocusId(r.participant.id);
    };
    const click = (selector: string): void => tr.querySelector<HTMLElement>(selector)?.click();
    if (typing(e.target)) {
      // In the layout list the arrows are its own; Escape comes back to the row.
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        tr.focus();
      }
      return;
    }
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    let handled = true;
    switch (key) {
      case 'ArrowDown':
        go(i + 1);
        break;
      case 'ArrowUp':
        go(i - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(rows.length - 1);
        break;
      case 'm':
        click('[data-control="audio"]');
        break;
      case 'v':
        click('[data-control="video"]');
        break;
      case 'l':
        tr.querySelector<HTMLElement>('[data-control="layout"]')?.focus();
        break;
      case 'Delete':
        click('[data-testid="disconnect"]');
        break;
      case 'Escape':
        // Back to the row from one of its controls; the armed button handles its own Escape first.
        if (e.target === tr) {
          handled = false;
          break;
        }
        tr.focus();
        break;
      default:
        handled = false;
    }
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  return (
    <div className="roster-wrap">
      <table className="roster" data-testid="roster" aria-label={t('session.roster.label', { name: conference.name })} title={mayAct ? t('session.roster.keys') : undefined}>
        <thead>
          <tr>
            <th scope="col" className="roster__speaking">
              <span className="visually-hidden">{t('session.roster.col.speaking')}</span>
            </th>
            <th scope="col">{t('session.roster.col.site')}</th>
            <th scope="col" className="roster__tier">{t('session.roster.col.tier')}</th>
            <th scope="col">{t('session.roster.col.state')}</th>
            <th scope="col" title={t('session.roster.col.micLong')}>
              {t('session.roster.col.mic')}
            </th>
            <th scope="col" className="roster__codec-mic-head" title={t('session.roster.col.codecMicLong')}>
              {t('session.roster.col.codecMic')}
            </th>
            <th scope="col">{t('session.roster.col.camera')}</th>
            <th scope="col" className="roster__num">
              {t('session.roster.col.loss')}
            </th>
            <th scope="col" className="roster__num">
              {t('session.roster.col.jitter')}
            </th>
            <th scope="col" className="roster__num">
              {t('session.roster.col.latency')}
            </th>
            <th scope="col" className="roster__age" title={t('session.roster.col.ageLong')}>
              {t('session.roster.col.age')}
            </th>
            <th scope="col">{t('session.roster.col.layout')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('session.roster.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody
          ref={bodyRef}
          onKeyDown={onKeyDown}
          onFocus={(e) => {
            const tr = (e.target as HTMLElement).closest<HTMLElement>('tr[data-participant-id]');
            if (tr && tr.dataset.participantId !== focusId) setFocusId(tr.dataset.participantId ?? null);
          }}
        >
          {rows.map((r) => (
            <ParticipantRow
              key={r.participant.id}
              conferenceId={conference.id}
              row={r}
              shown={shownParticipant(conference.id, r.participant, pending)}
              tabbable={r.participant.id === tabbableId}
              focused={r.participant.id === focusId}
              reason={reason}
              errors={errors}
              timezone={timezone}
            />
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="faint roster__empty">{t('session.roster.empty')}</p>}
      {mayAct && <p className="roster__keys faint">{t('session.roster.keys')}</p>}
    </div>
  );
}
