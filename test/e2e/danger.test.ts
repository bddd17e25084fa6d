import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedConsole } from './serve-process.js';
import { closeDemoConsole, logIn, openDemoConsole } from './demo-console.js';

/**
 * Dangerous actions, named (issue 13, items 4 and 7) against `serve --demo`, as an operator: the
 * demo's live conference was never booked, so the Day view lists it as running on the MCU and
 * unbooked; from there it opens in Live, where ending it asks in a dialog that names it and how
 * many sites it drops (the focus on keeping it, Escape keeps it); Tab and Enter end it, the MCU
 * reports it gone, and the Day view no longer lists it.
 */
const CONFERENCE = 'Giao ban trực tuyến UBND tỉnh';

let served: ServedConsole;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

async function conferenceNames(): Promise<string[]> {
  const list = (await (await served.api('/api/v1/conferences')).json()) as { name: string }[];
  return list.map((c) => c.name);
}

const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

beforeAll(async () => {
  ({ served, browser, page } = await openDemoConsole(pageErrors));
});

afterAll(() => closeDemoConsole({ served, browser }));

describe('ending a conference through the named dialog (serve --demo, operator)', () => {
  it('lists the demo conference on the Day view as running on the MCU, never booked', async () => {
    await logIn(page, served, 'dieuhanh');
    await page.getByTestId('rail-schedule').click();
    await page.getByTestId('schedule-view').waitFor();
    const item = page.getByTestId('unbooked-conference').filter({ hasText: CONFERENCE });
    await item.waitFor({ timeout: 20_000 });
    expect(await item.innerText()).toContain('Chưa đặt lịch');
    expect(await page.getByTestId('unbooked-conferences').innerText()).toContain('Đang chạy trên MCU, chưa đặt lịch');
    await item.click();
    await page.getByTestId('session-view').waitFor();
    await expect.poll(() => page.getByTestId('conference-header').locator('h2').innerText(), { timeout: 15_000 }).toBe(CONFERENCE);
  });

  it('asks before ending, naming the conference and the sites it drops; Escape keeps it', async () => {
    await expect.poll(() => page.getByTestId('conference-participants').getAttribute('data-count'), { timeout: 15_000 }).not.toBe('0');
    const count = await page.getByTestId('conference-participants').getAttribute('data-count');
    await page.getByTestId('end-conference').click();
    const dialog = page.getByTestId('end-dialog');
    await dialog.waitFor();
    const text = await dialog.innerText();
    expect(text).toContain(`Kết thúc phiên “${CONFERENCE}”?`);
    expect(text).toContain(`${count} điểm cầu đang trong phiên sẽ bị ngắt kết nối`);
    expect(await focused()).toBe('end-dialog-cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Enter on the safe choice keeps it too.
    await page.getByTestId('end-conference').click();
    await dialog.waitFor();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(await conferenceNames()).toContain(CONFERENCE);
  });

  it('ends it with Tab and Enter on the named action; the MCU reports it gone, and so does the Day view', async () => {
    await page.getByTestId('end-conference').click();
    await page.getByTestId('end-dialog').waitFor();
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('end-dialog-confirm');
    expect(await page.getByTestId('end-dialog-confirm').innerText()).toBe(`Kết thúc “${CONFERENCE}”`);
    await page.keyboard.press('Enter');
    await page.getByTestId('end-dialog').waitFor({ state: 'detached' });
    await expect.poll(conferenceNames, { timeout: 15_000, interval: 250 }).not.toContain(CONFERENCE);
    await expect.poll(() => page.getByTestId('conference-item').filter({ hasText: CONFERENCE }).count(), { timeout: 15_000 }).toBe(0);
    await page.getByTestId('rail-schedule').click();
    await page.getByTestId('schedule-view').waitFor();
    expect(await page.getByTestId('unbooked-conference').filter({ hasText: CONFERENCE }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
