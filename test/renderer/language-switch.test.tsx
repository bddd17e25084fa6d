// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TopBar } from '../../renderer/features/shell/top-bar.js';
import { SiteTree } from '../../renderer/features/topology/site-tree.js';
import { i18n } from '../../renderer/i18n/index.js';
import { UI_STORAGE_KEY, useUiStore } from '../../renderer/stores/ui-store.js';
import { NETWORK, status, up } from './fixtures.js';
import { ago, seedStores } from './dom-setup.js';

describe('language switch', () => {
  beforeEach(() => {
    seedStores(NETWORK, [up('ubnd-tinh-1', 'ubnd-tinh', ago(4)), status('ba-be-cho-ra-1', 'ba-be-cho-ra', { reachability: 'down', updatedAt: ago(7) })]);
  });
  afterEach(() => {
    cleanup();
    act(() => useUiStore.getState().setLanguage('vi'));
  });

  it('starts in Vietnamese and switches visible text, <html lang> and the stored choice to English', () => {
    render(
      <>
        <TopBar />
        <SiteTree />
      </>,
    );
    expect(document.documentElement.lang).toBe('vi');
    expect(screen.getByTestId('connection-state').textContent).toContain('Đã kết nối');
    expect(screen.getByRole('heading', { name: 'Cấp xã' })).toBeTruthy();
    expect(screen.getByTestId('user').textContent).toContain('Điều hành viên');
    const choRa = document.querySelector('[data-site-id="ba-be-cho-ra"]')!;
    expect(choRa.textContent).toContain('7 s trước');

    fireEvent.click(screen.getByTestId('lang-switch'));

    expect(document.documentElement.lang).toBe('en');
    expect(i18n.language).toBe('en');
    expect(screen.getByTestId('connection-state').textContent).toContain('Connected');
    expect(screen.getByRole('heading', { name: 'Commune' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Cấp xã' })).toBeNull();
    expect(screen.getByTestId('user').textContent).toContain('Operator');
    expect(choRa.textContent).toContain('7 s ago');
    expect(choRa.querySelector('[data-glyph="down"]')!.getAttribute('aria-label')).toBe('Down');
    expect(JSON.parse(localStorage.getItem(UI_STORAGE_KEY)!).state.language).toBe('en');

    fireEvent.click(screen.getByTestId('lang-switch'));
    expect(document.documentElement.lang).toBe('vi');
    expect(screen.getByTestId('connection-state').textContent).toContain('Đã kết nối');
  });
});
