import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conference } from '../../../shared/conference.js';
import { localeOf } from '../../i18n/index.js';
import { controlKey, useConferenceStore } from '../../stores/conference-store.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { ArmedButton } from './armed-button.js';
import { ControlErrorNote } from './control-error.js';
import { endpointSites, rosterRows } from './session-model.js';

const NO_TIERS: readonly string[] = [];

/** Mute every microphone but the chair's: choose the chair, then arm and fire. */
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
  const [chairId, setChairId] = useState<string | null>(null);
  // The first row (the province's own site, by tier) chairs unless the operator chose another.
  const chair = rows.find((r) => r.participant.id === chairId) ?? rows[0] ?? null;
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
          <select className="field__input" data-testid="chair-select" value={chair?.participant.id ?? ''} onChange={(e) => setChairId(e.target.value)} disabled={rows.length === 0}>
            {rows.map((r) => (
              <option key={r.participant.id} value={r.participant.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
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
