import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../shared/api/errors.js';
import type { ReorgKind, ReorgOperation, ReorgPreview } from '../../../shared/inventory-reorg/reorg-api.js';
import { apiErrorText } from '../../i18n/error-words.js';
import { applyReorg, previewReorg } from '../../stores/inventory-admin.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { DiffSummary } from './diff-summary.js';
import { operationOf, pickable, removableTiers, targets, type ReorgChoice } from './reorg-model.js';

const KINDS: readonly ReorgKind[] = ['merge', 'move', 'removeTier'];

/**
 * Reorganise the network (the 2025 reform): merge sites, move sites under another parent, or
 * remove a whole tier. The sites are picked from the tree by tier (filtered by name), the change
 * is previewed by name (the import's diff), and applied named, armed, then confirmed.
 */
export function ReorgPanel({ onApplied }: { readonly onApplied?: () => void }) {
  const { t } = useTranslation();
  const network = useNetworkStore((s) => s.network);
  const byId = useNetworkStore((s) => s.index?.sitesById ?? null);
  const tiers = network?.tiers ?? [];
  const [choice, setChoice] = useState<ReorgChoice>({ kind: 'merge', tier: tiers[1] ?? tiers[0] ?? '', picked: new Set(), target: '' });
  const [filter, setFilter] = useState('');
  const [preview, setPreview] = useState<{ operation: ReorgOperation; result: ReorgPreview } | null>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const [armed, setArmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState<{ sites: number; endpoints: number; savedTo: string } | null>(null);
  const sites = useMemo(() => network?.sites ?? [], [network]);
  const name = (id: string | null) => (id === null ? t('reorg.top') : (byId?.get(id)?.name ?? id));

  const change = (next: Partial<ReorgChoice>) => {
    setChoice((c) => ({ ...c, ...next }));
    setPreview(null);
    setArmed(false);
    setApplied(null);
    setError(null);
  };
  const toggle = (id: string) => {
    const picked = new Set(choice.picked);
    if (picked.has(id)) picked.delete(id);
    else picked.add(id);
    change({ picked, target: choice.target === id ? '' : choice.target });
  };
  const chooseKind = (kind: ReorgKind) => {
    const tier = kind === 'removeTier' ? (removableTiers(tiers)[0] ?? '') : (tiers[1] ?? tiers[0] ?? '');
    change({ kind, tier, picked: new Set(), target: '' });
  };

  const operation = operationOf(choice);
  const check = async () => {
    if (!operation) return;
    setBusy(true);
    const r = await previewReorg(operation);
    setBusy(false);
    if (r.ok) setPreview({ operation, result: r.value });
    else setError(r.error);
  };
  const apply = async () => {
    if (!preview) return;
    setBusy(true);
    const r = await applyReorg(preview.operation, preview.result.baseVersion);
    setBusy(false);
    setArmed(false);
    if (r.ok) {
      setApplied(r.value);
      setPreview(null);
      setChoice((c) => ({ ...c, picked: new Set(), target: '' }));
      onApplied?.();
    } else setError(r.error);
  };

  const list = choice.kind === 'removeTier' ? [] : pickable(sites, choice.tier, filter);
  const goTo = choice.kind === 'removeTier' ? [] : targets(sites, tiers, choice);
  const confirmText = () => {
    if (!preview) return '';
    const op = preview.operation;
    if (op.kind === 'removeTier') return t('reorg.confirm.removeTier', { tier: op.tier, count: sites.filter((s) => s.tier === op.tier).length });
    if (op.kind === 'merge') return t('reorg.confirm.merge', { count: op.sources.length, target: name(op.target) });
    return t('reorg.confirm.move', { count: op.sites.length, target: name(op.parent) });
  };

  return (
    <section className="inventory__panel" aria-labelledby="inventory-reorg-title" data-testid="reorg-panel">
      <h3 id="inventory-reorg-title">{t('reorg.title')}</h3>
      <p className="inventory__dim">{t('reorg.hint')}</p>
      <fieldset className="inventory__row" data-testid="reorg-kind">
        <legend>{t('reorg.operation')}</legend>
        {KINDS.map((k) => (
          <label key={k}>
            <input type="radio" name="reorg-kind" checked={choice.kind === k} onChange={() => chooseKind(k)} data-testid={`reorg-kind-${k}`} /> {t(`reorg.kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <p className="inventory__dim">{t(`reorg.explain.${choice.kind}`)}</p>
      {choice.kind === 'removeTier' ? (
        <label className="inventory__row">
          {t('reorg.tierToRemove')}
          <select value={choice.tier} onChange={(e) => change({ tier: e.target.value })} data-testid="reorg-tier">
            {removableTiers(tiers).map((tier) => (
              <option key={tier} value={tier}>
                {tier}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <>
          <div className="inventory__row">
            <label>
              {t('reorg.tier')}{' '}
              <select value={choice.tier} onChange={(e) => change({ tier: e.target.value, picked: new Set(), target: '' })} data-testid="reorg-tier">
                {tiers.map((tier) => (
                  <option key={tier} value={tier}>
                    {tier}
                  </option>
                ))}
              </select>
            </label>
            <input type="search" value={filter} placeholder={t('reorg.filter')} aria-label={t('reorg.filter')} onChange={(e) => setFilter(e.target.value)} data-testid="reorg-filter" />
            <span className="inventory__dim" data-testid="reorg-chosen">
              {t('reorg.chosen', { count: choice.picked.size })}
            </span>
          </div>
          <fieldset className="inventory__picklist" data-testid="reorg-sites">
            <legend>{t('reorg.sitesOfTier', { tier: choice.tier })}</legend>
            {list.map((s) => (
              <label key={s.id} className="inventory__pick">
                <input type="checkbox" checked={choice.picked.has(s.id)} onChange={() => toggle(s.id)} data-testid="reorg-site" data-site-id={s.id} /> {s.name} <span className="inventory__dim">{t('reorg.under', { parent: name(s.parent) })}</span>
              </label>
            ))}
          </fieldset>
          <label className="inventory__row">
            {t(`reorg.target.${choice.kind}`)}
            <select value={choice.target} onChange={(e) => change({ target: e.target.value })} data-testid="reorg-target">
              <option value="">{t('reorg.choose')}</option>
              {goTo.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.tier})
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      <div className="inventory__row">
        <button type="button" disabled={!operation || busy} onClick={() => void check()} data-testid="reorg-preview">
          {t('reorg.preview')}
        </button>
        {busy && <span className="inventory__dim">{t('reorg.previewing')}</span>}
      </div>
      {error && (
        <p className="inventory__error" role="alert" data-testid="reorg-error">
          {apiErrorText(error, t)}
        </p>
      )}
      {applied && (
        <p role="status" data-testid="reorg-applied">
          {t(applied.savedTo === 'file' ? 'reorg.appliedFile' : 'reorg.appliedMemory', { sites: applied.sites, endpoints: applied.endpoints })}
        </p>
      )}
      {preview && preview.result.problems.length > 0 && (
        <>
          <p className="inventory__error" data-testid="reorg-problem-count">
            {t('reorg.problems', { count: preview.result.problems.length })}
          </p>
          <ul data-testid="reorg-problems">
            {preview.result.problems.map((p, i) => (
              <li key={i} data-code={p.code}>
                {t(`reorg.problem.${p.code}`, { ...p.params, site: typeof p.params['site'] === 'string' ? name(p.params['site']) : p.params['site'], parent: typeof p.params['parent'] === 'string' ? name(p.params['parent']) : p.params['parent'] })}
              </li>
            ))}
          </ul>
        </>
      )}
      {preview?.result.diff && (
        <>
          <DiffSummary diff={preview.result.diff} siteName={name} />
          {preview.result.scopes.length > 0 && (
            <ul className="inventory__warnings" data-testid="reorg-scopes">
              {preview.result.scopes.map((l) => (
                <li key={l.user} data-user={l.user}>
                  <span aria-hidden="true">▲ </span>
                  {t('reorg.scopeLoss', { user: l.user, sites: l.lost.map((id) => name(id)).join(', '), count: l.lost.length })}
                </li>
              ))}
            </ul>
          )}
          {!preview.result.diff.empty && (
            <div className="inventory__row">
              <button type="button" className="inventory__apply" data-armed={armed} disabled={busy} onClick={() => (armed ? void apply() : setArmed(true))} data-testid="reorg-apply">
                {armed ? confirmText() : t('reorg.apply')}
              </button>
              {armed && (
                <button type="button" onClick={() => setArmed(false)}>
                  {t('reorg.cancel')}
                </button>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
