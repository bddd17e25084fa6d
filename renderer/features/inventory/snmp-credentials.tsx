import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SnmpSettings } from '../../../shared/inventory.js';

const AUTH = ['sha', 'sha256', 'sha512', 'md5'] as const;
const PRIV = ['aes', 'aes256b', 'aes256r', 'des'] as const;
type Version = '1' | '2c' | '3';

/** The SNMP settings a technician types to try them (connection test, discovery): one form, one reading. */
export function useSnmpCredentials() {
  const [version, setVersion] = useState<Version>('2c');
  const [community, setCommunity] = useState('');
  const [user, setUser] = useState('');
  const [authProtocol, setAuthProtocol] = useState<(typeof AUTH)[number]>('sha');
  const [authKey, setAuthKey] = useState('');
  const [privProtocol, setPrivProtocol] = useState<(typeof PRIV)[number]>('aes');
  const [privKey, setPrivKey] = useState('');
  const settings = (): SnmpSettings =>
    version === '3'
      ? { version, user, level: privKey ? 'authPriv' : authKey ? 'authNoPriv' : 'noAuthNoPriv', ...(authKey ? { authProtocol, authKey } : {}), ...(privKey ? { privProtocol, privKey } : {}) }
      : { version, community };
  return {
    values: { version, community, user, authProtocol, authKey, privProtocol, privKey },
    set: { setVersion, setCommunity, setUser, setAuthProtocol, setAuthKey, setPrivProtocol, setPrivKey },
    settings,
    /** A community (v1/v2c) or a user (v3): without one the engine could only refuse the input. */
    given: version === '3' ? user.trim() !== '' : community !== '',
  };
}

export type SnmpCredentials = ReturnType<typeof useSnmpCredentials>;

/** The version, then a community or the v3 user with its keys; test ids `${prefix}-version` and so on. */
export function SnmpCredentialFields({ credentials, prefix }: { readonly credentials: SnmpCredentials; readonly prefix: string }) {
  const { t } = useTranslation();
  const { version, community, user, authProtocol, authKey, privProtocol, privKey } = credentials.values;
  const s = credentials.set;
  return (
    <>
      <select value={version} onChange={(e) => s.setVersion(e.target.value as Version)} aria-label={t('inventory.test.version')} data-testid={`${prefix}-version`}>
        <option value="1">{t('inventory.test.v1')}</option>
        <option value="2c">{t('inventory.test.v2c')}</option>
        <option value="3">{t('inventory.test.v3')}</option>
      </select>
      {version === '3' ? (
        <>
          <input value={user} onChange={(e) => s.setUser(e.target.value)} placeholder={t('inventory.test.user')} aria-label={t('inventory.test.user')} data-testid={`${prefix}-user`} />
          <select value={authProtocol} onChange={(e) => s.setAuthProtocol(e.target.value as (typeof AUTH)[number])} aria-label={t('inventory.test.authProtocol')}>
            {AUTH.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
          <input type="password" value={authKey} onChange={(e) => s.setAuthKey(e.target.value)} placeholder={t('inventory.test.authKey')} aria-label={t('inventory.test.authKey')} autoComplete="off" data-testid={`${prefix}-auth-key`} />
          <select value={privProtocol} onChange={(e) => s.setPrivProtocol(e.target.value as (typeof PRIV)[number])} aria-label={t('inventory.test.privProtocol')}>
            {PRIV.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
          <input type="password" value={privKey} onChange={(e) => s.setPrivKey(e.target.value)} placeholder={t('inventory.test.privKey')} aria-label={t('inventory.test.privKey')} autoComplete="off" data-testid={`${prefix}-priv-key`} />
        </>
      ) : (
        <input type="password" value={community} onChange={(e) => s.setCommunity(e.target.value)} placeholder={t('inventory.test.community')} aria-label={t('inventory.test.community')} autoComplete="off" data-testid={`${prefix}-community`} />
      )}
    </>
  );
}
