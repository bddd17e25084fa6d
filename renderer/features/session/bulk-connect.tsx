import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conference } from '../../../shared/conference.js';
import type { SiteView } from '../../../shared/inventory.js';
import { useConferenceStore } from '../../stores/conference-store.js';
import { controlKey, type BulkRun, type BulkWay } from '../../stores/conference-pending.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { SeverityGlyph } from '../../theme/severity-glyph.js';
import { StatusGlyph } from '../../theme/status-glyph.js';
import { ArmedButton } from './armed-button.js';
import { ControlErrorNote } from './control-error.js';
import { PendingGlyph } from './session-glyphs.js';
import { districtChoices, endpointSites, scopeChoices, siteParticipant, sitesPresent, tierChoices, type SiteChoice } from './session-model.js';

const NO_SITES: ReadonlyMap<string, SiteView> = new Map();
/** Names listed in the confirmation before "and n more". */
const CONFIRM_NAMES = 12;

/** Per site of the last bulk connect: the engine's result, then the participant's state as the MCU reports it. */
function BulkResults({ run, conference }: { readonly run: BulkRun; readonly conference: Conference }) {
  const { t } = useTranslation();
  const sitesById = useNetworkStore((s) => s.index?.sitesById ?? NO_SITES);
  const network = useNetworkStore((s) => s.network);
  const byEndpoint = useMemo(() => endpointSites(network), [network]);
  const results = new Map((run.results ?? []).map((r) => [r.target, r]));
  const ids = run.results ? [...new Set([...run.siteIds, ...run.results.map((r) => r.target)])] : run.siteIds;
  const ok = run.results?.filter((r) => r.ok).length ?? 0;
  const failed = run.results ? run.results.length - ok : 0;
  return (
    <div className="bulk-results" data-testid="bulk-results" data-running={run.results === null && run.error === null}>
      <p className="bulk-results__summary" role="status">
        {run.error
          ? t('session.bulk.failedAll', { message: run.error })
          : run.results === null
            ? t('session.bulk.running', { count: run.siteIds.length })
            : t('session.bulk.summary', { ok, failed, count: run.results.length })}
      </p>
      <ol className="bulk-results__list">
        {ids.map((id) => {
          const r = results.get(id);
          const outcome = r ? (r.ok ? 'ok' : 'failed') : run.error ? 'failed' : 'pending';
          const p = siteParticipant(id, conference, byEndpoint);
          return (
            <li key={id} className="bulk-result" data-site-id={id} data-result={outcome} data-participant-state={p?.state ?? 'none'} data-testid="bulk-result">
              <span className="bulk-result__name">{sitesById.get(id)?.name ?? id}</span>
              <span className="bulk-result__outcome">
                {outcome === 'pending' && <PendingGlyph label={t('session.pending')} />}
                {outcome === 'failed' && <SeverityGlyph severity="critical" label={t('session.result.failed')} />}
                {outcome === 'ok' && p?.state === 'connected' && <StatusGlyph kind="up" label={t('session.state.connected')} />}
                {outcome === 'ok' && p?.state !== 'connected' && <StatusGlyph kind="unknown" label={t('session.result.ok')} />}
                <span>
                  {outcome === 'pending'
                    ? t('session.bulk.dialling')
                    : outcome === 'failed'
                      ? (r?.error ?? run.error ?? t('session.result.failed'))
                      : p
                        ? t(`session.state.${p.state}`)
                        : t('session.result.ok')}
                </span>
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/**
 * Connect every site of a district (its communes too), of a tier, or every site in the user's
 * scope (a province-wide meeting): choose, see how many and which, arm, fire; then one line per
 * site with its result and how its call is going.
 */
export function BulkConnect({ conference, reason }: { readonly conference: Conference; readonly reason: string | null }) {
  const { t } = useTranslation();
  const network = useNetworkStore((s) => s.network);
  const bulk = useConferenceStore((s) => s.bulk);
  const error = useConferenceStore((s) => s.errors.get(controlKey(conference.id, null, 'connect')));
  const sitesById = useNetworkStore((s) => s.index?.sitesById ?? NO_SITES);
  const byEndpoint = useMemo(() => endpointSites(network), [network]);
  const districts = useMemo(() => districtChoices(network), [network]);
  const tiers = useMemo(() => tierChoices(network), [network]);
  const scope = useMemo(() => scopeChoices(network), [network]);
  const [chosenBy, setBy] = useState<BulkWay>('district');
  // A network without districts (two tiers, as after the 2025 reform) connects by tier or all at once.
  const ways: readonly BulkWay[] = districts.length > 0 ? ['district', 'tier', 'scope'] : ['tier', 'scope'];
  const by = ways.includes(chosenBy) ? chosenBy : 'tier';
  const [value, setValue] = useState<string>('');
  const choices: SiteChoice[] = by === 'district' ? districts : by === 'tier' ? tiers : scope;
  const choice = choices.find((c) => c.value === value) ?? choices[0] ?? null;
  const choiceName = (c: SiteChoice): string => (by === 'tier' ? t(`tier.${c.value}`, { defaultValue: c.value }) : by === 'scope' ? t('session.bulk.scopeName') : c.name);
  const confirmKey = by === 'scope' ? 'session.bulk.confirmScope' : 'session.bulk.confirm';
  const labelKey = by === 'scope' ? 'session.bulk.labelScope' : 'session.bulk.label';
  const already = choice ? sitesPresent(choice.siteIds, conference, byEndpoint) : new Set<string>();
  const toDial = choice ? choice.siteIds.filter((id) => !already.has(id)) : [];
  const names = toDial.map((id) => sitesById.get(id)?.name ?? id);
  const run = bulk?.conferenceId === conference.id ? bulk : null;
  const running = run !== null && run.results === null && run.error === null;
  const disabled = reason !== null || choice === null || toDial.length === 0 || running;

  return (
    <section className="panel-section" aria-labelledby="bulk-title" data-testid="bulk-connect">
      <h3 className="details__section" id="bulk-title">
        {t('session.bulk.title')}
      </h3>
      <div className="panel-row">
        <div className="seg" role="radiogroup" aria-label={t('session.bulk.byLabel')}>
          {ways.map((b) => (
            <button
              key={b}
              type="button"
              role="radio"
              aria-checked={by === b}
              className="seg__option"
              data-testid={`bulk-by-${b}`}
              onClick={() => {
                setBy(b);
                setValue('');
              }}
            >
              {t(`session.bulk.by.${b}`)}
            </button>
          ))}
        </div>
        <label className="field field--grow">
          <span className="visually-hidden">{t(`session.bulk.by.${by}`)}</span>
          <select className="field__input" data-testid="bulk-choice" value={choice?.value ?? ''} onChange={(e) => setValue(e.target.value)}>
            {choices.map((c) => (
              <option key={c.value} value={c.value}>
                {choiceName(c)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {choice && (
        <p className="panel-note" data-testid="bulk-count" data-count={toDial.length}>
          {t('session.bulk.count', { count: choice.siteIds.length })}
          {already.size > 0 && <span className="faint">{` · ${t('session.bulk.already', { count: already.size })}`}</span>}
        </p>
      )}
      <ArmedButton
        testId="bulk-connect-button"
        label={t('session.bulk.button', { count: toDial.length })}
        confirm={choice ? t(confirmKey, { count: toDial.length, name: choiceName(choice) }) : ''}
        disabled={disabled}
        reason={reason ?? (running ? t('session.bulk.runningShort') : toDial.length === 0 ? t('session.bulk.nothing') : null)}
        details={
          <span className="armed__targets">
            {names.slice(0, CONFIRM_NAMES).join(', ')}
            {names.length > CONFIRM_NAMES && t('session.bulk.more', { count: names.length - CONFIRM_NAMES })}
          </span>
        }
        onFire={() =>
          choice && void useConferenceStore.getState().connectSites(conference.id, by, choice.value, toDial, t(labelKey, { count: toDial.length, name: choiceName(choice) }))
        }
      />
      <ControlErrorNote error={error} testId="bulk-error" onDismiss={() => useConferenceStore.getState().clearError(controlKey(conference.id, null, 'connect'))} />
      {run && <BulkResults run={run} conference={conference} />}
    </section>
  );
}
