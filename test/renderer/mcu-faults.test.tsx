// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import './dom-setup.js';
import { i18n } from '../../renderer/i18n/index.js';
import { errorText, mcuUnavailableText } from '../../renderer/features/session/control-error.js';
import { McuState } from '../../renderer/features/session/mcu-state.js';
import { McuIndicator } from '../../renderer/features/shell/mcu-indicator.js';
import { createConferenceStore, useConferenceStore } from '../../renderer/stores/conference-store.js';
import { controlKey } from '../../renderer/stores/conference-pending.js';
import { useUiStore } from '../../renderer/stores/ui-store.js';
import { ApiError } from '../../shared/api/errors.js';
import type { McuStatus } from '../../shared/conference.js';
import { CONF_ID, fakeApi, view } from './session-fixtures.js';

// MCU faults as the operator sees them (issue 14 item 6): frame_too_large named with the next try,
// rosters unconfirmed, and an action during an outage worded from the catalogue.

const TZ = 'Asia/Ho_Chi_Minh';
const t = i18n.t.bind(i18n);
const mcu = (extra: Partial<McuStatus>): McuStatus => ({ state: 'ok', message: 'connected to cms:443', since: '2026-12-06T03:00:00Z', ...extra });

afterEach(() => {
  cleanup();
  useUiStore.setState({ language: 'vi' });
  useConferenceStore.getState().receive({ mcu: mcu({ state: 'none' }), conferences: [] });
});

describe('the Live view banner', () => {
  it('names a frame over the size cap and when the next try is, in Vietnamese, not the driver’s English', () => {
    render(<McuState mcu={mcu({ state: 'disconnected', message: "an events frame from the MCU was larger than the driver's limit (1 MiB)", problem: 'frame_too_large', retryAt: '2026-12-06T03:05:10Z' })} timezone={TZ} />);
    const el = screen.getByTestId('mcu-state');
    expect(el.dataset.problem).toBe('frame_too_large');
    expect(el.dataset.attention).toBe('true');
    expect(screen.getByTestId('mcu-problem').textContent).toMatch(/^MCU gửi một khung sự kiện lớn hơn giới hạn/);
    expect(screen.getByTestId('mcu-retry').textContent).toBe('Thử kết nối lại lúc 10:05:10');
    expect(el.textContent).not.toMatch(/driver's limit/);
  });

  it('marks rosters unconfirmed, with the last sign of life', () => {
    render(<McuState mcu={mcu({ unconfirmed: true, lastHeardAt: '2026-12-06T03:04:02Z' })} timezone={TZ} />);
    const el = screen.getByTestId('mcu-state');
    expect(el.dataset.state).toBe('ok');
    expect(el.dataset.unconfirmed).toBe('true');
    expect(el.dataset.attention).toBe('true');
    expect(el.querySelector('.mcu-state__word')!.textContent).toBe('chưa xác nhận');
    expect(screen.getByTestId('mcu-unconfirmed').textContent).toBe('Không có tín hiệu từ MCU từ 10:04:02: danh sách điểm cầu là lần nhận cuối, chưa được xác nhận là trực tiếp.');
  });

  it('stays calm when connected and confirmed', () => {
    render(<McuState mcu={mcu({ unconfirmed: false, problem: null, retryAt: null })} timezone={TZ} />);
    const el = screen.getByTestId('mcu-state');
    expect(el.dataset.attention).toBe('false');
    expect(screen.queryByTestId('mcu-unconfirmed')).toBeNull();
    expect(screen.queryByTestId('mcu-retry')).toBeNull();
  });
});

describe('the top bar', () => {
  it('shows unconfirmed rosters as needing attention, and names the problem', () => {
    useConferenceStore.getState().receive({ mcu: mcu({ unconfirmed: true, lastHeardAt: '2026-12-06T03:04:02Z' }), conferences: [] });
    const { rerender } = render(<McuIndicator />);
    let el = screen.getByTestId('topbar-mcu');
    expect(el.dataset.attention).toBe('true');
    expect(el.querySelector('.top-bar__mcu-word')!.textContent).toBe('chưa xác nhận');
    useConferenceStore.getState().receive({ mcu: mcu({ state: 'disconnected', problem: 'frame_too_large' }), conferences: [] });
    rerender(<McuIndicator />);
    el = screen.getByTestId('topbar-mcu');
    expect(el.querySelector('.top-bar__mcu-word')!.textContent).toBe('mất kết nối · khung dữ liệu quá lớn');
  });
});

describe('an action refused because the MCU is not connected', () => {
  const params = { since: '2026-12-06T03:02:03.000Z', retryAt: '2026-12-06T03:06:00.000Z', retryInS: 4, state: 'disconnected', problem: null };

  it('is worded from the catalogue in both languages', async () => {
    expect(mcuUnavailableText(params, t, TZ)).toBe('MCU mất kết nối từ 10:02:03, thử kết nối lại sau 4 giây');
    expect(mcuUnavailableText({ ...params, retryInS: null, state: 'connecting' }, t, TZ)).toBe('MCU mất kết nối từ 10:02:03, đang kết nối lại');
    await i18n.changeLanguage('en');
    try {
      expect(mcuUnavailableText(params, i18n.t.bind(i18n), TZ)).toBe('MCU not connected since 10:02:03, retrying in 4 s');
    } finally {
      await i18n.changeLanguage('vi');
    }
  });

  it('keeps the code and params in the store, so the note beside the control words it', async () => {
    const fake = fakeApi({ endConference: () => Promise.reject(new ApiError('mcu_unavailable', 'MCU not connected since …', undefined, params)) });
    const store = createConferenceStore(() => ({ api: fake.api, afterAction: () => {} }), { now: () => 1_000, confirmMs: 5_000, setTimer: () => {} });
    store.getState().receive(view());
    await store.getState().endConference(CONF_ID, 'Giao ban');
    const error = store.getState().errors.get(controlKey(CONF_ID, null, 'end'))!;
    expect(error).toMatchObject({ kind: 'error', code: 'mcu_unavailable', params });
    expect(errorText(error, t, TZ)).toBe('MCU mất kết nối từ 10:02:03, thử kết nối lại sau 4 giây');
  });
});

describe('an action the engine refuses', () => {
  it('is worded from the catalogue by its code and reason, never the engine\'s English; an MCU\'s own words are kept', () => {
    const refused = { kind: 'error' as const, at: 0, message: 'change your one-time password first', code: 'forbidden' as const, params: { reason: 'must_change_password' } };
    expect(errorText(refused, t, TZ)).toBe('Bị từ chối: Cần đổi mật khẩu dùng một lần trước khi làm việc.');
    expect(errorText({ kind: 'error', at: 0, message: 'muteParticipant is not allowed for supervisor', code: 'forbidden' }, t, TZ)).toBe('Bị từ chối: Tài khoản này không có quyền thực hiện thao tác.');
    expect(errorText({ kind: 'error', at: 0, message: 'MCU 404: participantNotFound' }, t, TZ)).toBe('Bị từ chối: MCU 404: participantNotFound');
  });
});
