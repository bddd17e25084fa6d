import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServedConsole } from './serve-process.js';
import { closeDemoConsole, injectFault, logIn, openDemoConsole } from './demo-console.js';

/**
 * A district supervisor on the LAN (issue 11, e2e): `giamsat-babe` is scoped to Ba Bể. In the
 * browser they see Ba Bể alone (map, site list, Day view), no control anywhere; their alarms are
 * Ba Bể's; a mute they try through the API is refused (403) and audited; an operator's mute goes
 * through; and logging out closes the session's WebSocket at once.
 */
const SHOTS = process.env.BRIDGEPOINT_SHOTS ?? '/tmp';
const SUPERVISOR = 'giamsat-babe';
/** Names of sites outside Ba Bể that the demo shows on an unscoped console. */
const OUTSIDE = ['Na Rì', 'Pác Nặm', 'Chợ Đồn', 'Ngân Sơn', 'Bạch Thông', 'Chợ Mới', 'Văn phòng UBND tỉnh'];

let served: ServedConsole;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  ({ served, browser, page } = await openDemoConsole(pageErrors));
  await logIn(page, served, SUPERVISOR);
  await page.waitForSelector('[data-testid="network-map"][data-painted="true"]', { timeout: 30_000 });
});

afterAll(() => closeDemoConsole({ served, browser }));

const bodyText = (): Promise<string> => page.evaluate(() => document.body.innerText);
const json = async (res: Response): Promise<{ status: number; body: unknown }> => ({ status: res.status, body: await res.json() });

describe('a supervisor scoped to Ba Bể (serve --demo)', () => {
  it('sees only Ba Bể on the map and in the site list, and no other district by name', async () => {
    const nodes = Number(await page.getByTestId('network-map').getAttribute('data-nodes'));
    expect(nodes).toBeGreaterThan(5);
    expect(nodes).toBeLessThan(40);
    await page.keyboard.press('Alt+4');
    await expect.poll(() => page.locator('[data-site-id]').count(), { timeout: 10_000 }).toBeGreaterThan(5);
    const ids = await page.locator('[data-site-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-site-id')!));
    expect(ids.filter((id) => id !== 'ba-be' && !id.startsWith('ba-be-'))).toEqual([]);
    const text = await bodyText();
    for (const name of OUTSIDE) expect(text, name).not.toContain(name);
    writeFileSync(join(SHOTS, 'bridgepoint-scope-sites.png'), await page.screenshot());
  });

  it('sees only the meetings Ba Bể takes part in, and has no booking or start control', async () => {
    await page.keyboard.press('Alt+3');
    await page.getByTestId('schedule-view').waitFor({ timeout: 10_000 });
    // The demo's week, from today in the province's time zone.
    const day = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(Date.now() + offset * 86_400_000));
    const week = `/api/v1/meetings?date=${day(0)}&to=${day(7)}`;
    const mine = (await json(await served.api(week, {}, SUPERVISOR))).body as { meeting: { id: string } }[];
    const all = (await json(await served.api(week))).body as { meeting: { id: string } }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(all.length); // some of the week's meetings are other districts' alone
    const shown = await page.locator('[data-meeting-id]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-meeting-id')!))]);
    const visible = new Set(mine.map((m) => m.meeting.id));
    expect(shown.filter((id) => !visible.has(id))).toEqual([]);
    expect(await page.getByRole('button', { name: /Đặt lịch/ }).count()).toBe(0);
    const text = await bodyText();
    for (const name of OUTSIDE) expect(text, name).not.toContain(name);
  });

  it('has no conference control in the Live view', async () => {
    await page.keyboard.press('Alt+2');
    await page.getByTestId('session-view').waitFor();
    await expect.poll(() => page.getByTestId('roster-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    for (const control of ['mute-all', 'bulk-connect', 'dial-out', 'disconnect', 'layout-picker']) expect(await page.getByTestId(control).count(), control).toBe(0);
    writeFileSync(join(SHOTS, 'bridgepoint-scope-live.png'), await page.screenshot());
  });

  it("gets Ba Bể's alarms and none of another district's", async () => {
    await injectFault(served, { target: 'na-ri', kind: 'down', durationS: 120 });
    await injectFault(served, { target: 'ba-be-cho-ra', kind: 'down', durationS: 120 });
    const listed = async (user?: string): Promise<string[]> =>
      ((await json(await served.api('/api/v1/alarms?includeHidden=true', {}, user))).body as { id: string }[]).map((a) => a.id);
    await expect.poll(() => listed(), { timeout: 40_000, interval: 500 }).toEqual(expect.arrayContaining(['endpoint-down@endpoint:na-ri-1', 'endpoint-down@endpoint:ba-be-cho-ra-1']));
    const mine = await listed(SUPERVISOR);
    expect(mine).toContain('endpoint-down@endpoint:ba-be-cho-ra-1');
    expect(mine.filter((id) => /na-ri/.test(id))).toEqual([]);
    await injectFault(served, { target: 'na-ri', kind: 'clear' });
    await injectFault(served, { target: 'ba-be-cho-ra', kind: 'clear' });
  });

  it('is refused a mute through the API (403), and the refusal is in the audit log; an operator mutes', async () => {
    const conferences = (await json(await served.api('/api/v1/conferences', {}, 'dieuhanh'))).body as { id: string; participants: { id: string }[] }[];
    const conference = conferences.find((c) => c.participants.length > 0)!;
    const participant = conference.participants[0]!;
    const mute = (user: string) =>
      served.api('/api/v1/rpc/muteParticipant', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ conferenceId: conference.id, participantId: participant.id, audio: true }) }, user);
    const refused = await json(await mute(SUPERVISOR));
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    const audit = (await json(await served.api(`/api/v1/audit?user=${SUPERVISOR}&action=muteParticipant`))).body as { result: string; error: { code: string } | null }[];
    expect(audit[0]).toMatchObject({ result: 'failed', error: { code: 'forbidden' } });
    const done = await json(await mute('dieuhanh'));
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ ok: true });
  });

  it('logging out closes the WebSocket of that session at once (4401)', async () => {
    const login = await fetch(`${served.url}api/v1/rpc/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: SUPERVISOR, password: served.account(SUPERVISOR).password }),
    });
    const { token } = (await login.json()) as { token: string };
    const ws = new WebSocket(`${served.url.replace(/^http/, 'ws')}ws`, ['bridgepoint', `bearer.${token}`]);
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    const out = await fetch(`${served.url}api/v1/rpc/logout`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{}' });
    expect(out.status).toBe(200);
    expect(await closed).toBe(4401);
    expect((await fetch(`${served.url}api/v1/health`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
