import './auth.css';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../../i18n/error-words.js';
import type { AuthStore } from '../../stores/auth-store.js';
import { LanguageSwitch } from '../shell/language-switch.js';
import { useAuth } from './auth-context.js';
import { AuthFrame } from './auth-frame.js';
import { useCountdown } from './use-countdown.js';

/** The engine's rule for a password (shared/accounts.ts PasswordSchema). */
export const MIN_PASSWORD_LENGTH = 10;

type Problem = 'tooShort' | 'mismatch' | 'same' | null;

export function passwordProblem(current: string, next: string, again: string): Problem {
  if (next.length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (next !== again) return 'mismatch';
  if (next === current) return 'same';
  return null;
}

/** After a login with a one-time password: set one's own before anything else (or log out). */
export function ChangePasswordPage({ store }: { readonly store: AuthStore }) {
  const { t } = useTranslation();
  const identity = useAuth((s) => s.identity, null);
  const busy = useAuth((s) => s.busy, false);
  const error = useAuth((s) => s.error, null);
  const wait = useCountdown(useAuth((s) => s.retryAt, null));
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<Problem>(null);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    if (busy || wait > 0) return;
    const p = passwordProblem(current, next, again);
    setProblem(p);
    if (p) return;
    void store.getState().changePassword(current, next);
  };

  const text = problem ? t(`auth.change.${problem}`) : wait > 0 ? t('auth.login.wait', { seconds: wait }) : error ? apiErrorText(error, t) : null;
  const field = (label: string, value: string, set: (v: string) => void, testId: string, autoComplete: string, ref?: typeof first) => (
    <label className="auth-field">
      <span>{label}</span>
      <input ref={ref} type="password" data-testid={testId} autoComplete={autoComplete} value={value} onChange={(e) => set(e.target.value)} />
    </label>
  );

  return (
    <AuthFrame title={t('auth.change.title')} testId="change-password-page" extra={<LanguageSwitch />}>
      <form className="auth-form" onSubmit={onSubmit} noValidate>
        <p className="auth-note">{t('auth.change.intro', { user: identity?.displayName ?? identity?.user ?? '' })}</p>
        {field(t('auth.change.current'), current, setCurrent, 'password-current', 'current-password', first)}
        {field(t('auth.change.next'), next, setNext, 'password-new', 'new-password')}
        {field(t('auth.change.confirm'), again, setAgain, 'password-again', 'new-password')}
        <p className="auth-hint">{t('auth.change.rule')}</p>
        {text && (
          <p className="auth-error" role="alert" data-testid="password-error" data-code={problem ?? error?.code}>
            <span className="auth-error__mark" aria-hidden="true">▲</span>
            {text}
          </p>
        )}
        <div className="auth-actions">
          <button type="button" className="auth-secondary" data-testid="password-logout" onClick={() => void store.getState().logout()}>
            {t('auth.change.logout')}
          </button>
          <button type="submit" className="auth-submit" data-testid="password-submit" disabled={busy || wait > 0} aria-busy={busy}>
            {busy ? t('auth.change.busy') : t('auth.change.submit')}
          </button>
        </div>
      </form>
    </AuthFrame>
  );
}
