import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedConsole } from './serve-process.js';
import { closeDemoConsole, logIn, openDemoConsole } from './demo-console.js';

/**
 * The Accounts view end to end: a technician creates a supervisor for one district, who logs in
 * with the one-time password shown once and must replace it; the technician revokes that
 * session (the other desk is back at the login) and deletes the account, each confirmed by name.
 */
const SHOTS = process.env.BRIDGEPOINT_SHOTS ?? '/tmp';

let served: ServedConsole;
let browser: Browser;
let page: Page;
let other: BrowserContext;
let desk: Page;
let oneTime = '';
const pageErrors: string[] = [];
const row = (user: string) => page.locator(`[data-testid="user-row"][data-user="${user}"]`);

beforeAll(async () => {
  ({ served, browser, page } = await openDemoConsole(pageErrors));
  other = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  desk = await other.newPage();
  desk.on('pageerror', (e) => pageErrors.push(String(e)));
});

afterAll(() => closeDemoConsole({ served, browser }));

describe('accounts (serve --demo)', () => {
  it('lets a technician create a supervisor for one district, showing the one-time password once', async () => {
    await logIn(page, served, 'kythuat');
    await page.keyboard.press('Alt+6');
    await expect.poll(() => page.getByTestId('user-row').count(), { timeout: 10_000 }).toBe(5);
    await page.getByTestId('new-user').click();
    await page.getByTestId('form-user').fill('giamsat-chodon');
    await page.getByTestId('form-name').fill('Giám sát huyện Chợ Đồn');
    await page.getByTestId('form-role').selectOption('supervisor');
    await page.locator('[data-testid="form-scope-district"][data-site-id="cho-don"]').check();
    await page.getByTestId('form-submit').click();
    await page.getByTestId('revealed-password').waitFor();
    oneTime = await page.getByTestId('revealed-value').innerText();
    expect(oneTime).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await page.getByTestId('revealed-done').click();
    await expect.poll(() => row('giamsat-chodon').count()).toBe(1);
    expect(await row('giamsat-chodon').innerText()).toContain('UBND huyện Chợ Đồn');
    expect(await row('giamsat-chodon').innerText()).toContain('Giám sát viên');
  });

  it('the new supervisor logs in with it, must replace it, and sees only the district', async () => {
    await desk.goto(served.url);
    await desk.getByTestId('login-user').fill('giamsat-chodon');
    await desk.getByTestId('login-password').fill(oneTime);
    await desk.getByTestId('login-password').press('Enter');
    await desk.getByTestId('change-password-page').waitFor();
    await desk.getByTestId('password-current').fill(oneTime);
    await desk.getByTestId('password-new').fill('mat-khau-cho-don-2026');
    await desk.getByTestId('password-again').fill('mat-khau-cho-don-2026');
    await desk.getByTestId('password-submit').click();
    await desk.waitForSelector('[data-testid="network-map"][data-painted="true"]', { timeout: 30_000 });
    expect(Number(await desk.getByTestId('network-map').getAttribute('data-nodes'))).toBeLessThan(40);
    expect(await desk.getByTestId('user-scope').innerText()).toContain('Chợ Đồn');
  });

  it('revokes that session after a confirmation naming it: the other desk is back at the login', async () => {
    await page.getByRole('button', { name: 'Làm mới' }).click();
    const session = page.locator('[data-testid="session-row"][data-user="giamsat-chodon"]');
    await expect.poll(() => session.count(), { timeout: 5_000 }).toBe(1);
    await session.getByTestId('revoke-session').click();
    expect(await page.getByTestId('confirm-revoke').innerText()).toContain('Thu hồi phiên đăng nhập của giamsat-chodon (trình duyệt');
    writeFileSync(join(SHOTS, 'bridgepoint-accounts-revoke.png'), await page.screenshot());
    await page.getByTestId('confirm-revoke-confirm').click();
    await desk.getByTestId('login-page').waitFor({ timeout: 10_000 });
    expect(await desk.getByTestId('login-notice').innerText()).toBe('Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.');
    await expect.poll(() => session.count()).toBe(0);
  });

  it('deletes the account only after a confirmation naming it', async () => {
    await row('giamsat-chodon').getByTestId('delete-user').click();
    expect(await page.getByTestId('confirm-delete').innerText()).toContain('Xoá hẳn tài khoản giamsat-chodon');
    await page.getByTestId('confirm-delete-cancel').click();
    expect(await row('giamsat-chodon').count()).toBe(1);
    await row('giamsat-chodon').getByTestId('delete-user').click();
    await page.getByTestId('confirm-delete-confirm').click();
    await expect.poll(() => row('giamsat-chodon').count()).toBe(0);
  });

  it('raised no errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
