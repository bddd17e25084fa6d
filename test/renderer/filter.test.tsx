// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/app.js';
import { useUiStore } from '../../renderer/stores/ui-store.js';
import { NETWORK } from './fixtures.js';
import { seedStores } from './dom-setup.js';

const visibleSites = (): string[] => [...document.querySelectorAll<HTMLElement>('[data-site-id]')].map((r) => r.dataset.siteId!).filter((id) => id);
const treeSites = (): string[] => [...screen.getByTestId('site-tree').querySelectorAll<HTMLElement>('[data-site-id]')].map((r) => r.dataset.siteId!);

describe('filter', () => {
  beforeEach(() => seedStores(NETWORK, []));
  afterEach(cleanup);

  it('folds diacritics: "cho ra" finds Chợ Rã, "don" finds Chợ Đồn', () => {
    render(<App />);
    const input = screen.getByTestId('site-filter') as HTMLInputElement;
    fireEvent.change(input, { target: { value: 'cho ra' } });
    expect(treeSites()).toEqual(['ba-be-cho-ra']);
    expect(screen.getByTestId('filter-matches').textContent).toBe('1 kết quả');
    // Its district heading stays, so the place in the tree is visible.
    expect(screen.getByTestId('tier-commune').querySelector('[data-group="commune/ba-be"]')).not.toBeNull();
    expect(screen.getByTestId('tier-province').textContent).toContain('Không có điểm cầu khớp bộ lọc');

    fireEvent.change(input, { target: { value: 'DON' } });
    expect(treeSites()).toEqual(['cho-don']);
    fireEvent.change(input, { target: { value: 'xã' } });
    expect(treeSites()).toEqual(['ba-be-cho-ra', 'ba-be-nam-mau']);
  });

  it('shows folded districts while filtering', () => {
    useUiStore.getState().setCollapsed('commune/ba-be', true);
    render(<App />);
    expect(treeSites()).not.toContain('ba-be-cho-ra');
    fireEvent.change(screen.getByTestId('site-filter'), { target: { value: 'cho ra' } });
    expect(treeSites()).toEqual(['ba-be-cho-ra']);
  });

  it('"/" focuses the filter; Escape clears the filter, then the selection', () => {
    render(<App />);
    const input = screen.getByTestId('site-filter') as HTMLInputElement;
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(input);

    fireEvent.change(input, { target: { value: 'nam mau' } });
    expect(treeSites()).toEqual(['ba-be-nam-mau']);
    fireEvent.keyDown(input, { key: 'Enter' }); // selects the first match and moves into the tree
    expect(useUiStore.getState().selectedSiteId).toBe('ba-be-nam-mau');
    expect((document.activeElement as HTMLElement).dataset.siteId).toBe('ba-be-nam-mau');

    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(input.value).toBe('');
    expect(treeSites()).toHaveLength(7);
    expect(useUiStore.getState().selectedSiteId).toBe('ba-be-nam-mau');
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(useUiStore.getState().selectedSiteId).toBeNull();
    expect(visibleSites()).toHaveLength(7);
  });

  it('Escape inside the filter box clears it without dropping the selection', () => {
    useUiStore.getState().select('cho-don');
    render(<App />);
    const input = screen.getByTestId('site-filter') as HTMLInputElement;
    fireEvent.change(input, { target: { value: 'ba' } });
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.value).toBe('');
    expect(useUiStore.getState().selectedSiteId).toBe('cho-don');
  });
});
