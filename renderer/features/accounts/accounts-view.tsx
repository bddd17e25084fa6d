import './accounts.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayBeScoped, type SessionInfo, type User } from '../../../shared/accounts.js';
import { apiErrorText } from '../../i18n/error-words.js';
import { formatDateTime } from '../../i18n/format.js';
import { useAccountsStore } from '../../stores/accounts-store.js';
import { useConnectionStore } from '../../stores/connection-store.js';
import { useNetworkStore } from '../../stores/network-store.js';
import { ConfirmDialog } from '../shell/confirm-dialog.js';
import { UserForm } from './user-form.js';

type Pending =
  | { readonly kind: 'disable' | 'reset' | 'delete'; readonly user: User }
  | { readonly kind: 'revoke'; readonly session: SessionInfo };

/**
 * Accounts (technicians): every account with its role, scope, state and last login, and what a
 * technician does with them (create, disable or enable, reset the password, delete); the open
 * login sessions with revoke. Every change that ends someone's work is named and confirmed.
 */
export function AccountsView() {
  const { t } = useTranslation();
  const users = useAccountsStore((s) => s.users);
  const sessions = useAccountsStore((s) => s.sessions);
  const loading = useAccountsStore((s) => s.loading);
  const error = useAccountsStore((s) => s.error);
  const fetchedAt = useAccountsStore((s) => s.fetchedAt);
  const revealed = useAccountsStore((s) => s.revealed);
  const me = useConnectionStore((s) => s.identity?.user ?? null);
  const timezone = useNetworkStore((s) => s.network?.timezone ?? 'Asia/Ho_Chi_Minh');
  const sitesById = useNetworkStore((s) => s.index?.sitesById ?? null);
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const store = useAccountsStore.getState;

  useEffect(() => {
    void useAccountsStore.getState().refresh();
  }, []);

  const when = (iso: string | null): string => formatDateTime(iso, timezone) ?? t('accounts.never');
  const scopeText = (u: User): string => (u.scope.length ? u.scope.map((id) => sitesById?.get(id)?.name ?? '…').join(', ') : t('accounts.scopeAll'));
  const role = (r: string): string => t(`user.role.${r}`);
  const client = (c: string): string => t(`accounts.sessions.client.${c}`);

  return (
    <div className="accounts" data-testid="accounts-view">
      <header className="accounts__head">
        <h1 className="accounts__title">{t('accounts.title')}</h1>
        <span className="faint">{fetchedAt !== null && t('accounts.fetchedAt', { time: formatDateTime(new Date(fetchedAt).toISOString(), timezone) })}</span>
        <span className="accounts__spacer" />
        <button type="button" className="acc-button" onClick={() => void store().refresh()} disabled={loading}>
          {t('accounts.refresh')}
        </button>
        <button type="button" className="acc-button acc-button--primary" onClick={() => setCreating(true)} data-testid="new-user">
          {t('accounts.new')}
        </button>
      </header>
      {error && (
        <p className="acc-error" role="alert" data-testid="accounts-error">
          {t('accounts.loadFailed', { reason: apiErrorText(error, t) })}
        </p>
      )}
      {loading && users.length === 0 && <p className="faint">{t('accounts.loading')}</p>}

      <table className="acc-table" data-testid="user-table">
        <thead>
          <tr>
            <th scope="col">{t('accounts.col.user')}</th>
            <th scope="col">{t('accounts.col.name')}</th>
            <th scope="col">{t('accounts.col.role')}</th>
            <th scope="col">{t('accounts.col.scope')}</th>
            <th scope="col">{t('accounts.col.state')}</th>
            <th scope="col">{t('accounts.col.lastLogin')}</th>
            <th scope="col">{t('accounts.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.user} data-testid="user-row" data-user={u.user} data-disabled={u.disabled}>
              <th scope="row">
                <span className="mono">{u.user}</span> {u.user === me && <span className="faint">{t('accounts.you')}</span>}
              </th>
              <td>{u.displayName}</td>
              <td>{role(u.role)}</td>
              <td>{mayBeScoped(u.role) ? scopeText(u) : t('accounts.scopeAll')}</td>
              <td data-testid="user-state">
                <span className={u.disabled ? 'acc-state acc-state--off' : 'acc-state'}>
                  <span aria-hidden="true">{u.disabled ? '⊘' : '●'}</span> {t(`accounts.state.${u.disabled ? 'disabled' : 'enabled'}`)}
                </span>
              </td>
              <td className="num">{when(u.lastLoginAt)}</td>
              <td>
                <span className="acc-actions">
                  {u.disabled ? (
                    <button type="button" className="acc-button" data-testid="enable-user" onClick={() => void store().setDisabled(u.user, false)}>
                      {t('accounts.action.enable')}
                    </button>
                  ) : (
                    u.user !== me && (
                      <button type="button" className="acc-button" data-testid="disable-user" onClick={() => setPending({ kind: 'disable', user: u })}>
                        {t('accounts.action.disable')}
                      </button>
                    )
                  )}
                  {u.user !== me && (
                    <button type="button" className="acc-button" data-testid="reset-password" onClick={() => setPending({ kind: 'reset', user: u })}>
                      {t('accounts.action.reset')}
                    </button>
                  )}
                  {u.user !== me && (
                    <button type="button" className="acc-button" data-testid="delete-user" onClick={() => setPending({ kind: 'delete', user: u })}>
                      {t('accounts.action.delete')}
                    </button>
                  )}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 className="accounts__subtitle">{t('accounts.sessions.title')}</h2>
      {sessions.length === 0 && fetchedAt !== null ? (
        <p className="faint">{t('accounts.sessions.none')}</p>
      ) : (
        <table className="acc-table" data-testid="session-table">
          <thead>
            <tr>
              <th scope="col">{t('accounts.sessions.col.user')}</th>
              <th scope="col">{t('accounts.sessions.col.from')}</th>
              <th scope="col">{t('accounts.sessions.col.since')}</th>
              <th scope="col">{t('accounts.sessions.col.lastSeen')}</th>
              <th scope="col">{t('accounts.sessions.col.expires')}</th>
              <th scope="col">{t('accounts.sessions.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id} data-testid="session-row" data-user={s.user} data-current={s.current}>
                <th scope="row">
                  <span className="mono">{s.user}</span> · {role(s.role)}
                </th>
                <td>
                  {client(s.client)} · <span className="mono">{s.source}</span>
                </td>
                <td className="num">{when(s.createdAt)}</td>
                <td className="num">{when(s.lastSeenAt)}</td>
                <td className="num">{when(s.expiresAt)}</td>
                <td>
                  {s.current ? (
                    <span className="faint">{t('accounts.sessions.current')}</span>
                  ) : (
                    <button type="button" className="acc-button" data-testid="revoke-session" onClick={() => setPending({ kind: 'revoke', session: s })}>
                      {t('accounts.sessions.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {creating && <UserForm onClose={() => setCreating(false)} />}
      {pending && pending.kind !== 'revoke' && (
        <ConfirmDialog
          testId={`confirm-${pending.kind}`}
          question={t(`accounts.confirm.${pending.kind}`, { user: pending.user.user, name: pending.user.displayName, role: role(pending.user.role) })}
          confirmLabel={t(`accounts.confirm.${pending.kind}Button`, { user: pending.user.user })}
          danger={pending.kind !== 'reset'}
          onConfirm={() =>
            pending.kind === 'disable' ? store().setDisabled(pending.user.user, true) : pending.kind === 'reset' ? store().resetPassword(pending.user.user) : store().remove(pending.user.user)
          }
          onClose={() => setPending(null)}
        />
      )}
      {pending && pending.kind === 'revoke' && (
        <ConfirmDialog
          testId="confirm-revoke"
          question={t('accounts.confirm.revoke', { user: pending.session.user, client: client(pending.session.client), source: pending.session.source })}
          confirmLabel={t('accounts.confirm.revokeButton', { user: pending.session.user })}
          onConfirm={() => store().revoke(pending.session.id)}
          onClose={() => setPending(null)}
        />
      )}
      {revealed && (
        <div className="acc-backdrop">
          <div className="acc-dialog" role="dialog" aria-modal="true" aria-labelledby="acc-revealed-title" data-testid="revealed-password">
            <h2 id="acc-revealed-title" className="acc-dialog__title">
              {t('accounts.revealed.title', { user: revealed.user })}
            </h2>
            <p className="acc-revealed mono" data-testid="revealed-value">
              {revealed.password}
            </p>
            <p className="faint">{t('accounts.revealed.note')}</p>
            <div className="acc-dialog__foot">
              <button type="button" className="acc-button acc-button--primary" autoFocus onClick={() => store().dismissRevealed()} data-testid="revealed-done">
                {t('accounts.revealed.done')}
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
