// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SiteTree } from '../../renderer/features/topology/site-tree.js';
import { useStatusStore } from '../../renderer/stores/status-store.js';
import { useUiStore } from '../../renderer/stores/ui-store.js';
import { NETWORK, TWO_TIER, status, up } from './fixtures.js';
import { ago, seedStores } from './dom-setup.js';

const STATUSES = [
  up('ubnd-tinh-1', 'ubnd-tinh', ago(4), { conferenceId: 'c1', inCall: true }),
  status('so-tttt-1', 'so-tttt'), // never measured
  up('ba-be-1', 'ba-be', ago(10)),
  status('cho-don-1', 'cho-don', { reachability: 'unreachable', updatedAt: ago(30) }),
  status('ba-be-cho-ra-1', 'ba-be-cho-ra', { reachability: 'down', updatedAt: ago(5) }),
  up('ba-be-nam-mau-1', 'ba-be-nam-mau', ago(200), { stale: true }),
  up('cho-don-bang-lung-1', 'cho-don-bang-lung', ago(3), { degraded: true }),
];

const count = (el: HTMLElement, kind: string): string | null => el.querySelector(`[data-kind="${kind}"]`)?.getAttribute('data-count') ?? null;
const row = (siteId: string): HTMLElement => document.querySelector<HTMLElement>(`[data-site-id="${siteId}"]`)!;
const rowIds = (root: ParentNode = document): string[] => [...root.querySelectorAll<HTMLElement>('[data-site-id]')].map((r) => r.dataset.siteId!);

describe('site tree', () => {
  beforeEach(() => seedStores(NETWORK, STATUSES));
  afterEach(cleanup);

  it('renders a section per tier, in the order of the network tiers, with counters', () => {
    render(<SiteTree />);
    const tree = screen.getByTestId('site-tree');
    const sections = [...tree.querySelectorAll<HTMLElement>('section[data-testid^="tier-"]')];
    expect(sections.map((s) => s.dataset.testid)).toEqual(['tier-province', 'tier-district', 'tier-commune']);
    // Only site rows carry data-tier / data-status (the end-to-end test counts them).
    expect(tree.querySelectorAll('[data-tier="district"]')).toHaveLength(2);
    expect(tree.querySelectorAll('[data-tier="commune"]')).toHaveLength(3);
    expect(tree.querySelectorAll('[data-status]')).toHaveLength(7);

    const province = screen.getByTestId('tier-province');
    expect(within(province).getByRole('heading').textContent).toBe('Cấp tỉnh');
    expect(screen.getByTestId('tier-province-sites').textContent).toBe('2 điểm cầu');
    const pc = screen.getByTestId('tier-province-counters');
    expect([count(pc, 'up'), count(pc, 'down'), count(pc, 'unknown'), count(pc, 'unreachable'), count(pc, 'inCall')]).toEqual(['1', '0', '1', '0', '1']);

    const cc = screen.getByTestId('tier-commune-counters');
    // Each codec in one state: the stale and the degraded commune are not also counted up.
    expect([count(cc, 'up'), count(cc, 'down'), count(cc, 'unknown'), count(cc, 'unreachable')]).toEqual(['0', '1', '0', '0']);
    expect(cc.dataset.total).toBe('3');
    expect(count(cc, 'stale')).toBe('1'); // shown because there is one
    expect(count(cc, 'degraded')).toBe('1');
    expect(count(screen.getByTestId('tier-district-counters'), 'unreachable')).toBe('1');
  });

  it('groups communes under their district, and not the tiers without districts', () => {
    render(<SiteTree />);
    const commune = screen.getByTestId('tier-commune');
    const groups = [...commune.querySelectorAll<HTMLElement>('[role="group"][data-group]')];
    expect(groups.map((g) => g.dataset.group)).toEqual(['commune/ba-be', 'commune/cho-don']);
    expect(rowIds(groups[0]!)).toEqual(['ba-be-cho-ra', 'ba-be-nam-mau']);
    expect(rowIds(groups[1]!)).toEqual(['cho-don-bang-lung']);
    // The district heading shows the district site's name, expanded by default.
    const heading = commune.querySelector<HTMLElement>('[data-kind="group"][data-group="commune/ba-be"]')!;
    expect(heading.textContent).toContain('UBND huyện Ba Bể');
    expect(heading.getAttribute('aria-expanded')).toBe('true');
    // Province and district tiers list their sites flat.
    expect(screen.getByTestId('tier-district').querySelectorAll('[data-kind="group"]')).toHaveLength(0);
    expect(rowIds(screen.getByTestId('tier-district'))).toEqual(['ba-be', 'cho-don']);
  });

  it('marks each row with tier, reachability, a glyph with a word, and the age', () => {
    render(<SiteTree />);
    const r = row('ba-be-cho-ra');
    expect(r.dataset.tier).toBe('commune');
    expect(r.dataset.status).toBe('down');
    expect(r.querySelector('[data-glyph="down"]')!.getAttribute('aria-label')).toBe('Ngừng hoạt động');
    expect(r.textContent).toContain('ngừng');
    expect(r.textContent).toContain('5 s trước');

    expect(row('ubnd-tinh').dataset.status).toBe('up');
    expect(row('ubnd-tinh').querySelector('[data-glyph="up"]')).not.toBeNull();
    expect(row('ubnd-tinh').querySelector('[data-glyph="in-call"]')).not.toBeNull();
    expect(row('ubnd-tinh').textContent).toContain('4 s trước');
    expect(row('so-tttt').dataset.status).toBe('unknown');
    expect(row('so-tttt').querySelector('[data-glyph="unknown"]')).not.toBeNull();
    expect(row('so-tttt').textContent).toContain('—');
    expect(row('cho-don').querySelector('[data-glyph="unreachable"]')).not.toBeNull();

    const stale = row('ba-be-nam-mau');
    expect(stale.dataset.status).toBe('up'); // reachability as last known ...
    expect(stale.dataset.stale).toBe('true'); // ... but drawn as stale, with the word
    expect(stale.querySelector('[data-glyph="stale"]')!.getAttribute('aria-label')).toBe('Dữ liệu cũ (lần cuối: Hoạt động)');
    expect(stale.textContent).toContain('cũ');
    expect(stale.textContent).toContain('3 phút trước');
    expect(row('cho-don-bang-lung').querySelector('[data-glyph="degraded"]')).not.toBeNull();
  });

  it('marks a degraded site with the amber diamond and a word, and an in-call site with a quiet icon only', () => {
    render(<SiteTree />);
    const degraded = row('cho-don-bang-lung');
    expect(degraded.dataset.status).toBe('up'); // reachable ...
    expect(degraded.querySelector('[data-glyph="degraded"]')!.getAttribute('aria-label')).toBe('Chất lượng kém'); // ... but drawn degraded
    const word = degraded.querySelector<HTMLElement>('.tree-row__word')!;
    expect(word.dataset.kind).toBe('degraded');
    expect(word.textContent).toBe('kém');
    const inCall = row('ubnd-tinh');
    expect(inCall.querySelector('.tree-row__call [data-glyph="in-call"]')!.getAttribute('aria-label')).toBe('Đang họp');
    expect(inCall.querySelector('.tree-row__word')).toBeNull(); // no word, no colour: being in a call is normal
  });

  it('updates a row and the counters when a delta lands', () => {
    render(<SiteTree />);
    act(() => {
      useStatusStore.getState().enqueue([up('ba-be-cho-ra-1', 'ba-be-cho-ra', ago(1))], []);
      useStatusStore.getState().flush();
    });
    expect(row('ba-be-cho-ra').dataset.status).toBe('up');
    expect(count(screen.getByTestId('tier-commune-counters'), 'down')).toBe('0');
    expect(count(screen.getByTestId('tier-commune-counters'), 'up')).toBe('1');
  });

  it('moves with Up/Down, folds with Left/Right, selects with Enter', () => {
    render(<SiteTree />);
    const first = row('ubnd-tinh');
    expect(first.tabIndex).toBe(0); // the one row Tab reaches
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(row('so-tttt'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(first);

    // Down to the Ba Bể heading in the commune tier: rows are province(2), district(2), then the heading.
    for (let i = 0; i < 4; i++) fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    const heading = document.activeElement as HTMLElement;
    expect(heading.dataset.group).toBe('commune/ba-be');
    fireEvent.keyDown(heading, { key: 'ArrowLeft' });
    expect(heading.getAttribute('aria-expanded')).toBe('false');
    expect(document.querySelector('[data-site-id="ba-be-cho-ra"]')).toBeNull();
    fireEvent.keyDown(heading, { key: 'ArrowDown' });
    expect((document.activeElement as HTMLElement).dataset.group).toBe('commune/cho-don'); // skips the folded sites
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(heading.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(heading, { key: 'ArrowRight' }); // expanded: steps in
    expect(document.activeElement).toBe(row('ba-be-cho-ra'));
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(useUiStore.getState().selectedSiteId).toBe('ba-be-cho-ra');
    expect(row('ba-be-cho-ra').getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' }); // out to its district
    expect(document.activeElement).toBe(heading);
  });

  it('selects a site on click', () => {
    render(<SiteTree />);
    fireEvent.click(row('cho-don').querySelector('.tree-row__name')!);
    expect(useUiStore.getState().selectedSiteId).toBe('cho-don');
  });

  it('works with two tiers and no districts', () => {
    seedStores(TWO_TIER, [up('b1-1', 'b1', ago(2))]);
    render(<SiteTree />);
    expect(screen.getByTestId('tier-hq')).toBeTruthy();
    expect(within(screen.getByTestId('tier-branch')).getByRole('heading').textContent).toBe('branch'); // no translation: the name as data
    expect(rowIds(screen.getByTestId('tier-branch'))).toEqual(['b1', 'b2']);
    expect(document.querySelectorAll('[data-kind="group"]')).toHaveLength(0);
    expect(count(screen.getByTestId('tier-branch-counters'), 'up')).toBe('1');
    expect(count(screen.getByTestId('tier-branch-counters'), 'unknown')).toBe('1');
  });
});
