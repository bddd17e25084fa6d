import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedConsole } from './serve-process.js';
import { closeDemoConsole, injectFault, logIn, openDemoConsole } from './demo-console.js';

/**
 * Alarms end to end (issue 9): an operator watches the Alarms view while Ba Bể goes dark. One
 * alarm is annunciated, the district's; its communes are listed only behind the filter, as
 * suppressed by it; the operator acknowledges it with a comment (in the audit log); when the
 * district comes back its alarm returns to normal and no commune was ever shown down.
 */
const SHOTS = process.env.BRIDGEPOINT_SHOTS ?? '/tmp';
const DISTRICT_ALARM = 'endpoint-down@endpoint:ba-be-1';

let served: ServedConsole;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const rows = () => page.getByTestId('alarm-row');

beforeAll(async () => {
  ({ served, browser, page } = await openDemoConsole(pageErrors));
  await logIn(page, served, 'dieuhanh');
  // Every codec answering first, so the outage is the only thing happening.
  const upCount = async () => ((await (await served.api('/api/v1/status')).json()) as { reachability: string }[]).filter((s) => s.reachability === 'up').length;
  for (const started = Date.now(); (await upCount()) < 116; ) {
    if (Date.now() - started > 40_000) throw new Error('the demo codecs did not come up within 40 s');
    await new Promise((r) => setTimeout(r, 500));
  }
  await page.keyboard.press('Alt+7');
  await page.getByTestId('alarms-view').waitFor();
});

afterAll(() => closeDemoConsole({ served, browser }));

describe('alarms (serve --demo)', () => {
  it('a district going dark: one alarm shown, its communes suppressed by it behind the filter', async () => {
    await injectFault(served, { target: 'ba-be', kind: 'down' });
    await expect.poll(() => rows().evaluateAll((els) => els.map((e) => e.getAttribute('data-alarm-id'))), { timeout: 30_000, interval: 250 }).toEqual([DISTRICT_ALARM]);
    const banner = page.getByTestId('alarm-banner');
    expect(await banner.locator('[data-priority="critical"]').innerText()).toBe('1');
    await page.getByTestId('alarms-show-hidden').check();
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBeGreaterThan(10);
    const hidden = await rows().evaluateAll((els) => els.filter((e) => e.getAttribute('data-alarm-id') !== 'endpoint-down@endpoint:ba-be-1').map((e) => e.textContent ?? ''));
    expect(hidden.every((text) => text.includes('Bị che bởi sự cố tại UBND huyện Ba Bể'))).toBe(true);
    writeFileSync(join(SHOTS, 'bridgepoint-alarms.png'), await page.screenshot());
    await page.getByTestId('alarms-show-hidden').uncheck();
  });

  it('the operator acknowledges it with a comment, and the audit log has it', async () => {
    await page.getByTestId('alarms-comment').fill('Đã gọi kỹ thuật huyện Ba Bể');
    await page.getByTestId('alarms-view').focus();
    await page.keyboard.press('a');
    await expect.poll(() => rows().first().getAttribute('data-state'), { timeout: 10_000 }).toBe('ack');
    expect(await rows().first().innerText()).toContain('Đã xác nhận: dieuhanh — Đã gọi kỹ thuật huyện Ba Bể');
    const audit = (await (await served.api('/api/v1/audit?action=acknowledgeAlarms')).json()) as { user: string; result: string; target: string }[];
    expect(audit[0]).toMatchObject({ user: 'dieuhanh', result: 'ok', target: `alarms:${DISTRICT_ALARM}` });
  });

  it('the district comes back: its alarm returns to normal, and no commune was ever alarmed as down', async () => {
    await injectFault(served, { target: 'ba-be', kind: 'clear' });
    await expect.poll(() => rows().count(), { timeout: 40_000, interval: 500 }).toBe(0);
    expect(await page.getByTestId('alarms-empty').innerText()).toBe('Không có cảnh báo nào cần xử lý.');
    const journal = (await (await served.api('/api/v1/alarms/journal?limit=1000')).json()) as { kind: string; alarmId: string | null }[];
    const activated = journal.filter((j) => j.kind === 'activated').map((j) => j.alarmId!);
    // The communes' alarms were unreachable ones (and traps explained by the outage), never "down".
    expect(activated.filter((id) => id.startsWith('endpoint-down@') && id !== DISTRICT_ALARM)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
