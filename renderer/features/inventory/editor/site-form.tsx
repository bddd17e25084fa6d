import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkView } from '../../../../shared/inventory.js';
import type { InventoryEdit } from '../../../../shared/inventory-edit/edit-api.js';
import type { EditField } from '../../../../shared/inventory-edit/edit-problems.js';
import { checkEdit } from '../../../../shared/inventory-edit/edit-rules.js';
import { siteEdit, type SiteDraft } from './drafts.js';
import { EditFormFrame, FieldRow, useEditForm } from './edit-form.js';

const FIELD: Record<keyof SiteDraft, EditField> = { id: 'id', name: 'name', tier: 'tier', parent: 'parent', district: 'district' };

/** Add a site under a parent, or edit one's name, tier and district (its id never changes). */
export function SiteForm({ network, mode, initial, baseVersion, onDone, onCancel }: {
  readonly network: NetworkView;
  readonly mode: 'add' | 'edit';
  readonly initial: SiteDraft;
  readonly baseVersion: string;
  readonly onDone: () => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const toEdit = useCallback((d: SiteDraft) => siteEdit(d, mode), [mode]);
  const check = useCallback((e: InventoryEdit) => checkEdit(network, e, { profiles: null }), [network]);
  const form = useEditForm(initial, toEdit, check, baseVersion, (k) => FIELD[k]);
  const { draft, set } = form;
  const parent = network.sites.find((s) => s.id === draft.parent);
  return (
    <EditFormFrame
      title={mode === 'add' ? t('inventoryEdit.site.addTitle', { parent: parent?.name ?? network.name }) : t('inventoryEdit.site.editTitle', { name: initial.name })}
      testId="site-form"
      state={form}
      saveLabel={mode === 'add' ? t('inventoryEdit.site.add') : t('inventoryEdit.save')}
      onDone={onDone}
      onCancel={onCancel}
    >
      <FieldRow label={t('inventoryEdit.field.id')} problem={form.problemOf('id')}>
        <input value={draft.id} onChange={(e) => set('id', e.target.value)} readOnly={mode === 'edit'} autoFocus={mode === 'add'} spellCheck={false} data-testid="site-id" />
      </FieldRow>
      <FieldRow label={t('inventoryEdit.field.name')} problem={form.problemOf('name')}>
        <input value={draft.name} onChange={(e) => set('name', e.target.value)} autoFocus={mode === 'edit'} data-testid="site-name" />
      </FieldRow>
      <FieldRow label={t('inventoryEdit.field.tier')} problem={form.problemOf('tier')}>
        <select value={draft.tier} onChange={(e) => set('tier', e.target.value)} data-testid="site-tier">
          {network.tiers.map((tier) => (
            <option key={tier} value={tier}>
              {t(`inventoryEdit.tier.${tier}`, { defaultValue: tier })}
            </option>
          ))}
        </select>
      </FieldRow>
      {mode === 'add' && (
        <FieldRow label={t('inventoryEdit.field.parent')} problem={form.problemOf('parent')}>
          <select value={draft.parent} onChange={(e) => set('parent', e.target.value)} data-testid="site-parent">
            <option value="">{t('inventoryEdit.noParent')}</option>
            {network.sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </FieldRow>
      )}
      <FieldRow label={t('inventoryEdit.field.district')} problem={form.problemOf('district')}>
        <input value={draft.district} onChange={(e) => set('district', e.target.value)} placeholder={t('inventoryEdit.districtHint')} data-testid="site-district" />
      </FieldRow>
    </EditFormFrame>
  );
}
