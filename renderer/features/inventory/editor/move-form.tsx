import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkView } from '../../../../shared/inventory.js';
import type { InventoryEdit } from '../../../../shared/inventory-edit/edit-api.js';
import { checkEdit } from '../../../../shared/inventory-edit/edit-rules.js';
import { EditFormFrame, FieldRow, useEditForm } from './edit-form.js';

/**
 * Move a site under another parent (with everything below it), or a codec to another site: the
 * choice is judged as it is made (a cycle, a parent not above the site, the same place).
 */
export function MoveForm({ network, what, id, baseVersion, onDone, onCancel }: {
  readonly network: NetworkView;
  readonly what: 'site' | 'endpoint';
  readonly id: string;
  readonly baseVersion: string;
  readonly onDone: () => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const site = what === 'site' ? network.sites.find((s) => s.id === id) : network.sites.find((s) => s.endpoints.some((e) => e.id === id));
  const name = what === 'site' ? site?.name : site?.endpoints.find((e) => e.id === id)?.name;
  const initial = { to: what === 'site' ? (site?.parent ?? '') : (site?.id ?? '') };
  const toEdit = useCallback(
    (d: { to: string }): InventoryEdit => (what === 'site' ? { op: 'moveSite', id, parent: d.to === '' ? null : d.to } : { op: 'moveEndpoint', id, site: d.to }),
    [what, id],
  );
  const check = useCallback((e: InventoryEdit) => checkEdit(network, e, { profiles: null }), [network]);
  const form = useEditForm(initial, toEdit, check, baseVersion, () => (what === 'site' ? 'parent' : 'site'));
  return (
    <EditFormFrame title={t('inventoryEdit.move.title', { name: name ?? id })} testId="move-form" state={form} saveLabel={t('inventoryEdit.move.save')} onDone={onDone} onCancel={onCancel}>
      <FieldRow label={t(what === 'site' ? 'inventoryEdit.field.parent' : 'inventoryEdit.field.site')} problem={form.problemOf(what === 'site' ? 'parent' : 'site')}>
        <select value={form.draft.to} onChange={(e) => form.set('to', e.target.value)} autoFocus data-testid="move-to">
          {what === 'site' && <option value="">{t('inventoryEdit.noParent')}</option>}
          {network.sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </FieldRow>
    </EditFormFrame>
  );
}
