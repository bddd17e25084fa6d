import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distinctColours } from './browser.js';
import type { ServedConsole } from './serve-process.js';
import { closeDemoConsole, injectFault, logIn, openDemoConsole } from './demo-console.js';

/**
 * Live monitoring end to end: the simulated Bắc Kạn province polled over real SNMP, a district
 * taken down through the demo fault API, and the console showing it: the district down, its
 * communes unreachable behind it, the event in the selected commune's list, the recovery, and
 * the poller's figures in the top bar.
 */
const DOCS = join(import.meta.dirname, '../../docs');
const SHOTS = process.env.BRIDGEPOINT_SHOTS ?? '/tmp';

let served: ServedConsole;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const fault = (body: Record<string, unknown>): Promise<void> => injectFault(served, body);

/** data-status of every commune row under the Ba Bể district heading. */
const communeStatuses = (): Promise<string[]> =>
  page.locator('[role="group"][data-group="commune/ba-be"] [data-site-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status') ?? ''));

beforeAll(async () => {
  ({ served, browser, page } = await openDemoConsole(pageErrors));
});

afterAll(() => closeDemoConsole({ served, browser }));

describe('live monitoring in the console (serve --demo)', () => {
  it('polls the simulated codecs until most are up in the tree', async () => {
    await logIn(page, served, 'kythuat');
    await page.getByTestId('rail-network').click(); // the site tree (the map opens first)
    await page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });
    const rows = page.getByTestId('site-tree').locator('[data-site-id]');
    const total = await rows.count();
    expect(total).toBeGreaterThanOrEqual(121);
    await expect.poll(() => page.locator('[data-site-id][data-status="up"]').count(), { timeout: 20_000, interval: 250 }).toBeGreaterThanOrEqual(Math.floor(total * 0.9));
  });

  it('shows the poll cycle in milliseconds in the top bar, calm', async () => {
    const figures = page.getByTestId('poller-figures');
    await expect.poll(() => figures.isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(async () => (await figures.locator('[data-figure="cycleP99"]').innerText()).replace(/\s+/g, ' '), { timeout: 10_000 }).toMatch(/^p99 \d[\d.,]* ms$/);
    expect(await page.getByTestId('poller-age').innerText()).toMatch(/\d+ s trước/);
    expect(await page.getByTestId('poller').getAttribute('data-level')).toBe('ok');
  });

  it('shows a district that goes dark as down, and its communes as unreachable', async () => {
    await fault({ target: 'ba-be', kind: 'down', durationS: 120 });
    const district = page.locator('[data-tier="district"][data-site-id="ba-be"]');
    await expect.poll(() => district.getAttribute('data-status'), { timeout: 15_000, interval: 250 }).toBe('down');
    await expect
      .poll(async () => new Set(await communeStatuses()), { timeout: 15_000, interval: 250 })
      .toEqual(new Set(['unreachable']));
    expect((await communeStatuses()).length).toBeGreaterThanOrEqual(10);
    // The ticker has a line for it.
    await expect.poll(() => page.getByTestId('ticker').locator('.ticker__item[data-code="unreachable"]').count(), { timeout: 5_000 }).toBeGreaterThan(0);
  });

  it('lists the unreachable event for a selected commune and names the site it is behind', async () => {
    const commune = page.locator('[role="group"][data-group="commune/ba-be"] [data-site-id]').first();
    const siteId = await commune.getAttribute('data-site-id');
    await commune.click();
    const details = page.getByTestId('site-details');
    await expect.poll(() => details.getAttribute('data-selected-site-id')).toBe(siteId);
    const unreachable = details.getByTestId('site-events').locator('li.event[data-code="unreachable"]');
    await expect.poll(() => unreachable.count(), { timeout: 5_000 }).toBeGreaterThan(0);
    expect(await unreachable.first().innerText()).toContain('Mất liên lạc');
    expect(await details.getByTestId('unreachable-behind').innerText()).toContain('UBND huyện Ba Bể');

    await page.waitForTimeout(300); // let the last frame land
    const png = await page.screenshot({ fullPage: false });
    writeFileSync(join(SHOTS, 'bridgepoint-monitoring-down.png'), png);
    mkdirSync(DOCS, { recursive: true });
    writeFileSync(join(DOCS, 'screenshot-monitoring.png'), png);
    expect(await distinctColours(page, png)).toBeGreaterThan(20);
  });

  it('brings them back up when the fault is cleared', async () => {
    await fault({ target: 'ba-be', kind: 'clear' });
    await expect
      .poll(() => page.locator('[data-tier="district"][data-site-id="ba-be"]').getAttribute('data-status'), { timeout: 20_000, interval: 250 })
      .toBe('up');
    await expect.poll(async () => new Set(await communeStatuses()), { timeout: 20_000, interval: 250 }).toEqual(new Set(['up']));
    await expect.poll(() => page.getByTestId('site-details').getByTestId('unreachable-behind').count()).toBe(0);
    await expect.poll(() => page.getByTestId('site-events').locator('li.event[data-code="up"]').count(), { timeout: 5_000 }).toBeGreaterThan(0);
    writeFileSync(join(SHOTS, 'bridgepoint-monitoring-recovered.png'), await page.screenshot({ fullPage: false }));
  });

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
