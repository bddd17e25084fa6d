// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ArmedAction } from '../../renderer/features/schedule/armed-action.js';
import { ARM_GUARD_MS, armState, press } from '../../renderer/features/shell/arming.js';
import { ReadinessBoard } from '../../renderer/features/schedule/readiness-board.js';
import { StartPanel, failedSiteIds, progressRows } from '../../renderer/features/schedule/start-panel.js';
import type { StartRun } from '../../renderer/stores/schedule-store.js';
import { NETWORK } from './fixtures.js';
import { NOW, seedStores } from './dom-setup.js';
import { DAY, meeting, readiness, readySite } from './schedule-fixtures.js';

describe('armed, then fired', () => {
  it('arms on the first press, fires on a second within the countdown, ignores a double click', () => {
    expect(press(null, 1_000)).toBe('arm');
    expect(armState(1_000, 1_000)).toEqual({ armed: true, left: 5 });
    expect(armState(1_000, 2_100)).toEqual({ armed: true, left: 4 });
    expect(press(1_000, 1_000 + ARM_GUARD_MS - 1)).toBe('ignore');
    expect(press(1_000, 1_000 + ARM_GUARD_MS)).toBe('fire');
    expect(armState(1_000, 6_000)).toEqual({ armed: false, left: 0 });
    expect(press(1_000, 6_000)).toBe('arm'); // the countdown ran out: the press arms again
  });

  describe('the button', () => {
    beforeEach(() => vi.useFakeTimers({ now: 10_000 }));
    afterEach(() => {
      cleanup();
      vi.useRealTimers();
    });

    it('changes and names its targets when armed, counts down, and fires on the second click', () => {
      const onFire = vi.fn();
      render(<ArmedAction testId="start-button" label="Bắt đầu" confirm="Gọi 14 điểm cầu?" onFire={onFire} />);
      const button = screen.getByTestId('start-button');
      fireEvent.click(button);
      expect(button.dataset.armed).toBe('true');
      expect(screen.getByTestId('start-button-confirm').textContent).toBe('Gọi 14 điểm cầu?');
      expect(button.textContent).toBe('Xác nhận (5 s)');
      act(() => vi.advanceTimersByTime(1_200));
      expect(button.textContent).toBe('Xác nhận (4 s)');
      fireEvent.click(button);
      expect(onFire).toHaveBeenCalledTimes(1);
      expect(button.dataset.armed).toBe('false');
    });

    it('disarms when the countdown runs out, or on Escape', () => {
      const onFire = vi.fn();
      render(<ArmedAction testId="start-button" label="Bắt đầu" confirm="Gọi?" onFire={onFire} />);
      const button = screen.getByTestId('start-button');
      fireEvent.click(button);
      act(() => vi.advanceTimersByTime(5_200));
      expect(button.dataset.armed).toBe('false');
      fireEvent.click(button);
      expect(button.dataset.armed).toBe('true');
      fireEvent.keyDown(button, { key: 'Escape' });
      expect(button.dataset.armed).toBe('false');
      expect(onFire).not.toHaveBeenCalled();
    });

    it('does nothing while disabled, and says why', () => {
      const onFire = vi.fn();
      render(<ArmedAction testId="start-button" label="Bắt đầu" confirm="Gọi?" onFire={onFire} disabled reason="Mất kết nối tới máy chủ" />);
      fireEvent.click(screen.getByTestId('start-button'));
      expect(screen.getByTestId('start-button').dataset.armed).toBe('false');
      expect(screen.getByText('Mất kết nối tới máy chủ')).toBeTruthy();
    });
  });
});

describe('the readiness board', () => {
  beforeEach(() => seedStores(NETWORK, []));
  afterEach(cleanup);

  const board = () =>
    readiness('m1', [
      readySite('ubnd-tinh'),
      { siteId: 'ba-be-cho-ra', endpointId: 'ba-be-cho-ra-1', reachable: false, mcuReady: true, busyIn: null, ready: false, reasons: ['the codec does not answer (down)'] },
      { siteId: 'ba-be-nam-mau', endpointId: 'ba-be-nam-mau-1', reachable: true, mcuReady: true, busyIn: 'Giao ban trực tuyến UBND tỉnh', ready: false, reasons: ['in another conference: Giao ban trực tuyến UBND tỉnh'] },
    ]);

  it('has a row per site: reachable, MCU ready, busy elsewhere, ready; not-ready sites with the word, a shape and why', () => {
    render(<ReadinessBoard readiness={board()} network={NETWORK} error={null} onRecheck={() => undefined} />);
    expect(screen.getByTestId('readiness-summary').textContent).toBe('1 sẵn sàng · 2 chưa sẵn sàng');
    const rows = screen.getAllByTestId('readiness-row');
    // Not ready first.
    expect(rows.map((r) => r.dataset.siteId)).toEqual(['ba-be-cho-ra', 'ba-be-nam-mau', 'ubnd-tinh']);
    const down = rows[0]!;
    expect(down.dataset.attention).toBe('true');
    expect(down.textContent).toContain('UBND xã Chợ Rã');
    expect(down.textContent).toContain('mất liên lạc');
    expect(down.textContent).toContain('Chưa sẵn sàng');
    expect(down.textContent).toContain('thiết bị không trả lời (ngừng hoạt động)');
    expect(within(down).getAllByRole('img').some((g) => g.getAttribute('data-glyph') === 'down')).toBe(true);
    expect(rows[1]!.textContent).toContain('đang ở Giao ban trực tuyến UBND tỉnh');
    expect(rows[1]!.textContent).toContain('đang ở phiên họp khác: Giao ban trực tuyến UBND tỉnh');
    expect(rows[2]!.dataset.attention).toBe('false');
    expect(rows[2]!.textContent).toContain('Sẵn sàng');
    // Its age, from the shared clock: checked 2 s before NOW.
    expect(screen.getByTestId('readiness-board').textContent).toContain('kiểm tra 2 s trước');
  });

  it('draws an old report stale (checked 10 minutes ago), without the attention colour', () => {
    render(<ReadinessBoard readiness={{ ...board(), checkedAt: new Date(NOW - 600_000).toISOString() }} network={NETWORK} error={null} onRecheck={() => undefined} />);
    expect(screen.getByTestId('readiness-board').dataset.stale).toBe('true');
    expect(screen.getAllByTestId('readiness-row').every((r) => r.dataset.attention === 'false')).toBe(true);
  });

  it('keeps the colour for the 30-minute window: an early check is information', () => {
    render(<ReadinessBoard readiness={{ ...board(), phase: 'not-yet' }} network={NETWORK} error={null} onRecheck={() => undefined} />);
    expect(screen.getAllByTestId('readiness-row')[0]!.dataset.attention).toBe('false');
    expect(screen.getAllByTestId('readiness-row')[0]!.textContent).toContain('Chưa sẵn sàng');
  });

  it('says when there is no check yet, and checks again on request', () => {
    const onRecheck = vi.fn();
    render(<ReadinessBoard readiness={undefined} network={NETWORK} error={null} onRecheck={onRecheck} />);
    expect(screen.getByTestId('readiness-board').textContent).toContain('Chưa có kết quả kiểm tra');
    fireEvent.click(screen.getByText('Kiểm tra lại'));
    expect(onRecheck).toHaveBeenCalledTimes(1);
  });
});

describe('start progress per site', () => {
  beforeEach(() => seedStores(NETWORK, []));
  afterEach(cleanup);

  const run = (patch: Partial<StartRun>): StartRun => ({ meetingId: 'm1', conferenceId: 'c1', inFlight: null, results: [], error: null, at: NOW, attempts: 1, ...patch });
  const sites = ['ubnd-tinh', 'ba-be-cho-ra', 'ba-be-nam-mau'];

  it('shows every participant dialling while the start is on its way', () => {
    const rows = progressRows(run({ inFlight: 'all' }), sites, NETWORK);
    expect(rows.map((r) => `${r.name}:${r.state}`)).toEqual(['Văn phòng UBND tỉnh:pending', 'UBND xã Chợ Rã:pending', 'UBND xã Nam Mẫu:pending']);
  });

  it('lists a result per site, and retries only the failed ones', () => {
    const onStart = vi.fn();
    const r = run({
      results: [
        { target: 'ubnd-tinh', ok: true, error: null },
        { target: 'ba-be-cho-ra', ok: false, error: 'the endpoint did not answer' },
        { target: 'ba-be-nam-mau', ok: true, error: null },
        { target: 'conference:c1', ok: false, error: 'layout refused' },
      ],
    });
    expect(failedSiteIds(progressRows(r, sites, NETWORK))).toEqual(['ba-be-cho-ra']);
    render(<StartPanel meeting={meeting('m1', '2025-11-22T14:40', '2025-11-22T16:00')} occurrenceDate={DAY} participants={sites} network={NETWORK} run={r} blocked={null} onStart={onStart} />);
    const rows = screen.getAllByTestId('start-row');
    expect(rows.map((x) => x.dataset.state)).toEqual(['ok', 'failed', 'ok', 'failed']);
    expect(rows[1]!.textContent).toContain('UBND xã Chợ Rã');
    expect(rows[1]!.textContent).toContain('the endpoint did not answer');
    expect(screen.getByTestId('start-progress').textContent).toContain('2 kết nối được · 2 lỗi');
    fireEvent.click(screen.getByTestId('start-retry'));
    expect(onStart).toHaveBeenCalledWith(['ba-be-cho-ra']);
  });

  it('while a retry is on its way, shows those sites dialling again and keeps the others', () => {
    const r = run({ inFlight: ['ba-be-cho-ra'], results: [{ target: 'ubnd-tinh', ok: true, error: null }, { target: 'ba-be-cho-ra', ok: false, error: 'x' }] });
    expect(progressRows(r, sites, NETWORK).map((x) => x.state)).toEqual(['ok', 'pending']);
  });
});
