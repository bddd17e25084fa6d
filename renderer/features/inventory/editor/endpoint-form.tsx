import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkView } from '../../../../shared/inventory.js';
import { AUTH_PROTOCOLS, PRIV_PROTOCOLS, SNMP_LEVELS, type EndpointSettingsView, type InventoryEdit } from '../../../../shared/inventory-edit/edit-api.js';
import type { EditField } from '../../../../shared/inventory-edit/edit-problems.js';
import { checkEdit } from '../../../../shared/inventory-edit/edit-rules.js';
import { endpointEdit, type EndpointDraft } from './drafts.js';
import { EditFormFrame, FieldRow, useEditForm, type EditFormState } from './edit-form.js';
import { EndpointTest } from './endpoint-test.js';

const FIELD: Record<keyof EndpointDraft, EditField | null> = {
  id: 'id',
  site: 'site',
  name: 'name',
  host: 'host',
  port: 'port',
  profile: 'profile',
  uri: 'uri',
  interfaceName: 'interfaceName',
  changeSnmp: null,
  version: 'snmpVersion',
  community: 'community',
  user: 'user',
  level: 'level',
  authProtocol: 'authProtocol',
  authKey: 'authKey',
  privProtocol: 'privProtocol',
  privKey: 'privKey',
};

/** A codec's settings: address, device profile, SIP URI, watched interface and SNMP (v1, v2c or v3). */
export function EndpointForm({ network, mode, initial, settings, profiles, baseVersion, onDone, onCancel }: {
  readonly network: NetworkView;
  readonly mode: 'add' | 'edit';
  readonly initial: EndpointDraft;
  /** The codec's settings without secrets (edit), to say which are kept when left empty. */
  readonly settings: EndpointSettingsView | null;
  readonly profiles: readonly string[];
  readonly baseVersion: string;
  readonly onDone: () => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const kept = useMemo(() => {
    const snmp = settings?.snmp;
    return { community: snmp?.version !== '3' && !!snmp?.hasCommunity, authKey: snmp?.version === '3' && snmp.hasAuthKey, privKey: snmp?.version === '3' && snmp.hasPrivKey };
  }, [settings]);
  const toEdit = useCallback((d: EndpointDraft) => endpointEdit(d, mode), [mode]);
  const check = useCallback((e: InventoryEdit) => checkEdit(network, e, { profiles: new Set(profiles), kept: () => kept }), [network, profiles, kept]);
  const form = useEditForm(initial, toEdit, check, baseVersion, (k) => FIELD[k]);
  const { draft, set } = form;
  const site = network.sites.find((s) => s.id === draft.site);
  const text = (key: 'id' | 'name' | 'host' | 'port' | 'uri' | 'interfaceName', extra: { readonly readOnly?: boolean; readonly placeholder?: string } = {}) => (
    <FieldRow label={t(`inventoryEdit.field.${FIELD[key]}`)} problem={form.problemOf(FIELD[key]!)}>
      <input value={draft[key]} onChange={(e) => set(key, e.target.value)} spellCheck={false} data-testid={`endpoint-${key}`} {...extra} />
    </FieldRow>
  );
  return (
    <EditFormFrame
      title={mode === 'add' ? t('inventoryEdit.endpoint.addTitle', { site: site?.name ?? draft.site }) : t('inventoryEdit.endpoint.editTitle', { name: initial.name })}
      testId="endpoint-form"
      state={form}
      saveLabel={mode === 'add' ? t('inventoryEdit.endpoint.add') : t('inventoryEdit.save')}
      onDone={onDone}
      onCancel={onCancel}
    >
      <FieldRow label={t('inventoryEdit.field.site')} problem={form.problemOf('site')}>
        <input value={site?.name ?? draft.site} readOnly data-testid="endpoint-site" />
      </FieldRow>
      {text('id', { readOnly: mode === 'edit' })}
      {text('name')}
      <div className="inventory__row">
        {text('host', { placeholder: '10.0.0.1' })}
        {text('port')}
      </div>
      <FieldRow label={t('inventoryEdit.field.profile')} problem={form.problemOf('profile')}>
        <select value={draft.profile} onChange={(e) => set('profile', e.target.value)} data-testid="endpoint-profile">
          {(profiles.includes(draft.profile) ? profiles : [draft.profile, ...profiles]).map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </FieldRow>
      {text('uri', { placeholder: 'sip:ten@vc.tinh.gov.vn' })}
      {text('interfaceName', { placeholder: t('inventoryEdit.interfaceHint') })}
      {mode === 'edit' && (
        <label className="inventory__row">
          <input type="checkbox" checked={draft.changeSnmp} onChange={(e) => set('changeSnmp', e.target.checked)} data-testid="endpoint-change-snmp" />
          {t('inventoryEdit.endpoint.changeSnmp')}
        </label>
      )}
      {draft.changeSnmp && <SnmpFields form={form} mode={mode} kept={kept} />}
      <EndpointTest draft={draft} />
    </EditFormFrame>
  );
}

function SnmpFields({ form, mode, kept }: { readonly form: EditFormState<EndpointDraft>; readonly mode: 'add' | 'edit'; readonly kept: Readonly<Record<'community' | 'authKey' | 'privKey', boolean>> }) {
  const { t } = useTranslation();
  const { draft, set } = form;
  const secret = (key: 'community' | 'authKey' | 'privKey') => (
    <FieldRow label={t(`inventoryEdit.field.${key}`)} problem={form.problemOf(key)}>
      <input
        type="password"
        value={draft[key]}
        onChange={(e) => set(key, e.target.value)}
        autoComplete="off"
        placeholder={mode === 'edit' && kept[key] ? t('inventoryEdit.secretKept') : ''}
        data-testid={`endpoint-${key}`}
      />
    </FieldRow>
  );
  const choice = <K extends 'level' | 'authProtocol' | 'privProtocol'>(key: K, options: readonly EndpointDraft[K][]) => (
    <FieldRow label={t(`inventoryEdit.field.${key as string}`)} problem={form.problemOf(key)}>
      <select value={draft[key]} onChange={(e) => set(key, e.target.value as EndpointDraft[K])} data-testid={`endpoint-${key}`}>
        {options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    </FieldRow>
  );
  return (
    <fieldset className="inv-edit__snmp">
      <legend>{t('inventoryEdit.endpoint.snmp')}</legend>
      <FieldRow label={t('inventoryEdit.field.snmpVersion')} problem={form.problemOf('snmpVersion')}>
        <select value={draft.version} onChange={(e) => set('version', e.target.value as EndpointDraft['version'])} data-testid="endpoint-version">
          <option value="1">v1</option>
          <option value="2c">v2c</option>
          <option value="3">v3</option>
        </select>
      </FieldRow>
      {draft.version !== '3' ? (
        secret('community')
      ) : (
        <>
          <FieldRow label={t('inventoryEdit.field.user')} problem={form.problemOf('user')}>
            <input value={draft.user} onChange={(e) => set('user', e.target.value)} spellCheck={false} data-testid="endpoint-user" />
          </FieldRow>
          {choice('level', SNMP_LEVELS)}
          {draft.level !== 'noAuthNoPriv' && choice('authProtocol', AUTH_PROTOCOLS)}
          {draft.level !== 'noAuthNoPriv' && secret('authKey')}
          {draft.level === 'authPriv' && choice('privProtocol', PRIV_PROTOCOLS)}
          {draft.level === 'authPriv' && secret('privKey')}
        </>
      )}
    </fieldset>
  );
}
