import './auth.css';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../i18n/error-words.js';
import type { AuthStore } from '../../stores/auth-store.js';
import { LanguageSwitch } from '../shell/language-switch.js';
import { useAuth } from './auth-context.js';
import { AuthFrame } from './auth-frame.js';
import { useCountdown } from './use-countdown.js';

/**
 * The login page: user name (focused), password, Enter submits. A refusal is worded from the
 * catalogue; a slowed-down login shows the seconds left and keeps the button off until then.
 */
export function LoginPage({ store }: { readonly store: AuthStore }) {
  const { t } = useTranslation();
  const busy = useAuth((s) => s.busy, false);
  const error = useAuth((s) => s.error, null);
  const notice = useAuth((s) => s.notice, null);
  const retryAt = useAuth((s) => s.retryAt, null);
  const wait = useCountdown(retryAt);
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const userRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => userRef.current?.focus(), []);

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    if (busy || wait > 0) return;
    if (!user.trim() || !password) {
      setMissing(true);
      (user.trim() ? passwordRef : userRef).current?.focus();
      return;
    }
    setMissing(false);
    void store
      .getState()
      .login(user, password)
      .then((ok) => {
        if (ok) return;
        setPassword('');
        passwordRef.current?.focus();
      });
  };

  const problem = missing
    ? t('auth.login.missing')
    : wait > 0
      ? t('auth.login.wait', { seconds: wait })
      : error?.code === 'unavailable'
        ? t('auth.login.unavailable')
        : error && error.code !== 'too_many_requests'
          ? apiErrorText(error, t)
          : null;

  return (
    <AuthFrame title={t('auth.login.title')} testId="login-page" extra={<LanguageSwitch />}>
      <form className="auth-form" onSubmit={onSubmit} noValidate data-testid="login-form">
        {notice && !problem && (
          <p className="auth-note" role="status" data-testid="login-notice" data-notice={notice}>
            {t(`auth.notice.${notice}`)}
          </p>
        )}
        <label className="auth-field">
          <span>{t('auth.login.user')}</span>
          <input
            ref={userRef}
            name="user"
            data-testid="login-user"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={user}
            onChange={(e) => setUser(e.target.value)}
          />
        </label>
        <label className="auth-field">
          <span>{t('auth.login.password')}</span>
          <input
            ref={passwordRef}
            name="password"
            type="password"
            data-testid="login-password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {problem && (
          <p className="auth-error" role="alert" data-testid="login-error" data-code={missing ? 'missing' : error?.code}>
            <span className="auth-error__mark" aria-hidden="true">▲</span>
            {problem}
          </p>
        )}
        <button type="submit" className="auth-submit" data-testid="login-submit" disabled={busy || wait > 0} aria-busy={busy}>
          {busy ? t('auth.login.busy') : wait > 0 ? t('auth.login.waitButton', { seconds: wait }) : t('auth.login.submit')}
        </button>
      </form>
    </AuthFrame>
  );
}
