// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionInfo, User } from '../../shared/accounts.js';
import type { ConsoleApi } from '../../shared/api/console-api.js';
import { ApiError } from '../../shared/api/errors.js';
import { AccountsView } from '../../renderer/features/accounts/accounts-view.js';
import { viewAllowed, viewForKey } from '../../renderer/features/shell/view-rail.js';
import { oneTimePassword, setAccountsApi, useAccountsStore } from '../../renderer/stores/accounts-store.js';
import { useConnectionStore } from '../../renderer/stores/connection-store.js';
import { NETWORK } from './fixtures.js';
import { seedStores } from './dom-setup.js';

const USERS: User[] = [
  { user: 'admin', displayName: 'Quản trị hệ thống', role: 'technician', scope: [], disabled: false, createdAt: '2026-12-01T00:00:00Z', lastLoginAt: '2026-12-06T01:02:03Z' },
  { user: 'dieuhanh', displayName: 'Điều hành viên', role: 'operator', scope: [], disabled: false, createdAt: '2026-12-01T00:00:00Z', lastLoginAt: null },
  { user: 'giamsat-babe', displayName: 'Giám sát huyện Ba Bể', role: 'supervisor', scope: ['ba-be'], disabled: true, createdAt: '2026-12-01T00:00:00Z', lastLoginAt: null },
];
const SESSIONS: SessionInfo[] = [
  { id: 'sess-admin', user: 'admin', role: 'technician', source: '127.0.0.1', client: 'browser', createdAt: '2026-12-06T01:00:00Z', lastSeenAt: '2026-12-06T01:05:00Z', expiresAt: '2026-12-06T01:35:00Z', current: true },
  { id: 'sess-op', user: 'dieuhanh', role: 'operator', source: '10.0.0.7', client: 'desktop', createdAt: '2026-12-06T00:00:00Z', lastSeenAt: '2026-12-06T01:04:00Z', expiresAt: '2026-12-06T01:34:00Z', current: false },
];

/** The engine as the view sees it: answers from the lists, records every change, refuses on demand. */
function fakeApi() {
  const calls: { method: string; input: unknown }[] = [];
  const refusals = new Map<string, ApiError>();
  const api = {
    async call(method: string, input: unknown) {
      if (method === 'listUsers') return USERS;
      if (method === 'listSessions') return SESSIONS;
      calls.push({ method, input });
      const refusal = refusals.get(method);
      if (refusal) throw refusal;
      return method === 'createUser' ? { ...(input as object), disabled: false, createdAt: '', lastLoginAt: null } : { ok: true };
    },
    on: () => () => undefined,
  } as unknown as ConsoleApi;
  return { api, calls, refusals };
}

const flush = () => act(async () => void (await new Promise((r) => setTimeout(r, 0))));
const row = (user: string) => document.querySelector<HTMLElement>(`[data-testid="user-row"][data-user="${user}"]`)!;

describe('accounts view', () => {
  let fake: ReturnType<typeof fakeApi>;
  beforeEach(async () => {
    seedStores(NETWORK, []);
    useConnectionStore.setState({ identity: { user: 'admin', role: 'technician' } });
    useAccountsStore.setState(useAccountsStore.getInitialState(), true);
    fake = fakeApi();
    setAccountsApi(fake.api);
    render(<AccountsView />);
    await flush();
  });
  afterEach(() => {
    cleanup();
    setAccountsApi(null);
  });

  it('lists every account with role, scope by site name, state and last login, in Vietnamese', () => {
    expect(screen.getAllByTestId('user-row')).toHaveLength(3);
    const babe = row('giamsat-babe');
    expect(babe.textContent).toContain('Giám sát viên');
    expect(babe.textContent).toContain('UBND huyện Ba Bể');
    expect(babe.textContent).not.toContain('ba-be ');
    expect(within(babe).getByTestId('user-state').textContent).toContain('Đã khoá');
    expect(within(babe).getByTestId('enable-user')).toBeTruthy();
    expect(row('dieuhanh').textContent).toContain('Chưa đăng nhập');
    expect(row('admin').textContent).toContain('08:02:03 06/12/2026'); // in the inventory's zone
    // One's own account: marked, and nothing there to lock oneself out with.
    expect(row('admin').textContent).toContain('(bạn)');
    expect(within(row('admin')).queryByTestId('delete-user')).toBeNull();
    expect(within(row('admin')).queryByTestId('disable-user')).toBeNull();
  });

  it('deletes only after a confirmation that names the account, and words a refusal from the catalogue', async () => {
    fireEvent.click(within(row('dieuhanh')).getByTestId('delete-user'));
    const dialog = screen.getByTestId('confirm-delete');
    expect(dialog.textContent).toContain('Xoá hẳn tài khoản dieuhanh (Điều hành viên, Điều hành viên)?');
    expect(document.activeElement).toBe(screen.getByTestId('confirm-delete-cancel'));
    fireEvent.click(screen.getByTestId('confirm-delete-cancel'));
    expect(fake.calls).toEqual([]);

    fake.refusals.set('deleteUser', new ApiError('conflict', 'cannot delete "dieuhanh": it is the last enabled technician', undefined, { user: 'dieuhanh', action: 'delete', reason: 'last_technician' }));
    fireEvent.click(within(row('dieuhanh')).getByTestId('delete-user'));
    expect(screen.getByTestId('confirm-delete-confirm').textContent).toBe('Xoá tài khoản dieuhanh');
    fireEvent.click(screen.getByTestId('confirm-delete-confirm'));
    await flush();
    expect(fake.calls).toEqual([{ method: 'deleteUser', input: { user: 'dieuhanh' } }]);
    expect(screen.getByTestId('confirm-delete-error').textContent).toBe('Không thực hiện được: Phải còn ít nhất một kỹ thuật viên đang hoạt động.');

    fake.refusals.clear();
    fireEvent.click(screen.getByTestId('confirm-delete-confirm'));
    await flush();
    expect(screen.queryByTestId('confirm-delete')).toBeNull();
  });

  it('disables after a named confirmation, and enables at once', async () => {
    fireEvent.click(within(row('dieuhanh')).getByTestId('disable-user'));
    expect(screen.getByTestId('confirm-disable').textContent).toContain('Mọi phiên đăng nhập của tài khoản này kết thúc ngay');
    fireEvent.click(screen.getByTestId('confirm-disable-confirm'));
    await flush();
    fireEvent.click(within(row('giamsat-babe')).getByTestId('enable-user'));
    await flush();
    expect(fake.calls).toEqual([
      { method: 'updateUser', input: { user: 'dieuhanh', disabled: true } },
      { method: 'updateUser', input: { user: 'giamsat-babe', disabled: false } },
    ]);
  });

  it('resets a password to a new one-time one and shows it once', async () => {
    fireEvent.click(within(row('dieuhanh')).getByTestId('reset-password'));
    fireEvent.click(screen.getByTestId('confirm-reset-confirm'));
    await flush();
    const call = fake.calls[0]!;
    expect(call.method).toBe('setPassword');
    const { user, password } = call.input as { user: string; password: string };
    expect(user).toBe('dieuhanh');
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(screen.getByTestId('revealed-value').textContent).toBe(password);
    fireEvent.click(screen.getByTestId('revealed-done'));
    expect(screen.queryByTestId('revealed-password')).toBeNull();
    expect(document.body.textContent).not.toContain(password);
  });

  it('creates a supervisor scoped to a district picked from the tree, with the one-time password shown once', async () => {
    fireEvent.click(screen.getByTestId('new-user'));
    fireEvent.change(screen.getByTestId('form-user'), { target: { value: 'Giam Sat' } });
    fireEvent.change(screen.getByTestId('form-name'), { target: { value: 'Giám sát Chợ Đồn' } });
    fireEvent.change(screen.getByTestId('form-role'), { target: { value: 'supervisor' } });
    const districts = screen.getAllByTestId('form-scope-district').map((c) => c.getAttribute('data-site-id'));
    expect(districts).toEqual(['ba-be', 'cho-don']);
    fireEvent.click(screen.getAllByTestId('form-scope-district')[1]!);
    fireEvent.submit(screen.getByTestId('user-form'));
    await flush();
    expect(screen.getByTestId('user-form-error').textContent).toContain('chữ thường không dấu');
    expect(fake.calls).toEqual([]);
    fireEvent.change(screen.getByTestId('form-user'), { target: { value: 'giamsat-chodon' } });
    const password = (screen.getByTestId('form-password') as HTMLInputElement).value;
    fireEvent.submit(screen.getByTestId('user-form'));
    await flush();
    expect(fake.calls).toEqual([{ method: 'createUser', input: { user: 'giamsat-chodon', displayName: 'Giám sát Chợ Đồn', role: 'supervisor', scope: ['cho-don'], password } }]);
    expect(screen.queryByTestId('user-form')).toBeNull();
    expect(screen.getByTestId('revealed-password').textContent).toContain('giamsat-chodon');
    expect(screen.getByTestId('revealed-value').textContent).toBe(password);
  });

  it('revokes another session after a confirmation naming whose and from where; never the current one', async () => {
    const rows = screen.getAllByTestId('session-row');
    expect(within(rows[0]!).queryByTestId('revoke-session')).toBeNull();
    expect(rows[0]!.textContent).toContain('phiên này');
    expect(rows[1]!.textContent).toContain('ứng dụng máy tính · 10.0.0.7');
    fireEvent.click(within(rows[1]!).getByTestId('revoke-session'));
    expect(screen.getByTestId('confirm-revoke').textContent).toContain('Thu hồi phiên đăng nhập của dieuhanh (ứng dụng máy tính · 10.0.0.7)?');
    fireEvent.click(screen.getByTestId('confirm-revoke-confirm'));
    await flush();
    expect(fake.calls).toEqual([{ method: 'revokeSession', input: { id: 'sess-op' } }]);
  });
});

describe('accounts on the rail', () => {
  it('is for technicians only (the contract roles of listUsers), at Alt+6', () => {
    expect(viewAllowed('accounts', { role: 'technician' })).toBe(true);
    expect(viewAllowed('accounts', { role: 'operator' })).toBe(false);
    expect(viewAllowed('accounts', { role: 'supervisor' })).toBe(false);
    expect(viewAllowed('accounts', null)).toBe(false);
    // The audit log: not for operators, nor for a supervisor scoped to a district (the engine refuses it).
    expect(viewAllowed('audit', { role: 'supervisor' })).toBe(true);
    expect(viewAllowed('audit', { role: 'supervisor', scope: ['ba-be'] })).toBe(false);
    expect(viewAllowed('audit', { role: 'operator' })).toBe(false);
    expect(viewForKey({ altKey: true, ctrlKey: false, metaKey: false, code: 'Digit6', key: '6' })).toBe('accounts');
  });

  it('makes one-time passwords of 16 characters without look-alikes', () => {
    expect(oneTimePassword(() => Array.from({ length: 16 }, (_, i) => i))).toBe('abcd-efgh-jkmn-pqrs');
    expect(oneTimePassword()).toMatch(/^[a-hj-km-np-z2-9]{4}(-[a-hj-km-np-z2-9]{4}){3}$/);
  });
});
