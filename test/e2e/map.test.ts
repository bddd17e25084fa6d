import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distinctColours } from './browser.js';
import type { ServedConsole } from './serve-process.js';
import { closeDemoConsole, injectFault, logIn, openDemoConsole } from './demo-console.js';
import { ARM_GUARD_MS } from '../../renderer/features/shell/arming.js';

/**
 * The network map end to end on the simulated Bắc Kạn province (`serve --demo`, 121 codecs and
 * a simulated MCU with one live conference): the map drawn on its canvas, a commune found with
 * the diacritics folded ("cho ra"), selected, its live details in the drawer, connected into the
 * conference and muted from the drawer, the MCU's roster and the codec's status showing it. A
 * district taken down and another with heavy loss put the attention shapes on the screenshot
 * (docs/screenshot-map.png, the README's).
 */
const DOCS = join(import.meta.dirname, '../../docs');
const SHOTS = process.env.BRIDGEPOINT_SHOTS ?? '/tmp';

let served: ServedConsole;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const fault = (body: Record<string, unknown>): Promise<void> => injectFault(served, body);

const canvas = () => page.getByTestId('network-map');
const drawer = () => page.getByTestId('map-drawer');
const counter = (group: string, kind: string) => page.locator(`[data-testid="map-counters"] tr[data-key="${group}"] td[data-kind="${kind}"]`);
const count = async (group: string, kind: string): Promise<number> => Number(await counter(group, kind).getAttribute('data-count'));

beforeAll(async () => {
  ({ served, browser, page } = await openDemoConsole(pageErrors));
});

afterAll(() => closeDemoConsole({ served, browser }));

describe('the network map (serve --demo)', () => {
  it('draws the province on the canvas with counters per tier and district', async () => {
    await logIn(page, served, 'kythuat');
    await page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });
    // The map lives in the Network view (the default); go there if another view is showing.
    if ((await canvas().count()) === 0) {
      for (const rail of ['rail-map', 'rail-network']) {
        if ((await page.getByTestId(rail).count()) > 0) {
          await page.getByTestId(rail).click();
          break;
        }
      }
    }
    if ((await canvas().count()) === 0) {
      throw new Error('no [data-testid="network-map"]: <NetworkMap /> is not mounted in renderer/app.tsx (see renderer/features/map/network-map.tsx)');
    }
    await page.waitForSelector('[data-testid="network-map"][data-painted="true"]', { timeout: 10_000 });
    expect(await canvas().getAttribute('data-nodes')).toBe('122'); // 121 sites and the MCU
    // Training faults, so the screenshot shows what needs attention: a district dark, another lossy.
    await fault({ target: 'na-ri', kind: 'down', durationS: 120 });
    await fault({ target: 'cho-moi', kind: 'loss', value: 8, durationS: 120 });
    await expect.poll(() => count('all', 'up'), { timeout: 20_000, interval: 250 }).toBeGreaterThanOrEqual(90);
    expect(await count('all', 'up')).toBeLessThanOrEqual(121);
    const legend = await page.getByTestId('map-legend').innerText();
    for (const word of ['Hoạt động', 'Ngừng hoạt động', 'Chất lượng kém', 'Mất liên lạc', 'Dữ liệu cũ']) expect(legend).toContain(word);
  });

  it('finds "cho ra" as Chợ Rã and shows its live details in the drawer', async () => {
    await page.locator('body').press('/');
    await page.keyboard.type('cho ra');
    const first = page.locator('[data-testid="map-results"] [data-site-id]').first();
    await expect.poll(() => first.getAttribute('data-site-id')).toBe('ba-be-cho-ra');
    expect(await first.innerText()).toContain('Chợ Rã');
    await page.keyboard.press('Enter');
    await expect.poll(() => drawer().getAttribute('data-selected-site-id')).toBe('ba-be-cho-ra');
    expect(await drawer().locator('h2').innerText()).toBe('UBND thị trấn Chợ Rã');
    const reach = drawer().locator('[data-field="reachability"]');
    await expect.poll(() => reach.locator('.metrics__text').innerText(), { timeout: 10_000 }).toBe('Hoạt động');
    expect(await reach.locator('.metrics__age').innerText()).toMatch(/^\d+ s trước$/);
    // On the canvas: the selected site is on screen, named, and answers the pointer.
    const x = Number(await canvas().getAttribute('data-selected-x'));
    const y = Number(await canvas().getAttribute('data-selected-y'));
    const box = (await canvas().boundingBox())!;
    expect(x).toBeGreaterThan(0);
    expect(x).toBeLessThan(box.width);
    await page.mouse.move(box.x + x, box.y + y);
    const tip = page.getByTestId('map-tooltip');
    await expect.poll(() => tip.getAttribute('data-site-id')).toBe('ba-be-cho-ra');
    expect(await tip.innerText()).toMatch(/Chợ Rã[\s\S]*Hoạt động[\s\S]*Mất gói[\s\S]*trước/);
    // Escape clears the search, then the selection; a click on the node selects it again.
    await canvas().focus();
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('map-search').inputValue()).toBe('');
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer().count()).toBe(0);
    const after = (await canvas().boundingBox())!; // the drawer has gone: the canvas is wider, not moved
    expect(after.x).toBe(box.x);
    expect(after.y).toBe(box.y);
    await page.mouse.click(after.x + x, after.y + y);
    await expect.poll(() => drawer().getAttribute('data-selected-site-id')).toBe('ba-be-cho-ra');
  });

  it('connects Chợ Rã into the live conference and mutes it from the drawer', async () => {
    const controls = drawer().getByTestId('map-controls');
    if ((await controls.getAttribute('data-in-call')) === 'false') {
      expect(await drawer().getByTestId('map-connect').innerText()).toContain('Giao ban trực tuyến UBND tỉnh');
      // Armed, then fired: the first click names who goes where, the second dials.
      await drawer().getByTestId('map-connect').click();
      expect(await drawer().getByTestId('map-connect-confirm').innerText()).toContain('Chợ Rã');
      await page.waitForTimeout(ARM_GUARD_MS + 50);
      await drawer().getByTestId('map-connect').click();
      await expect.poll(() => controls.getAttribute('data-in-call'), { timeout: 15_000, interval: 200 }).toBe('true');
    }
    await expect.poll(() => controls.getAttribute('data-participant-state'), { timeout: 15_000, interval: 200 }).toBe('connected');
    expect(await drawer().getByTestId('map-mic-state').getAttribute('data-muted')).toBe('false');
    await drawer().getByTestId('map-mute').click();
    // The MCU's roster reports it, then the codec's status does.
    await expect.poll(() => drawer().getByTestId('map-mic-state').getAttribute('data-muted'), { timeout: 10_000, interval: 200 }).toBe('true');
    expect(await drawer().getByTestId('map-mute').innerText()).toBe('Bật micrô');
    await expect.poll(() => drawer().locator('[data-field="audioMuted"] .metrics__text').innerText(), { timeout: 10_000, interval: 250 }).toBe('Có');
    await expect.poll(() => drawer().locator('[data-field="inCall"] .metrics__text').innerText(), { timeout: 15_000, interval: 250 }).toBe('Có');
    // The counters see the commune in the call.
    await expect.poll(() => count('commune', 'inCall'), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
  });

  it('shows the attention shapes and saves the screenshot of the map', async () => {
    await expect.poll(() => count('na-ri', 'unreachable'), { timeout: 20_000, interval: 250 }).toBeGreaterThan(0);
    await expect.poll(() => count('district', 'down'), { timeout: 15_000, interval: 250 }).toBeGreaterThanOrEqual(1);
    await expect.poll(() => count('district', 'degraded'), { timeout: 15_000, interval: 250 }).toBeGreaterThanOrEqual(1);
    expect(await counter('district', 'down').getAttribute('data-attention')).toBe('true');
    // The faults changed links' health: the link layer was redrawn by its worker (the built
    // worker loads under the console's CSP, served as JavaScript), not on the page.
    type LinkStats = { worker: number; main: number; off: string; fonts: number };
    const links = (): Promise<LinkStats> => canvas().evaluate((el) => (el as unknown as { mapStats: { links: LinkStats } }).mapStats.links);
    await expect.poll(async () => (await links()).worker, { timeout: 10_000, interval: 250 }).toBeGreaterThan(0);
    expect((await links()).off).toBe('');
    // …with the map font loaded there from the console's own stylesheet, for the ring names.
    expect((await links()).fonts).toBeGreaterThan(0);
    await canvas().focus();
    await page.keyboard.press('f'); // fit: the whole province, Chợ Rã still selected
    await page.mouse.move(1, 1);
    await page.waitForTimeout(400);
    const png = await page.screenshot({ fullPage: false });
    writeFileSync(join(SHOTS, 'bridgepoint-map.png'), png);
    mkdirSync(DOCS, { recursive: true });
    writeFileSync(join(DOCS, 'screenshot-map.png'), png);
    expect(await distinctColours(page, png)).toBeGreaterThan(20);
  });

  it('opens the wall: map and counters alone, large, without controls', async () => {
    await page.getByTestId('map-wall').click();
    const wall = page.getByTestId('wall-mode');
    await wall.waitFor();
    await page.waitForSelector('[data-testid="wall-map"][data-painted="true"]');
    expect(await wall.locator('button, input, select').count()).toBe(0);
    expect((await wall.getByTestId('wall-counters').innerText()).toLowerCase()).toContain('theo huyện');
    await page.waitForTimeout(300);
    writeFileSync(join(SHOTS, 'bridgepoint-map-wall.png'), await page.screenshot({ fullPage: false }));
    await page.keyboard.press('Escape');
    await expect.poll(() => wall.count()).toBe(0);
    expect(await canvas().count()).toBe(1);
  });

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
