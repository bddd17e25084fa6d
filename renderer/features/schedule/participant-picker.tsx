import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkView } from '../../../shared/inventory.js';
import type { ParticipantGroup } from '../../../shared/schedule/meeting.js';
import { districtsOf, groupKey, hasGroup, participantSiteIds, searchSites, toggleGroup, toggleSite, type BookingForm } from './booking-form-model.js';
import { groupText, tierName } from './violation-text.js';

/** How many search results are drawn at once (the rest are reached by typing more). */
export const PICKER_LIMIT = 150;

/**
 * Participants, one by one (a searchable list, diacritics folded: "cho ra" finds "Chợ Rã") or as
 * groups: all communes of a district, a whole tier, every site. The total counts each site once.
 */
export function ParticipantPicker({ form, network, onChange }: { readonly form: BookingForm; readonly network: NetworkView; readonly onChange: (f: BookingForm) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const searchId = useId();
  const districts = useMemo(() => districtsOf(network), [network]);
  const matches = useMemo(() => searchSites(network, query), [network, query]);
  const total = useMemo(() => participantSiteIds(form, network).length, [form, network]);
  const siteName = (id: string) => network.sites.find((s) => s.id === id)?.name ?? null;
  const districtName = (id: string | null) => (id ? (siteName(id) ?? id) : null);
  const groupButton = (g: ParticipantGroup, label: string) => (
    <button key={groupKey(g)} type="button" className="chip-toggle" aria-pressed={hasGroup(form, g)} data-testid="group-toggle" data-group={groupKey(g)} onClick={() => onChange(toggleGroup(form, g))}>
      {label}
    </button>
  );

  return (
    <fieldset className="picker" data-testid="participant-picker">
      <legend>
        {t('schedule.field.participants')} · <span className="num" data-testid="participant-total" data-count={total}>{t('schedule.sites', { count: total })}</span>
      </legend>
      <div className="picker__groups" role="group" aria-label={t('schedule.picker.groups')}>
        {groupButton({ type: 'all-sites' }, t('schedule.group.allSites'))}
        {network.tiers.map((tier) => groupButton({ type: 'tier', tier }, t('schedule.group.tier', { tier: tierName(tier, t) })))}
      </div>
      {districts.length > 0 && (
        <div className="picker__groups" role="group" aria-label={t('schedule.picker.districts')}>
          <span className="dim">{t('schedule.picker.communesOf')}</span>
          {districts.map((d) => groupButton({ type: 'district-communes', district: d.id }, d.name))}
        </div>
      )}
      {(form.groups.length > 0 || form.sites.length > 0) && (
        <ul className="picker__chosen" aria-label={t('schedule.picker.chosen')}>
          {form.groups.map((g) => (
            <li key={groupKey(g)} className="chip">
              {groupText(g, { t, siteName })}
              <button type="button" className="chip__remove" aria-label={t('schedule.picker.remove', { name: groupText(g, { t, siteName }) })} onClick={() => onChange(toggleGroup(form, g))}>
                ×
              </button>
            </li>
          ))}
          {form.sites.map((id) => (
            <li key={id} className="chip" data-site-id={id}>
              {siteName(id) ?? id}
              <button type="button" className="chip__remove" aria-label={t('schedule.picker.remove', { name: siteName(id) ?? id })} onClick={() => onChange(toggleSite(form, id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label className="field" htmlFor={searchId}>
        <span>{t('schedule.picker.search')}</span>
      </label>
      <input
        id={searchId}
        type="search"
        className="picker__search"
        placeholder={t('schedule.picker.searchPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="participant-search"
      />
      <ul className="picker__list" aria-label={t('schedule.picker.sites')}>
        {matches.slice(0, PICKER_LIMIT).map((s) => {
          const checked = form.sites.includes(s.id);
          return (
            <li key={s.id}>
              <label className="picker__site" data-testid="participant-option" data-site-id={s.id}>
                <input type="checkbox" checked={checked} onChange={() => onChange(toggleSite(form, s.id))} />
                <span className="picker__name">{s.name}</span>
                <span className="faint">
                  {tierName(s.tier, t)}
                  {s.district && s.district !== s.id ? ` · ${districtName(s.district)}` : ''}
                </span>
              </label>
            </li>
          );
        })}
        {matches.length === 0 && <li className="faint">{t('schedule.picker.noMatch')}</li>}
        {matches.length > PICKER_LIMIT && <li className="faint">{t('schedule.picker.more', { count: matches.length - PICKER_LIMIT })}</li>}
      </ul>
    </fieldset>
  );
}
