// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InventoryView } from '../../renderer/features/inventory/inventory-view.js';
import { viewAllowed } from '../../renderer/features/shell/view-rail.js';
import { setInventoryApi } from '../../renderer/stores/inventory-admin.js';
import type { ImportPreview } from '../../shared/inventory-import-api.js';
import { NETWORK } from './fixtures.js';
import { seedStores } from './dom-setup.js';
import { fakeApi, settle } from './session-fixtures.js';

const NO_DIFF = { network: [], sites: { added: [], changed: [], moved: [], removed: [] }, endpoints: { added: [], changed: [], moved: [], removed: [] }, empty: true };
let fake: ReturnType<typeof fakeApi>;

const pick = async (name: string, text: string) => {
  const file = new File([text], name, { type: 'text/csv' });
  if (!('arrayBuffer' in file)) Object.defineProperty(file, 'arrayBuffer', { value: async () => new TextEncoder().encode(text).buffer });
  fireEvent.change(screen.getByTestId('import-file'), { target: { files: [file] } });
  await act(async () => {
    await settle();
    await settle();
  });
};

beforeEach(() => {
  seedStores(NETWORK, []);
  fake = fakeApi();
  setInventoryApi(fake.api);
});
afterEach(() => {
  setInventoryApi(null);
  cleanup();
});

describe('inventory view', () => {
  it('is on the rail for technicians only', () => {
    expect(viewAllowed('inventory', { role: 'technician' })).toBe(true);
    expect(viewAllowed('inventory', { role: 'operator' })).toBe(false);
    expect(viewAllowed('inventory', { role: 'supervisor' })).toBe(false);
  });

  it('lists every problem of a picked file in words, where and what, and offers no apply', async () => {
    fake.handlers.previewInventoryImport = (input) => {
      expect(input).toEqual({ format: 'csv', content: btoa('site_id\r\nx') });
      return {
        baseVersion: 'v1',
        encoding: null,
        delimiter: null,
        more: 0,
        diff: null,
        problems: [
          { row: 3, column: 'host', path: null, line: null, code: 'invalid_host', params: { value: '999.1.1.1', row: 3, column: 'host' } },
          { row: null, column: null, path: null, line: null, code: 'missing_column', params: { column: 'tier' } },
          { row: null, column: null, path: '$.sites[4].tier', line: null, code: 'unknown_tier', params: { value: 'thon', tiers: 'province, district, commune' } },
        ],
      } satisfies ImportPreview;
    };
    render(<InventoryView />);
    await pick('danh-muc.csv', 'site_id\r\nx');
    expect(screen.getByTestId('import-problem-count').textContent).toBe('Tệp danh-muc.csv có 3 lỗi; sửa hết rồi kiểm tra lại. Danh mục đang chạy không thay đổi.');
    const rows = screen.getAllByTestId('import-problem').map((r) => r.textContent);
    expect(rows[0]).toBe('Dòng 3, cột host“999.1.1.1” không phải địa chỉ IP hay tên máy hợp lệ (chỉ ghi địa chỉ, không kèm “http://” hay số cổng).');
    expect(rows[1]).toBe('Cả tệpThiếu cột “tier”.');
    expect(rows[2]).toContain('$.sites[4].tier');
    expect(screen.queryByTestId('import-apply')).toBeNull();
  });

  it('previews the change by name and applies it only after the named confirmation', async () => {
    const diff = {
      ...NO_DIFF,
      empty: false,
      sites: { added: [{ id: 'ba-be-dia-linh', name: 'UBND xã Địa Linh', parent: 'ba-be' }], changed: [], moved: [], removed: [{ id: 'cho-don-bang-lung', name: 'UBND thị trấn Bằng Lũng', parent: 'cho-don' }] },
      endpoints: { added: [], changed: [{ ref: { id: 'ba-be-1', name: 'Phòng họp', site: 'ba-be' }, changes: [{ field: 'host', from: '10.0.0.1', to: '10.0.0.2' }, { field: 'snmp.community', secret: true as const }] }], moved: [], removed: [{ id: 'cho-don-bang-lung-1', name: 'Phòng họp', site: 'cho-don-bang-lung' }] },
    };
    fake.handlers.previewInventoryImport = () => ({ baseVersion: 'v1', encoding: 'windows-1258', delimiter: ';', problems: [], more: 0, diff });
    fake.handlers.applyInventoryImport = () => ({ sites: 7, endpoints: 7, savedTo: 'file', diff });
    render(<InventoryView />);
    await pick('danh-muc.csv', 'a;b');
    expect(screen.getByText('Đọc tệp theo mã windows-1258, phân tách bằng “;”.')).toBeTruthy();
    const text = screen.getByTestId('import-diff').textContent!;
    expect(text).toContain('Điểm cầu: thêm 1, sửa 0, chuyển 0, xoá 1');
    expect(text).toContain('Thêm UBND xã Địa Linh (trực thuộc UBND huyện Ba Bể)');
    expect(text).toContain('UBND huyện Ba Bể · Phòng họp: host: 10.0.0.1 → 10.0.0.2; snmp.community: đổi (không hiển thị)');
    expect(text).toContain('Xoá UBND thị trấn Bằng Lũng và thiết bị của nó');
    fireEvent.click(screen.getByTestId('import-apply'));
    expect(fake.calls.some((c) => c.method === 'applyInventoryImport')).toBe(false);
    expect(screen.getByTestId('import-apply').textContent).toBe('Xác nhận: áp dụng 4 thay đổi từ danh-muc.csv');
    fireEvent.click(screen.getByTestId('import-apply'));
    await act(settle);
    expect(fake.calls.filter((c) => c.method === 'applyInventoryImport').map((c) => c.input)).toEqual([{ format: 'csv', content: btoa('a;b'), baseVersion: 'v1' }]);
    expect(screen.getByTestId('import-applied').textContent).toContain('Đã áp dụng và lưu tệp danh mục: 7 điểm cầu, 7 thiết bị.');
  });

  it('offers to undo the last change, named with when and by whom, armed then confirmed', async () => {
    let available = 1;
    fake.handlers.getInventoryUndo = () => ({ available, last: available ? { at: '2026-12-07T02:30:00.000Z', by: 'kythuat' } : null });
    fake.handlers.undoInventoryChange = () => {
      available = 0;
      return { sites: 6, endpoints: 6, savedTo: 'file', undoable: 0, diff: NO_DIFF };
    };
    render(<InventoryView />);
    await act(settle);
    const button = screen.getByTestId('inventory-undo');
    expect(button.textContent).toBe('Hoàn tác thay đổi lúc 09:30:00 07/12/2026 của kythuat');
    fireEvent.click(button);
    expect(fake.calls.some((c) => c.method === 'undoInventoryChange')).toBe(false);
    expect(screen.getByTestId('inventory-undo').textContent).toContain('Xác nhận: quay về danh mục trước thay đổi');
    fireEvent.click(screen.getByTestId('inventory-undo'));
    await act(settle);
    expect(screen.getByTestId('inventory-undone').textContent).toBe('Đã quay về danh mục trước: 6 điểm cầu, 6 thiết bị.');
    expect(screen.getByTestId('inventory-undo-none')).toBeTruthy();
  });

  it('exports the inventory as a file download of the engine’s bytes', async () => {
    fake.handlers.exportInventory = () => ({ filename: 'bridgepoint-inventory-2026-12-07.csv', mediaType: 'text/csv; charset=utf-8', content: btoa('\xef\xbb\xbfsite_id') });
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => (created.push(b), 'blob:x'));
    URL.revokeObjectURL = vi.fn();
    const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render(<InventoryView />);
    fireEvent.click(screen.getByTestId('export-csv'));
    await act(settle);
    expect(fake.calls.filter((c) => c.method === 'exportInventory').map((c) => c.input)).toEqual([{ format: 'csv' }]);
    expect(clicks).toHaveBeenCalledTimes(1);
    expect(created[0]!.size).toBe(10); // the BOM's three bytes and "site_id"
  });
});

describe('connection test', () => {
  it('sends the typed settings and shows what answered and the profile that fits', async () => {
    fake.handlers.testEndpointConnection = () => ({ ok: true, rttMs: 3, sysDescr: 'Linux codec 5.10', sysObjectID: '1.3.6.1.4.1.8072.3.2.10', uptimeS: 90_000, suggestedProfile: 'generic-mib2', failure: null });
    render(<InventoryView />);
    fireEvent.change(screen.getByTestId('test-host'), { target: { value: ' 10.0.0.5 ' } });
    fireEvent.change(screen.getByTestId('test-community'), { target: { value: 'cong-dong' } });
    fireEvent.click(screen.getByTestId('test-run'));
    await act(settle);
    expect(fake.calls.filter((c) => c.method === 'testEndpointConnection').map((c) => c.input)).toEqual([{ host: '10.0.0.5', port: 161, snmp: { version: '2c', community: 'cong-dong' } }]);
    expect(screen.getByTestId('test-result').textContent).toContain('Kết nối tốt: thiết bị trả lời sau 3 ms.');
    expect(screen.getByTestId('test-profile').textContent).toBe('generic-mib2');
  });

  it('words the exact failure from the catalogue, for SNMPv3 too', async () => {
    fake.handlers.testEndpointConnection = () => ({ ok: false, rttMs: 2, sysDescr: null, sysObjectID: null, uptimeS: null, suggestedProfile: null, failure: { code: 'wrong_digest', params: { user: 'bridgepoint', authProtocol: 'sha' } } });
    render(<InventoryView />);
    fireEvent.change(screen.getByTestId('test-host'), { target: { value: 'codec.example' } });
    fireEvent.change(screen.getByTestId('test-version'), { target: { value: '3' } });
    fireEvent.change(screen.getByTestId('test-user'), { target: { value: 'bridgepoint' } });
    fireEvent.change(screen.getByTestId('test-auth-key'), { target: { value: 'khoa-xac-thuc' } });
    fireEvent.click(screen.getByTestId('test-run'));
    await act(settle);
    expect(fake.calls.filter((c) => c.method === 'testEndpointConnection').map((c) => c.input)).toEqual([{ host: 'codec.example', port: 161, snmp: { version: '3', user: 'bridgepoint', level: 'authNoPriv', authProtocol: 'sha', authKey: 'khoa-xac-thuc' } }]);
    expect(screen.getByTestId('test-result').textContent).toBe('Sai khoá hoặc giao thức xác thực (sha) của người dùng "bridgepoint" (usmStatsWrongDigests).');
  });
});
