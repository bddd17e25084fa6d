// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlarmBanner } from '../../renderer/features/alarms/alarm-banner.js';
import { AlarmsView } from '../../renderer/features/alarms/alarms-view.js';
import { SoundToggle } from '../../renderer/features/alarms/sound-toggle.js';
import { startAlarmFeed, useAlarmStore } from '../../renderer/stores/alarm-store.js';
import { useConnectionStore } from '../../renderer/stores/connection-store.js';
import { useUiStore } from '../../renderer/stores/ui-store.js';
import { ApiError } from '../../shared/api/errors.js';
import { alarmView } from '../shared/alarms/alarm-fixtures.js';
import { NETWORK, TWO_TIER } from './fixtures.js';
import { seedStores } from './dom-setup.js';
import { fakeApi, settle } from './session-fixtures.js';

let fake: ReturnType<typeof fakeApi>;
let feed: { stop(): void };

function seedAlarms(): void {
  useAlarmStore.getState().apply({
    kind: 'snapshot',
    flood: { since: null, byArea: {} },
    alarms: [
      alarmView('ba-be', { id: 'endpoint-down@endpoint:ba-be-1', subject: { kind: 'endpoint', id: 'ba-be-1', siteId: 'ba-be' } }),
      alarmView('cho-ra', {
        id: 'endpoint-unreachable@endpoint:ba-be-cho-ra-1',
        ruleId: 'endpoint-unreachable',
        priority: 'high',
        subject: { kind: 'endpoint', id: 'ba-be-cho-ra-1', siteId: 'ba-be-cho-ra' },
        suppressedBy: 'endpoint-down@endpoint:ba-be-1',
        annunciable: false,
      }),
      alarmView('cho-don', { id: 'loss-high@endpoint:cho-don-1', ruleId: 'loss-high', priority: 'medium', value: 4.2, unit: '%', valueAt: '2026-12-07T01:00:00.000Z', subject: { kind: 'endpoint', id: 'cho-don-1', siteId: 'cho-don' } }),
    ],
  });
}

beforeEach(() => {
  seedStores(NETWORK, []);
  useConnectionStore.setState({ identity: { user: 'dieuhanh', role: 'operator' } });
  fake = fakeApi({ acknowledgeAlarms: () => ({ acknowledged: [] }), shelveAlarm: () => Promise.reject(new ApiError('bad_request', 'give the reason for shelving', undefined, { reason: 'reason_required' })) });
  feed = startAlarmFeed(fake.api, () => undefined);
  useAlarmStore.setState(useAlarmStore.getInitialState(), true);
  seedAlarms();
});
afterEach(() => {
  feed.stop();
  cleanup();
});

describe('alarms view', () => {
  it('lists the alarms in words with site, district, value and state; the suppressed one behind the filter', () => {
    render(<AlarmsView />);
    const rows = screen.getAllByTestId('alarm-row');
    expect(rows.map((r) => r.getAttribute('data-alarm-id'))).toEqual(['endpoint-down@endpoint:ba-be-1', 'loss-high@endpoint:cho-don-1']);
    expect(rows[0]!.textContent).toContain('Khẩn cấp');
    expect(rows[0]!.textContent).toContain('UBND huyện Ba Bể');
    expect(rows[0]!.textContent).toContain('Ngừng hoạt động');
    expect(rows[0]!.textContent).toContain('Chưa xác nhận');
    expect(rows[1]!.textContent).toContain('4.2 %');
    expect(rows[1]!.textContent).not.toContain('loss-high');
    fireEvent.click(screen.getByTestId('alarms-show-hidden'));
    const all = screen.getAllByTestId('alarm-row');
    expect(all).toHaveLength(3);
    expect(all[1]!.textContent).toContain('Bị che bởi sự cố tại UBND huyện Ba Bể');
  });

  it('acknowledges the current alarm with the typed comment on `a`', async () => {
    render(<AlarmsView />);
    fireEvent.change(screen.getByTestId('alarms-comment'), { target: { value: 'Đã gọi huyện' } });
    fireEvent.keyDown(screen.getByTestId('alarms-view'), { key: 'a' });
    await act(settle);
    expect(fake.calls.filter((c) => c.method === 'acknowledgeAlarms').map((c) => c.input)).toEqual([{ ids: ['endpoint-down@endpoint:ba-be-1'], comment: 'Đã gọi huyện' }]);
  });

  it('acknowledges a selection at once (arrows and Space)', async () => {
    render(<AlarmsView />);
    const view = screen.getByTestId('alarms-view');
    fireEvent.keyDown(view, { key: ' ' });
    fireEvent.keyDown(view, { key: 'ArrowDown' });
    fireEvent.keyDown(view, { key: ' ' });
    expect(screen.getByTestId('alarms-ack').textContent).toBe('Xác nhận 2 cảnh báo đã chọn');
    fireEvent.click(screen.getByTestId('alarms-ack'));
    await act(settle);
    expect(fake.calls.filter((c) => c.method === 'acknowledgeAlarms').map((c) => c.input)).toEqual([{ ids: ['endpoint-down@endpoint:ba-be-1', 'loss-high@endpoint:cho-don-1'], comment: '' }]);
  });

  it('shelves on `s` with a reason and a time, and words a refusal from the catalogue', async () => {
    render(<AlarmsView />);
    fireEvent.keyDown(screen.getByTestId('alarms-view'), { key: 's' });
    expect(screen.getByTestId('alarms-shelve').textContent).toContain('Tạm ẩn: Ngừng hoạt động tại UBND huyện Ba Bể');
    fireEvent.change(screen.getByTestId('alarms-shelve-minutes'), { target: { value: '240' } });
    fireEvent.click(screen.getByTestId('alarms-shelve-confirm'));
    await act(settle);
    expect(fake.calls.filter((c) => c.method === 'shelveAlarm').map((c) => c.input)).toEqual([{ id: 'endpoint-down@endpoint:ba-be-1', reason: '', minutes: 240 }]);
    expect(screen.getByTestId('alarms-error').textContent).toBe('Cần nêu lý do.');
  });

  it('gives a supervisor the list without acknowledge or shelve', () => {
    useConnectionStore.setState({ identity: { user: 'giamsat', role: 'supervisor' } });
    render(<AlarmsView />);
    expect(screen.getAllByTestId('alarm-row')).toHaveLength(2);
    expect(screen.queryByTestId('alarms-ack')).toBeNull();
    fireEvent.keyDown(screen.getByTestId('alarms-view'), { key: 's' });
    expect(screen.queryByTestId('alarms-shelve')).toBeNull();
  });
});

describe('alarms view: narrowing, the map, the shelf', () => {
  it('narrows by priority, state and district, and sorts by site', () => {
    render(<AlarmsView />);
    const ids = () => screen.queryAllByTestId('alarm-row').map((r) => r.getAttribute('data-alarm-id'));
    fireEvent.click(screen.getByTestId('alarms-filter-medium'));
    expect(ids()).toEqual(['loss-high@endpoint:cho-don-1']);
    fireEvent.click(screen.getByTestId('alarms-filter-medium'));
    fireEvent.change(screen.getByTestId('alarms-filter-area'), { target: { value: 'ba-be' } });
    expect(ids()).toEqual(['endpoint-down@endpoint:ba-be-1']);
    fireEvent.click(screen.getByTestId('alarms-show-hidden'));
    expect(ids()).toEqual(['endpoint-down@endpoint:ba-be-1', 'endpoint-unreachable@endpoint:ba-be-cho-ra-1']); // Chợ Rã lies in Ba Bể
    fireEvent.change(screen.getByTestId('alarms-filter-area'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('alarms-filter-state'), { target: { value: 'ack' } });
    expect(ids()).toEqual([]);
    expect(screen.getByTestId('alarms-empty')).toBeTruthy();
    fireEvent.change(screen.getByTestId('alarms-filter-state'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('alarms-sort'), { target: { value: 'site' } });
    // Vietnamese order of the site names: Ba Bể, Chợ Đồn, Chợ Rã.
    expect(ids()).toEqual(['endpoint-down@endpoint:ba-be-1', 'loss-high@endpoint:cho-don-1', 'endpoint-unreachable@endpoint:ba-be-cho-ra-1']);
  });

  it('offers no district filter in a two-tier network', () => {
    seedStores(TWO_TIER, []);
    render(<AlarmsView />);
    expect(screen.queryByTestId('alarms-filter-area')).toBeNull();
  });

  it('opens the site on the map with its details, by click or `m`', () => {
    render(<AlarmsView />);
    fireEvent.click(screen.getAllByTestId('alarm-show-on-map')[1]!);
    expect(useUiStore.getState()).toMatchObject({ view: 'map', selectedSiteId: 'cho-don' });
    useUiStore.getState().setView('alarms');
    fireEvent.keyDown(screen.getByTestId('alarms-view'), { key: 'ArrowUp' }); // the click made Chợ Đồn's row current
    fireEvent.keyDown(screen.getByTestId('alarms-view'), { key: 'm' });
    expect(useUiStore.getState()).toMatchObject({ view: 'map', selectedSiteId: 'ba-be' });
  });

  it('shows a shelved alarm behind the filter, with who, until when and why, and takes it off the shelf', async () => {
    useAlarmStore.getState().apply({
      kind: 'changed',
      annunciate: [],
      flood: { since: null, byArea: {} },
      alarms: [alarmView('cho-don', { id: 'loss-high@endpoint:cho-don-1', ruleId: 'loss-high', priority: 'medium', subject: { kind: 'endpoint', id: 'cho-don-1', siteId: 'cho-don' }, annunciable: false, shelved: { by: 'dieuhanh', at: '2026-12-07T01:00:00.000Z', reason: 'Nhà mạng đang sửa cáp', until: '2026-12-07T02:00:00.000Z' } })],
    });
    render(<AlarmsView />);
    expect(screen.getAllByTestId('alarm-row')).toHaveLength(1);
    fireEvent.click(screen.getByTestId('alarms-show-hidden'));
    const shelved = screen.getAllByTestId('alarm-row').find((r) => r.getAttribute('data-alarm-id') === 'loss-high@endpoint:cho-don-1')!;
    expect(shelved.textContent).toContain('Tạm ẩn bởi dieuhanh đến 09:00:00 07/12/2026: Nhà mạng đang sửa cáp');
    fireEvent.click(shelved.querySelector('[data-testid="alarm-unshelve"]')!);
    await act(settle);
    expect(fake.calls.filter((c) => c.method === 'unshelveAlarm').map((c) => c.input)).toEqual([{ id: 'loss-high@endpoint:cho-don-1' }]);
  });
});

describe('alarms view: maintenance and KPIs', () => {
  const maintenance = [{ siteId: 'ba-be', by: 'kythuat', at: '2026-12-07T01:00:00.000Z', reason: 'Thay bộ codec', from: '2026-12-07T01:00:00.000Z', until: null, phase: 'in-force' as const }];
  const planned = { siteId: 'cho-don', by: 'kythuat', at: '2026-12-07T01:00:00.000Z', reason: 'Sửa nguồn điện', from: '2026-12-08T01:00:00.000Z', until: '2026-12-08T10:30:00.000Z', phase: 'planned' as const };

  it('lists sites in maintenance; a technician ends one, or starts one after a confirmation that names it', async () => {
    useConnectionStore.setState({ identity: { user: 'kythuat', role: 'technician' } });
    fake.handlers.listMaintenance = () => maintenance;
    fake.handlers.setMaintenance = (input) => ({ ...input, by: 'kythuat', at: '2026-12-07T02:00:00.000Z', from: input.from ?? '2026-12-07T02:00:00.000Z', until: input.until ?? null, phase: 'in-force' });
    fake.handlers.clearMaintenance = () => ({ ok: true });
    render(<AlarmsView />);
    fireEvent.click(screen.getByTestId('alarms-tab-maintenance'));
    await act(settle);
    const row = screen.getByTestId('maintenance-row');
    expect(row.textContent).toContain('UBND huyện Ba Bể');
    expect(row.textContent).toContain('2 điểm cầu trực thuộc');
    expect(row.textContent).toContain('Thay bộ codec');
    fireEvent.click(screen.getByTestId('maintenance-end'));
    await act(settle);
    expect(fake.calls.filter((c) => c.method === 'clearMaintenance').map((c) => c.input)).toEqual([{ siteId: 'ba-be' }]);

    fireEvent.change(screen.getByTestId('maintenance-site'), { target: { value: 'cho-don' } });
    fireEvent.change(screen.getByTestId('maintenance-reason'), { target: { value: 'Sửa nguồn điện' } });
    fireEvent.click(screen.getByTestId('maintenance-start'));
    await act(settle);
    expect(fake.calls.some((c) => c.method === 'setMaintenance')).toBe(false); // armed, not fired
    expect(screen.getByTestId('maintenance-start').textContent).toBe('Xác nhận: bảo trì UBND huyện Chợ Đồn và 1 điểm cầu trực thuộc, từ bây giờ đến khi kết thúc bảo trì — cảnh báo của chúng sẽ không báo');
    fireEvent.click(screen.getByTestId('maintenance-start'));
    await act(settle);
    expect(fake.calls.filter((c) => c.method === 'setMaintenance').map((c) => c.input)).toEqual([{ siteId: 'cho-don', reason: 'Sửa nguồn điện' }]);
  });

  it('plans a window in the network’s local time, names its span in the confirmation, and shows a future one as planned', async () => {
    useConnectionStore.setState({ identity: { user: 'kythuat', role: 'technician' } });
    fake.handlers.listMaintenance = () => [...maintenance, planned];
    fake.handlers.setMaintenance = (input) => ({ ...planned, ...input });
    render(<AlarmsView />);
    fireEvent.click(screen.getByTestId('alarms-tab-maintenance'));
    await act(settle);
    const rows = screen.getAllByTestId('maintenance-row');
    expect(rows.map((r) => r.dataset.phase)).toEqual(['in-force', 'planned']);
    expect(rows[0]!.textContent).not.toContain('đã lên lịch');
    expect(rows[0]!.textContent).toContain('khi kết thúc bảo trì');
    expect(rows[1]!.textContent).toContain('đã lên lịch');
    expect(rows[1]!.textContent).toContain('08:00');
    expect(rows[1]!.textContent).toContain('17:30');
    expect(rows.map((r) => r.querySelector('[data-testid="maintenance-end"]')!.textContent)).toEqual(['Kết thúc bảo trì', 'Huỷ lịch bảo trì']);

    fireEvent.change(screen.getByTestId('maintenance-site'), { target: { value: 'cho-don' } });
    fireEvent.change(screen.getByTestId('maintenance-reason'), { target: { value: 'Sửa nguồn điện' } });
    fireEvent.change(screen.getByTestId('maintenance-from'), { target: { value: '2026-12-08T08:00' } });
    fireEvent.change(screen.getByTestId('maintenance-until'), { target: { value: '2026-12-08T17:30' } });
    fireEvent.click(screen.getByTestId('maintenance-start'));
    await act(settle);
    const confirm = screen.getByTestId('maintenance-start').textContent!;
    expect(confirm).toMatch(/^Xác nhận: bảo trì UBND huyện Chợ Đồn và 1 điểm cầu trực thuộc, từ 08:00.*08\/12\/2026 đến 17:30.*08\/12\/2026 — /);
    fireEvent.click(screen.getByTestId('maintenance-start'));
    await act(settle);
    // Local 08:00 and 17:30 in Asia/Ho_Chi_Minh (UTC+7), sent as instants.
    expect(fake.calls.filter((c) => c.method === 'setMaintenance').map((c) => c.input)).toEqual([
      { siteId: 'cho-don', reason: 'Sửa nguồn điện', from: '2026-12-08T01:00:00.000Z', until: '2026-12-08T10:30:00.000Z' },
    ]);
  });

  it('shows the engine’s refusal of a span in words', async () => {
    useConnectionStore.setState({ identity: { user: 'kythuat', role: 'technician' } });
    fake.handlers.listMaintenance = () => [];
    fake.handlers.setMaintenance = () => {
      throw new ApiError('bad_request', 'a maintenance window ends after it begins', undefined, { reason: 'maintenance_until_not_after_from', field: 'until' });
    };
    render(<AlarmsView />);
    fireEvent.click(screen.getByTestId('alarms-tab-maintenance'));
    await act(settle);
    fireEvent.change(screen.getByTestId('maintenance-site'), { target: { value: 'cho-don' } });
    fireEvent.change(screen.getByTestId('maintenance-reason'), { target: { value: 'Sửa nguồn điện' } });
    fireEvent.change(screen.getByTestId('maintenance-from'), { target: { value: '2026-12-08T08:00' } });
    fireEvent.change(screen.getByTestId('maintenance-until'), { target: { value: '2026-12-08T07:00' } });
    fireEvent.click(screen.getByTestId('maintenance-start'));
    fireEvent.click(screen.getByTestId('maintenance-start'));
    await act(settle);
    expect(screen.getByRole('alert').textContent).toContain('Thời điểm kết thúc phải sau thời điểm bắt đầu');
  });

  it('gives an operator the list of maintenance without the controls', async () => {
    fake.handlers.listMaintenance = () => maintenance;
    render(<AlarmsView />);
    fireEvent.click(screen.getByTestId('alarms-tab-maintenance'));
    await act(settle);
    expect(screen.getAllByTestId('maintenance-row')).toHaveLength(1);
    expect(screen.queryByTestId('maintenance-start')).toBeNull();
    expect(screen.queryByTestId('maintenance-end')).toBeNull();
  });

  it('shows the KPIs with units and targets, marks those over target in words, and names the top alarms', async () => {
    fake.handlers.getAlarmKpis = () => ({
      from: '2026-12-06T01:00:00.000Z',
      to: '2026-12-07T01:00:00.000Z',
      activations: 40,
      perTenMinutes: { average: 0.3, peak: 14 },
      floodPct: 0.5,
      top10: [{ alarmId: 'endpoint-down@endpoint:ba-be-1', count: 12 }, { alarmId: 'mcu-disconnected@mcu:mcu', count: 3 }],
      top10SharePct: 37.5,
      chattering: ['loss-high@endpoint:cho-don-1'],
      stale: [],
    });
    render(<AlarmsView />);
    fireEvent.click(screen.getByTestId('alarms-tab-kpi'));
    await act(settle);
    expect(screen.getByTestId('kpi-average').getAttribute('data-attention')).toBe('false');
    expect(screen.getByTestId('kpi-peak').getAttribute('data-attention')).toBe('true');
    expect(screen.getByTestId('kpi-peak').textContent).toContain('14 cảnh báo/10 phút');
    expect(screen.getByTestId('kpi-peak').textContent).toContain('vượt mục tiêu');
    expect(screen.getByTestId('kpi-top10SharePct').textContent).toContain('37,5 %');
    expect(screen.getByTestId('kpi-top10').textContent).toContain('Ngừng hoạt động — UBND huyện Ba Bể · 12 lần');
    expect(screen.getByTestId('kpi-top10').textContent).toContain('Mất kết nối MCU — Toàn mạng');
    expect(screen.getByTestId('kpi-chattering').textContent).toBe('Mất gói cao — UBND huyện Chợ Đồn');
    expect(screen.getByTestId('kpi-stale').textContent).toBe('Không có.');
  });
});

describe('alarm banner', () => {
  it('counts per priority with its shape, and opens the Alarms view', () => {
    render(<AlarmBanner />);
    const count = (p: string) => screen.getByTestId('alarm-banner').querySelector(`[data-priority="${p}"]`)!;
    expect(count('critical').textContent).toBe('Khẩn cấp1');
    expect(count('critical').getAttribute('data-attention')).toBe('true');
    expect(screen.getByTestId('alarm-banner').querySelector('[data-priority="high"]')).toBeNull(); // the suppressed one is not counted
    expect(count('medium').querySelector('[data-glyph="priority-medium"]')).not.toBeNull();
    fireEvent.click(screen.getByTestId('alarm-banner'));
    expect(useUiStore.getState().view).toBe('alarms');
  });

  it('silences the alarm sound on this desk, marked with a shape and words, and restores it', () => {
    render(<SoundToggle />);
    const button = screen.getByTestId('alarm-sound');
    expect(button.textContent).toBe('');
    expect(button.getAttribute('aria-label')).toBe('Âm thanh');
    fireEvent.click(button);
    expect(useAlarmStore.getState().silenced).toBe(true);
    expect(button.textContent).toBe('Đã tắt âm thanh');
    expect(button.getAttribute('data-attention')).toBe('true');
    fireEvent.click(button);
    expect(useAlarmStore.getState().silenced).toBe(false);
  });

  it('is calm, in words, when no alarm is active', () => {
    useAlarmStore.getState().apply({ kind: 'snapshot', alarms: [], flood: { since: null, byArea: {} } });
    render(<AlarmBanner />);
    expect(screen.getByTestId('alarm-none').textContent).toBe('Không có cảnh báo');
  });

  it('shows the flood summary instead of single alarms', () => {
    useAlarmStore.getState().apply({ kind: 'changed', alarms: [], annunciate: [], flood: { since: '2026-12-07T01:00:00.000Z', byArea: { 'ba-be': 9, 'cho-don': 3 } } });
    render(<AlarmBanner />);
    expect(screen.getByTestId('alarm-flood').textContent).toBe('Dồn dập: 12 cảnh báo mới, xem danh sách');
  });
});
