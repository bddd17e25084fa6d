import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors.js';
import { createAuthStore } from '../../renderer/stores/auth-store.js';
import { useConnectionStore } from '../../renderer/stores/connection-store.js';
import { ADMIN_FIRST, OPERATOR, fakeGateway } from './auth-fakes.js';

function setup(options: Parameters<typeof fakeGateway>[0] = {}) {
  const fake = fakeGateway({ accounts: { dieuhanh: { password: 'dung-mat-khau', identity: OPERATOR }, admin: { password: 'mot-lan-thoi', identity: ADMIN_FIRST } }, ...options });
  const consoles: { stopped: boolean }[] = [];
  let clock = 1_000_000;
  const store = createAuthStore({
    gateway: fake.gateway,
    startConsole: () => {
      const c = { stopped: false };
      consoles.push(c);
      return { stop: () => (c.stopped = true) };
    },
    now: () => clock,
  });
  return { store, fake, consoles, advance: (ms: number) => (clock += ms) };
}

describe('auth store', () => {
  beforeEach(() => useConnectionStore.setState({ identity: null }));

  it('shows the login page when the page has no session, and starts no console', async () => {
    const { store, consoles } = setup();
    expect(store.getState().phase).toBe('checking');
    await store.getState().start();
    expect(store.getState().phase).toBe('login');
    expect(consoles).toHaveLength(0);
  });

  it('resumes a kept session (a reload) straight into the console', async () => {
    const { store, consoles, fake } = setup({ kept: OPERATOR });
    await store.getState().start();
    expect(store.getState().phase).toBe('in');
    expect(consoles).toHaveLength(1);
    expect(fake.links).toHaveLength(1);
    expect(useConnectionStore.getState().identity?.user).toBe('dieuhanh');
  });

  it('logs in and only then starts the console', async () => {
    const { store, consoles } = setup();
    await store.getState().start();
    expect(await store.getState().login(' dieuhanh ', 'dung-mat-khau')).toBe(true);
    expect(store.getState()).toMatchObject({ phase: 'in', error: null, busy: false, notice: null });
    expect(store.getState().identity?.role).toBe('operator');
    expect(consoles).toHaveLength(1);
  });

  it('keeps the engine refusal for wrong credentials, and starts nothing', async () => {
    const { store, consoles } = setup();
    await store.getState().start();
    expect(await store.getState().login('dieuhanh', 'sai')).toBe(false);
    expect(store.getState().phase).toBe('login');
    expect(store.getState().error).toMatchObject({ code: 'unauthenticated', params: { reason: 'credentials' } });
    expect(consoles).toHaveLength(0);
  });

  it('waits out a slowed-down login: no attempt reaches the engine before retryAfterS has passed', async () => {
    const { store, fake, advance } = setup();
    await store.getState().start();
    fake.failLogin(new ApiError('too_many_requests', 'slow down', undefined, { retryAfterS: 4 }));
    await store.getState().login('dieuhanh', 'x');
    expect(store.getState().retryAt).toBe(1_000_000 + 4000);
    fake.failLogin(null);
    const before = fake.calls.length;
    expect(await store.getState().login('dieuhanh', 'dung-mat-khau')).toBe(false);
    expect(fake.calls.length).toBe(before);
    advance(4001);
    expect(await store.getState().login('dieuhanh', 'dung-mat-khau')).toBe(true);
    expect(store.getState().phase).toBe('in');
  });

  it('asks for a new password after a one-time one, then starts the console', async () => {
    const { store, consoles, fake } = setup();
    await store.getState().start();
    await store.getState().login('admin', 'mot-lan-thoi');
    expect(store.getState().phase).toBe('changePassword');
    expect(consoles).toHaveLength(0);
    expect(await store.getState().changePassword('mot-lan-thoi', 'mat-khau-rieng-123')).toBe(true);
    expect(fake.calls.at(-1)).toEqual({ method: 'setPassword', input: { user: 'admin', password: 'mat-khau-rieng-123', currentPassword: 'mot-lan-thoi' } });
    expect(store.getState().phase).toBe('in');
    expect(store.getState().identity?.mustChangePassword).toBe(false);
    expect(consoles).toHaveLength(1);
  });

  it('keeps the new-password page with the reason when the engine refuses the change', async () => {
    const { store, fake } = setup();
    await store.getState().start();
    await store.getState().login('admin', 'mot-lan-thoi');
    fake.failCalls(new ApiError('forbidden', 'the current password is wrong', undefined, { field: 'currentPassword', reason: 'wrong_password' }));
    expect(await store.getState().changePassword('khong-dung', 'mat-khau-rieng-123')).toBe(false);
    expect(store.getState().phase).toBe('changePassword');
    expect(store.getState().error?.params?.['reason']).toBe('wrong_password');
  });

  it('goes back to the login page saying the session ended when the link reports it', async () => {
    const { store, consoles, fake } = setup({ kept: OPERATOR });
    await store.getState().start();
    fake.links[0]!.ended();
    expect(store.getState()).toMatchObject({ phase: 'login', identity: null, notice: 'sessionEnded' });
    expect(consoles[0]!.stopped).toBe(true);
    expect(fake.forgotten()).toBe(1);
  });

  it('logs out through the engine and says so, not that the session ended', async () => {
    const { store, consoles, fake } = setup({ kept: OPERATOR });
    await store.getState().start();
    const logout = store.getState().logout();
    // The engine closes the link as it ends the session: that is the logout, not news.
    fake.links[0]!.ended();
    expect(store.getState().notice).toBeNull();
    await logout;
    expect(fake.calls.at(-1)?.method).toBe('logout');
    expect(store.getState()).toMatchObject({ phase: 'login', notice: 'loggedOut' });
    expect(consoles[0]!.stopped).toBe(true);
  });

  it('shows the login page with the error when the engine cannot be asked about a kept session', async () => {
    const { store, fake } = setup();
    fake.gateway.resume = async () => {
      throw new ApiError('unavailable', 'no answer');
    };
    await store.getState().start();
    expect(store.getState()).toMatchObject({ phase: 'login', error: { code: 'unavailable' } });
  });
});
