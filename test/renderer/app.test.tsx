// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/app.js';
import { useNetworkStore } from '../../renderer/stores/network-store.js';
import { useStatusStore } from '../../renderer/stores/status-store.js';
import { useConnectionStore } from '../../renderer/stores/connection-store.js';
import { NETWORK, up } from './fixtures.js';
import { NOW, ago, seedStores } from './dom-setup.js';

describe('app shell', () => {
  afterEach(cleanup);

  it('is ready only once the network and the first snapshot are in', () => {
    seedStores(NETWORK, []);
    useNetworkStore.setState({ network: null, index: null });
    useStatusStore.getState().clear();
    render(<App />);
    const app = screen.getByTestId('app');
    expect(app.dataset.ready).toBe('false');
    act(() => useNetworkStore.getState().setNetwork(NETWORK));
    expect(app.dataset.ready).toBe('false');
    act(() => useStatusStore.getState().reset([up('ubnd-tinh-1', 'ubnd-tinh', ago(1))]));
    expect(app.dataset.ready).toBe('true');
  });

  it('shows province, clock in ICT, totals and user in the top bar', () => {
    seedStores(NETWORK, [up('ubnd-tinh-1', 'ubnd-tinh', ago(1), { conferenceId: 'c1', inCall: true })]);
    render(<App />);
    expect(screen.getByTestId('province').textContent).toBe('Bắc Kạn');
    expect(screen.getByTestId('clock').textContent).toBe('14:30:0022/11/2025ICT');
    const totals = screen.getByTestId('totals');
    expect(totals.querySelector('[data-kind="up"]')!.getAttribute('data-count')).toBe('1');
    expect(totals.querySelector('[data-kind="unknown"]')!.getAttribute('data-count')).toBe('6');
    expect(totals.querySelector('[data-kind="inCall"]')!.getAttribute('data-count')).toBe('1');
    expect(screen.getByTestId('user').textContent).toBe('lan · Điều hành viên');
  });

  it('says when the link is lost and when it will retry', () => {
    seedStores(NETWORK, [up('ubnd-tinh-1', 'ubnd-tinh', ago(1))]);
    render(<App />);
    expect(screen.queryByTestId('link-lost')).toBeNull();
    act(() => useConnectionStore.getState().setLink({ phase: 'closed', since: NOW, attempt: 2, retryAt: NOW + 3000 }));
    const state = screen.getByTestId('connection-state');
    expect(state.dataset.phase).toBe('closed');
    expect(state.textContent).toContain('Mất kết nối');
    expect(state.textContent).toContain('thử lại sau 3 s');
    expect(screen.getByTestId('link-lost')).toBeTruthy();
    expect(screen.getByTestId('site-tree').dataset.live).toBe('false');
  });
});
