// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MonitoringStatsView } from '../../shared/monitoring.js';
import { App } from '../../renderer/app.js';
import { TopBar } from '../../renderer/features/shell/top-bar.js';
import { useClockStore } from '../../renderer/stores/clock-store.js';
import { useConnectionStore } from '../../renderer/stores/connection-store.js';
import { useMonitoringStore } from '../../renderer/stores/monitoring-store.js';
import { useUiStore } from '../../renderer/stores/ui-store.js';
import { MONITORING, NETWORK, up } from './fixtures.js';
import { NOW, ago, seedStores } from './dom-setup.js';

const poller = () => screen.getByTestId('poller');
const figure = (key: string) => poller().querySelector<HTMLElement>(`.poller__fig[data-figure="${key}"]`)!;
const record = (stats: MonitoringStatsView | null, at: number) => act(() => useMonitoringStore.getState().record(stats, at));
const overruns = (n: number): MonitoringStatsView => ({ ...MONITORING, poller: { ...MONITORING.poller, overruns: n } });

describe('poller indicator (top bar)', () => {
  beforeEach(() => {
    seedStores(NETWORK, [up('ubnd-tinh-1', 'ubnd-tinh', ago(1))]);
    // The figures in the bar are a technician's detail.
    useConnectionStore.setState({ identity: { user: 'kythuat', role: 'technician' } });
  });
  afterEach(() => {
    cleanup();
    act(() => useUiStore.getState().setLanguage('vi'));
  });

  it('waits calmly for the first figures', () => {
    render(<TopBar />);
    expect(poller().dataset.level).toBe('waiting');
    expect(screen.getByTestId('poller-word').textContent).toBe('Đang chờ số liệu thăm dò…');
    expect(screen.queryByTestId('poller-figures')).toBeNull();
  });

  it('shows cycle p99, polls/s, overruns, timeouts, backed off and traps with their age, calm', () => {
    render(<TopBar />);
    record(MONITORING, NOW - 3000);
    expect(poller().dataset.level).toBe('ok');
    expect(poller().dataset.reasons).toBe('');
    expect(figure('cycleP99').textContent).toBe('p99 9,7\u00a0ms');
    expect(figure('pollsPerSecond').textContent).toBe('24,2\u00a0lượt/s');
    expect(figure('overruns').textContent).toBe('trễ lịch 4');
    expect(figure('timeouts').textContent).toBe('hết giờ 66');
    expect(figure('backedOff').textContent).toBe('giãn nhịp 3');
    expect(figure('traps').textContent).toBe('bẫy 1.234');
    expect(figure('trapsRejected').textContent).toBe(' · từ chối 2');
    expect(screen.getByTestId('poller-age').textContent).toBe('3 s trước');
    // Calm: no attention anywhere, and the word is there only for screen readers.
    expect(poller().querySelectorAll('[data-attention="true"]')).toHaveLength(0);
    expect(screen.getByTestId('poller-word').className).toContain('visually-hidden');
    // The title holds the full figures, with units.
    const title = poller().querySelector('button')!.title;
    expect(title).toContain('Thời gian một lượt: 1,4\u00a0ms · 9,7\u00a0ms · 101,1\u00a0ms');
    expect(title).toContain('Số liệu lúc 14:29:57 22/11/2025 (3 s trước)');
  });

  it('calls for attention with a shape and a word when overruns grow', () => {
    render(<TopBar />);
    record(overruns(4), NOW - 5000);
    record(overruns(9), NOW);
    expect(poller().dataset.level).toBe('attention');
    expect(poller().dataset.reasons).toBe('overruns');
    expect(screen.getByTestId('poller-word').textContent).toBe('Trễ lịch');
    expect(poller().querySelector('[data-glyph="degraded"]')).not.toBeNull();
    expect(figure('overruns').dataset.attention).toBe('true');
  });

  it('says when the engine does not answer, and when the figures grow old', () => {
    render(<TopBar />);
    record(MONITORING, NOW);
    act(() => useMonitoringStore.getState().fail('getMonitoring: not connected to the engine', NOW + 1000));
    expect(poller().dataset.reasons).toBe('unreachable');
    expect(screen.getByTestId('poller-word').textContent).toBe('Mất số liệu');
    expect(poller().querySelector('[data-glyph="down"]')).not.toBeNull();
    expect(poller().querySelector('button')!.title).toContain('Lỗi gần nhất: getMonitoring: not connected to the engine');

    record(MONITORING, NOW);
    expect(poller().dataset.level).toBe('ok');
    act(() => useClockStore.getState().tick(NOW + 20_000));
    expect(poller().dataset.reasons).toBe('unreachable');
    expect(poller().dataset.stale).toBe('true');
    expect(screen.getByTestId('poller-age').textContent).toBe('20 s trước');
  });

  it('is calm with "monitoring off" when the engine runs without monitoring', () => {
    render(<TopBar />);
    record(null, NOW);
    expect(poller().dataset.level).toBe('off');
    expect(screen.getByTestId('poller-word').textContent).toBe('Giám sát tắt');
    act(() => useUiStore.getState().setLanguage('en'));
    expect(screen.getByTestId('poller-word').textContent).toBe('Monitoring off');
  });

  it('opens the full figures on click and closes them with Escape without clearing the selection', () => {
    useUiStore.getState().select('ubnd-tinh');
    render(<App />); // with the global keys, where Escape would otherwise clear the selection
    record(MONITORING, NOW);
    const button = poller().querySelector('button')!;
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByTestId('poller-panel');
    const row = (key: string) => panel.querySelector(`[data-figure="${key}"] dd`)!.textContent;
    expect(row('interval')).toBe('5\u00a0s');
    expect(row('inFlight')).toBe('2 / 500');
    expect(row('startDelay')).toBe('0,8\u00a0ms · 8,3\u00a0ms · 111,2\u00a0ms');
    expect(row('trapsUnknownSource')).toBe('0');
    fireEvent.keyDown(button, { key: 'Escape' });
    expect(screen.queryByTestId('poller-panel')).toBeNull();
    expect(useUiStore.getState().selectedSiteId).toBe('ubnd-tinh');
  });

  it('gives operators and supervisors the state, not the figures (those open on a click)', () => {
    useConnectionStore.setState({ identity: { user: 'dieuhanh', role: 'operator' } });
    render(<TopBar />);
    record(overruns(0), NOW - 1000);
    record(overruns(40), NOW);
    expect(screen.queryByTestId('poller-figures')).toBeNull();
    expect(screen.getByTestId('poller-word').textContent).not.toBe('');
    fireEvent.click(poller().querySelector('button')!);
    expect(screen.getByTestId('poller-panel').textContent).toContain('40');
  });
});
