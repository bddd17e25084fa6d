// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/app.js';
import { downAncestor, unreachableBehind } from '../../renderer/features/topology/unreachable-behind.js';
import { indexNetwork } from '../../renderer/stores/network-store.js';
import { useEventsStore } from '../../renderer/stores/events-store.js';
import { useStatusStore } from '../../renderer/stores/status-store.js';
import { useUiStore } from '../../renderer/stores/ui-store.js';
import { NETWORK, event, status, up } from './fixtures.js';
import { ago, seedStores } from './dom-setup.js';

const field = (name: string): HTMLElement => document.querySelector<HTMLElement>(`[data-field="${name}"]`)!;

describe('details panel: stale marker', () => {
  afterEach(cleanup);

  it('draws stale values hatched and greyed under a marker with the word, the last known state and its age', () => {
    seedStores(NETWORK, [up('ba-be-cho-ra-1', 'ba-be-cho-ra', ago(40), { stale: true, packetLossPct: 0.5, measuredAt: { reachability: ago(40), packetLossPct: ago(40) } })]);
    useUiStore.getState().select('ba-be-cho-ra');
    render(<App />);
    const section = document.querySelector<HTMLElement>('[data-endpoint-id="ba-be-cho-ra-1"]')!;
    expect(section.dataset.stale).toBe('true');
    const marker = screen.getByTestId('stale-marker');
    expect(marker.querySelector('[data-glyph="stale"]')).not.toBeNull();
    expect(marker.textContent).toContain('cũ');
    expect(marker.textContent).toContain('trạng thái cuối: Hoạt động');
    expect(marker.textContent).toContain('40 s trước');
    expect(section.querySelector('table.metrics')!.getAttribute('data-stale')).toBe('true'); // the CSS hatches every value
    expect(field('stale').dataset.attention).toBe('true');
    expect(field('reachability').querySelector('[data-glyph="stale"]')).not.toBeNull();

    act(() => useUiStore.getState().setLanguage('en'));
    expect(screen.getByTestId('stale-marker').textContent).toContain('stale');
    expect(screen.getByTestId('stale-marker').textContent).toContain('last known: Up');
    act(() => useUiStore.getState().setLanguage('vi'));
  });

  it('has no marker for a fresh status', () => {
    seedStores(NETWORK, [up('ba-be-cho-ra-1', 'ba-be-cho-ra', ago(2))]);
    useUiStore.getState().select('ba-be-cho-ra');
    render(<App />);
    expect(screen.queryByTestId('stale-marker')).toBeNull();
    expect(document.querySelector('[data-endpoint-id="ba-be-cho-ra-1"]')!.getAttribute('data-stale')).toBe('false');
  });
});

describe('details panel: unreachable behind a site', () => {
  beforeEach(() => {
    seedStores(NETWORK, [
      status('ba-be-1', 'ba-be', { reachability: 'down', updatedAt: ago(20) }),
      status('ba-be-cho-ra-1', 'ba-be-cho-ra', { reachability: 'unreachable', updatedAt: ago(15), measuredAt: { reachability: ago(15) } }),
    ]);
    useUiStore.getState().select('ba-be-cho-ra');
  });
  afterEach(cleanup);

  it('names the down site from the latest unreachable event', () => {
    useEventsStore.getState().beginSite('ba-be-cho-ra');
    useEventsStore.getState().loadedSite('ba-be-cho-ra', [event(30, 'unreachable', 'ba-be-cho-ra', 'ba-be'), event(12, 'unreachable', 'ba-be-cho-ra', 'ubnd-tinh')]);
    render(<App />);
    const behind = screen.getByTestId('unreachable-behind');
    expect(behind.textContent).toBe('sau UBND huyện Ba Bể (đang ngừng)');
    expect(behind.dataset.from).toBe('event');
    expect(field('reachability').querySelector('.metrics__text')!.textContent).toBe('Mất liên lạc');
  });

  it('falls back to the nearest ancestor that is down when the event is not at hand', () => {
    render(<App />);
    const behind = screen.getByTestId('unreachable-behind');
    expect(behind.dataset.siteId).toBe('ba-be');
    expect(behind.dataset.from).toBe('tree');
  });

  it('says nothing more once the endpoint is reachable again', () => {
    render(<App />);
    act(() => useStatusStore.getState().reset([up('ba-be-cho-ra-1', 'ba-be-cho-ra', ago(1))]));
    expect(screen.queryByTestId('unreachable-behind')).toBeNull();
  });

  it('resolves names as pure functions: event text first, an unknown id as it is', () => {
    const index = indexNetwork(NETWORK);
    const statuses = new Map([['ubnd-tinh-1', status('ubnd-tinh-1', 'ubnd-tinh', { reachability: 'down' })]]);
    expect(downAncestor('ba-be-cho-ra', index.sitesById, statuses)).toBe('ubnd-tinh');
    expect(downAncestor('ubnd-tinh', index.sitesById, statuses)).toBeNull();
    expect(unreachableBehind('ba-be-cho-ra-1', [[event(3, 'unreachable', 'ba-be-cho-ra', 'gone-site')]], index.sitesById, 'ubnd-tinh')).toEqual({
      siteId: 'gone-site',
      name: 'gone-site',
      from: 'event',
    });
    expect(unreachableBehind('ba-be-cho-ra-1', [[]], index.sitesById, 'ubnd-tinh')).toEqual({ siteId: 'ubnd-tinh', name: 'Văn phòng UBND tỉnh', from: 'tree' });
    expect(unreachableBehind('ba-be-cho-ra-1', [[]], index.sitesById, null)).toBeNull();
  });
});

describe('details panel: recent events of the site', () => {
  beforeEach(() => {
    seedStores(NETWORK, [up('ba-be-cho-ra-1', 'ba-be-cho-ra', ago(2))]);
    useUiStore.getState().select('ba-be-cho-ra');
  });
  afterEach(cleanup);

  it('says it is loading, then lists time, severity shape and word, translated code and the text as it is', () => {
    useEventsStore.getState().beginSite('ba-be-cho-ra');
    render(<App />);
    const list = screen.getByTestId('site-events');
    expect(list.textContent).toContain('Đang tải sự kiện…');
    act(() =>
      useEventsStore.getState().loadedSite('ba-be-cho-ra', [
        event(40, 'unreachable', 'ba-be-cho-ra', 'ba-be'),
        event(39, 'trap', 'ba-be-cho-ra', 'linkDown ifIndex 1 (127.0.0.1:52195)', { severity: 'critical' }),
      ]),
    );
    const items = [...list.querySelectorAll<HTMLElement>('li.event')];
    expect(items.map((i) => i.dataset.code)).toEqual(['unreachable', 'trap']);
    // 07:29:40 UTC is 14:29:40 in Hà Nội, 24-hour clock.
    expect(items[0]!.querySelector('time')!.textContent).toBe('14:29:40');
    expect(items[0]!.querySelector('[data-glyph="severity-warning"]')).not.toBeNull();
    expect(items[0]!.textContent).toContain('cảnh báo');
    expect(items[0]!.textContent).toContain('Mất liên lạc · sau UBND huyện Ba Bể');
    expect(items[0]!.querySelector('.event__text')!.textContent).toBe('ba-be');
    expect(items[1]!.querySelector('[data-glyph="severity-critical"]')).not.toBeNull();
    expect(items[1]!.textContent).toContain('nghiêm trọng');
    expect(items[1]!.textContent).toContain('Bẫy SNMP');
    expect(items[1]!.querySelector('.event__text')!.textContent).toBe('linkDown ifIndex 1 (127.0.0.1:52195)');
  });

  it('adds live events at the top, only for the selected site', () => {
    useEventsStore.getState().beginSite('ba-be-cho-ra');
    useEventsStore.getState().loadedSite('ba-be-cho-ra', []);
    render(<App />);
    expect(screen.getByTestId('site-events').textContent).toContain('Chưa có sự kiện nào');
    act(() => {
      useEventsStore.getState().add(event(50, 'down', 'ba-be-cho-ra'));
      useEventsStore.getState().add(event(51, 'down', 'cho-don'));
      useEventsStore.getState().add(event(52, 'up', 'ba-be-cho-ra'));
      useEventsStore.getState().flush(); // the frame
    });
    const codes = [...screen.getByTestId('site-events').querySelectorAll<HTMLElement>('li.event')].map((i) => i.dataset.code);
    expect(codes).toEqual(['up', 'down']);
    act(() => useUiStore.getState().setLanguage('en'));
    expect(screen.getByTestId('site-events').textContent).toContain('Up again');
    expect(screen.getByTestId('site-events').textContent).toContain('critical');
    act(() => useUiStore.getState().setLanguage('vi'));
  });

  it('says why when the list could not be loaded', () => {
    useEventsStore.getState().beginSite('ba-be-cho-ra');
    useEventsStore.getState().failSite('ba-be-cho-ra', 'listEvents: not connected to the engine');
    render(<App />);
    expect(screen.getByTestId('site-events').textContent).toContain('Không tải được sự kiện: listEvents: not connected to the engine');
  });
});
