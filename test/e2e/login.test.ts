import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedConsole } from './serve-process.js';
import { closeDemoConsole, logIn, openDemoConsole } from './demo-console.js';

/**
 * Logging in and out of `serve --demo` in Chromium: every demo role reaches the map; a wrong
 * password is refused in words; logout and a session revoked by a technician both bring the
 * page back to the login; the administrator's one-time password must be changed first.
 */
const SHOTS = process.env.BRIDGEPOINT_SHOTS ?? '/tmp';
const ROLE_WORDS = { technician: 'Kỹ thuật viên', operator: 'Điều hành viên', supervisor: 'Giám sát viên' } as const;

let served: ServedConsole;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  ({ served, browser, page } = await openDemoConsole(pageErrors));
});

afterAll(() => closeDemoConsole({ served, browser }));

const logOut = async (): Promise<void> => {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-page').waitFor();
};

describe('login (serve --demo)', () => {
  it('opens on the login page, in Vietnamese, with the focus on the user name', async () => {
    await page.goto(served.url);
    await page.getByTestId('login-page').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('heading', { name: 'Đăng nhập' }).count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('login-user');
    expect(await page.getByTestId('app').count()).toBe(0);
    writeFileSync(join(SHOTS, 'bridgepoint-login.png'), await page.screenshot());
  });

  it('refuses a wrong password in words, and keeps no token', async () => {
    await page.getByTestId('login-user').fill('dieuhanh');
    await page.getByTestId('login-password').fill('khong-phai-mat-khau');
    await page.getByTestId('login-password').press('Enter');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('Sai tên đăng nhập hoặc mật khẩu.');
    expect(await page.getByTestId('login-password').inputValue()).toBe('');
    expect(await page.evaluate(() => sessionStorage.getItem('bridgepoint.token'))).toBeNull();
    expect(await page.evaluate(() => document.cookie)).toBe('');
  });

  it('slows down repeated failures: the seconds to wait, counted down, with the button off', async () => {
    // An unknown name backs off like a real one (no oracle), and leaves the demo accounts alone.
    let code: string | null = null;
    for (let i = 0; i < 8 && code !== 'too_many_requests'; i++) {
      await page.getByTestId('login-user').fill('khong-ton-tai');
      await page.getByTestId('login-password').fill(`sai-${i}`);
      await page.getByTestId('login-password').press('Enter');
      await page.waitForSelector('[data-testid="login-submit"][aria-busy="false"]');
      code = await page.getByTestId('login-error').getAttribute('data-code');
    }
    expect(code).toBe('too_many_requests');
    expect(await page.getByTestId('login-error').innerText()).toMatch(/Thử lại sau \d+ giây/);
    expect(await page.getByTestId('login-submit').isDisabled()).toBe(true);
    await expect.poll(() => page.getByTestId('login-submit').isDisabled(), { timeout: 20_000 }).toBe(false);
    expect(await page.getByTestId('login-submit').innerText()).toBe('Đăng nhập');
  });

  for (const user of ['kythuat', 'dieuhanh', 'giamsat', 'giamsat-babe']) {
    it(`logs in as ${user}, sees the map and who is logged in, and logs out`, async () => {
      const account = served.account(user);
      await logIn(page, served, user);
      await page.waitForSelector('[data-testid="network-map"][data-painted="true"]', { timeout: 30_000 });
      const badge = await page.getByTestId('user').innerText();
      expect(badge).toContain(user);
      expect(badge).toContain(ROLE_WORDS[account.role]);
      if (account.scope.length) expect(await page.getByTestId('user-scope').innerText()).toContain('Ba Bể');
      // A scoped supervisor's map holds only the scope: Ba Bể and its communes (and the MCU).
      const nodes = Number(await page.getByTestId('network-map').getAttribute('data-nodes'));
      if (account.scope.length) expect(nodes).toBeLessThan(40);
      else expect(nodes).toBe(122);
      expect(await page.evaluate(() => sessionStorage.getItem('bridgepoint.token'))).toMatch(/.{20,}/);
      // What the role may do, and only that (the contract's roles): supervisors watch the Live view
      // without controls, operators control it, technicians alone have the Accounts view.
      await page.keyboard.press('Alt+2');
      await page.getByTestId('session-view').waitFor();
      if (!account.scope.length) await expect.poll(() => page.getByTestId('roster-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      const controls = await page.locator('[data-testid="mic-toggle"], [data-testid="end-conference"], [data-testid="bulk-connect-button"], [data-testid="dial-search"]').count();
      if (account.role === 'supervisor') expect(controls).toBe(0);
      else expect(controls).toBeGreaterThan(0);
      expect(await page.getByTestId('rail-accounts').count()).toBe(account.role === 'technician' ? 1 : 0);
      if (account.role === 'technician') {
        await page.keyboard.press('Alt+6');
        await expect.poll(() => page.getByTestId('user-row').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
      }
      if (user === 'giamsat-babe') writeFileSync(join(SHOTS, 'bridgepoint-login-scoped.png'), await page.screenshot());
      if (user === 'kythuat') writeFileSync(join(SHOTS, 'bridgepoint-accounts.png'), await page.screenshot());
      await logOut();
      expect(await page.getByTestId('login-notice').innerText()).toBe('Bạn đã đăng xuất.');
      expect(await page.evaluate(() => sessionStorage.getItem('bridgepoint.token'))).toBeNull();
    });
  }

  it('keeps the login across a reload of the page (the token in sessionStorage)', async () => {
    await logIn(page, served, 'dieuhanh');
    await page.reload();
    await page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });
    expect(await page.getByTestId('user').innerText()).toContain('dieuhanh');
  });

  it('goes back to the login page, saying the session ended, when a technician revokes it', async () => {
    const sessions = (await (await served.api('/api/v1/rpc/listSessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as {
      id: string;
      user: string;
      client: string;
    }[];
    const mine = sessions.find((s) => s.user === 'dieuhanh' && s.client === 'browser');
    expect(mine).toBeDefined();
    const res = await served.api('/api/v1/rpc/revokeSession', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: mine!.id }) });
    expect(res.status).toBe(200);
    await page.getByTestId('login-page').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('login-notice').innerText()).toBe('Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.');
    expect(await page.evaluate(() => sessionStorage.getItem('bridgepoint.token'))).toBeNull();
    expect(await page.getByTestId('app').count()).toBe(0);
  });

  it("asks the administrator to replace the one-time password, then opens the console with the new one", async () => {
    await page.getByTestId('login-user').fill('admin');
    await page.getByTestId('login-password').fill(served.account('admin').password);
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('change-password-page').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('password-current');
    writeFileSync(join(SHOTS, 'bridgepoint-change-password.png'), await page.screenshot());
    await page.getByTestId('password-current').fill(served.account('admin').password);
    await page.getByTestId('password-new').fill('mat-khau-moi-cua-admin');
    await page.getByTestId('password-again').fill('mat-khau-moi-cua-admin');
    await page.getByTestId('password-again').press('Enter');
    await page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });
    expect(await page.getByTestId('user').innerText()).toContain('admin');
    await logOut();
    // The new password is the one that works now.
    await page.getByTestId('login-user').fill('admin');
    await page.getByTestId('login-password').fill('mat-khau-moi-cua-admin');
    await page.getByTestId('login-password').press('Enter');
    await page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });
    await logOut();
  });

  it('raised no errors in the page but the refused requests themselves', () => {
    // Chromium logs every refused request as a failed resource: the wrong passwords (401), the
    // slowed-down ones (429) and the revoked token (401).
    expect(pageErrors.filter((e) => !/status of (401|429)/.test(e))).toEqual([]);
  });
});
