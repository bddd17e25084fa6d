import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedConsole } from './serve-process.js';
import { closeDemoConsole, logIn, openDemoConsole } from './demo-console.js';

/**
 * Secrets never reach a client (issue 11): a technician goes through every view of `serve --demo`
 * in Chromium while every API answer and every WebSocket frame the page receives is kept; none of
 * them, nor anything serve printed, holds the demo's SNMPv3 keys, its community or its MCU
 * password (as values: "public" and "demo" are also ordinary words in the demo's ids and text).
 */
const DISTINCT = ['bp-demo-auth-key', 'bp-demo-priv-key'];
const AS_VALUES = [/"community"/, /"authKey"/, /"privKey"/, /"password"\s*:/, /"public"/, /"demo"/];

let served: ServedConsole;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const received: string[] = [];

beforeAll(async () => {
  ({ served, browser, page } = await openDemoConsole(pageErrors));
  page.on('response', async (res) => {
    // The API's answers (the console's own scripts are code, not data).
    if (!res.url().startsWith(`${served.url}api/`)) return;
    try {
      received.push(await res.text());
    } catch {
      // a redirect or an aborted request has no body
    }
  });
  page.on('websocket', (ws) => ws.on('framereceived', (f) => received.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8'))));
});

afterAll(() => closeDemoConsole({ served, browser }));

describe('secrets never reach a client (serve --demo)', () => {
  it('a technician through every view, with the site details open', async () => {
    await logIn(page, served, 'kythuat');
    await page.waitForSelector('[data-testid="network-map"][data-painted="true"]', { timeout: 30_000 });
    for (const key of ['Alt+2', 'Alt+3', 'Alt+4', 'Alt+5', 'Alt+6', 'Alt+1']) {
      await page.keyboard.press(key);
      await page.waitForTimeout(1_500);
    }
    await page.locator('body').press('/');
    await page.keyboard.type('cho ra');
    await page.locator('[data-testid="map-results"] [data-site-id="ba-be-cho-ra"]').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator('[data-selected-site-id="ba-be-cho-ra"]').waitFor({ timeout: 10_000 });
    await page.waitForTimeout(2_000);
  });

  it('received the console’s data, and no secret in it or in what serve printed', () => {
    const all = received.join('\n');
    // The scan saw the real payloads: the tree, live status with the SNMP addresses, the roster.
    expect(all).toContain('"ba-be-cho-ra-1"');
    expect(all).toContain('127.0.0.1');
    expect(received.length).toBeGreaterThan(50);
    const output = served.output();
    for (const secret of DISTINCT) {
      expect(all.includes(secret), `${secret} in a payload`).toBe(false);
      expect(output.includes(secret), `${secret} in serve's output`).toBe(false);
    }
    for (const pattern of AS_VALUES) expect(all.match(pattern)?.[0] ?? null, `${pattern} in a payload`).toBeNull();
    expect(pageErrors).toEqual([]);
  });
});
