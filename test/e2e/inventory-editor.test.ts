import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedConsole } from './serve-process.js';
import { closeDemoConsole, logIn, openDemoConsole } from './demo-console.js';

/**
 * The inventory editor end to end (issue 12 item 1): the technician adds a commune under Ba Bể
 * and a codec for it in the console's forms, the codec pointing at a simulated agent that is
 * running (Chợ Rã's: it answers any poll the same), and sees it come up without a restart; then
 * deletes the commune with its codec, named and confirmed, and the poller drops it.
 */
const SHOTS = process.env.BRIDGEPOINT_SHOTS ?? '/tmp';
let served: ServedConsole;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

type Site = { id: string; endpoints: { id: string; host: string; port: number; profile: string }[] };
const status = async (id: string) => ((await (await served.api('/api/v1/status')).json()) as { endpointId: string; reachability: string }[]).find((s) => s.endpointId === id)?.reachability;

beforeAll(async () => {
  ({ served, browser, page } = await openDemoConsole(pageErrors));
  await logIn(page, served, 'kythuat');
  await page.getByTestId('rail-inventory').waitFor({ timeout: 30_000 });
  await page.keyboard.press('Alt+8');
  await page.getByTestId('inventory-editor').waitFor();
});

afterAll(() => closeDemoConsole({ served, browser }));

describe('inventory editor (serve --demo)', () => {
  it('adds a commune under a district, Enter saving the form', async () => {
    await page.getByTestId('tree-ba-be').click();
    await page.getByTestId('site-add-child').click();
    await page.getByTestId('site-form').waitFor();
    await page.getByTestId('site-id').fill('ba-be-cho-ra');
    await expect.poll(() => page.getByTestId('edit-problem').allInnerTexts()).toEqual(['⚠ Mã “ba-be-cho-ra” đã được dùng cho UBND thị trấn Chợ Rã.']);
    await page.getByTestId('site-id').fill('ba-be-dia-linh-moi');
    await page.getByTestId('site-name').fill('UBND xã Địa Linh (mới)');
    await page.getByTestId('site-name').press('Enter');
    await page.getByTestId('tree-ba-be-dia-linh-moi').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('site-form').count()).toBe(0);
  });

  it('adds its codec, pointing at a running simulated agent, and sees it come up without a restart', async () => {
    const sites = (await (await served.api('/api/v1/sites')).json()) as Site[];
    const agent = sites.find((s) => s.id === 'ba-be-cho-ra')!.endpoints[0]!;
    await page.getByTestId('tree-ba-be-dia-linh-moi').click();
    await page.getByTestId('site-add-endpoint').click();
    await page.getByTestId('endpoint-form').waitFor();
    expect(await page.getByTestId('endpoint-id').inputValue()).toBe('ba-be-dia-linh-moi-1');
    await page.getByTestId('endpoint-name').fill('Hội trường');
    await page.getByTestId('endpoint-host').fill('http://127.0.0.1');
    await page.getByTestId('endpoint-port').fill(String(agent.port));
    expect(await page.getByTestId('edit-problem').allInnerTexts()).toEqual(['⚠ “http://127.0.0.1” không phải địa chỉ IP hay tên máy (chỉ ghi địa chỉ, không kèm “http://” hay cổng).']);
    await page.getByTestId('endpoint-host').fill(agent.host);
    await page.getByTestId('endpoint-profile').selectOption(agent.profile);
    await page.getByTestId('endpoint-community').fill('public');
    await page.getByTestId('endpoint-uri').fill('sip:ba-be-dia-linh-moi@vc.backan.gov.vn');
    expect(await page.getByTestId('edit-problem').count()).toBe(0);
    await page.getByTestId('endpoint-test').click();
    await page.getByTestId('endpoint-test-ok').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(SHOTS, 'bridgepoint-inventory-editor.png') });
    await page.getByTestId('endpoint-community').press('Enter');
    await page.getByTestId('codec-ba-be-dia-linh-moi-1').waitFor({ timeout: 15_000 });
    await expect.poll(() => status('ba-be-dia-linh-moi-1'), { timeout: 30_000, interval: 500 }).toBe('up');
    await page.keyboard.press('Alt+4');
    await expect.poll(() => page.getByTestId('app').innerText(), { timeout: 10_000 }).toContain('UBND xã Địa Linh (mới)');
    // On the map too, without a restart: one node more (121 sites, the MCU and the new commune), up.
    await page.keyboard.press('Alt+1');
    const map = page.getByTestId('network-map');
    await expect.poll(() => map.getAttribute('data-nodes'), { timeout: 10_000 }).toBe('123');
    await page.locator('body').press('/');
    await page.keyboard.type('dia linh moi');
    const found = page.locator('[data-testid="map-results"] [data-site-id]').first();
    await expect.poll(() => found.getAttribute('data-site-id'), { timeout: 10_000 }).toBe('ba-be-dia-linh-moi');
    await page.keyboard.press('Enter');
    const drawer = page.getByTestId('map-drawer');
    await expect.poll(() => drawer.getAttribute('data-selected-site-id'), { timeout: 10_000 }).toBe('ba-be-dia-linh-moi');
    await expect.poll(() => drawer.locator('[data-field="reachability"] .metrics__text').innerText(), { timeout: 10_000 }).toBe('Hoạt động');
  });

  it('deletes the commune with its codec, named and confirmed; the poller drops it', async () => {
    await page.keyboard.press('Alt+8');
    await page.getByTestId('tree-ba-be-dia-linh-moi').click();
    await page.getByTestId('site-delete').click();
    expect(await page.getByTestId('delete-dialog').innerText()).toContain('Xoá điểm cầu UBND xã Địa Linh (mới) cùng 1 thiết bị của nó?');
    await page.getByTestId('delete-dialog-confirm').click();
    await expect.poll(() => page.getByTestId('tree-ba-be-dia-linh-moi').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => status('ba-be-dia-linh-moi-1'), { timeout: 10_000 }).toBeUndefined();
    const audit = (await (await served.api('/api/v1/audit')).json()) as { action: string; user: string; result: string; target: string }[];
    expect(audit.filter((a) => a.action === 'editInventory').map((a) => [a.target, a.user, a.result])).toEqual([
      ['site:ba-be-dia-linh-moi', 'kythuat', 'ok'],
      ['endpoint:ba-be-dia-linh-moi-1', 'kythuat', 'ok'],
      ['site:ba-be-dia-linh-moi', 'kythuat', 'ok'],
    ]);
    expect(pageErrors).toEqual([]);
  });
});
