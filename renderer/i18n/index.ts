import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import vi from '../../assets/locales/vi.json';
import en from '../../assets/locales/en.json';
import { LANGUAGES, useUiStore, type Language } from '../stores/ui-store.js';

/**
 * One i18next instance for the console. Vietnamese first; the language lives in the ui store
 * (persisted there in localStorage), and this module follows it: i18next, `<html lang>`.
 */
export const i18n = i18next.createInstance();

/**
 * Feature catalogues (`assets/locales/<feature>.<lang>.json`, each with its own top-level key)
 * are merged into the main one, so features add their messages without touching a shared file.
 */
const featureCatalogues = import.meta.glob<{ default: Record<string, unknown> }>('../../assets/locales/*.*.json', { eager: true });

function catalogue(language: Language, base: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...base };
  for (const [path, mod] of Object.entries(featureCatalogues)) {
    if (path.endsWith(`.${language}.json`)) Object.assign(merged, mod.default);
  }
  return merged;
}

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: catalogue('vi', vi) }, en: { translation: catalogue('en', en) } },
  lng: useUiStore.getState().language,
  fallbackLng: 'vi',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
  returnNull: false,
});

function applyDocumentLanguage(language: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

applyDocumentLanguage(useUiStore.getState().language);

useUiStore.subscribe((state, prev) => {
  if (state.language === prev.language) return;
  void i18n.changeLanguage(state.language);
  applyDocumentLanguage(state.language);
});

/** The BCP 47 locale for number formatting in a language. */
export function localeOf(language: string): string {
  return language === 'en' ? 'en-GB' : 'vi-VN';
}
