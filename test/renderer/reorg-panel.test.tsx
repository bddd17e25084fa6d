// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReorgPanel } from '../../renderer/features/inventory/reorg-panel.js';
import { setInventoryApi } from '../../renderer/stores/inventory-admin.js';
import { ApiError } from '../../shared/api/errors.js';
import type { ReorgPreview } from '../../shared/inventory-reorg/reorg-api.js';
import { NETWORK } from './fixtures.js';
import { seedStores } from './dom-setup.js';
import { fakeApi, settle } from './session-fixtures.js';

const EMPTY = { added: [], changed: [], moved: [], removed: [] };
let fake: ReturnType<typeof fakeApi>;

beforeEach(() => {
  seedStores(NETWORK, []);
  fake = fakeApi();
  setInventoryApi(fake.api);
});
afterEach(() => {
  setInventoryApi(null);
  cleanup();
});

const sitesListed = () => screen.getAllByTestId('reorg-site').map((c) => c.getAttribute('data-site-id'));

describe('the Reorganise panel', () => {
  it('merges districts picked from the tree: preview by name, then apply only after the named confirmation', async () => {
    const diff = {
      network: [],
      sites: { ...EMPTY, moved: [{ ref: { id: 'cho-don-bang-lung', name: 'UBND thị trấn Bằng Lũng', parent: 'ba-be' }, from: 'cho-don', to: 'ba-be' }], removed: [{ id: 'cho-don', name: 'UBND huyện Chợ Đồn', parent: 'ubnd-tinh' }] },
      endpoints: { ...EMPTY, moved: [{ ref: { id: 'cho-don-1', name: 'Phòng họp', site: 'ba-be' }, from: 'cho-don', to: 'ba-be' }] },
      empty: false,
    };
    fake.handlers.previewInventoryReorganisation = () => ({ baseVersion: 'v7', problems: [], diff, scopes: [{ user: 'giamsat-chodon', lost: ['cho-don'] }] }) satisfies ReorgPreview;
    fake.handlers.applyInventoryReorganisation = () => ({ sites: 6, endpoints: 7, savedTo: 'memory', undoable: 1, diff });
    render(<ReorgPanel />);
    // The district tier is offered first; its sites are listed with their parent.
    expect(sitesListed()).toEqual(['ba-be', 'cho-don']);
    expect((screen.getByTestId('reorg-preview') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getAllByTestId('reorg-site')[1]!);
    expect(screen.getByTestId('reorg-chosen').textContent).toBe('Đã chọn 1 điểm cầu');
    // The target is another site of the same tier, never a picked one.
    const options = within(screen.getByTestId('reorg-target')).getAllByRole('option').map((o) => o.getAttribute('value'));
    expect(options).toEqual(['', 'ba-be']);
    fireEvent.change(screen.getByTestId('reorg-target'), { target: { value: 'ba-be' } });
    fireEvent.click(screen.getByTestId('reorg-preview'));
    await act(settle);
    expect(fake.calls.filter((c) => c.method === 'previewInventoryReorganisation').map((c) => c.input)).toEqual([{ operation: { kind: 'merge', sources: ['cho-don'], target: 'ba-be' } }]);
    const text = screen.getByTestId('import-diff').textContent!;
    expect(text).toContain('Chuyển UBND thị trấn Bằng Lũng từ UBND huyện Chợ Đồn sang UBND huyện Ba Bể');
    expect(text).toContain('Xoá UBND huyện Chợ Đồn (không xoá thiết bị nào của nó)');
    // The supervisor scoped to the merged district is named, with the warning's shape and words.
    expect(screen.getByTestId('reorg-scopes').textContent).toBe('▲ Tài khoản giamsat-chodon đang giới hạn phạm vi ở UBND huyện Chợ Đồn; sau thay đổi này nơi đó không còn, tài khoản sẽ không thấy gì ở đó. Hãy sửa phạm vi trong Tài khoản.');
    fireEvent.click(screen.getByTestId('reorg-apply'));
    expect(fake.calls.some((c) => c.method === 'applyInventoryReorganisation')).toBe(false);
    expect(screen.getByTestId('reorg-apply').textContent).toBe('Xác nhận: gộp 1 điểm cầu vào UBND huyện Ba Bể');
    fireEvent.click(screen.getByTestId('reorg-apply'));
    await act(settle);
    expect(fake.calls.filter((c) => c.method === 'applyInventoryReorganisation').map((c) => c.input)).toEqual([{ operation: { kind: 'merge', sources: ['cho-don'], target: 'ba-be' }, baseVersion: 'v7' }]);
    expect(screen.getByTestId('reorg-applied').textContent).toContain('6 điểm cầu, 7 thiết bị');
  });

  it('moves communes under a site of a tier above, filtered by name without tones', async () => {
    fake.handlers.previewInventoryReorganisation = () => ({ baseVersion: 'v1', problems: [], diff: { network: [], sites: EMPTY, endpoints: EMPTY, empty: true }, scopes: [] });
    render(<ReorgPanel />);
    fireEvent.click(screen.getByTestId('reorg-kind-move'));
    fireEvent.change(screen.getByTestId('reorg-tier'), { target: { value: 'commune' } });
    fireEvent.change(screen.getByTestId('reorg-filter'), { target: { value: 'cho ra' } });
    expect(sitesListed()).toEqual(['ba-be-cho-ra']);
    fireEvent.click(screen.getByTestId('reorg-site'));
    const options = within(screen.getByTestId('reorg-target')).getAllByRole('option').map((o) => o.getAttribute('value'));
    expect(options).toEqual(['', 'ubnd-tinh', 'so-tttt', 'ba-be', 'cho-don']);
    fireEvent.change(screen.getByTestId('reorg-target'), { target: { value: 'cho-don' } });
    fireEvent.click(screen.getByTestId('reorg-preview'));
    await act(settle);
    expect(fake.calls.filter((c) => c.method === 'previewInventoryReorganisation').map((c) => c.input)).toEqual([{ operation: { kind: 'move', sites: ['ba-be-cho-ra'], parent: 'cho-don' } }]);
    expect(screen.getByTestId('import-no-change')).toBeTruthy();
    expect(screen.queryByTestId('reorg-scopes')).toBeNull();
    expect(screen.queryByTestId('reorg-apply')).toBeNull();
  });

  it('removes a whole tier (never the top one), and words the problems by name with no apply', async () => {
    fake.handlers.previewInventoryReorganisation = () => ({ baseVersion: 'v1', problems: [{ code: 'codecs_without_parent', params: { site: 'ba-be', count: 1 } }], diff: null, scopes: [] });
    render(<ReorgPanel />);
    fireEvent.click(screen.getByTestId('reorg-kind-removeTier'));
    expect(within(screen.getByTestId('reorg-tier')).getAllByRole('option').map((o) => o.getAttribute('value'))).toEqual(['district', 'commune']);
    fireEvent.click(screen.getByTestId('reorg-preview'));
    await act(settle);
    expect(fake.calls.filter((c) => c.method === 'previewInventoryReorganisation').map((c) => c.input)).toEqual([{ operation: { kind: 'removeTier', tier: 'district' } }]);
    expect(screen.getByTestId('reorg-problem-count').textContent).toBe('Không thể thực hiện (1 lỗi). Danh mục đang chạy không thay đổi.');
    expect(screen.getByTestId('reorg-problems').textContent).toBe('“UBND huyện Ba Bể” có 1 thiết bị nhưng không có cấp trên để chuyển sang.');
    expect(screen.queryByTestId('reorg-apply')).toBeNull();
  });

  it('shows a refused apply in words (the inventory changed since the preview)', async () => {
    fake.handlers.previewInventoryReorganisation = () => ({ baseVersion: 'v1', problems: [], diff: { network: [{ field: 'tiers', from: 'province, district, commune', to: 'province, commune' }], sites: EMPTY, endpoints: EMPTY, empty: false }, scopes: [] });
    fake.handlers.applyInventoryReorganisation = () => Promise.reject(new ApiError('conflict', 'the inventory changed since the preview', undefined, { reason: 'inventory_changed' }));
    render(<ReorgPanel />);
    fireEvent.click(screen.getByTestId('reorg-kind-removeTier'));
    fireEvent.click(screen.getByTestId('reorg-preview'));
    await act(settle);
    fireEvent.click(screen.getByTestId('reorg-apply'));
    expect(screen.getByTestId('reorg-apply').textContent).toBe('Xác nhận: bỏ cấp district (2 điểm cầu)');
    fireEvent.click(screen.getByTestId('reorg-apply'));
    await act(settle);
    expect(screen.getByTestId('reorg-error').textContent).toBe('Danh mục đã thay đổi kể từ lúc xem trước: hãy xem trước tệp lại.');
  });
});
