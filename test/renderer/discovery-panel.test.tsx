// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InventoryView } from '../../renderer/features/inventory/inventory-view.js';
import { setInventoryApi } from '../../renderer/stores/inventory-admin.js';
import { ApiError } from '../../shared/api/errors.js';
import type { DiscoverySweep } from '../../shared/discovery.js';
import { NETWORK } from './fixtures.js';
import { seedStores } from './dom-setup.js';
import { fakeApi, settle } from './session-fixtures.js';

const NO_DIFF = { network: [], sites: { added: [], changed: [], moved: [], removed: [] }, endpoints: { added: [], changed: [], moved: [], removed: [] }, empty: true };
const base: DiscoverySweep = { sweepId: 'q1', cidr: '10.20.0.0/24', port: 161, version: '2c', ratePerS: 100, startedBy: 'kythuat', startedAt: '2026-12-07T01:00:00.000Z', endedAt: null, state: 'running', total: 254, done: 0, sent: 0, responders: [] };
const codec = (address: string, sysName: string, inInventory: DiscoverySweep['responders'][number]['inInventory'] = null) => ({ address, port: 161, sysName, sysDescr: 'Cisco Codec SX80', sysObjectID: '1.3.6.1.4.1.5596.150.6.4.1', suggestedProfile: 'cisco-telepresence', rttMs: 2, inInventory });

let fake: ReturnType<typeof fakeApi>;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  seedStores(NETWORK, []);
  fake = fakeApi();
  setInventoryApi(fake.api);
});
afterEach(() => {
  setInventoryApi(null);
  cleanup();
  vi.useRealTimers();
});

describe('discovery panel', () => {
  it('starts a sweep with the typed range, port, rate and community, polls its progress every second, and cancels', async () => {
    let sweep = base;
    fake.handlers.startDiscovery = () => sweep;
    fake.handlers.getDiscovery = () => sweep;
    fake.handlers.cancelDiscovery = () => (sweep = { ...sweep, state: 'cancelled', endedAt: '2026-12-07T01:00:03.000Z' });
    render(<InventoryView />);
    fireEvent.change(screen.getByTestId('discovery-cidr'), { target: { value: ' 10.20.0.0/24 ' } });
    fireEvent.change(screen.getByTestId('discovery-rate'), { target: { value: '100' } });
    fireEvent.change(screen.getByTestId('discovery-community'), { target: { value: 'cong-dong' } });
    fireEvent.click(screen.getByTestId('discovery-start'));
    await act(settle);
    expect(fake.calls.filter((c) => c.method === 'startDiscovery').map((c) => c.input)).toEqual([{ cidr: '10.20.0.0/24', port: 161, ratePerS: 100, snmp: { version: '2c', community: 'cong-dong' } }]);
    expect(screen.getByTestId('discovery-progress').textContent).toContain('Đã hỏi 0/254 địa chỉ của 10.20.0.0/24');
    expect((screen.getByTestId('discovery-start') as HTMLButtonElement).disabled).toBe(true);

    sweep = { ...sweep, done: 120, sent: 121, responders: [codec('10.20.0.7', 'UBND xã Chợ Rã')] };
    await act(async () => {
      vi.advanceTimersByTime(1000);
      await settle();
    });
    expect(fake.calls.filter((c) => c.method === 'getDiscovery').map((c) => c.input)).toEqual([{ sweepId: 'q1' }]);
    const progress = screen.getByTestId('discovery-progress').textContent!;
    expect(progress).toContain('Đã hỏi 120/254 địa chỉ');
    expect(progress).toContain('1 thiết bị trả lời');
    expect(progress).toContain('đã gửi 121 yêu cầu, tối đa 100 yêu cầu/giây');
    expect(progress).toContain('Đang quét…');

    fireEvent.click(screen.getByTestId('discovery-cancel'));
    await act(settle);
    expect(fake.calls.filter((c) => c.method === 'cancelDiscovery').map((c) => c.input)).toEqual([{ sweepId: 'q1' }]);
    expect(screen.getByTestId('discovery-progress').dataset['state']).toBe('cancelled');
    expect(screen.getByTestId('discovery-progress').textContent).toContain('Đã dừng');
    // No more polling once the sweep has ended.
    await act(async () => {
      vi.advanceTimersByTime(3000);
      await settle();
    });
    expect(fake.calls.filter((c) => c.method === 'getDiscovery')).toHaveLength(1);
  });

  it('says why a range is refused', async () => {
    fake.handlers.startDiscovery = () => {
      throw new ApiError('bad_request', 'too large', undefined, { reason: 'cidr_too_large', cidr: '10.0.0.0/16', prefix: 16, addresses: 65536, maxPrefix: 22, maxAddresses: 1024 });
    };
    render(<InventoryView />);
    fireEvent.change(screen.getByTestId('discovery-cidr'), { target: { value: '10.0.0.0/16' } });
    // No community yet: nothing to send.
    expect((screen.getByTestId('discovery-start') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('discovery-community'), { target: { value: 'public' } });
    fireEvent.click(screen.getByTestId('discovery-start'));
    await act(settle);
    expect(screen.getByTestId('discovery-error').textContent).toBe('Dải 10.0.0.0/16 có 65536 địa chỉ: mỗi lần quét tối đa một /22 (1024 địa chỉ). Hãy chia thành các dải nhỏ hơn.');
  });

  it('lists responders with the already-known marked, and adds the picked ones to a site only after the named confirmation', async () => {
    const done: DiscoverySweep = { ...base, state: 'finished', done: 254, sent: 254, endedAt: '2026-12-07T01:00:04.000Z', responders: [codec('10.20.0.7', 'UBND xã Chợ Rã'), codec('10.20.0.8', 'Phòng họp Nam Mẫu'), codec('10.0.1.10', 'UBND tỉnh', { endpointId: 'ubnd-tinh-1', siteId: 'ubnd-tinh' })] };
    fake.handlers.startDiscovery = () => done;
    fake.handlers.getDiscovery = () => done;
    fake.handlers.addDiscovered = () => ({ sites: 7, endpoints: 9, savedTo: 'file', undoable: 1, diff: NO_DIFF });
    render(<InventoryView />);
    fireEvent.change(screen.getByTestId('discovery-cidr'), { target: { value: '10.20.0.0/24' } });
    fireEvent.change(screen.getByTestId('discovery-community'), { target: { value: 'public' } });
    fireEvent.click(screen.getByTestId('discovery-start'));
    await act(settle);
    const rows = screen.getAllByTestId('discovery-row');
    expect(rows.map((r) => r.dataset['address'])).toEqual(['10.20.0.7', '10.20.0.8', '10.0.1.10']);
    expect(rows[0]!.textContent).toContain('UBND xã Chợ Rã');
    expect(rows[0]!.textContent).toContain('cisco-telepresence');
    expect(rows[0]!.textContent).toContain('＋ Mới');
    expect(rows[2]!.textContent).toContain('✓ Đã có (ubnd-tinh-1)');
    // The view has other panels with checkboxes: the rows' own.
    const boxes = rows.map((r) => r.querySelector<HTMLInputElement>('input[type="checkbox"]')!);
    expect(boxes[2]!.disabled).toBe(true);

    fireEvent.click(boxes[0]!);
    fireEvent.click(boxes[1]!);
    fireEvent.change(screen.getByTestId('discovery-site'), { target: { value: 'ba-be-cho-ra' } });
    expect(screen.getByTestId('discovery-add').textContent).toBe('Thêm 2 thiết bị…');
    fireEvent.click(screen.getByTestId('discovery-add'));
    expect(fake.calls.some((c) => c.method === 'addDiscovered')).toBe(false);
    expect(screen.getByTestId('discovery-add').textContent).toBe('Xác nhận thêm 2 thiết bị vào UBND xã Chợ Rã');
    fireEvent.click(screen.getByTestId('discovery-add'));
    await act(settle);
    expect(fake.calls.filter((c) => c.method === 'addDiscovered').map((c) => c.input)).toEqual([{ sweepId: 'q1', siteId: 'ba-be-cho-ra', addresses: ['10.20.0.7', '10.20.0.8'] }]);
    expect(screen.getByTestId('discovery-added').textContent).toBe('Đã thêm 2 thiết bị vào UBND xã Chợ Rã; có thể hoàn tác.');
  });
});
