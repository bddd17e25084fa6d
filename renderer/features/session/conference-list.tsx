import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conference } from '../../../shared/conference.js';
import { useConferenceStore } from '../../stores/conference-store.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import { layoutName } from '../../i18n/layout-words.js';
import { LayoutThumb } from './layout-thumb.js';
import { LiveSummary } from './live-summary.js';
import { McuState } from './mcu-state.js';
import { present } from './session-model.js';

function ConferenceItem({ conference, selected, onSelect }: { readonly conference: Conference; readonly selected: boolean; readonly onSelect: () => void }) {
  const { t } = useTranslation();
  const known = conference.rosterKnown;
  const inCall = present(conference);
  const connected = inCall.filter((p) => p.state === 'connected').length;
  const layout = conference.layout;
  return (
    <li
      role="option"
      aria-selected={selected}
      tabIndex={selected ? 0 : -1}
      className="conf-item"
      data-conference-id={conference.id}
      data-roster-known={known}
      data-testid="conference-item"
      onClick={onSelect}
    >
      <span className="conf-item__name">{conference.name}</span>
      <span className="conf-item__meta">
        {known ? (
          <span className="conf-item__count num" data-testid="conference-count" data-count={inCall.length}>
            {t('session.conf.participants', { count: inCall.length })}
            {connected !== inCall.length && <span className="faint">{` · ${t('session.conf.connected', { count: connected })}`}</span>}
          </span>
        ) : (
          <span className="conf-item__unknown" data-testid="roster-unknown-badge">
            <StatusGlyph kind="unknown" label={t('session.roster.unknownShort')} />
            {t('session.roster.unknownShort')}
          </span>
        )}
        {layout && (
          <span className="conf-item__layout" title={t('session.conf.layoutIs', { layout: layoutName(layout, t) })}>
            <LayoutThumb layout={layout} label={layoutName(layout, t)} width={22} />
            <span className="faint">{layoutName(layout, t)}</span>
          </span>
        )}
        {!layout && known && inCall.length > 0 && <span className="faint">{t('session.conf.layoutMixed')}</span>}
      </span>
    </li>
  );
}

/** The conferences on the MCU, with its connection state above them; Up/Down move the choice. */
export function ConferenceList({ timezone }: { readonly timezone: string }) {
  const { t } = useTranslation();
  const view = useConferenceStore((s) => s.view);
  const selectedId = useConferenceStore((s) => s.selectedId);
  const select = useConferenceStore((s) => s.select);
  const list = view?.conferences ?? [];
  const current = list.find((c) => c.id === selectedId) ?? list[0] ?? null;

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>): void => {
    const ul = e.currentTarget;
    const i = list.findIndex((c) => c.id === current?.id);
    let j: number;
    if (e.key === 'ArrowDown') j = Math.min(list.length - 1, i + 1);
    else if (e.key === 'ArrowUp') j = Math.max(0, i - 1);
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = list.length - 1;
    else return;
    e.preventDefault();
    const next = list[j];
    if (!next) return;
    select(next.id);
    requestAnimationFrame(() => {
      for (const li of ul.querySelectorAll<HTMLElement>('[data-conference-id]')) if (li.dataset.conferenceId === next.id) li.focus();
    });
  };

  return (
    <nav className="conf-list" aria-label={t('session.conf.listLabel')} data-testid="conference-list">
      <h2 className="session__title">{t('session.conf.title')}</h2>
      <McuState mcu={view?.mcu ?? null} timezone={timezone} />
      <LiveSummary />
      {view && list.length === 0 && <p className="conf-list__empty faint">{view.mcu.state === 'ok' ? t('session.conf.none') : t('session.conf.noneMcu')}</p>}
      {list.length > 0 && (
        <ul className="conf-list__items" role="listbox" aria-label={t('session.conf.listLabel')} onKeyDown={onKeyDown}>
          {list.map((c) => (
            <ConferenceItem key={c.id} conference={c} selected={c.id === current?.id} onSelect={() => select(c.id)} />
          ))}
        </ul>
      )}
    </nav>
  );
}
