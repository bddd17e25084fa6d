import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordSchema, UserNameSchema, mayBeScoped } from '../../../shared/accounts.js';
import type { ApiErrorData } from '../../../shared/api/errors.js';
import { ROLES, type Role } from '../../../shared/roles.js';
import { apiErrorText } from '../../i18n/error-words.js';
import { oneTimePassword, useAccountsStore } from '../../stores/accounts-store.js';
import { useNetworkStore } from '../../stores/network-store.js';

/** The districts of the site tree (the inventory's middle tier), the scopes a supervisor may have. */
export function useDistricts(): { id: string; name: string }[] {
  const network = useNetworkStore((s) => s.network);
  return useMemo(() => {
    const tier = network?.tiers[1];
    return network && tier ? network.sites.filter((s) => s.tier === tier).map((s) => ({ id: s.id, name: s.name })) : [];
  }, [network]);
}

type Problem = 'badUser' | 'noName' | 'shortPassword' | null;

/** A new account: user name, name, role, districts for a supervisor, a one-time password shown once. */
export function UserForm({ onClose }: { readonly onClose: () => void }) {
  const { t } = useTranslation();
  const districts = useDistricts();
  const [user, setUser] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [scope, setScope] = useState<ReadonlySet<string>>(new Set());
  const [password, setPassword] = useState(() => oneTimePassword());
  const [problem, setProblem] = useState<Problem>(null);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);

  const toggle = (id: string): void => {
    const next = new Set(scope);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setScope(next);
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const p: Problem = !UserNameSchema.safeParse(user).success ? 'badUser' : !displayName.trim() ? 'noName' : !PasswordSchema.safeParse(password).success ? 'shortPassword' : null;
    setProblem(p);
    if (p) return;
    setBusy(true);
    const refused = await useAccountsStore.getState().create({ user, displayName: displayName.trim(), role, scope: [...scope], password });
    setBusy(false);
    if (refused) setError(refused);
    else onClose();
  };

  const errorText = problem
    ? t(`accounts.form.${problem}`)
    : error
      ? error.code === 'conflict' && !error.params?.['reason']
        ? t('accounts.form.exists', { user })
        : t('accounts.failed', { reason: apiErrorText(error, t) })
      : null;

  return (
    <div className="acc-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <form className="acc-dialog acc-form" role="dialog" aria-modal="true" aria-labelledby="acc-form-title" onSubmit={(e) => void submit(e)} noValidate data-testid="user-form">
        <h2 id="acc-form-title" className="acc-dialog__title">
          {t('accounts.form.title')}
        </h2>
        <label className="acc-field">
          <span>{t('accounts.form.user')}</span>
          <input ref={first} value={user} onChange={(e) => setUser(e.target.value)} autoCapitalize="none" spellCheck={false} data-testid="form-user" />
          <small className="faint">{t('accounts.form.userHint')}</small>
        </label>
        <label className="acc-field">
          <span>{t('accounts.form.name')}</span>
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} data-testid="form-name" />
        </label>
        <label className="acc-field">
          <span>{t('accounts.form.role')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="form-role">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`user.role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        {mayBeScoped(role) && (
          <fieldset className="acc-field acc-scope" data-testid="form-scope">
            <legend>{t('accounts.form.scope')}</legend>
            <small className="faint">{t('accounts.form.scopeHint')}</small>
            <div className="acc-scope__list">
              {districts.map((d) => (
                <label key={d.id} className="acc-scope__item">
                  <input type="checkbox" checked={scope.has(d.id)} onChange={() => toggle(d.id)} data-testid="form-scope-district" data-site-id={d.id} />
                  {d.name}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <label className="acc-field">
          <span>{t('accounts.form.password')}</span>
          <span className="acc-password">
            <input className="mono" value={password} onChange={(e) => setPassword(e.target.value)} spellCheck={false} autoComplete="off" data-testid="form-password" />
            <button type="button" className="acc-button" onClick={() => setPassword(oneTimePassword())}>
              {t('accounts.form.regenerate')}
            </button>
          </span>
          <small className="faint">{t('accounts.form.passwordHint')}</small>
        </label>
        {errorText && (
          <p className="acc-error" role="alert" data-testid="user-form-error">
            {errorText}
          </p>
        )}
        <div className="acc-dialog__foot">
          <button type="button" className="acc-button" onClick={onClose}>
            {t('accounts.form.cancel')}
          </button>
          <button type="submit" className="acc-button acc-button--primary" disabled={busy} data-testid="form-submit">
            {t('accounts.form.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
