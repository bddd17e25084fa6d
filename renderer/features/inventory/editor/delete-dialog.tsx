import '../../accounts/accounts.css';
import { useTranslation } from 'react-i18next';
import type { NetworkView } from '../../../../shared/inventory.js';
import type { InventoryEdit } from '../../../../shared/inventory-edit/edit-api.js';
import { checkEdit } from '../../../../shared/inventory-edit/edit-rules.js';
import { ConfirmDialog } from '../../shell/confirm-dialog.js';
import { useProblemWords } from './edit-form.js';
import { editInventory, reloadNetwork } from '../../../stores/inventory-admin.js';
import { useNetworkStore } from '../../../stores/network-store.js';

/**
 * Delete a site or a codec, named and confirmed: a site's codecs go with it (the question says
 * how many, and the engine checks that number); a site that still has sites below it is refused,
 * naming them, before anything is asked.
 */
export function DeleteDialog({ network, what, id, baseVersion, onDone, onClose }: {
  readonly network: NetworkView;
  readonly what: 'site' | 'endpoint';
  readonly id: string;
  readonly baseVersion: string;
  readonly onDone: () => void;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const words = useProblemWords();
  const site = what === 'site' ? network.sites.find((s) => s.id === id) : network.sites.find((s) => s.endpoints.some((e) => e.id === id));
  const codecs = what === 'site' ? (site?.endpoints.length ?? 0) : 1;
  const edit: InventoryEdit = what === 'site' ? { op: 'deleteSite', id, endpoints: codecs } : { op: 'deleteEndpoint', id };
  const problems = checkEdit(network, edit, { profiles: null });
  const name = what === 'site' ? (site?.name ?? id) : (site?.endpoints.find((e) => e.id === id)?.name ?? id);
  const question = what === 'site' ? t('inventoryEdit.delete.siteQuestion', { name, count: codecs }) : t('inventoryEdit.delete.endpointQuestion', { name, site: site?.name ?? '' });
  if (problems.length) {
    return (
      <div className="confirm-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
        <div className="confirm-dialog" role="alertdialog" aria-modal="true" aria-label={t('inventoryEdit.delete.refused', { name })} data-testid="delete-refused">
          <p className="confirm-dialog__question">{t('inventoryEdit.delete.refused', { name })}</p>
          {problems.map((p, i) => (
            <p key={i} className="inventory__error" data-testid="edit-problem" data-code={p.code}>
              {`⚠ ${words(p)}`}
            </p>
          ))}
          <div className="confirm-dialog__foot">
            <button type="button" className="confirm-button" onClick={onClose} autoFocus data-testid="delete-refused-close">
              {t('inventoryEdit.close')}
            </button>
          </div>
        </div>
      </div>
    );
  }
  return (
    <ConfirmDialog
      question={question}
      confirmLabel={t(what === 'site' ? 'inventoryEdit.delete.site' : 'inventoryEdit.delete.endpoint', { name })}
      testId="delete-dialog"
      onClose={onClose}
      onConfirm={async () => {
        const r = await editInventory(baseVersion, edit);
        if (!r.ok) return r.error;
        // Refused here only when someone changed the site in between (the dialog checked the rest).
        if (r.value.problems.length) return { code: 'conflict', message: 'the site changed: open it again' };
        const net = await reloadNetwork();
        if (net.ok) useNetworkStore.getState().setNetwork(net.value);
        onDone();
        return null;
      }}
    />
  );
}
