import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDemoConsole, logIn, openDemoConsole, type DemoConsole } from './demo-console.js';

/**
 * The idle expiry end to end (issue 11: sessions end after the configured idle time): a console
 * left open polls the engine every few seconds, and still its session ends when nobody touches it,
 * after a warning. Served with `--session-idle-min 1`, so the whole minute is the warning's.
 */
let demo: DemoConsole;
const pageErrors: string[] = [];

beforeAll(async () => {
  demo = await openDemoConsole(pageErrors, ['--demo', '--session-idle-min', '1']);
}, 90_000);
afterAll(() => closeDemoConsole(demo));

describe('a console nobody touches (serve --session-idle-min 1)', () => {
  it('warns, counting down, then ends the session although the console kept polling', async () => {
    const { page, served } = demo;
    await logIn(page, served, 'giamsat');
    const warning = page.getByTestId('idle-warning');
    await warning.waitFor({ timeout: 10_000 });
    expect(await warning.innerText()).toMatch(/Không có thao tác trong 1 phút: phiên đăng nhập sẽ kết thúc sau \d+ giây/);
    const first = Number(/sau (\d+) giây/.exec(await warning.innerText())![1]);
    await expect.poll(async () => Number(/sau (\d+) giây/.exec(await warning.innerText())?.[1] ?? first), { timeout: 10_000 }).toBeLessThan(first);
    // Nothing pressed: the engine ends the session about a minute after the last key (the password's Enter).
    await page.getByTestId('login-notice').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('login-notice').getAttribute('data-notice')).toBe('sessionEnded');
    expect(pageErrors.filter((e) => !/401|WebSocket/.test(e))).toEqual([]);
  }, 150_000);
});
