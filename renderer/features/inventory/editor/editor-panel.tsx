import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../../shared/api/errors.js';
import type { NetworkView } from '../../../../shared/inventory.js';
import type { EditBase } from '../../../../shared/inventory-edit/edit-api.js';
import { apiErrorText } from '../../../i18n/error-words.js';
import { getEditBase } from '../../../stores/inventory-admin.js';
import { useNetworkStore } from '../../../stores/network-store.js';
import { DeleteDialog } from './delete-dialog.js';
import { endpointDraftOf, newEndpointDraft, newSiteDraft, siteDraftOf } from './drafts.js';
import { EndpointForm } from './endpoint-form.js';
import { MoveForm } from './move-form.js';
import { SiteForm } from './site-form.js';
import { SiteTree } from './site-tree.js';

type Task =
  | { readonly kind: 'addSite' | 'editSite' | 'moveSite' | 'deleteSite' | 'addEndpoint'; readonly id: string }
  | { readonly kind: 'editEndpoint' | 'moveEndpoint' | 'deleteEndpoint'; readonly id: string };

/**
 * The inventory editor (technicians): pick a site in the tree, then add a site under it, edit,
 * move or delete it, or add, edit, move or delete one of its codecs. Every change is live: the
 * poller, the map and every view follow, and ids never change.
 */
export function EditorPanel({ onChanged }: { readonly onChanged?: () => void }) {
  const { t } = useTranslation();
  const network = useNetworkStore((s) => s.network);
  const [selected, setSelected] = useState<string | null>(null);
  const [task, setTask] = useState<{ task: Task; base: EditBase } | null>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);
  if (!network) return null;
  const site = selected === null ? undefined : network.sites.find((s) => s.id === selected);

  const open = async (next: Task) => {
    const endpoint = next.kind === 'editEndpoint' ? next.id : undefined;
    const r = await getEditBase({ ...(next.kind === 'editSite' ? { site: next.id } : {}), ...(endpoint ? { endpoint } : {}) });
    setError(r.ok ? null : r.error);
    setTask(r.ok ? { task: next, base: r.value } : null);
  };
  const close = () => setTask(null);
  const done = () => {
    if (task?.task.kind === 'deleteSite') setSelected(null);
    setTask(null);
    onChanged?.();
  };
  const common = task ? { network, baseVersion: task.base.baseVersion, onDone: done, onCancel: close } : null;

  return (
    <section className="inventory__panel" aria-labelledby="inventory-editor-title" data-testid="inventory-editor">
      <h3 id="inventory-editor-title">{t('inventoryEdit.title')}</h3>
      <p className="inventory__dim">{t('inventoryEdit.hint')}</p>
      <div className="inventory__row">
        <button type="button" onClick={() => void open({ kind: 'addSite', id: '' })} disabled={!!task} data-testid="editor-add-root">
          {t('inventoryEdit.site.addRoot')}
        </button>
      </div>
      <div className="inv-edit">
        <SiteTree network={network} selected={selected} onSelect={(id) => !task && setSelected(id)} />
        <div className="inv-edit__detail">
          {site && !task && (
            <div data-testid="site-detail">
              <h4>{site.name}</h4>
              <div className="inventory__row">
                <button type="button" onClick={() => void open({ kind: 'editSite', id: site.id })} data-testid="site-edit">
                  {t('inventoryEdit.site.edit')}
                </button>
                <button type="button" onClick={() => void open({ kind: 'addSite', id: site.id })} data-testid="site-add-child">
                  {t('inventoryEdit.site.addChild')}
                </button>
                <button type="button" onClick={() => void open({ kind: 'addEndpoint', id: site.id })} data-testid="site-add-endpoint">
                  {t('inventoryEdit.endpoint.add')}
                </button>
                <button type="button" onClick={() => void open({ kind: 'moveSite', id: site.id })} data-testid="site-move">
                  {t('inventoryEdit.move.action')}
                </button>
                <button type="button" onClick={() => void open({ kind: 'deleteSite', id: site.id })} data-testid="site-delete">
                  {t('inventoryEdit.delete.action')}
                </button>
              </div>
              <ul className="inv-edit__codecs">
                {site.endpoints.map((e) => (
                  <li key={e.id} data-testid={`codec-${e.id}`}>
                    <span>{`${e.name} · ${e.host}:${e.port} · ${e.profile}`}</span>
                    <button type="button" onClick={() => void open({ kind: 'editEndpoint', id: e.id })} data-testid="codec-edit">
                      {t('inventoryEdit.endpoint.edit')}
                    </button>
                    <button type="button" onClick={() => void open({ kind: 'moveEndpoint', id: e.id })} data-testid="codec-move">
                      {t('inventoryEdit.move.action')}
                    </button>
                    <button type="button" onClick={() => void open({ kind: 'deleteEndpoint', id: e.id })} data-testid="codec-delete">
                      {t('inventoryEdit.delete.action')}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {error && (
            <p className="inventory__error" role="alert">
              {apiErrorText(error, t)}
            </p>
          )}
          {task && common && <TaskForm task={task.task} base={task.base} common={common} onClose={close} onDone={done} />}
        </div>
      </div>
    </section>
  );
}

function TaskForm({ task, base, common, onClose, onDone }: {
  readonly task: Task;
  readonly base: EditBase;
  readonly common: { readonly network: NetworkView; readonly baseVersion: string; readonly onDone: () => void; readonly onCancel: () => void };
  readonly onClose: () => void;
  readonly onDone: () => void;
}) {
  const { network } = common;
  const site = network.sites.find((s) => s.id === task.id) ?? null;
  const holder = network.sites.find((s) => s.endpoints.some((e) => e.id === task.id));
  switch (task.kind) {
    case 'addSite':
      return <SiteForm {...common} mode="add" initial={newSiteDraft(site, network.tiers)} />;
    case 'editSite':
      return site && <SiteForm {...common} mode="edit" initial={siteDraftOf(site, base.site?.district ?? null)} />;
    case 'addEndpoint':
      return site && <EndpointForm {...common} mode="add" initial={newEndpointDraft(site, base.profiles.includes('generic-mib2') ? 'generic-mib2' : (base.profiles[0] ?? ''))} settings={null} profiles={base.profiles} />;
    case 'editEndpoint':
      return holder && <EndpointForm {...common} mode="edit" initial={endpointDraftOf(holder, task.id, base.endpoint)} settings={base.endpoint} profiles={base.profiles} />;
    case 'moveSite':
    case 'moveEndpoint':
      return <MoveForm {...common} what={task.kind === 'moveSite' ? 'site' : 'endpoint'} id={task.id} />;
    case 'deleteSite':
    case 'deleteEndpoint':
      return <DeleteDialog network={network} baseVersion={base.baseVersion} what={task.kind === 'deleteSite' ? 'site' : 'endpoint'} id={task.id} onClose={onClose} onDone={onDone} />;
  }
}
