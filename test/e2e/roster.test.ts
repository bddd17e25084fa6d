import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedConsole } from './serve-process.js';
import { closeDemoConsole, injectFault, logIn, openDemoConsole } from './demo-console.js';

/**
 * The roster sees the codec too, end to end on `serve --demo` (the simulated province and its
 * simulated CMS with one live conference), logged in as an operator: each row shows its codec's
 * own figures; a district taken down (a training fault) flags its participants in the roster
 * within 10 s (down for the district's codec, unreachable for its communes', never "connected"),
 * while the MCU still lists them; then the simulated MCU drops their legs (media timeout), and
 * they do not come back by themselves when the codecs do.
 */
const SHOTS = process.env.BRIDGEPOINT_SHOTS ?? '/tmp';
const CONFERENCE = 'Giao ban trực tuyến UBND tỉnh';
const OPERATOR = 'dieuhanh';
const DISTRICT = 'ba-be';
const COMMUNES = ['ba-be-cho-ra', 'ba-be-nam-mau'];

let served: ServedConsole;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

interface ApiParticipant {
  endpointId: string | null;
  state: string;
}
interface ApiConference {
  id: string;
  name: string;
  participants: ApiParticipant[];
}

async function conference(): Promise<ApiConference | undefined> {
  const list = (await (await served.api('/api/v1/conferences', undefined, OPERATOR)).json()) as ApiConference[];
  return list.find((c) => c.name === CONFERENCE);
}
const inCall = async (endpointId: string): Promise<boolean> => ((await conference())?.participants ?? []).some((p) => p.endpointId === endpointId);

async function reachability(endpointId: string): Promise<string | undefined> {
  const list = (await (await served.api('/api/v1/status', undefined, OPERATOR)).json()) as { endpointId: string; reachability: string }[];
  return list.find((s) => s.endpointId === endpointId)?.reachability;
}

const row = (endpointId: string) => page.locator(`tr[data-testid="roster-row"][data-endpoint-id="${endpointId}"]`);
const stateCell = (endpointId: string) => row(endpointId).locator('td.roster__state');
/** The state's visible word (the cell also carries a longer text for screen readers). */
const stateWord = (endpointId: string) => stateCell(endpointId).locator('.roster__state-word').innerText();
const district = `${DISTRICT}-1`;
const communes = COMMUNES.map((s) => `${s}-1`);

beforeAll(async () => {
  ({ served, browser, page } = await openDemoConsole(pageErrors));
});

afterAll(() => closeDemoConsole({ served, browser }));

describe('the roster flags participants whose codec is gone (serve --demo)', () => {
  it('shows each participant’s codec beside the MCU: figures with units, the codec’s microphone', async () => {
    await logIn(page, served, OPERATOR);
    await page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });
    await page.keyboard.press('Alt+2');
    await page.getByTestId('session-view').waitFor();
    await expect.poll(async () => (await conference())?.participants.length ?? 0, { timeout: 15_000 }).toBeGreaterThanOrEqual(10);
    // Two of the district's communes join too, so the district's fall shows both ways (down, unreachable).
    const conf = (await conference())!;
    const res = await served.api('/api/v1/rpc/connectSites', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ conferenceId: conf.id, siteIds: COMMUNES }) }, OPERATOR);
    expect(res.status).toBe(200);
    for (const id of [district, ...communes]) {
      await expect.poll(() => row(id).getAttribute('data-state'), { timeout: 15_000 }).toBe('connected');
      await expect.poll(() => row(id).getAttribute('data-codec'), { timeout: 15_000 }).toBe('up');
    }
    const tinh = row('ubnd-tinh-1');
    await expect.poll(() => tinh.locator('td[data-metric="latencyMs"]').innerText(), { timeout: 15_000 }).toMatch(/^(▲\s)?\d+\sms/);
    expect(await tinh.locator('td[data-metric="packetLossPct"]').innerText()).toMatch(/\d(,\d+)?\s%/);
    expect(['true', 'false']).toContain(await tinh.locator('td.roster__codec-mic').getAttribute('data-codec-mic'));
    expect(await stateWord('ubnd-tinh-1')).toBe('Đã kết nối');
  });

  it('flags the district’s participants within 10 s of the district going down, never as connected', async () => {
    // Each row's flag as the page shows it, read in one go (a busy machine makes many round trips slow).
    const flags = () =>
      page.evaluate((ids) => ids.map((id) => document.querySelector(`tr[data-testid="roster-row"][data-endpoint-id="${id}"]`)?.getAttribute('data-codec-flag') ?? 'gone'), [district, ...communes]);
    // Every change of a row's flag, timed in the page: on a failure, the timeline says what came when.
    await page.evaluate((ids) => {
      const log: string[] = [];
      const w = window as unknown as { flagLog: string[]; flagT0: number };
      w.flagLog = log;
      w.flagT0 = Date.now();
      new MutationObserver((changes) => {
        for (const c of changes) {
          const tr = c.target as HTMLElement;
          if (ids.includes(tr.dataset.endpointId ?? '')) log.push(`${Date.now() - w.flagT0} ms ${tr.dataset.endpointId}=${tr.dataset.codecFlag}`);
        }
      }).observe(document.querySelector('tbody')!, { subtree: true, attributes: true, attributeFilter: ['data-codec-flag'] });
    }, [district, ...communes]);
    const asked = Date.now();
    await injectFault(served, { target: DISTRICT, kind: 'down', durationS: 600 });
    // The simulator has applied the fault when the request answers: the district is dark from here.
    const t0 = Date.now();
    const timeline = () => page.evaluate(() => (window as unknown as { flagLog: string[] }).flagLog.join('; '));
    try {
      await expect.poll(async () => (await flags()).every((f) => f === 'down' || f === 'unreachable'), { timeout: 10_000, interval: 100 }).toBe(true);
    } catch (e) {
      throw new Error(`not flagged within 10 s of the fault (${t0 - asked} ms to inject it); flags now ${(await flags()).join(', ')}; since asking: ${await timeline()}`, { cause: e });
    }
    const flaggedAfter = Date.now() - t0;
    console.info(`roster: flagged ${flaggedAfter} ms after the fault (${t0 - asked} ms to inject it); since asking: ${await timeline()}`);
    expect(flaggedAfter).toBeLessThan(10_000);
    // The district's codec is down; its communes', behind it, are unreachable once the tree says so.
    expect((await flags())[0]).toBe('down');
    await expect.poll(flags, { timeout: 10_000, interval: 100 }).toEqual(['down', 'unreachable', 'unreachable']);
    // The MCU still lists them as connected (its media timeout has not run out), yet the roster says otherwise.
    expect(await row(district).getAttribute('data-state')).toBe('connected');
    expect(await inCall(district)).toBe(true);
    const word = await stateWord(district);
    expect(word).toContain('Codec ngừng');
    expect(word).not.toContain('Đã kết nối');
    expect(await stateCell(district).locator('svg[data-glyph="down"]').count()).toBe(1);
    expect(await stateCell(district).locator('svg[data-glyph="up"]').count()).toBe(0);
    for (const id of communes) {
      const w = await stateWord(id);
      expect(w).toContain('Codec mất liên lạc');
      expect(w).not.toContain('Đã kết nối');
    }
    // Colour as well as shape and word: the flagged state is not drawn in the calm grey of a connected row.
    const colour = (id: string) => stateCell(id).evaluate((el) => getComputedStyle(el).color);
    expect(await colour(district)).not.toBe(await colour('ubnd-tinh-1'));
    // Its last figures are marked as old, not live.
    expect(await row(district).locator('td[data-metric="jitterMs"]').getAttribute('data-stale')).toBe('true');
    // The counters agree (one derivation, shared/endpoint-state.ts): "in call" in the top bar and in
    // the Live summary is the codecs the MCU has in a conference less the three whose codec is gone,
    // which the summary counts apart.
    const inCallOnMcu = ((await conference())?.participants ?? []).filter((p) => p.endpointId !== null && p.state !== 'disconnected').length;
    const count = (selector: string) => page.locator(selector).getAttribute('data-count').then(Number);
    await expect
      .poll(async () => [await count('[data-testid="totals"] [data-kind="inCall"]'), await count('[data-testid="live-summary"] [data-kind="inCall"]'), await count('[data-testid="live-summary"] [data-kind="down"]')], { timeout: 10_000, interval: 200 })
      .toEqual([inCallOnMcu - 3, inCallOnMcu - 3, 3]);
    await page.screenshot({ path: join(SHOTS, 'roster-codec-down.png') });
  });

  it('then the simulated MCU drops their legs, and the others stay', async () => {
    const t0 = Date.now();
    for (const id of [district, ...communes]) await expect.poll(() => inCall(id), { timeout: 40_000, interval: 250 }).toBe(false);
    for (const id of [district, ...communes]) await expect.poll(() => row(id).count(), { timeout: 5_000 }).toBe(0);
    console.info(`roster: dropped by the MCU ${Date.now() - t0} ms after being flagged`);
    expect(await inCall('ubnd-tinh-1')).toBe(true);
    expect(await row('ubnd-tinh-1').getAttribute('data-state')).toBe('connected');
  });

  it('does not bring them back when the codecs come back', async () => {
    await injectFault(served, { target: DISTRICT, kind: 'clear' });
    await expect.poll(() => reachability(district), { timeout: 30_000, interval: 250 }).toBe('up');
    await new Promise((r) => setTimeout(r, 2000));
    for (const id of [district, ...communes]) expect(await inCall(id)).toBe(false);
    expect(await row(district).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
