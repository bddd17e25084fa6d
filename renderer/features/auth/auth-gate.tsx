import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthStore } from '../../stores/auth-store.js';
import { AuthProvider, useAuth } from './auth-context.js';
import { ChangePasswordPage } from './change-password-page.js';
import { LoginPage } from './login-page.js';

function Gate({ store, children }: { readonly store: AuthStore; readonly children: ReactNode }) {
  const { t } = useTranslation();
  const phase = useAuth((s) => s.phase, 'checking');
  if (phase === 'in') return <>{children}</>;
  if (phase === 'login') return <LoginPage store={store} />;
  if (phase === 'changePassword') return <ChangePasswordPage store={store} />;
  return (
    <main className="app-message" role="status" data-testid="auth-checking">
      {t('auth.checking')}
    </main>
  );
}

/** The console (children) only for someone logged in; else the login or the new-password page. */
export function AuthGate({ store, children }: { readonly store: AuthStore; readonly children: ReactNode }) {
  return (
    <AuthProvider store={store}>
      <Gate store={store}>{children}</Gate>
    </AuthProvider>
  );
}
