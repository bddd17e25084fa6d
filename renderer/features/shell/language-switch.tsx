import { useTranslation } from 'react-i18next';
import { LANGUAGES, useUiStore } from '../../stores/ui-store.js';

/** VI | EN: one button that switches to the other language; the current one is highlighted. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useUiStore((s) => s.language);
  const toggle = useUiStore((s) => s.toggleLanguage);
  return (
    <button
      type="button"
      className="lang-switch"
      data-testid="lang-switch"
      data-language={language}
      onClick={toggle}
      aria-label={t('language.switch', { current: t(`language.name.${language}`) })}
      title={t('language.switch', { current: t(`language.name.${language}`) })}
    >
      {LANGUAGES.map((l) => (
        <span key={l} className="lang-switch__option" data-current={l === language} lang={l}>
          {t(`language.${l}`)}
        </span>
      ))}
    </button>
  );
}
