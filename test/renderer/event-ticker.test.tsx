// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/app.js';
import { isAttentionEvent, tickerItems } from '../../renderer/features/events/event-model.js';
import { indexNetwork } from '../../renderer/stores/network-store.js';
import { useClockStore } from '../../renderer/stores/clock-store.js';
import { useEventsStore } from '../../renderer/stores/events-store.js';
import { useStatusStore } from '../../renderer/stores/status-store.js';
import { useUiStore } from '../../renderer/stores/ui-store.js';
import { NETWORK, event, status, up } from './fixtures.js';
import { NOW, ago, seedStores } from './dom-setup.js';

const lines = () => [...screen.getByTestId('ticker').querySelectorAll<HTMLElement>('.ticker__item')];

describe('event ticker', () => {
  beforeEach(() => seedStores(NETWORK, [up('ubnd-tinh-1', 'ubnd-tinh', ago(1))]));
  afterEach(cleanup);

  it('is calm when nothing needs attention', () => {
    render(<App />);
    act(() => {
      useEventsStore.getState().add(event(1, 'up', 'ba-be'));
      useEventsStore.getState().add(event(2, 'recovered', 'ba-be'));
      useEventsStore.getState().add(event(3, 'trap', 'ba-be', 'coldStart', { severity: 'info' }));
      useEventsStore.getState().flush();
    });
    expect(screen.getByTestId('ticker').dataset.count).toBe('0');
    expect(screen.getByTestId('ticker').textContent).toContain('Không có sự kiện cần chú ý.');
  });

  it('shows the last attention events with site name, code, shape and age; a district burst is one line', () => {
    render(<App />);
    act(() => {
      useEventsStore.getState().add(event(10, 'down', 'ba-be'));
      useEventsStore.getState().add(event(11, 'unreachable', 'ba-be-cho-ra', 'ba-be'));
      useEventsStore.getState().add(event(12, 'unreachable', 'ba-be-nam-mau', 'ba-be'));
      useEventsStore.getState().add(event(20, 'degraded', 'cho-don-bang-lung', 'loss 4 %'));
      useEventsStore.getState().flush();
    });
    const [degraded, unreachable, down] = lines();
    expect(lines()).toHaveLength(3);
    expect(degraded!.textContent).toContain('UBND thị trấn Bằng Lũng');
    expect(degraded!.textContent).toContain('Chất lượng kém');
    expect(degraded!.querySelector('[data-glyph="severity-warning"]')).not.toBeNull();
    expect(degraded!.textContent).toContain('40 s trước'); // 07:29:20 → 07:30:00
    expect(unreachable!.textContent).toContain('UBND huyện Ba Bể · 2 điểm cầu');
    expect(unreachable!.textContent).toContain('Mất liên lạc');
    expect(down!.textContent).toContain('UBND huyện Ba Bể');
    expect(down!.querySelector('[data-glyph="severity-critical"]')).not.toBeNull();
    expect(down!.dataset.fresh).toBe('true');

    // Clicking a district line selects the district.
    fireEvent.click(unreachable!.querySelector('button')!);
    expect(useUiStore.getState().selectedSiteId).toBe('ba-be');

    // Old lines stay to be read, drawn in grey.
    act(() => useClockStore.getState().tick(NOW + 20 * 60_000));
    expect(lines()[0]!.dataset.fresh).toBe('false');
    expect(lines()[0]!.querySelector('[data-muted="true"]')).not.toBeNull();
  });

  it('draws a line in grey, saying so, once its sites are well again', () => {
    seedStores(NETWORK, [
      status('ba-be-1', 'ba-be', { reachability: 'down', updatedAt: ago(5) }),
      status('cho-don-1', 'cho-don', { reachability: 'down', updatedAt: ago(5) }),
    ]);
    render(<App />);
    act(() => {
      useEventsStore.getState().add(event(10, 'down', 'ba-be'));
      useEventsStore.getState().add(event(11, 'down', 'cho-don'));
      useEventsStore.getState().flush();
    });
    expect(lines().map((l) => [l.dataset.cleared, l.dataset.fresh])).toEqual([
      ['false', 'true'],
      ['false', 'true'],
    ]);
    act(() => useStatusStore.getState().reset([up('ba-be-1', 'ba-be', ago(1)), status('cho-don-1', 'cho-don', { reachability: 'down', updatedAt: ago(5) })]));
    const [choDon, baBe] = lines();
    expect(choDon!.dataset.cleared).toBe('false');
    expect(baBe!.dataset.cleared).toBe('true');
    expect(baBe!.dataset.fresh).toBe('false');
    expect(baBe!.textContent).toContain('đã khôi phục');
    expect(baBe!.querySelector('[data-glyph="severity-critical"]')!.getAttribute('data-muted')).toBe('true');
  });

  it('keeps at most four lines, newest first, and counts repeats', () => {
    const sites = indexNetwork(NETWORK).sitesById;
    const list = [
      event(9, 'trap', 'cho-don', 'linkDown', { severity: 'critical' }),
      event(8, 'trap', 'cho-don', 'linkDown', { severity: 'critical' }),
      event(7, 'degraded', 'ubnd-tinh'),
      event(6, 'down', 'so-tttt'),
      event(5, 'up', 'so-tttt'),
      event(4, 'down', 'ubnd-tinh'),
      event(3, 'degraded', 'so-tttt'),
    ];
    const items = tickerItems(list, sites, 4);
    expect(items.map((i) => [i.code, i.latest.siteId, i.count])).toEqual([
      ['trap', 'cho-don', 2],
      ['degraded', 'ubnd-tinh', 1],
      ['down', 'so-tttt', 1],
      ['down', 'ubnd-tinh', 1],
    ]);
    expect(items[0]!.siteIds).toEqual(['cho-don']);
    expect(isAttentionEvent(event(1, 'trap', 'x', '', { severity: 'warning' }))).toBe(true);
    expect(isAttentionEvent(event(1, 'poll-problem', 'x'))).toBe(false);
  });

  it('does not group events of one district far apart in time', () => {
    const sites = indexNetwork(NETWORK).sitesById;
    const late = event(100, 'unreachable', 'ba-be-cho-ra', 'ba-be');
    const early = event(2, 'unreachable', 'ba-be-nam-mau', 'ba-be', { at: new Date(Date.parse(late.at) - 10 * 60_000).toISOString() });
    expect(tickerItems([late, early], sites).map((i) => i.count)).toEqual([1, 1]);
  });
});
