import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedConsole } from './serve-process.js';
import { closeDemoConsole, logIn, openDemoConsole } from './demo-console.js';

/**
 * Discovery end to end (issue 12 item 5): a technician sweeps 127.0.0.0/29 on the port of the
 * demo's Bắc Kạn city codec (a simulated agent on 127.0.0.1, SNMPv2c "public"); the one codec
 * that answers is listed with its sysName, suggested profile and the mark that the inventory
 * already has it; the others stay silent. Too large a range is refused in words.
 */
const SHOTS = process.env.BRIDGEPOINT_SHOTS ?? '/tmp';
let served: ServedConsole;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  ({ served, browser, page } = await openDemoConsole(pageErrors));
  await logIn(page, served, 'kythuat');
  await page.getByTestId('rail-inventory').waitFor({ timeout: 30_000 });
  await page.keyboard.press('Alt+8');
  await page.getByTestId('inventory-view').waitFor();
});

afterAll(() => closeDemoConsole({ served, browser }));

describe('discovery (serve --demo)', () => {
  it('refuses a range larger than a /22 in words', async () => {
    await page.getByTestId('discovery-cidr').fill('10.0.0.0/16');
    await page.getByTestId('discovery-community').fill('public');
    await page.getByTestId('discovery-start').click();
    await expect.poll(() => page.getByTestId('discovery-error').innerText(), { timeout: 10_000 }).toContain('/22');
  });

  it('sweeps a small range: the demo codec answers, marked as already in the inventory', async () => {
    await page.getByTestId('discovery-cidr').fill('127.0.0.0/29');
    await page.getByTestId('discovery-port').fill('16105');
    await page.getByTestId('discovery-start').click();
    await expect.poll(() => page.getByTestId('discovery-progress').getAttribute('data-state'), { timeout: 15_000 }).toBe('finished');
    expect(await page.getByTestId('discovery-progress').innerText()).toContain('6/6');
    const rows = page.getByTestId('discovery-row');
    expect(await rows.count()).toBe(1);
    const row = await rows.first().innerText();
    expect(row).toContain('127.0.0.1:16105');
    expect(row).toContain('bac-kan-1');
    expect(row).toContain('polycom-group');
    expect(await rows.first().getByRole('checkbox').isDisabled()).toBe(true);
    await page.getByTestId('discovery-panel').scrollIntoViewIfNeeded();
    writeFileSync(join(SHOTS, 'bridgepoint-discovery.png'), await page.screenshot());
    expect(pageErrors).toEqual([]);
  });
});
