// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRELOAD_GLOBAL } from '../../shared/api/ipc-channels.js';
import { applyRootZoom, cssZoomOf, followDeskZoom, useDeskZoom } from '../../renderer/features/shell/desk-zoom.js';
import { TextSizeChoice } from '../../renderer/features/shell/text-size-choice.js';
import '../../renderer/i18n/index.js';
import { UI_STORAGE_KEY, useUiStore } from '../../renderer/stores/ui-store.js';

/** A window of `width` CSS pixels (the real document; innerWidth as a browser at 100 % would say). */
function browserWindow(width: number): Window {
  Object.defineProperty(window, 'innerWidth', { configurable: true, value: width });
  return window;
}

const root = () => document.documentElement;
const zoomOf = () => root().style.getPropertyValue('--bp-ui-zoom');

let stop: () => void = () => undefined;

beforeEach(() => {
  localStorage.clear();
  act(() => useUiStore.setState({ language: 'vi', textSize: 'auto' }));
});

afterEach(() => {
  cleanup();
  stop();
  stop = () => undefined;
  applyRootZoom(root(), 1);
});

describe('the browser console zooms to the window', () => {
  it('leaves a 1280 and a 1920 window untouched: no zoom, no variable, no attribute', () => {
    for (const w of [1280, 1920, 2199]) {
      stop = followDeskZoom(browserWindow(w));
      expect(zoomOf()).toBe('');
      expect(root().getAttribute('style') ?? '').toBe('');
      expect(root().dataset['uiZoom']).toBeUndefined();
      expect(useDeskZoom.getState()).toEqual({ factor: 1, autoFactor: 1 });
      stop();
    }
  });

  it('zooms 125 % at 2560, follows a resize, and the desk\'s choice over the width', () => {
    const win = browserWindow(2560);
    stop = followDeskZoom(win);
    expect(zoomOf()).toBe('1.25');
    expect(root().dataset['uiZoom']).toBe('1.25');
    Object.defineProperty(window, 'innerWidth', { configurable: true, value: 3840 });
    win.dispatchEvent(new Event('resize'));
    expect(zoomOf()).toBe('2');
    Object.defineProperty(window, 'innerWidth', { configurable: true, value: 1920 });
    win.dispatchEvent(new Event('resize'));
    expect(zoomOf()).toBe('');
    act(() => useUiStore.getState().setTextSize('150'));
    expect(zoomOf()).toBe('1.5');
    expect(useDeskZoom.getState()).toEqual({ factor: 1.5, autoFactor: 1 });
    act(() => useUiStore.getState().setTextSize('100'));
    expect(zoomOf()).toBe('');
    stop();
    stop = () => undefined;
    act(() => useUiStore.getState().setTextSize('200'));
    expect(zoomOf()).toBe(''); // stopped: no longer follows
  });

  it('in the desktop app leaves the page alone and tells main the choice through the preload', () => {
    const setTextSize = vi.fn();
    const desk = { [PRELOAD_GLOBAL]: { request: vi.fn(), subscribe: vi.fn(), setTextSize }, innerWidth: 2560, document } as unknown as Window;
    stop = followDeskZoom(desk);
    expect(setTextSize).toHaveBeenLastCalledWith('auto');
    act(() => useUiStore.getState().setTextSize('125'));
    expect(setTextSize).toHaveBeenLastCalledWith('125');
    expect(zoomOf()).toBe('');
    expect(useDeskZoom.getState().autoFactor).toBeNull();
  });

  it('reads an element\'s zoom from the browser, 1 where it does not say', () => {
    const el = document.createElement('div');
    expect(cssZoomOf(el)).toBe(1);
    Object.defineProperty(el, 'currentCSSZoom', { value: 1.5 });
    expect(cssZoomOf(el)).toBe(1.5);
    const odd = document.createElement('div');
    Object.defineProperty(odd, 'currentCSSZoom', { value: Number.NaN });
    expect(cssZoomOf(odd)).toBe(1);
  });
});

describe('the text-size choice in the top bar', () => {
  it('is a labelled select beside the language, automatic first, kept in localStorage', () => {
    stop = followDeskZoom(browserWindow(2560));
    render(<TextSizeChoice />);
    const select = screen.getByRole('combobox', { name: 'Cỡ chữ' }) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Tự động', '100 %', '125 %', '150 %', '200 %']);
    expect(select.value).toBe('auto');
    expect(select.closest('label')!.title).toContain('đang 125 %');
    fireEvent.change(select, { target: { value: '150' } });
    expect(useUiStore.getState().textSize).toBe('150');
    expect(zoomOf()).toBe('1.5');
    expect(JSON.parse(localStorage.getItem(UI_STORAGE_KEY)!).state.textSize).toBe('150');
    expect(select.closest('label')!.title).toContain('150 %');
    act(() => useUiStore.getState().setLanguage('en'));
    expect(screen.getByRole('combobox', { name: 'Text size' })).toBe(select);
    expect(select.options[0]!.textContent).toBe('Automatic');
    act(() => useUiStore.getState().setLanguage('vi'));
  });

  it('turns a value that is not a choice into automatic', () => {
    act(() => useUiStore.getState().setTextSize('175' as never));
    expect(useUiStore.getState().textSize).toBe('auto');
  });
});

describe('the stored choice read back', () => {
  const reload = async (stored: string | null) => {
    localStorage.clear();
    if (stored !== null) localStorage.setItem(UI_STORAGE_KEY, stored);
    vi.resetModules();
    const mod = await import('../../renderer/stores/ui-store.js');
    await mod.useUiStore.persist.rehydrate();
    return mod.useUiStore.getState();
  };

  it('keeps a stored choice and the language beside it', async () => {
    const s = await reload(JSON.stringify({ state: { language: 'en', textSize: '200' }, version: 1 }));
    expect(s.textSize).toBe('200');
    expect(s.language).toBe('en');
  });

  it('reads a missing, unknown or mangled value as automatic, never failing', async () => {
    const bad = [
      null,
      JSON.stringify({ state: { language: 'vi' }, version: 1 }), // stored before the choice existed
      JSON.stringify({ state: { language: 'en', textSize: '175' }, version: 1 }),
      JSON.stringify({ state: { textSize: 1.25 }, version: 1 }),
      JSON.stringify({ state: { textSize: { zoom: 2 } }, version: 1 }),
      JSON.stringify({ state: null, version: 1 }),
      JSON.stringify({ state: 'auto', version: 1 }),
      '{"state": {"textSize": "150"', // cut short
      'not json at all',
    ];
    for (const stored of bad) {
      const s = await reload(stored);
      expect(s.textSize, String(stored)).toBe('auto');
      expect(['vi', 'en']).toContain(s.language);
    }
    expect((await reload(JSON.stringify({ state: { language: 'en', textSize: '175' }, version: 1 }))).language).toBe('en');
  });
});
