import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../shared/api/errors.js';
import { INVENTORY_FORMATS, MAX_IMPORT_BYTES, type ImportPreview, type InventoryFormat } from '../../../shared/inventory-import-api.js';
import { apiErrorText } from '../../i18n/error-words.js';
import { applyImport, previewImport } from '../../stores/inventory-admin.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { DiffSummary } from './diff-summary.js';
import { problemPlace, problemText } from './import-words.js';

interface Picked {
  readonly name: string;
  readonly format: InventoryFormat;
  readonly content: string;
}

const formatOf = (name: string): InventoryFormat => (/\.json$/i.test(name) ? 'json' : 'csv');

/** The file's bytes as base64, in chunks (a 5 MB file must not blow the argument limit). */
function base64Of(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * Import a CSV or JSON inventory: pick a file, see every problem at once (where and what), or the
 * change it would make; apply it (named, armed, then confirmed) all or nothing, live.
 */
export function ImportPanel({ onApplied }: { readonly onApplied?: () => void }) {
  const { t } = useTranslation();
  const sites = useNetworkStore((s) => s.index?.sitesById ?? null);
  const input = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const [armed, setArmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState<{ sites: number; endpoints: number; savedTo: string } | null>(null);
  const siteName = (id: string | null) => (id === null ? t('inventory.diff.top') : (sites?.get(id)?.name ?? id));

  const pick = async (file: File) => {
    setPreview(null);
    setApplied(null);
    setArmed(false);
    setError(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setError({ code: 'bad_request', message: 'too large', params: { reason: 'file_too_large', maxMb: MAX_IMPORT_BYTES / 1024 / 1024 } });
      return;
    }
    const p: Picked = { name: file.name, format: formatOf(file.name), content: base64Of(new Uint8Array(await file.arrayBuffer())) };
    setPicked(p);
    await check(p);
  };
  const check = async (p: Picked) => {
    setBusy(true);
    const r = await previewImport(p.format, p.content);
    setBusy(false);
    if (r.ok) setPreview(r.value);
    else setError(r.error);
  };
  const apply = async () => {
    if (!picked || !preview) return;
    setBusy(true);
    const r = await applyImport(picked.format, picked.content, preview.baseVersion);
    setBusy(false);
    setArmed(false);
    if (r.ok) {
      setApplied(r.value);
      setPreview(null);
      onApplied?.();
    } else setError(r.error);
  };

  const total = preview?.diff ? preview.diff.sites.added.length + preview.diff.sites.changed.length + preview.diff.sites.moved.length + preview.diff.sites.removed.length + preview.diff.endpoints.added.length + preview.diff.endpoints.changed.length + preview.diff.endpoints.moved.length + preview.diff.endpoints.removed.length : 0;
  return (
    <section className="inventory__panel" aria-labelledby="inventory-import-title">
      <h3 id="inventory-import-title">{t('inventory.view.importTitle')}</h3>
      <p className="inventory__dim">{t('inventory.view.importHint')}</p>
      <div className="inventory__row">
        {/* The browser's own file button speaks the browser's language; this one speaks the desk's. */}
        <input ref={input} className="inventory__file" type="file" accept={INVENTORY_FORMATS.map((f) => `.${f}`).join(',')} onChange={(e) => e.target.files?.[0] && void pick(e.target.files[0])} data-testid="import-file" tabIndex={-1} aria-hidden="true" />
        <button type="button" onClick={() => input.current?.click()} data-testid="import-pick">
          {t('inventory.view.pickFile')}
        </button>
        {picked && <span data-testid="import-file-name">{picked.name}</span>}
        {picked && (
          <button type="button" onClick={() => void check(picked)} disabled={busy} data-testid="import-recheck">
            {t('inventory.view.recheck')}
          </button>
        )}
      </div>
      {busy && <p className="inventory__dim">{t('inventory.view.reading')}</p>}
      {error && (
        <p className="inventory__error" role="alert" data-testid="import-error">
          {apiErrorText(error, t)}
        </p>
      )}
      {applied && (
        <p role="status" data-testid="import-applied">
          {t(applied.savedTo === 'file' ? 'inventory.view.appliedFile' : 'inventory.view.appliedMemory', { sites: applied.sites, endpoints: applied.endpoints })}
        </p>
      )}
      {preview && preview.problems.length > 0 && (
        <>
          <p className="inventory__error" data-testid="import-problem-count">
            {t('inventory.view.problems', { count: preview.problems.length + preview.more, file: picked?.name ?? '' })}
          </p>
          <table className="inventory__table" data-testid="import-problems">
            <thead>
              <tr>
                <th>{t('inventory.view.where')}</th>
                <th>{t('inventory.view.what')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.problems.map((p, i) => (
                <tr key={i} data-testid="import-problem" data-code={p.code}>
                  <td>{problemPlace(p, t)}</td>
                  <td>{problemText(p, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.more > 0 && <p className="inventory__dim">{t('inventory.view.more', { count: preview.more })}</p>}
        </>
      )}
      {preview?.diff && (
        <>
          {preview.encoding && <p className="inventory__dim">{t('inventory.view.readAs', { encoding: preview.encoding, delimiter: preview.delimiter === '\t' ? 'Tab' : preview.delimiter })}</p>}
          <DiffSummary diff={preview.diff} siteName={siteName} />
          {!preview.diff.empty && (
            <div className="inventory__row">
              <button type="button" className="inventory__apply" data-armed={armed} disabled={busy} onClick={() => (armed ? void apply() : setArmed(true))} data-testid="import-apply">
                {armed ? t('inventory.view.confirmApply', { count: total, file: picked?.name ?? '' }) : t('inventory.view.apply')}
              </button>
              {armed && (
                <button type="button" onClick={() => setArmed(false)}>
                  {t('inventory.view.cancel')}
                </button>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
