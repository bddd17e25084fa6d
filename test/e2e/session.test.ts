import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distinctColours } from './browser.js';
import type { ServedConsole } from './serve-process.js';
import { closeDemoConsole, logIn, openDemoConsole } from './demo-console.js';

/**
 * The Live view end to end against `serve --demo` (the simulated Cisco Meeting Server with its
 * one live conference): mute a participant from the roster and see the mute come back through
 * the MCU's events (muted, no longer pending) and in the audit log; change the layout; connect
 * the Ba Bể district (its communes dialled, one result per site, all connected); disconnect a
 * commune with the armed confirmation.
 */
const DOCS = join(import.meta.dirname, '../../docs');
const SHOTS = process.env.BRIDGEPOINT_SHOTS ?? '/tmp';
const CONFERENCE = 'Giao ban trực tuyến UBND tỉnh';

let served: ServedConsole;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

interface ApiParticipant {
  endpointId: string | null;
  state: string;
  audioMuted: boolean | null;
}

async function participants(): Promise<ApiParticipant[]> {
  const list = (await (await served.api('/api/v1/conferences')).json()) as { name: string; participants: ApiParticipant[] }[];
  return list.find((c) => c.name === CONFERENCE)?.participants ?? [];
}

const row = (endpointId: string) => page.locator(`tr[data-testid="roster-row"][data-endpoint-id="${endpointId}"]`);

beforeAll(async () => {
  ({ served, browser, page } = await openDemoConsole(pageErrors));
});

afterAll(() => closeDemoConsole({ served, browser }));

describe('the Live view against the simulated MCU (serve --demo)', () => {
  it('opens from the rail with Alt+2 and shows the conference with its participants connected', async () => {
    await logIn(page, served, 'kythuat');
    await page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });
    expect(await page.getByTestId('rail-live').getAttribute('title')).toContain('Alt+2');
    await page.keyboard.press('Alt+2');
    await page.getByTestId('session-view').waitFor();
    expect(await page.getByTestId('rail-live').getAttribute('aria-current')).toBe('page');
    const item = page.getByTestId('conference-item').first();
    await expect.poll(() => item.innerText(), { timeout: 15_000 }).toContain(CONFERENCE);
    expect(await page.getByTestId('mcu-state').getAttribute('data-state')).toBe('ok');
    await expect.poll(() => page.locator('tr[data-testid="roster-row"][data-state="connected"]').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(10);
    // Site names come from the inventory, with their tier.
    expect(await row('ubnd-tinh-1').locator('th').innerText()).toBe('Văn phòng UBND tỉnh');
    expect(await row('ba-be-1').innerText()).toContain('Cấp huyện');
    // Loss and jitter from the status store, with units.
    await expect.poll(() => row('ubnd-tinh-1').innerText(), { timeout: 15_000 }).toMatch(/\d+(,\d+)?\s%[\s\S]*\d+(,\d+)?\sms/);
  });

  it('mutes a participant: pending at once, then muted as the MCU reports it, and in the audit log', async () => {
    const target = row('ubnd-tinh-1');
    expect(await target.getAttribute('data-audio-muted')).toBe('false');
    // Record every value the pending marker takes, to see the optimistic phase however short it is.
    await target.evaluate((tr) => {
      const seen: string[] = [];
      (window as unknown as { pendingSeen: string[] }).pendingSeen = seen;
      new MutationObserver(() => seen.push(`${tr.getAttribute('data-audio-muted')}/${tr.getAttribute('data-audio-pending')}`)).observe(tr, {
        attributes: true,
        attributeFilter: ['data-audio-pending', 'data-audio-muted'],
      });
    });
    await target.getByTestId('mic-toggle').click();
    await expect.poll(() => target.getAttribute('data-audio-pending'), { timeout: 5_000 }).toBe('false');
    expect(await target.getAttribute('data-audio-muted')).toBe('true');
    const seen = await page.evaluate(() => (window as unknown as { pendingSeen: string[] }).pendingSeen);
    expect(seen[0]).toBe('true/true'); // shown muted at once, marked pending
    expect(seen.at(-1)).toBe('true/false'); // settled by the MCU's own report
    expect(await target.getByTestId('mic-toggle').innerText()).toContain('Tắt');
    // The MCU itself has it muted.
    expect((await participants()).find((p) => p.endpointId === 'ubnd-tinh-1')?.audioMuted).toBe(true);

    const entry = page.locator('[data-testid="audit-entry"][data-action="muteParticipant"][data-target="endpoint:ubnd-tinh-1"]');
    await expect.poll(() => entry.count(), { timeout: 5_000 }).toBe(1);
    expect(await entry.getAttribute('data-result')).toBe('ok');
    const text = await entry.innerText();
    expect(text).toContain('Văn phòng UBND tỉnh');
    expect(text).toContain('Tắt tiếng');
    expect(text).toMatch(/\d\d:\d\d:\d\d \d\d\/\d\d\/\d{4}/);
    expect(await page.getByTestId('action-results').locator('[data-action="muteParticipant"]').first().getAttribute('data-outcome')).toBe('ok');
  });

  it('changes the conference layout from the drawn thumbnails', async () => {
    await page.getByTestId('layout-onePlusFive').click();
    const header = page.getByTestId('conference-header');
    await expect.poll(() => header.getAttribute('data-layout'), { timeout: 5_000 }).toBe('onePlusFive');
    await expect.poll(() => header.getAttribute('data-layout-pending'), { timeout: 5_000 }).toBe('false');
    expect(await page.getByTestId('layout-onePlusFive').getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => page.locator('[data-testid="audit-entry"][data-action="setLayout"]').count(), { timeout: 5_000 }).toBe(1);
  });

  it('connects the Ba Bể district after arming, with a result per site, and its communes join connected', async () => {
    const before = await page.locator('tr[data-testid="roster-row"]').count();
    await page.getByTestId('bulk-by-district').click();
    await page.getByTestId('bulk-choice').selectOption('ba-be');
    const toDial = Number(await page.getByTestId('bulk-count').getAttribute('data-count'));
    expect(toDial).toBeGreaterThanOrEqual(10);
    const button = page.getByTestId('bulk-connect-button');
    await button.click();
    expect(await button.getAttribute('data-armed')).toBe('true');
    const confirm = await page.getByTestId('bulk-connect-button-confirm').innerText();
    expect(confirm).toContain(`Kết nối ${toDial} điểm cầu của UBND huyện Ba Bể?`);
    expect(confirm).toContain('UBND thị trấn Chợ Rã');
    // Nothing is dialled by arming alone.
    await page.waitForTimeout(400);
    expect(await page.locator('tr[data-testid="roster-row"]').count()).toBe(before);
    await button.click();

    // At once: the sites being dialled, each pending; then the engine's result per site (the
    // district's own site, already in the call, counts as done).
    const results = page.getByTestId('bulk-result');
    // The engine may already have answered (the district's own site then shows as a result too).
    expect([toDial, toDial + 1]).toContain(await results.count());
    await expect.poll(() => page.getByTestId('bulk-results').getAttribute('data-running'), { timeout: 10_000 }).toBe('false');
    expect(await results.count()).toBe(toDial + 1);
    expect(await page.locator('[data-testid="bulk-result"][data-result="ok"]').count()).toBe(toDial + 1);
    await expect
      .poll(async () => new Set(await results.evaluateAll((els) => els.map((e) => e.getAttribute('data-participant-state')))), { timeout: 15_000, interval: 250 })
      .toEqual(new Set(['connected']));
    await expect.poll(() => row('ba-be-cho-ra-1').getAttribute('data-state'), { timeout: 10_000 }).toBe('connected');
    expect(await page.locator('tr[data-testid="roster-row"]').count()).toBe(before + toDial);
    expect(await page.getByTestId('bulk-results').innerText()).toContain(`${toDial + 1} điểm cầu: ${toDial + 1} thành công, 0 lỗi`);
  });

  it('disconnects one participant only on the second, confirming click', async () => {
    const target = row('ba-be-cho-ra-1');
    const button = target.getByTestId('disconnect');
    await button.click();
    expect(await button.getAttribute('data-armed')).toBe('true');
    expect(await button.innerText()).toMatch(/Xác nhận \(\d\)/);
    expect(await button.getAttribute('aria-label')).toContain('Ngắt kết nối UBND thị trấn Chợ Rã?');
    await page.waitForTimeout(500);
    expect(await target.count()).toBe(1);
    await button.click();
    await expect.poll(() => target.count(), { timeout: 5_000 }).toBe(0);
    expect((await participants()).some((p) => p.endpointId === 'ba-be-cho-ra-1')).toBe(false);
    const entry = page.locator('[data-testid="audit-entry"][data-action="disconnectParticipant"][data-target="endpoint:ba-be-cho-ra-1"]');
    await expect.poll(() => entry.count(), { timeout: 5_000 }).toBe(1);
    expect(await entry.getAttribute('data-result')).toBe('ok');

    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    const png = await page.screenshot({ fullPage: false });
    writeFileSync(join(SHOTS, 'bridgepoint-session.png'), png);
    mkdirSync(DOCS, { recursive: true });
    writeFileSync(join(DOCS, 'screenshot-session.png'), png);
    expect(await distinctColours(page, png)).toBeGreaterThan(20);
  });

  it('keeps every roster column on screen at 1280×720, with whole site names', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.waitForTimeout(500);
    const layout = await page.evaluate(() => {
      const wrap = document.querySelector<HTMLElement>('.roster-wrap')!;
      const box = wrap.getBoundingClientRect();
      const heads = [...document.querySelectorAll<HTMLElement>('.roster thead th')].filter((th) => th.offsetParent !== null);
      const names = [...document.querySelectorAll<HTMLElement>('.roster tbody th.roster__site')];
      return {
        overflow: wrap.scrollWidth - wrap.clientWidth,
        cut: heads.filter((th) => th.getBoundingClientRect().right > box.right + 1).map((th) => th.innerText),
        columns: heads.length,
        truncated: names.filter((n) => n.scrollWidth > n.clientWidth + 1).map((n) => n.innerText),
        disconnectInView: [...document.querySelectorAll<HTMLElement>('[data-testid="disconnect"]')].every((b) => b.getBoundingClientRect().right <= window.innerWidth),
      };
    });
    expect(layout.cut).toEqual([]);
    expect(layout.overflow).toBeLessThanOrEqual(1);
    expect(layout.columns).toBeGreaterThanOrEqual(12);
    expect(layout.truncated).toEqual([]);
    expect(layout.disconnectInView).toBe(true);
    // Two districts that begin alike are told apart on screen.
    expect(await row('cho-don-1').locator('th').innerText()).toContain('Chợ Đồn');
    const png = await page.screenshot({ fullPage: false });
    writeFileSync(join(DOCS, 'screenshot-live-1280.png'), png);
    expect(await distinctColours(page, png)).toBeGreaterThan(20);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
