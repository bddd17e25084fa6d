// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EditorPanel } from '../../renderer/features/inventory/editor/editor-panel.js';
import { setInventoryApi } from '../../renderer/stores/inventory-admin.js';
import { useNetworkStore } from '../../renderer/stores/network-store.js';
import type { EditBase, EditInventoryResult } from '../../shared/inventory-edit/edit-api.js';
import { NETWORK } from './fixtures.js';
import { seedStores } from './dom-setup.js';
import { fakeApi, settle } from './session-fixtures.js';

const NO_DIFF = { network: [], sites: { added: [], changed: [], moved: [], removed: [] }, endpoints: { added: [], changed: [], moved: [], removed: [] }, empty: true };
const APPLIED: EditInventoryResult = { problems: [], applied: { sites: 8, endpoints: 7, savedTo: 'memory', diff: NO_DIFF, undoable: 1 } };
const BASE: EditBase = { baseVersion: 'v1', profiles: ['cisco-tc', 'generic-mib2'], site: null, endpoint: null };
let fake: ReturnType<typeof fakeApi>;

const flush = () =>
  act(async () => {
    await settle();
    await settle();
  });
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const problems = () => screen.queryAllByTestId('edit-problem').map((p) => p.textContent);

beforeEach(() => {
  seedStores(NETWORK, []);
  fake = fakeApi({ getInventoryEditBase: () => BASE, getNetwork: () => NETWORK });
  setInventoryApi(fake.api);
});
afterEach(() => {
  setInventoryApi(null);
  cleanup();
});

async function openAddCommune() {
  render(<EditorPanel />);
  fireEvent.click(screen.getByTestId('tree-ba-be'));
  fireEvent.click(screen.getByTestId('site-add-child'));
  await flush();
}

describe('inventory editor', () => {
  it('lists the sites as a tree and adds a commune under the chosen district, against the version it opened on', async () => {
    await openAddCommune();
    expect(within(screen.getByTestId('site-tree')).getAllByRole('option').map((o) => o.textContent)).toContain('UBND xã Chợ Rã · Xã · 1 thiết bị');
    expect((screen.getByTestId('site-tier') as HTMLSelectElement).value).toBe('commune');
    expect((screen.getByTestId('site-parent') as HTMLSelectElement).value).toBe('ba-be');
    fake.handlers.editInventory = () => APPLIED;
    type('site-id', 'ba-be-dia-linh');
    type('site-name', 'UBND xã Địa Linh');
    fireEvent.submit(screen.getByTestId('site-form'));
    await flush();
    expect(fake.calls.find((c) => c.method === 'editInventory')?.input).toEqual({
      baseVersion: 'v1',
      edit: { op: 'addSite', id: 'ba-be-dia-linh', parent: 'ba-be', site: { name: 'UBND xã Địa Linh', tier: 'commune', district: null } },
    });
    expect(screen.queryByTestId('site-form')).toBeNull();
    expect(fake.calls.some((c) => c.method === 'getNetwork')).toBe(true);
  });

  it("says what is wrong under each field as it is typed, in the user's words, and sends nothing until it is right", async () => {
    await openAddCommune();
    type('site-id', 'ba-be-cho-ra');
    expect(problems()).toEqual(['⚠ Mã “ba-be-cho-ra” đã được dùng cho UBND xã Chợ Rã.']);
    type('site-id', 'Xã Mới');
    expect(problems()).toEqual(['⚠ Mã “Xã Mới” không hợp lệ: dùng chữ thường không dấu, chữ số, “.”, “_” hoặc “-”, bắt đầu bằng chữ hoặc số.']);
    fireEvent.submit(screen.getByTestId('site-form'));
    await flush();
    // After a try, the untouched empty name says so too.
    expect(problems()).toContain('⚠ Cần nhập giá trị này.');
    expect(fake.calls.some((c) => c.method === 'editInventory')).toBe(false);
  });

  it('asks before a filled form is thrown away on Esc', async () => {
    await openAddCommune();
    type('site-name', 'UBND xã Mới');
    fireEvent.keyDown(screen.getByTestId('site-name'), { key: 'Escape' });
    expect(screen.getByTestId('edit-discard').textContent).toContain('Bỏ những gì đã nhập?');
    expect(screen.getByTestId('site-form')).toBeTruthy();
    fireEvent.click(screen.getByTestId('edit-discard-yes'));
    expect(screen.queryByTestId('site-form')).toBeNull();
  });

  it('adds a codec with SNMPv3, saying when a key is too short, and sends the settings as typed', async () => {
    render(<EditorPanel />);
    fireEvent.click(screen.getByTestId('tree-ba-be-nam-mau'));
    fireEvent.click(screen.getByTestId('site-add-endpoint'));
    await flush();
    expect((screen.getByTestId('endpoint-id') as HTMLInputElement).value).toBe('ba-be-nam-mau-2');
    type('endpoint-name', 'Phòng họp 2');
    type('endpoint-host', '10.0.5.5');
    type('endpoint-port', '99999');
    type('endpoint-version', '3');
    type('endpoint-user', 'vc');
    type('endpoint-authKey', 'ngan');
    type('endpoint-privKey', 'du-dai-roi');
    expect(problems()).toEqual(['⚠ Cổng phải là số nguyên từ 1 đến 65535.', '⚠ Khoá phải dài ít nhất 8 ký tự.']);
    type('endpoint-port', '16110');
    type('endpoint-authKey', 'du-dai-roi-2');
    expect(problems()).toEqual([]);
    fake.handlers.editInventory = () => APPLIED;
    fireEvent.submit(screen.getByTestId('endpoint-form'));
    await flush();
    expect(fake.calls.find((c) => c.method === 'editInventory')?.input).toMatchObject({
      edit: {
        op: 'addEndpoint',
        id: 'ba-be-nam-mau-2',
        site: 'ba-be-nam-mau',
        endpoint: { name: 'Phòng họp 2', host: '10.0.5.5', port: 16110, profile: 'generic-mib2', uri: null, interfaceName: null },
        snmp: { version: '3', user: 'vc', level: 'authPriv', authProtocol: 'sha', authKey: 'du-dai-roi-2', privProtocol: 'aes', privKey: 'du-dai-roi' },
      },
    });
  });

  it('edits a codec keeping its secrets: they are never shown, and left empty they stay', async () => {
    fake.handlers.getInventoryEditBase = () => ({ ...BASE, profiles: ['generic-mib2', 'polycom-group'], endpoint: { snmp: { version: '2c', hasCommunity: true }, interfaceName: 'eth0' } });
    render(<EditorPanel />);
    fireEvent.click(screen.getByTestId('tree-ba-be'));
    fireEvent.click(screen.getByTestId('codec-edit'));
    await flush();
    expect((screen.getByTestId('endpoint-interfaceName') as HTMLInputElement).value).toBe('eth0');
    expect(screen.queryByTestId('endpoint-community')).toBeNull();
    fireEvent.click(screen.getByTestId('endpoint-change-snmp'));
    expect((screen.getByTestId('endpoint-community') as HTMLInputElement).placeholder).toBe('Để trống: giữ nguyên');
    expect(problems()).toEqual([]);
    fake.handlers.editInventory = () => APPLIED;
    fireEvent.submit(screen.getByTestId('endpoint-form'));
    await flush();
    expect(fake.calls.find((c) => c.method === 'editInventory')?.input).toMatchObject({ edit: { op: 'updateEndpoint', id: 'ba-be-1', snmp: { version: '2c', community: null } } });
  });

  it("shows the engine's problems under their field when someone changed the inventory in between", async () => {
    await openAddCommune();
    fake.handlers.editInventory = () => ({ problems: [{ code: 'duplicate_id', field: 'id', params: { id: 'ba-be-moi', name: 'UBND xã Mới' } }], applied: null });
    type('site-id', 'ba-be-moi');
    type('site-name', 'UBND xã Mới');
    fireEvent.submit(screen.getByTestId('site-form'));
    await flush();
    expect(problems()).toEqual(['⚠ Mã “ba-be-moi” đã được dùng cho UBND xã Mới.']);
    expect(screen.getByTestId('site-form')).toBeTruthy();
  });

  it('refuses to delete a district that still has communes, naming them; a commune goes with its codecs once confirmed', async () => {
    render(<EditorPanel />);
    fireEvent.click(screen.getByTestId('tree-ba-be'));
    fireEvent.click(screen.getByTestId('site-delete'));
    await flush();
    expect(problems()).toEqual(['⚠ UBND huyện Ba Bể còn 2 điểm cầu con (UBND xã Chợ Rã, UBND xã Nam Mẫu): hãy chuyển hoặc xoá chúng trước.']);
    fireEvent.click(screen.getByTestId('delete-refused-close'));
    fireEvent.click(screen.getByTestId('tree-ba-be-cho-ra'));
    fireEvent.click(screen.getByTestId('site-delete'));
    await flush();
    expect(screen.getByTestId('delete-dialog').textContent).toContain('Xoá điểm cầu UBND xã Chợ Rã cùng 1 thiết bị của nó?');
    fake.handlers.editInventory = () => APPLIED;
    fake.handlers.getNetwork = () => ({ ...NETWORK, sites: NETWORK.sites.filter((s) => s.id !== 'ba-be-cho-ra') });
    fireEvent.click(screen.getByTestId('delete-dialog-confirm'));
    await flush();
    expect(fake.calls.find((c) => c.method === 'editInventory')?.input).toEqual({ baseVersion: 'v1', edit: { op: 'deleteSite', id: 'ba-be-cho-ra', endpoints: 1 } });
    expect(useNetworkStore.getState().network?.sites.some((s) => s.id === 'ba-be-cho-ra')).toBe(false);
    expect(screen.queryByTestId('tree-ba-be-cho-ra')).toBeNull();
  });

  it('moves a commune to another district, refusing a place under itself', async () => {
    render(<EditorPanel />);
    fireEvent.click(screen.getByTestId('tree-ba-be'));
    fireEvent.click(screen.getByTestId('site-move'));
    await flush();
    type('move-to', 'ba-be-cho-ra');
    expect(problems()).toEqual(['⚠ Không thể chuyển UBND huyện Ba Bể vào dưới UBND xã Chợ Rã: đó là chính nó hoặc điểm cầu thuộc nó.']);
    type('move-to', '');
    expect(problems()).toEqual([]);
    fake.handlers.editInventory = () => APPLIED;
    fireEvent.submit(screen.getByTestId('move-form'));
    await flush();
    expect(fake.calls.find((c) => c.method === 'editInventory')?.input).toEqual({ baseVersion: 'v1', edit: { op: 'moveSite', id: 'ba-be', parent: null } });
  });
});
