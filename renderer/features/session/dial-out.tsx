import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conference } from '../../../shared/conference.js';
import { useConferenceStore } from '../../stores/conference-store.js';
import { controlKey } from '../../stores/conference-pending.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { ControlErrorNote } from './control-error.js';
import { dialCandidates, endpointSites, looksLikeUri, sitesPresent } from './session-model.js';

interface Option {
  readonly key: string;
  readonly label: string;
  readonly sub: string;
  readonly inCall: boolean;
  readonly target: { endpointId: string } | { uri: string };
}

/**
 * Bring one more site into the conference: type part of its name (diacritics folded: "cho ra"
 * finds "Chợ Rã"), or a SIP URI; Down and Up choose among the matches, Enter dials.
 */
export function DialOut({ conference, reason }: { readonly conference: Conference; readonly reason: string | null }) {
  const { t } = useTranslation();
  const network = useNetworkStore((s) => s.network);
  const error = useConferenceStore((s) => s.errors.get(controlKey(conference.id, null, 'dial')));
  const byEndpoint = useMemo(() => endpointSites(network), [network]);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const disabled = reason !== null;

  const options = useMemo<Option[]>(() => {
    const found = dialCandidates(network, query);
    const inCall = sitesPresent(
      found.map((c) => c.site.id),
      conference,
      byEndpoint,
    );
    const out: Option[] = found.map((c) => ({
      key: c.site.id,
      label: c.site.name,
      sub: `${t(`tier.${c.site.tier}`, { defaultValue: c.site.tier })} · ${c.uri}`,
      inCall: inCall.has(c.site.id),
      target: { endpointId: c.endpointId },
    }));
    if (looksLikeUri(query)) out.unshift({ key: `uri:${query.trim()}`, label: t('session.dial.uri', { uri: query.trim() }), sub: '', inCall: false, target: { uri: query.trim() } });
    return out;
  }, [network, query, conference, byEndpoint, t]);

  const dial = (o: Option | undefined): void => {
    if (!o || disabled) return;
    void useConferenceStore.getState().dialOut(conference.id, o.target, o.label);
    setQuery('');
    setActive(0);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (options.length) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      dial(options[Math.min(active, options.length - 1)]);
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      e.stopPropagation();
      setQuery('');
    }
  };

  return (
    <section className="panel-section" aria-labelledby="dial-title" data-testid="dial-out">
      <h3 className="details__section" id="dial-title">
        {t('session.dial.title')}
      </h3>
      <input
        className="field__input field__input--wide"
        type="text"
        role="combobox"
        aria-expanded={options.length > 0}
        aria-controls={listId}
        aria-activedescendant={options.length ? `${listId}-${Math.min(active, options.length - 1)}` : undefined}
        aria-label={t('session.dial.label')}
        placeholder={t('session.dial.placeholder')}
        autoComplete="off"
        spellCheck={false}
        value={query}
        disabled={disabled}
        title={disabled ? (reason ?? '') : t('session.dial.keys')}
        data-testid="dial-search"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {options.length > 0 && (
        <ul className="dial-list" id={listId} role="listbox" aria-label={t('session.dial.matches')}>
          {options.map((o, i) => (
            <li
              key={o.key}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === Math.min(active, options.length - 1)}
              className="dial-option"
              data-key={o.key}
              data-in-call={o.inCall}
              data-testid="dial-option"
              onMouseEnter={() => setActive(i)}
              onClick={() => dial(o)}
            >
              <span className="dial-option__name">{o.label}</span>
              {o.sub && <span className="dial-option__sub faint">{o.sub}</span>}
              {o.inCall && <span className="dial-option__flag">{t('session.dial.inCall')}</span>}
            </li>
          ))}
        </ul>
      )}
      {query.trim() !== '' && options.length === 0 && <p className="panel-note faint">{t('session.dial.none')}</p>}
      <ControlErrorNote error={error} testId="dial-error" onDismiss={() => useConferenceStore.getState().clearError(controlKey(conference.id, null, 'dial'))} />
    </section>
  );
}
