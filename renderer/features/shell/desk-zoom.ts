import { create } from 'zustand';
import { PRELOAD_GLOBAL } from '../../../shared/api/ipc-channels.js';
import { zoomForChoice, type TextSize } from '../../../shared/ui-zoom.js';
import { useUiStore } from '../../stores/ui-store.js';

/**
 * The console's zoom on a large screen ("Cỡ chữ"), by the rule in shared/ui-zoom.ts.
 *
 * In the desktop app the window zooms its page itself (Chromium's page zoom, electron/main/
 * window-zoom.ts): the renderer only tells main the desk's choice through the preload.
 *
 * In a browser (`bridgepoint serve`) the page zooms its root element with CSS `zoom` (standard in
 * Chromium from 128): text, layout and canvas scale together, pointer coordinates and
 * getBoundingClientRect stay in the viewport's pixels (so the map's pointer and backing store,
 * map-pointer.ts and map-canvas.tsx, and the health chart's cursor, health/chart-zoom.ts, divide or
 * multiply by cssZoomOf), and `--bp-ui-zoom` lets the few viewport-unit sizes (vw, vh) stay within
 * the window. At 1 nothing is set at all: a window under 2,200 pixels is exactly as it was.
 */

/** The zoom the page shows now, and the width-based factor "automatic" would give (for the control's words). */
export interface DeskZoomState {
  readonly factor: number;
  readonly autoFactor: number | null;
}

export const useDeskZoom = create<DeskZoomState>()(() => ({ factor: 1, autoFactor: null }));

/**
 * The root element's zoom for a factor: `--bp-ui-zoom` and `data-ui-zoom`, which base.css turns into
 * `zoom`; nothing at all at 1.
 */
export function applyRootZoom(root: HTMLElement, factor: number): void {
  if (factor === 1) {
    root.style.removeProperty('--bp-ui-zoom');
    if (root.getAttribute('style') === '') root.removeAttribute('style');
    delete root.dataset['uiZoom'];
    return;
  }
  root.style.setProperty('--bp-ui-zoom', String(factor));
  root.dataset['uiZoom'] = String(factor);
}

interface DeskBridge {
  setTextSize(choice: string): void;
}

/** Follow the desk's choice (and, in a browser, the window's width) from now on; returns a stop. */
export function followDeskZoom(win: Window = window): () => void {
  // The desktop app: the preload's bridge is there (select-transport.ts detects the host the same way).
  const preload = (win as unknown as Record<string, unknown>)[PRELOAD_GLOBAL] as Partial<DeskBridge> | undefined;
  if (preload !== undefined) {
    if (typeof preload?.setTextSize !== 'function') return () => undefined;
    // Main zooms the page; the width the page sees is already zoomed, so "automatic" shows no figure here.
    const tell = (choice: TextSize): void => preload.setTextSize?.(choice);
    tell(useUiStore.getState().textSize);
    return useUiStore.subscribe((s, prev) => {
      if (s.textSize !== prev.textSize) tell(s.textSize);
    });
  }
  const root = win.document.documentElement;
  const apply = (): void => {
    const width = win.innerWidth;
    const factor = zoomForChoice(useUiStore.getState().textSize, width);
    const autoFactor = zoomForChoice('auto', width);
    applyRootZoom(root, factor);
    const now = useDeskZoom.getState();
    if (now.factor !== factor || now.autoFactor !== autoFactor) useDeskZoom.setState({ factor, autoFactor });
  };
  apply();
  win.addEventListener('resize', apply);
  const off = useUiStore.subscribe((s, prev) => {
    if (s.textSize !== prev.textSize) apply();
  });
  return () => {
    win.removeEventListener('resize', apply);
    off();
    applyRootZoom(root, 1);
    useDeskZoom.setState({ factor: 1, autoFactor: null });
  };
}

/** The zoom of an element as drawn (CSS zoom of it and its ancestors; 1 where the browser does not tell). */
export function cssZoomOf(el: Element): number {
  const z = (el as Element & { currentCSSZoom?: number }).currentCSSZoom;
  return typeof z === 'number' && Number.isFinite(z) && z > 0 ? z : 1;
}
