import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distinctColours } from './browser.js';
import type { ServedConsole } from './serve-process.js';
import { closeDemoConsole, logIn, openDemoConsole } from './demo-console.js';

const DOCS = join(import.meta.dirname, '../../docs');

let served: ServedConsole;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  ({ served, browser, page } = await openDemoConsole(pageErrors));
});

afterAll(() => closeDemoConsole({ served, browser }));

describe('bridgepoint serve --demo in Chromium', () => {
  it('lists the Bắc Kạn tree at /api/v1/sites', async () => {
    const sites = (await (await served.api('/api/v1/sites')).json()) as { tier: string; name: string }[];
    expect(sites.filter((s) => s.tier === 'district')).toHaveLength(8);
    expect(sites.filter((s) => s.tier === 'commune').length).toBeGreaterThanOrEqual(100);
    expect(sites.map((s) => s.name)).toContain('UBND huyện Ba Bể');
  });

  it('loads the console with the districts and at least 100 communes, live from the status stream', async () => {
    await logIn(page, served, 'kythuat');
    await page.getByTestId('rail-network').click(); // the site tree (the map opens first)
    await page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });
    const tree = page.getByTestId('site-tree');
    await expect.poll(() => tree.locator('[data-tier="district"]').count()).toBe(8);
    expect(await tree.locator('[data-tier="commune"]').count()).toBeGreaterThanOrEqual(100);
    await expect.poll(() => page.locator('[data-tier="district"]').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Ba Bể')]));
    // Every row's dot comes from the engine's status stream (unknown until monitoring measures it).
    const statuses = await tree.locator('[data-status]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses.length).toBeGreaterThanOrEqual(121);
    expect(new Set(statuses).size).toBeGreaterThan(0);
    for (const s of statuses) expect(['up', 'down', 'unknown', 'unreachable']).toContain(s);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
  });

  it('switches the language to English and back', async () => {
    const before = await page.locator('body').innerText();
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    const after = await page.locator('body').innerText();
    expect(after).not.toEqual(before);
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('vi');
  });

  it('saves a screenshot that is not blank', async () => {
    const png = await page.screenshot({ fullPage: false });
    mkdirSync(DOCS, { recursive: true });
    writeFileSync(join(DOCS, 'screenshot.png'), png);
    expect(png.length).toBeGreaterThan(10_000);
    expect(await distinctColours(page, png)).toBeGreaterThan(20);
  });

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
