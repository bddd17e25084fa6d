// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../shared/api/errors.js';
import '../../renderer/i18n/index.js';
import { AuthGate } from '../../renderer/features/auth/auth-gate.js';
import { createAuthStore } from '../../renderer/stores/auth-store.js';
import { useUiStore } from '../../renderer/stores/ui-store.js';
import { ADMIN_FIRST, OPERATOR, fakeGateway } from './auth-fakes.js';

function setup() {
  const fake = fakeGateway({ accounts: { dieuhanh: { password: 'dung-mat-khau', identity: OPERATOR }, admin: { password: 'mot-lan-thoi', identity: ADMIN_FIRST } } });
  const store = createAuthStore({ gateway: fake.gateway, startConsole: () => ({ stop: () => undefined }) });
  render(
    <AuthGate store={store}>
      <div data-testid="console">console</div>
    </AuthGate>,
  );
  return { store, fake };
}

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const submit = async (formTestId = 'login-form') => {
  await act(async () => {
    fireEvent.submit(screen.getByTestId(formTestId));
  });
};

describe('login page', () => {
  beforeEach(() => useUiStore.setState({ language: 'vi' }));
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    act(() => useUiStore.getState().setLanguage('vi'));
  });

  it('opens in Vietnamese with the focus on the user name, and nothing of the console', async () => {
    const { store } = setup();
    await act(() => store.getState().start());
    expect(screen.getByRole('heading', { name: 'Đăng nhập' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByTestId('login-user'));
    expect(screen.getByLabelText('Tên đăng nhập')).toBeTruthy();
    expect(screen.getByLabelText('Mật khẩu')).toBeTruthy();
    expect(screen.queryByTestId('console')).toBeNull();
  });

  it('logs in and shows the console', async () => {
    const { store, fake } = setup();
    await act(() => store.getState().start());
    type('login-user', 'dieuhanh');
    type('login-password', 'dung-mat-khau');
    await submit();
    expect(fake.calls[0]).toEqual({ method: 'login', input: { user: 'dieuhanh', password: 'dung-mat-khau' } });
    expect(screen.getByTestId('console')).toBeTruthy();
  });

  it('words wrong credentials from the catalogue, clears the password and focuses it', async () => {
    const { store } = setup();
    await act(() => store.getState().start());
    type('login-user', 'dieuhanh');
    type('login-password', 'sai-roi');
    await submit();
    const error = screen.getByTestId('login-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('Sai tên đăng nhập hoặc mật khẩu.');
    expect(error.textContent).not.toContain('wrong user name');
    expect((screen.getByTestId('login-password') as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(screen.getByTestId('login-password'));
  });

  it('asks for both fields before calling the engine', async () => {
    const { store, fake } = setup();
    await act(() => store.getState().start());
    type('login-user', 'dieuhanh');
    await submit();
    expect(screen.getByTestId('login-error').textContent).toContain('Nhập tên đăng nhập và mật khẩu.');
    expect(fake.calls).toHaveLength(0);
  });

  it('counts down a slowed-down login with the button off, then lets the person try again', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const { store, fake } = setup();
    await act(() => store.getState().start());
    fake.failLogin(new ApiError('too_many_requests', 'too many failed logins; try again in 3 s', undefined, { retryAfterS: 3 }));
    type('login-user', 'dieuhanh');
    type('login-password', 'sai-roi');
    await submit();
    const button = screen.getByTestId('login-submit') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe('Chờ 3 giây');
    expect(screen.getByTestId('login-error').textContent).toContain('Thử lại sau 3 giây');
    act(() => vi.advanceTimersByTime(1000));
    expect(screen.getByTestId('login-error').textContent).toContain('Thử lại sau 2 giây');
    act(() => vi.advanceTimersByTime(2100));
    expect(button.disabled).toBe(false);
    expect(button.textContent).toBe('Đăng nhập');
  });

  it('says when the engine cannot be reached', async () => {
    const { store, fake } = setup();
    await act(() => store.getState().start());
    fake.failLogin(new ApiError('unavailable', 'login: the engine does not answer'));
    type('login-user', 'dieuhanh');
    type('login-password', 'dung-mat-khau');
    await submit();
    expect(screen.getByTestId('login-error').textContent).toContain('Không kết nối được máy chủ Bridgepoint');
  });

  it('says the session ended when the link reports it, in English too', async () => {
    const { store, fake } = setup();
    await act(() => store.getState().start());
    type('login-user', 'dieuhanh');
    type('login-password', 'dung-mat-khau');
    await submit();
    act(() => fake.links[0]!.ended());
    expect(screen.getByTestId('login-notice').textContent).toBe('Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.');
    fireEvent.click(screen.getByTestId('lang-switch'));
    expect(screen.getByTestId('login-notice').textContent).toBe('Your session has ended. Please log in again.');
    expect(screen.getByRole('heading', { name: 'Log in' })).toBeTruthy();
  });

  it('asks for a new password after a one-time one, checks it, and then opens the console', async () => {
    const { store, fake } = setup();
    await act(() => store.getState().start());
    type('login-user', 'admin');
    type('login-password', 'mot-lan-thoi');
    await submit();
    expect(screen.getByTestId('change-password-page').textContent).toContain('Quản trị hệ thống đang dùng mật khẩu dùng một lần');
    expect(document.activeElement).toBe(screen.getByTestId('password-current'));
    const form = screen.getByTestId('password-submit').closest('form')!;
    type('password-current', 'mot-lan-thoi');
    type('password-new', 'ngan');
    type('password-again', 'ngan');
    await act(async () => void fireEvent.submit(form));
    expect(screen.getByTestId('password-error').textContent).toContain('ít nhất 10 ký tự');
    type('password-new', 'mat-khau-rieng-123');
    type('password-again', 'mat-khau-rieng-124');
    await act(async () => void fireEvent.submit(form));
    expect(screen.getByTestId('password-error').textContent).toContain('không khớp');
    expect(fake.calls.filter((c) => c.method === 'setPassword')).toHaveLength(0);
    type('password-again', 'mat-khau-rieng-123');
    await act(async () => void fireEvent.submit(form));
    expect(fake.calls.at(-1)?.method).toBe('setPassword');
    expect(screen.getByTestId('console')).toBeTruthy();
  });
});
