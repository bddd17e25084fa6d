import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { DEFAULT_TEXT_SIZE, parseTextSize, type TextSize } from '../../shared/ui-zoom.js';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const UI_STORAGE_KEY = 'bridgepoint.ui';

/** The main screens the rail switches between (ui.md "Main screen"). */
/** The rail's views in order (Alt+1…): the map first, as the Level-1 display of ui.md; accounts (technicians) last. */
export const VIEWS = ['map', 'live', 'schedule', 'network', 'audit', 'accounts', 'alarms', 'inventory', 'health'] as const;
export type View = (typeof VIEWS)[number];

/** What the operator chose on screen. Only the language and the text size outlive the window (kept per browser). */
export interface UiState {
  readonly language: Language;
  /** "Cỡ chữ": automatic by the window's width, or a fixed zoom of the whole console (shared/ui-zoom.ts). */
  readonly textSize: TextSize;
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
  setTextSize(textSize: TextSize): void;
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
      textSize: DEFAULT_TEXT_SIZE,
      selectedSiteId: null,
      collapsed: new Set<string>(),
      filter: '',
      problemsOnly: false,
      view: 'map',
      setLanguage: (language) => set({ language }),
      toggleLanguage: () => set({ language: get().language === 'vi' ? 'en' : 'vi' }),
      setTextSize: (textSize) => set({ textSize: parseTextSize(textSize) }),
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
      partialize: (s) => ({ language: s.language, textSize: s.textSize }),
      // Whatever was stored (another version, a hand edit): a known language or none, a known text size or automatic.
      merge: (persisted, current) => {
        const stored = typeof persisted === 'object' && persisted !== null ? (persisted as { language?: unknown; textSize?: unknown }) : {};
        return { ...current, ...(isLanguage(stored.language) ? { language: stored.language } : {}), textSize: parseTextSize(stored.textSize) };
      },
    },
  ),
);
