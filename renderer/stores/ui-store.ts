import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const UI_STORAGE_KEY = 'bridgepoint.ui';

/** The main screens the rail switches between (ui.md "Main screen"). */
/** The rail's views in order (Alt+1…): the map first, as the Level-1 display of ui.md; accounts (technicians) last. */
export const VIEWS = ['map', 'live', 'schedule', 'network', 'audit', 'accounts', 'alarms', 'inventory', 'health'] as const;
export type View = (typeof VIEWS)[number];

/** What the operator chose on screen. Only the language outlives the window. */
export interface UiState {
  readonly language: Language;
  readonly selectedSiteId: string | null;
  /** Keys of the district groups the operator folded (expanded is the default). */
  readonly collapsed: ReadonlySet<string>;
  readonly filter: string;
  /** The site list shows only the sites that need a look, worst first, with their figures. */
  readonly problemsOnly: boolean;
  /** The main screen shown (the rail); not kept across windows. */
  readonly view: View;
  setLanguage(language: Language): void;
  toggleLanguage(): void;
  select(siteId: string | null): void;
  setCollapsed(groupKey: string, collapsed: boolean): void;
  setFilter(filter: string): void;
  setProblemsOnly(only: boolean): void;
  setView(view: View): void;
}

const isLanguage = (v: unknown): v is Language => (LANGUAGES as readonly unknown[]).includes(v);

export const useUiStore = create<UiState>()(
  persist(
    (set, get) => ({
      language: 'vi',
      selectedSiteId: null,
      collapsed: new Set<string>(),
      filter: '',
      problemsOnly: false,
      view: 'map',
      setLanguage: (language) => set({ language }),
      toggleLanguage: () => set({ language: get().language === 'vi' ? 'en' : 'vi' }),
      select: (selectedSiteId) => set({ selectedSiteId }),
      setCollapsed: (key, collapsed) => {
        if (get().collapsed.has(key) === collapsed) return;
        const next = new Set(get().collapsed);
        if (collapsed) next.add(key);
        else next.delete(key);
        set({ collapsed: next });
      },
      setFilter: (filter) => set({ filter }),
      setProblemsOnly: (problemsOnly) => set({ problemsOnly }),
      setView: (view) => set({ view }),
    }),
    {
      name: UI_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ language: s.language }),
      merge: (persisted, current) => {
        const lang = (persisted as { language?: unknown } | undefined)?.language;
        return isLanguage(lang) ? { ...current, language: lang } : current;
      },
    },
  ),
);
