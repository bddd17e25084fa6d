import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedConsole } from './serve-process.js';
import { closeDemoConsole, injectFault, logIn, openDemoConsole } from './demo-console.js';

/**
 * Link health end to end (issue 10): Na Rì goes dark for a while and comes back; a supervisor's
 * Health view shows the outage with its minutes and the district's 1-day availability below
 * 100 %, its communes one by one, and a commune's chart with the outage as a band and the
 * commune's maintenance window (set by a technician) as a labelled band with its reason.
 */
const SHOTS = process.env.BRIDGEPOINT_SHOTS ?? '/tmp';
let served: ServedConsole;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

/** Wait for a condition outside a test (expect.poll is for tests only). */
async function until(what: () => Promise<boolean>, ms: number, why: string): Promise<void> {
  for (const end = Date.now() + ms; !(await what()); ) {
    if (Date.now() > end) throw new Error(`timed out: ${why}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const upCount = async () => ((await (await served.api('/api/v1/status')).json()) as { reachability: string }[]).filter((s) => s.reachability === 'up').length;
const reach = async (id: string) => ((await (await served.api('/api/v1/status')).json()) as { endpointId: string; reachability: string }[]).find((s) => s.endpointId === id)?.reachability;

beforeAll(async () => {
  ({ served, browser, page } = await openDemoConsole(pageErrors));
  await until(async () => (await upCount()) >= 116, 40_000, 'the demo codecs up');
  await injectFault(served, { target: 'na-ri', kind: 'down' });
  await until(async () => (await reach('na-ri-1')) === 'down', 30_000, 'Na Rì down');
  await new Promise((r) => setTimeout(r, 10_000));
  await injectFault(served, { target: 'na-ri', kind: 'clear' });
  // Kim Hỷ in maintenance from now for an hour: the chart marks it from here to its right edge.
  const set = await served.api(
    '/api/v1/rpc/setMaintenance',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ siteId: 'na-ri-kim-hy', reason: 'Thay bộ mã hoá', until: new Date(Date.now() + 3_600_000).toISOString() }) },
    'kythuat',
  );
  if (!set.ok) throw new Error(`setMaintenance: ${set.status} ${await set.text()}`);
  await until(async () => (await reach('na-ri-1')) === 'up', 30_000, 'Na Rì back up');
  await logIn(page, served, 'giamsat');
  await page.getByTestId('rail-health').waitFor({ timeout: 30_000 });
});

afterAll(() => closeDemoConsole({ served, browser }));

describe('health (serve --demo)', () => {
  it('the district that went dark: its outage with minutes, and its 1-day availability under 100 %', async () => {
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date().toISOString();
    await expect
      .poll(async () => {
        const a = (await (await served.api(`/api/v1/availability?from=${from}&to=${to}&groupBy=district`, {}, 'giamsat')).json()) as { rows: { group: string | null; outages: number; availabilityPct: number | null; downMs: number }[] };
        return a.rows.find((r) => r.group === 'na-ri');
      }, { timeout: 20_000, interval: 1000 })
      .toMatchObject({ outages: expect.any(Number) });
    await page.getByTestId('rail-health').click();
    await page.getByTestId('health-period-1d').click();
    const row = page.locator('[data-testid="health-row"][data-group="na-ri"]');
    await row.waitFor({ timeout: 15_000 });
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).not.toContain('100 %');
    const text = await row.innerText();
    expect(text).toContain('UBND huyện Na Rì');
    expect(text).toMatch(/giây|phút/); // the down time, in words with its unit
    // It is the worst district: first in the table.
    expect(await page.getByTestId('health-row').first().getAttribute('data-group')).toBe('na-ri');
    expect(await page.locator('[data-testid="health-row"][data-group="ba-be"]').innerText()).toContain('100 %');
    writeFileSync(join(SHOTS, 'bridgepoint-health.png'), await page.screenshot());
  });

  it('opens the district, then a commune: its chart shows the outage as a band', async () => {
    await page.locator('[data-testid="health-row"][data-group="na-ri"] [data-testid="health-open"]').click();
    await page.locator('[data-testid="health-row"][data-group="na-ri-kim-hy"]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="health-row"][data-group="na-ri-kim-hy"] [data-testid="health-open"]').click();
    await page.getByTestId('health-chart-note').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('health-chart-note').innerText()).toMatch(/^[1-9]\d* lần mất kết nối/);
    // The chart library loads with the first chart: its canvas comes a moment after the figures.
    await page.locator('[data-testid="health-chart"] canvas').first().waitFor({ timeout: 15_000 });
    // The maintenance window: a band labelled in words, its reason and span as a tooltip, and a legend entry.
    const band = page.getByTestId('health-maintenance-band').first();
    await band.waitFor({ timeout: 15_000 });
    expect(await band.innerText()).toBe('Bảo trì');
    expect(await band.getAttribute('title')).toMatch(/^Bảo trì: Thay bộ mã hoá \(kythuat\), từ \d\d:\d\d:\d\d \d\d\/\d\d\/\d{4} đến/);
    expect((await band.boundingBox())!.width).toBeGreaterThan(0);
    expect(await page.getByTestId('health-chart-legend').innerText()).toContain('Bảo trì (sọc ngang, có nhãn)');
    await page.getByTestId('health-chart').screenshot({ path: join(SHOTS, 'bridgepoint-health-band.png') });
    writeFileSync(join(SHOTS, 'bridgepoint-health-chart.png'), await page.screenshot());
  });

  it('the day’s report, as CSV and PDF, holds the outage', async () => {
    await page.getByTestId('health-up').click();
    await page.getByTestId('report-period').selectOption('day');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    await page.getByTestId('report-day').fill(today);
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
    const csv = readFileSync((await csvDownload.path())!, 'utf8');
    const naRi = csv.split(/\r?\n/).find((l) => l.startsWith('UBND huyện Na Rì') || l.includes(',UBND huyện Na Rì,') || l.includes('"UBND huyện Na Rì"'));
    expect(naRi, csv.slice(0, 2000)).toBeDefined();
    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-pdf').click()]);
    const pdf = (await pdfDownload.path())!;
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('UBND huyện Na Rì');
    expect(pageErrors).toEqual([]);
  });
});
