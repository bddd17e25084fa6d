import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmView } from '../../shared/alarms/alarm-api.js';
import { launchChromium } from './browser.js';
import { injectFault, logIn } from './demo-console.js';
import { startServe, type ServedConsole } from './serve-process.js';

/**
 * Alarms over time (issue 9): a shelved alarm comes back by itself when its time is up, and the
 * alarm book lives in the --db file: after a restart an acknowledged alarm is still acknowledged
 * (with who and the comment) and a latched one still waits for someone.
 */
const CHO_RA = 'endpoint-down@endpoint:ba-be-cho-ra-1';
const KIM_HY = 'endpoint-down@endpoint:na-ri-kim-hy-1';
const dir = mkdtempSync(join(tmpdir(), 'bp-alarms-db-'));
const db = join(dir, 'bridgepoint.db');

let served: ServedConsole;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const rows = () => page.getByTestId('alarm-row');
const ids = () => rows().evaluateAll((els) => els.map((e) => e.getAttribute('data-alarm-id')));
const alarms = async (s: ServedConsole): Promise<AlarmView[]> => (await (await s.api('/api/v1/alarms?includeHidden=true')).json()) as AlarmView[];
const rpc = async (method: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
  const res = await served.api(`/api/v1/rpc/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, 'dieuhanh');
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  served = await startServe(['--demo', '--db', db]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  await logIn(page, served, 'dieuhanh');
  await page.keyboard.press('Alt+7');
  await page.getByTestId('alarms-view').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('alarms across time and a restart (serve --demo --db)', () => {
  it('two communes go dark: two alarms', async () => {
    await injectFault(served, { target: 'ba-be-cho-ra', kind: 'down' });
    await injectFault(served, { target: 'na-ri-kim-hy', kind: 'down' });
    await expect.poll(async () => (await ids()).sort(), { timeout: 40_000, interval: 500 }).toEqual([CHO_RA, KIM_HY]);
  });

  it('a shelved alarm leaves the list, shows behind the filter with its reason, and comes back by itself when its time is up', async () => {
    const refused = await rpc('shelveAlarm', { id: KIM_HY, reason: '  ', minutes: 1 });
    expect(refused.status).toBe(400);
    const tooLong = await rpc('shelveAlarm', { id: KIM_HY, reason: 'Nhà mạng sửa cáp quang', minutes: 9 * 60 });
    expect(tooLong.status).toBe(400);
    const shelvedAt = Date.now();
    expect((await rpc('shelveAlarm', { id: KIM_HY, reason: 'Nhà mạng sửa cáp quang', minutes: 1 })).status).toBe(200);
    await expect.poll(ids, { timeout: 10_000 }).toEqual([CHO_RA]);
    await page.getByTestId('alarms-show-hidden').check();
    const shelvedRow = page.locator(`[data-testid="alarm-row"][data-alarm-id="${KIM_HY}"]`);
    expect(await shelvedRow.innerText()).toContain('Tạm ẩn bởi dieuhanh đến');
    expect(await shelvedRow.innerText()).toContain('Nhà mạng sửa cáp quang');
    await page.getByTestId('alarms-show-hidden').uncheck();
    // Back in the list after its minute, still active and waiting for someone.
    await expect.poll(async () => (await ids()).sort(), { timeout: 80_000, interval: 500 }).toEqual([CHO_RA, KIM_HY]);
    expect(Date.now() - shelvedAt).toBeGreaterThanOrEqual(59_000);
    expect(await page.locator(`[data-testid="alarm-row"][data-alarm-id="${KIM_HY}"]`).getAttribute('data-state')).toBe('unack');
    const journal = (await (await served.api(`/api/v1/alarms/journal?alarmId=${encodeURIComponent(KIM_HY)}`)).json()) as { kind: string; user: string | null }[];
    expect(journal.filter((j) => j.kind === 'shelved' || j.kind === 'unshelved').map((j) => [j.kind, j.user])).toEqual([
      ['unshelved', null],
      ['shelved', 'dieuhanh'],
    ]);
  }, 120_000);

  it('one acknowledged while active, the other latched after its commune came back', async () => {
    expect((await rpc('acknowledgeAlarms', { ids: [CHO_RA], comment: 'Đã báo xã Chợ Rã' })).status).toBe(200);
    await injectFault(served, { target: 'na-ri-kim-hy', kind: 'clear' });
    await expect.poll(async () => (await alarms(served)).find((a) => a.id === KIM_HY)?.state, { timeout: 40_000, interval: 500 }).toBe('rtn_unack');
    expect((await alarms(served)).find((a) => a.id === CHO_RA)).toMatchObject({ state: 'ack', ack: { by: 'dieuhanh', comment: 'Đã báo xã Chợ Rã' } });
  }, 60_000);

  it('after a restart on the same database: still acknowledged, still latched, shown as such', async () => {
    const accounts = served.accounts;
    await page.goto('about:blank'); // the console would keep reconnecting to the stopped server
    await served.stop();
    served = await startServe(['--demo', '--db', db], accounts);
    // Read at once, before the fresh simulator's polls could change anything.
    const after = await alarms(served);
    expect(after.find((a) => a.id === CHO_RA)).toMatchObject({ state: 'ack', ack: { by: 'dieuhanh', comment: 'Đã báo xã Chợ Rã' } });
    expect(after.find((a) => a.id === KIM_HY)).toMatchObject({ state: 'rtn_unack' });
    await logIn(page, served, 'dieuhanh');
    await page.keyboard.press('Alt+7');
    const latched = page.locator(`[data-testid="alarm-row"][data-alarm-id="${KIM_HY}"]`);
    await latched.waitFor({ timeout: 15_000 });
    expect(await latched.getAttribute('data-state')).toBe('rtn_unack');
    expect(await latched.innerText()).toContain('Đã hết, chưa xác nhận');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
