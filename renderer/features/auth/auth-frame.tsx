import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The quiet frame around the login and password pages: the product, the page's title, the form. */
export function AuthFrame({ title, testId, extra, children }: { readonly title: string; readonly testId: string; readonly extra?: ReactNode; readonly children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <main className="auth-page" data-testid={testId}>
      <section className="auth-card" aria-labelledby={`${testId}-title`}>
        <header className="auth-card__head">
          <div>
            <p className="auth-card__product">{t('auth.product')}</p>
            <p className="auth-card__subtitle">{t('auth.subtitle')}</p>
          </div>
          {extra}
        </header>
        <h1 className="auth-card__title" id={`${testId}-title`}>
          {title}
        </h1>
        {children}
      </section>
    </main>
  );
}
