import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedConsole } from './serve-process.js';
import { closeDemoConsole, injectFault, logIn, openDemoConsole } from './demo-console.js';

/**
 * The second embedded demo (`serve --demo thai-nguyen-2025`): the Bắc Kạn network after the 2025
 * reform, two tiers. The map draws the province and its communes with counters per tier and none
 * per district, the Health view lists the communes directly, and the Reorganise panel is there.
 */
const SHOTS = process.env.BRIDGEPOINT_SHOTS ?? '/tmp';
let served: ServedConsole;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const canvas = () => page.getByTestId('network-map');

beforeAll(async () => {
  ({ served, browser, page } = await openDemoConsole(pageErrors, ['--demo', 'thai-nguyen-2025']));
});

afterAll(() => closeDemoConsole({ served, browser }));

describe('the two-tier demo (serve --demo thai-nguyen-2025)', () => {
  it('serves the reformed network: two tiers, every codec simulated', async () => {
    const network = (await (await served.api('/api/v1/sites')).json()) as { tiers?: string[]; sites?: { tier: string; parent: string | null }[] } | { tier: string; parent: string | null }[];
    const sites = Array.isArray(network) ? network : (network.sites ?? []);
    expect(sites.filter((s) => s.tier === 'commune')).toHaveLength(108);
    expect(sites.some((s) => s.tier === 'district')).toBe(false);
    await expect
      .poll(async () => ((await (await served.api('/api/v1/status')).json()) as { reachability: string }[]).filter((s) => s.reachability === 'up').length, { timeout: 40_000, interval: 1000 })
      .toBeGreaterThanOrEqual(116);
  });

  it('draws the map with the two tiers, counters per tier and none per district', async () => {
    await logIn(page, served, 'kythuat');
    await page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });
    if ((await canvas().count()) === 0) await page.getByTestId('rail-map').click();
    await page.waitForSelector('[data-testid="network-map"][data-painted="true"]', { timeout: 10_000 });
    expect(await canvas().getAttribute('data-nodes')).toBe('114'); // 113 sites and the MCU
    const counters = page.getByTestId('map-counters');
    expect(await counters.locator('tr[data-group="tier"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')))).toEqual(['province', 'commune']);
    expect(await counters.locator('tr[data-group="district"]').count()).toBe(0);
    // A commune dark, so the screenshot shows an attention shape.
    await injectFault(served, { target: 'pac-nam-bang-thanh', kind: 'down', durationS: 120 });
    await expect.poll(() => counters.locator('tr[data-key="commune"] td[data-kind="down"]').getAttribute('data-count'), { timeout: 20_000, interval: 500 }).not.toBe('0');
    writeFileSync(join(SHOTS, 'bridgepoint-map-thai-nguyen-2025.png'), await page.screenshot({ fullPage: false }));
  });

  it('lists the communes directly in the Health view, with no district to open', async () => {
    await page.getByTestId('rail-health').click();
    await page.locator('[data-testid="health-row"][data-group="bac-kan-duc-xuan"]').waitFor({ timeout: 20_000 });
    const groups = await page.getByTestId('health-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-group')));
    expect(groups.length).toBeGreaterThanOrEqual(108);
    for (const district of ['ba-be', 'na-ri', 'cho-don']) expect(groups).not.toContain(district);
    writeFileSync(join(SHOTS, 'bridgepoint-health-thai-nguyen-2025.png'), await page.screenshot({ fullPage: false }));
  });

  it('offers the Reorganise panel in the Inventory view, its tiers the network’s own', async () => {
    await page.getByTestId('rail-inventory').click();
    await page.getByTestId('reorg-panel').waitFor({ timeout: 15_000 });
    await page.getByTestId('reorg-kind-removeTier').check();
    expect(await page.getByTestId('reorg-tier').locator('option').evaluateAll((o) => o.map((x) => x.getAttribute('value')))).toEqual(['commune']);
  });

  it('merges two wards in the panel: previewed by name, applied after the named confirmation, live', async () => {
    await page.getByTestId('reorg-kind-merge').check();
    await page.getByTestId('reorg-filter').fill('phung chi kien');
    await page.locator('[data-testid="reorg-site"][data-site-id="bac-kan-phung-chi-kien"]').check();
    await page.getByTestId('reorg-target').selectOption('bac-kan-duc-xuan');
    await page.getByTestId('reorg-preview').click();
    await page.getByTestId('import-diff').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('import-diff').innerText()).toContain('UBND phường Phùng Chí Kiên');
    await page.getByTestId('reorg-apply').click();
    expect(await page.getByTestId('reorg-apply').innerText()).toBe('Xác nhận: gộp 1 điểm cầu vào UBND phường Đức Xuân');
    await page.getByTestId('reorg-apply').click();
    await page.getByTestId('reorg-applied').waitFor({ timeout: 15_000 });
    const sites = (await (await served.api('/api/v1/sites')).json()) as { id: string; endpoints: { id: string }[] }[];
    expect(sites).toHaveLength(112);
    expect(sites.find((s) => s.id === 'bac-kan-duc-xuan')!.endpoints.map((e) => e.id)).toEqual(['bac-kan-duc-xuan-1', 'bac-kan-phung-chi-kien-1']);
    expect(pageErrors).toEqual([]);
  });
});
