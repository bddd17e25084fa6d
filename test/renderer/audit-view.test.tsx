// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuditView } from '../../renderer/features/audit/audit-view.js';
import { ViewRail } from '../../renderer/features/shell/view-rail.js';
import { setAuditApi, useAuditViewStore } from '../../renderer/stores/audit-store.js';
import { useConnectionStore } from '../../renderer/stores/connection-store.js';
import { useUiStore } from '../../renderer/stores/ui-store.js';
import type { AuditEntry } from '../../shared/audit.js';
import { ApiError } from '../../shared/api/errors.js';
import { NETWORK } from './fixtures.js';
import { seedStores } from './dom-setup.js';
import { fakeApi, settle } from './session-fixtures.js';

const entry = (id: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id, at: '2025-11-22T07:00:00.000Z', user: 'minh', role: 'operator', source: '10.0.0.7', client: 'browser', session: 's-1',
  action: 'bookMeeting', target: `meeting:m-${id}`, targetLabel: `Giao ban ${id}`, params: '{}', result: 'ok', error: null,
  prevHash: '0'.repeat(64), hash: 'ab'.repeat(32), ...over,
});

let fake: ReturnType<typeof fakeApi>;
let pages: AuditEntry[][];

beforeEach(() => {
  seedStores(NETWORK, []);
  useConnectionStore.setState({ identity: { user: 'lan', role: 'technician' } });
  pages = [];
  fake = fakeApi({ listAudit: () => pages.shift() ?? [] });
  setAuditApi(fake.api);
  useAuditViewStore.setState({ entries: [], fetchedAt: null, filters: {}, hasMore: false, error: null });
});
afterEach(cleanup);

const listCalls = () => fake.calls.filter((c) => c.method === 'listAudit').map((c) => c.input);

describe('audit view', () => {
  it('words a refused read from the catalogue, not the engine\'s English', async () => {
    fake = fakeApi({ listAudit: () => Promise.reject(new ApiError('forbidden', 'listAudit is not available to an account limited to part of the network')) });
    setAuditApi(fake.api);
    render(<AuditView />);
    await settle();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Tài khoản này không có quyền thực hiện thao tác.');
    expect(alert.textContent).not.toContain('listAudit');
  });

  it('lists entries in words, pages back with "show more", and never shows ids or method names', async () => {
    pages = [Array.from({ length: 100 }, (_, i) => entry(200 - i)), [entry(100, { action: 'muteParticipant', params: '{"audio":true}', targetLabel: 'UBND huyện Ba Bể', result: 'failed', error: { code: 'forbidden' } })]];
    render(<AuditView />);
    await act(settle);
    expect(screen.getAllByTestId('audit-view-entry')).toHaveLength(100);
    fireEvent.click(screen.getByTestId('audit-more'));
    await act(settle);
    expect(listCalls()).toEqual([{ limit: 100 }, { limit: 100, beforeId: 101 }]);
    const rows = screen.getAllByTestId('audit-view-entry');
    expect(rows).toHaveLength(101);
    expect(rows.at(-1)!.textContent).toContain('Tắt tiếng');
    expect(rows.at(-1)!.textContent).toContain('Không thành công: không có quyền thực hiện');
    expect(rows.at(-1)!.textContent).toContain('trình duyệt · 10.0.0.7');
    expect(screen.queryByTestId('audit-more')).toBeNull();
    expect(screen.getByTestId('audit-view').textContent).not.toMatch(/bookMeeting|muteParticipant|meeting:m-|forbidden/);
  });

  it('sends the filters to the engine, days in the inventory zone', async () => {
    render(<AuditView />);
    await act(settle);
    fireEvent.change(screen.getByTestId('audit-filter-user'), { target: { value: 'hoa' } });
    fireEvent.change(screen.getByTestId('audit-filter-action'), { target: { value: 'cancelMeeting' } });
    fireEvent.change(screen.getByTestId('audit-filter-result'), { target: { value: 'failed' } });
    fireEvent.change(screen.getByTestId('audit-filter-from'), { target: { value: '2025-11-22' } });
    fireEvent.change(screen.getByTestId('audit-filter-target'), { target: { value: 'Giao ban' } });
    fireEvent.click(screen.getByTestId('audit-filter-apply'));
    await act(settle);
    expect(listCalls().at(-1)).toEqual({ limit: 100, user: 'hoa', action: 'cancelMeeting', result: 'failed', from: '2025-11-21T17:00:00.000Z', target: 'Giao ban' });
    expect(screen.getByTestId('audit-view-empty').textContent).toBe('Không có thao tác nào khớp bộ lọc.');
    fireEvent.click(screen.getByTestId('audit-filter-clear'));
    await act(settle);
    expect(listCalls().at(-1)).toEqual({ limit: 100 });
    const options = [...screen.getByTestId('audit-filter-action').querySelectorAll('option')].map((o) => o.textContent);
    expect(options).toContain('Đặt lịch họp');
    expect(options.join(' ')).not.toMatch(/[a-z][A-Z]/); // no camelCase method names
  });

  it('exports what is shown as a CSV file with a BOM', async () => {
    pages = [[entry(2), entry(1)]];
    const blobs: Blob[] = [];
    const create = vi.fn((b: Blob) => {
      blobs.push(b);
      return 'blob:x';
    });
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: () => {} });
    render(<AuditView />);
    await act(settle);
    fireEvent.click(screen.getByTestId('audit-export-csv'));
    expect(blobs).toHaveLength(1);
    expect(blobs[0]!.type).toBe('text/csv;charset=utf-8');
    const bytes = await new Promise<Uint8Array>((resolve) => {
      const r = new FileReader();
      r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer));
      r.readAsArrayBuffer(blobs[0]!);
    });
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(text).toContain('Giao ban 2');
  });
});

describe('the rail', () => {
  it('has the audit log for technicians and supervisors, not for operators', () => {
    useUiStore.setState({ view: 'map' });
    render(<ViewRail />);
    expect(screen.getByTestId('rail-audit').textContent).toBe('Nhật ký');
    fireEvent.click(screen.getByTestId('rail-audit'));
    expect(useUiStore.getState().view).toBe('audit');
    cleanup();
    act(() => useConnectionStore.setState({ identity: { user: 'minh', role: 'operator' } }));
    useUiStore.setState({ view: 'map' });
    render(<ViewRail />);
    expect(screen.queryByTestId('rail-audit')).toBeNull();
    fireEvent.keyDown(document, { key: '5', code: 'Digit5', altKey: true });
    expect(useUiStore.getState().view).toBe('map');
  });
});
