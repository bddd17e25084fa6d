import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARM_GUARD_MS } from '../../renderer/features/shell/arming.js';
import { distinctColours } from './browser.js';
import type { ServedConsole } from './serve-process.js';
import { closeDemoConsole, injectFault, logIn, openDemoConsole } from './demo-console.js';

/**
 * A province-wide meeting with every site connected (issue 13, item 10), end to end on `serve
 * --demo` (the Bắc Kạn province, three tiers, one codec a site, and the simulated Cisco Meeting
 * Server with its one live conference), as an operator through the UI: "connect every site in
 * scope" from the Live view, named and armed, brings every codec of the province into the
 * conference; the roster lists each of them connected, and the top bar, the Live summary and the
 * map's counters agree. At 1280×720 the full roster keeps every column on screen. A district
 * taken down (a training fault) has every participant of it flagged in the roster within 10 s
 * (its own codec down, its communes' unreachable), the counters still agree; the conference ends
 * through the dialog that names it.
 */
const SHOTS = process.env.BRIDGEPOINT_SHOTS ?? '/tmp';
const CONFERENCE = 'Giao ban trực tuyến UBND tỉnh';
const OPERATOR = 'dieuhanh';
const DISTRICT = 'ba-be';

interface InventorySite {
  id: string;
  parent?: string | null;
  endpoints: { id: string }[];
}
const inventory = JSON.parse(readFileSync(new URL('../../assets/inventory/bac-kan.json', import.meta.url), 'utf8')) as { sites: InventorySite[] };
const ALL_ENDPOINTS = inventory.sites.flatMap((s) => s.endpoints.map((e) => e.id));
/** The district's own codec and its communes' (every site below it). */
const DISTRICT_ENDPOINTS = (() => {
  const inside = new Set([DISTRICT]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of inventory.sites) {
      if (s.parent && inside.has(s.parent) && !inside.has(s.id)) {
        inside.add(s.id);
        grew = true;
      }
    }
  }
  return inventory.sites.filter((s) => inside.has(s.id)).flatMap((s) => s.endpoints.map((e) => e.id));
})();

let served: ServedConsole;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

interface ApiParticipant {
  endpointId: string | null;
  state: string;
}

async function participants(): Promise<ApiParticipant[]> {
  const list = (await (await served.api('/api/v1/conferences', undefined, OPERATOR)).json()) as { name: string; participants: ApiParticipant[] }[];
  return list.find((c) => c.name === CONFERENCE)?.participants ?? [];
}
/** Codecs of the inventory the MCU lists in the conference, not disconnected. */
const onMcu = async (): Promise<string[]> => (await participants()).filter((p) => p.endpointId !== null && p.state !== 'disconnected').map((p) => p.endpointId!);

/** Each codec's roster row as the page shows it, read in one go: its call state and its codec flag. */
const rosterRows = () =>
  page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll<HTMLElement>('tr[data-testid="roster-row"]')].map((tr) => [tr.dataset.endpointId ?? '', { state: tr.dataset.state, flag: tr.dataset.codecFlag }]),
    ),
  );

const countOf = (selector: string): Promise<number> => page.locator(selector).first().getAttribute('data-count').then((n) => (n === null ? 0 : Number(n)));
/** "In call" in the top bar and in the Live summary, and the summary's count of codecs gone (down or unreachable). */
const liveCounters = async () => ({
  topBar: await countOf('[data-testid="totals"] [data-kind="inCall"]'),
  live: await countOf('[data-testid="live-summary"] [data-kind="inCall"]'),
  lost: (await page.locator('[data-testid="live-summary"] [data-kind="down"]').count()) === 0 ? 0 : await countOf('[data-testid="live-summary"] [data-kind="down"]'),
});
const mapCount = (key: string, kind: string) => countOf(`[data-testid="map-counters"] tr[data-key="${key}"] td[data-kind="${kind}"]`);

async function toView(key: 'Alt+1' | 'Alt+2', testId: string): Promise<void> {
  await page.keyboard.press(key);
  await page.getByTestId(testId).waitFor();
}

/** The roster's layout at the current size: columns cut at the right edge, overflow, names cut short. */
const rosterLayout = () =>
  page.evaluate(() => {
    const wrap = document.querySelector<HTMLElement>('.roster-wrap')!;
    const box = wrap.getBoundingClientRect();
    const heads = [...document.querySelectorAll<HTMLElement>('.roster thead th')].filter((th) => th.offsetParent !== null);
    const names = [...document.querySelectorAll<HTMLElement>('.roster tbody th.roster__site')];
    const totals = document.querySelector<HTMLElement>('[data-testid="totals"]')!.getBoundingClientRect();
    return {
      overflow: wrap.scrollWidth - wrap.clientWidth,
      cut: heads.filter((th) => th.getBoundingClientRect().right > box.right + 1).map((th) => th.innerText),
      columns: heads.length,
      truncated: names.filter((n) => n.scrollWidth > n.clientWidth + 1).map((n) => n.innerText),
      totalsInView: totals.right <= window.innerWidth && totals.width > 0,
    };
  });

beforeAll(async () => {
  ({ served, browser, page } = await openDemoConsole(pageErrors));
});

afterAll(() => closeDemoConsole({ served, browser }));

describe('a province-wide meeting with every site connected (serve --demo, operator)', () => {
  it('connects every site in scope from the Live view, named and armed: every codec of the province joins', { timeout: 120_000 }, async () => {
    expect(ALL_ENDPOINTS.length).toBeGreaterThanOrEqual(100);
    await logIn(page, served, OPERATOR);
    await page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });
    await toView('Alt+2', 'session-view');
    await expect.poll(() => page.getByTestId('conference-header').locator('h2').innerText(), { timeout: 15_000 }).toBe(CONFERENCE);
    await expect.poll(async () => (await onMcu()).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(10);

    await page.getByTestId('bulk-by-scope').click();
    expect(await page.getByTestId('bulk-choice').innerText()).toContain('Mọi điểm cầu trong phạm vi');
    const already = new Set(await onMcu());
    const toDial = Number(await page.getByTestId('bulk-count').getAttribute('data-count'));
    expect(toDial).toBe(ALL_ENDPOINTS.filter((id) => !already.has(id)).length);
    expect(await page.getByTestId('bulk-count').innerText()).toContain(`${ALL_ENDPOINTS.length} điểm cầu`);
    const button = page.getByTestId('bulk-connect-button');
    await button.click();
    expect(await button.getAttribute('data-armed')).toBe('true');
    expect(await page.getByTestId('bulk-connect-button-confirm').innerText()).toContain(`Kết nối tất cả ${toDial} điểm cầu còn lại trong phạm vi của bạn vào phiên này?`);
    // Arming alone dials nothing.
    await page.waitForTimeout(ARM_GUARD_MS + 100);
    expect((await onMcu()).length).toBe(already.size);
    const asked = Date.now();
    await button.click();

    await expect.poll(() => page.getByTestId('bulk-results').getAttribute('data-running'), { timeout: 60_000, interval: 250 }).toBe('false');
    expect(await page.locator('[data-testid="bulk-result"][data-result="ok"]').count()).toBe(toDial);
    expect(await page.getByTestId('bulk-results').innerText()).toContain(`${toDial} điểm cầu: ${toDial} thành công, 0 lỗi`);
    // The MCU has every codec of the province in the conference, and the roster shows each one connected.
    await expect.poll(async () => new Set(await onMcu()).size, { timeout: 30_000, interval: 500 }).toBe(ALL_ENDPOINTS.length);
    const notConnected = async () => {
      const rows = await rosterRows();
      const mcu = new Map((await participants()).map((p) => [p.endpointId, p.state]));
      return ALL_ENDPOINTS.filter((id) => rows[id]?.state !== 'connected').map((id) => `${id}: roster ${rows[id]?.state ?? 'no row'}, MCU ${mcu.get(id) ?? 'absent'}`);
    };
    await expect.poll(notConnected, { timeout: 45_000, interval: 500 }).toEqual([]);
    console.info(`province meeting: ${toDial} sites dialled, all ${ALL_ENDPOINTS.length} connected ${Date.now() - asked} ms after firing`);
    expect(await page.locator('[data-testid="bulk-connect-button"]').isDisabled()).toBe(true); // nothing left to connect
  });

  it('the top bar, the Live summary and the map count the same codecs in the call', { timeout: 60_000 }, async () => {
    // Every codec answers in the demo's calm state: all of them are in the call, none is lost.
    await expect.poll(liveCounters, { timeout: 20_000, interval: 250 }).toEqual({ topBar: ALL_ENDPOINTS.length, live: ALL_ENDPOINTS.length, lost: 0 });
    expect(Number(await page.getByTestId('live-summary').getAttribute('data-on-roster'))).toBe(ALL_ENDPOINTS.length);
    await toView('Alt+1', 'network-map');
    await expect.poll(() => mapCount('all', 'inCall'), { timeout: 10_000, interval: 250 }).toBe(ALL_ENDPOINTS.length);
    expect(await countOf('[data-testid="totals"] [data-kind="inCall"]')).toBe(ALL_ENDPOINTS.length);
    expect(await mapCount(DISTRICT, 'inCall')).toBe(DISTRICT_ENDPOINTS.length);
    await toView('Alt+2', 'session-view');
  });

  it('at 1280×720 the full roster keeps every column on screen, the counters in view', { timeout: 60_000 }, async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.waitForTimeout(500);
    const layout = await rosterLayout();
    expect(layout.cut).toEqual([]);
    expect(layout.overflow).toBeLessThanOrEqual(1);
    expect(layout.columns).toBeGreaterThanOrEqual(12);
    expect(layout.truncated).toEqual([]);
    expect(layout.totalsInView).toBe(true);
    expect(await page.locator('tr[data-testid="roster-row"]').count()).toBeGreaterThanOrEqual(ALL_ENDPOINTS.length);
    await page.mouse.move(0, 0);
    const png = await page.screenshot({ fullPage: false });
    writeFileSync(join(SHOTS, 'province-meeting-1280.png'), png);
    expect(await distinctColours(page, png)).toBeGreaterThan(20);
  });

  it('a district taken down has every participant of it flagged within 10 s; the counters agree (at 1280×720)', { timeout: 90_000 }, async () => {
    const flags = async () => {
      const rows = await rosterRows();
      return DISTRICT_ENDPOINTS.map((id) => rows[id]?.flag ?? 'gone');
    };
    const asked = Date.now();
    await injectFault(served, { target: DISTRICT, kind: 'down', durationS: 600 });
    const t0 = Date.now();
    try {
      await expect.poll(async () => (await flags()).every((f) => f === 'down' || f === 'unreachable'), { timeout: 10_000, interval: 100 }).toBe(true);
    } catch (e) {
      const status = (await (await served.api('/api/v1/status', undefined, OPERATOR)).json()) as { endpointId: string; reachability: string }[];
      const engine = DISTRICT_ENDPOINTS.map((id) => `${id}=${status.find((x) => x.endpointId === id)?.reachability}`);
      const shown = (await flags()).map((f, i) => `${DISTRICT_ENDPOINTS[i]}=${f}`);
      const res = await served.api('/api/v1/rpc/getPollResults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      const polls = ((await res.json()) as { endpointId: string; at: string; answered: boolean }[]).filter((p) => DISTRICT_ENDPOINTS.includes(p.endpointId));
      const lastPolls = polls.map((p) => `${p.endpointId} ${p.answered ? 'answered' : 'silent'} ${Date.now() - Date.parse(p.at)} ms ago`);
      throw new Error(`not flagged within 10 s of the fault (${t0 - asked} ms to inject it); roster now ${shown.join(', ')}; engine now ${engine.join(', ')}; last polls ${lastPolls.join(', ')}`, { cause: e });
    }
    const flaggedAfter = Date.now() - t0;
    console.info(`province meeting: ${DISTRICT_ENDPOINTS.length} participants of ${DISTRICT} flagged ${flaggedAfter} ms after the fault (${t0 - asked} ms to inject it)`);
    expect(flaggedAfter).toBeLessThan(10_000);
    // The district's codec down, every commune's behind it unreachable, once the tree says so.
    await expect.poll(flags, { timeout: 10_000, interval: 100 }).toEqual(DISTRICT_ENDPOINTS.map((id) => (id === `${DISTRICT}-1` ? 'down' : 'unreachable')));
    // No other row is flagged.
    const rows = await rosterRows();
    expect(ALL_ENDPOINTS.filter((id) => !DISTRICT_ENDPOINTS.includes(id) && ['down', 'unreachable'].includes(rows[id]?.flag ?? ''))).toEqual([]);

    // The counters agree: in call is everyone the MCU lists less the district's codecs, which the
    // summary counts apart as lost; the top bar says the same, and so does the map.
    const expected = async () => {
      const listed = await onMcu();
      const lost = listed.filter((id) => DISTRICT_ENDPOINTS.includes(id)).length;
      return { topBar: listed.length - lost, live: listed.length - lost, lost };
    };
    await expect.poll(async () => JSON.stringify(await liveCounters()) === JSON.stringify(await expected()), { timeout: 10_000, interval: 250 }).toBe(true);
    expect((await liveCounters()).topBar).toBe(ALL_ENDPOINTS.length - DISTRICT_ENDPOINTS.length);
    const layout = await rosterLayout();
    expect(layout.cut).toEqual([]);
    expect(layout.overflow).toBeLessThanOrEqual(1);
    const png = await page.screenshot({ fullPage: false });
    writeFileSync(join(SHOTS, 'province-meeting-district-down-1280.png'), png);
    expect(await distinctColours(page, png)).toBeGreaterThan(20);

    await toView('Alt+1', 'network-map');
    await expect
      .poll(async () => [await mapCount('all', 'inCall'), await countOf('[data-testid="totals"] [data-kind="inCall"]'), await mapCount(DISTRICT, 'down'), await mapCount(DISTRICT, 'unreachable')], {
        timeout: 10_000,
        interval: 250,
      })
      .toEqual([ALL_ENDPOINTS.length - DISTRICT_ENDPOINTS.length, ALL_ENDPOINTS.length - DISTRICT_ENDPOINTS.length, 1, DISTRICT_ENDPOINTS.length - 1]);
    expect(await mapCount(DISTRICT, 'inCall')).toBe(0);
    await toView('Alt+2', 'session-view');
  });

  it('ends the conference through the dialog that names it and how many sites it drops (at 1280×720)', { timeout: 60_000 }, async () => {
    const count = await page.getByTestId('conference-participants').getAttribute('data-count');
    expect(Number(count)).toBeGreaterThan(ALL_ENDPOINTS.length - DISTRICT_ENDPOINTS.length);
    await page.getByTestId('end-conference').click();
    const dialog = page.getByTestId('end-dialog');
    await dialog.waitFor();
    const text = await dialog.innerText();
    expect(text).toContain(`Kết thúc phiên “${CONFERENCE}”?`);
    expect(text).toMatch(/\d+ điểm cầu đang trong phiên sẽ bị ngắt kết nối/);
    // The dialog is whole on the small screen, its named action in view.
    const box = await dialog.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
    expect(box!.y + box!.height).toBeLessThanOrEqual(720);
    await page.keyboard.press('Tab');
    expect(await page.getByTestId('end-dialog-confirm').innerText()).toBe(`Kết thúc “${CONFERENCE}”`);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(async () => ((await (await served.api('/api/v1/conferences', undefined, OPERATOR)).json()) as { name: string }[]).map((c) => c.name), { timeout: 15_000, interval: 250 })
      .not.toContain(CONFERENCE);
    await expect.poll(liveCounters, { timeout: 15_000, interval: 250 }).toMatchObject({ topBar: 0 });
    expect(pageErrors).toEqual([]);
  });
});
