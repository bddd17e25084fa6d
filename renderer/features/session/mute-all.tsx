import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conference } from '../../../shared/conference.js';
import { linkedMeeting } from '../../../shared/schedule/conference-link.js';
import { formatLocalDate, localDateOf } from '../../../shared/schedule/zoned-time.js';
import { localeOf } from '../../i18n/index.js';
import { useClockStore } from '../../stores/clock-store.js';
import { useConferenceStore } from '../../stores/conference-store.js';
import { controlKey } from '../../stores/conference-pending.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { useScheduleStore } from '../../stores/schedule-store.js';
import { ArmedButton } from './armed-button.js';
import { defaultChair } from './chair-model.js';
import { ControlErrorNote } from './control-error.js';
import { endpointSites, rosterRows } from './session-model.js';

const NO_TIERS: readonly string[] = [];

/** The host site of the booked meeting this conference is (null: never booked, or not loaded). */
function useHostSiteId(conference: Conference, timeZone: string): string | null {
  const meetings = useScheduleStore((s) => s.meetings);
  const starts = useScheduleStore((s) => s.starts);
  const range = useScheduleStore((s) => s.range);
  const now = useClockStore((s) => s.now);
  // The Day view may never have been opened: ask for today's meetings, as it would.
  useEffect(() => {
    if (range === null) {
      const today = formatLocalDate(localDateOf(useClockStore.getState().now, timeZone));
      void useScheduleStore.getState().show({ from: today, to: today });
    }
  }, [range, timeZone]);
  return useMemo(() => linkedMeeting(conference, meetings, starts.values(), now)?.hostSiteId ?? null, [conference, meetings, starts, now]);
}

/**
 * Mute every microphone but the chair's: choose the chair, then arm and fire. The chair starts as
 * the booked meeting's host site when the conference is a meeting (and says so), else the first row.
 */
export function MuteAll({ conference, reason }: { readonly conference: Conference; readonly reason: string | null }) {
  const { t, i18n } = useTranslation();
  const network = useNetworkStore((s) => s.network);
  const tiers = useNetworkStore((s) => s.network?.tiers ?? NO_TIERS);
  const error = useConferenceStore((s) => s.errors.get(controlKey(conference.id, null, 'muteAll')));
  const sites = useMemo(() => endpointSites(network), [network]);
  const rows = useMemo(
    () => rosterRows(conference, sites, tiers, new Intl.Collator(localeOf(i18n.language))).filter((r) => r.participant.state !== 'disconnected'),
    [conference, sites, tiers, i18n.language],
  );
  const hostSiteId = useHostSiteId(conference, network?.timezone ?? 'Asia/Ho_Chi_Minh');
  const [chairId, setChairId] = useState<string | null>(null);
  const fallback = defaultChair(rows, hostSiteId);
  const chosen = rows.find((r) => r.participant.id === chairId);
  const chair = chosen ?? rows.find((r) => r.participant.id === fallback.participantId) ?? null;
  const others = chair ? rows.length - 1 : 0;
  const disabled = reason !== null || chair === null || others === 0;

  return (
    <section className="panel-section" aria-labelledby="mute-all-title" data-testid="mute-all">
      <h3 className="details__section" id="mute-all-title">
        {t('session.muteAll.title')}
      </h3>
      <div className="panel-row">
        <label className="field">
          <span className="field__label">{t('session.muteAll.chair')}</span>
          <select
            className="field__input"
            data-testid="chair-select"
            data-from={chosen ? 'operator' : fallback.from}
            value={chair?.participant.id ?? ''}
            onChange={(e) => setChairId(e.target.value)}
            disabled={rows.length === 0}
          >
            {rows.map((r) => (
              <option key={r.participant.id} value={r.participant.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        {!chosen && fallback.from === 'host' && (
          <span className="faint" data-testid="chair-from-host">
            {t('session.muteAll.fromHost')}
          </span>
        )}
      </div>
      <ArmedButton
        testId="mute-all-button"
        label={t('session.muteAll.button', { count: others })}
        confirm={t('session.muteAll.confirm', { count: others, chair: chair?.name ?? '' })}
        disabled={disabled}
        reason={reason ?? (others === 0 ? t('session.muteAll.nobody') : null)}
        onFire={() => chair && void useConferenceStore.getState().muteAllExceptChair(conference.id, chair.participant.id, t('session.muteAll.label', { count: others, chair: chair.name }))}
      />
      <ControlErrorNote error={error} testId="mute-all-error" onDismiss={() => useConferenceStore.getState().clearError(controlKey(conference.id, null, 'muteAll'))} />
    </section>
  );
}
